import { hashText } from '../../domain/random.js';
import { l, type Localized } from '../../i18n/localized.js';
import { slowdownNotice } from './usage.js';
import type { PlatformPublisher, PublishFailure, PublishPolicy } from '../platform-publisher.js';
import type { GraphClient } from './client.js';
import { facebookCredentials, graphClientFor, type CredentialSource } from './credentials.js';
import { isGraphError } from './errors.js';
import {
  createPagePost,
  deletePost,
  getPagePost,
  listRecentPosts,
  listScheduledPosts,
  publishScheduledNow,
  reschedulePost,
} from './pages.js';

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** Graph failures in the lifecycle's terms; anything else never reached Meta. */
const classify = (pageId: string, policy: PublishPolicy, error: unknown): PublishFailure => {
  if (!isGraphError(error)) return { category: 'local', sent: false, retryAfterMs: undefined, alert: undefined };
  const { category } = error;
  return {
    category,
    sent: error.sent,
    retryAfterMs: error.retryAfterMs,
    alert:
      category === 'token' || category === 'permission'
        ? error.localized
        : category === 'policy'
          ? l(
              `Facebook blocked publishing to Page ${pageId} (368); paused ${policy.policyPauseHours} h.`,
              `Facebook a bloqué la publication sur la Page ${pageId} (368); pause de ${policy.policyPauseHours} h.`,
            )
          : undefined,
  };
};

/**
 * The Facebook Page adapter: photo posts to /photos (feed posts to /feed), reconciliation
 * against the Page's scheduled and recent posts, native scheduling through
 * `scheduled_publish_time`.
 */
export const facebookPublisher = (client: GraphClient, pageId: string, policy: PublishPolicy): PlatformPublisher => ({
  accountId: pageId,
  policy,
  create: (p) =>
    createPagePost(client, {
      pageId,
      message: p.message,
      image: p.image,
      scheduledPublishTime: p.scheduledAt ? unix(p.scheduledAt) : undefined,
    }),
  find: async (textHash, since, exclude) => {
    // Scheduled first: a natively scheduled attempt lives there until its time.
    const scheduled = await listScheduledPosts(client, pageId);
    const hit = scheduled.find((p) => p.message !== null && !exclude.has(p.id) && hashText(p.message) === textHash);
    if (hit) return { postId: hit.id, scheduled: !hit.isPublished };
    const recent = await listRecentPosts(client, pageId, unix(since));
    const found = recent.find((p) => p.message !== null && !exclude.has(p.id) && hashText(p.message) === textHash);
    return found ? { postId: found.id, scheduled: false } : undefined;
  },
  classify: (error) => classify(pageId, policy, error),
  native: {
    publishNow: (postId) => publishScheduledNow(client, pageId, postId),
    reschedule: (postId, at) => reschedulePost(client, pageId, postId, unix(at)),
    cancel: (postId) => deletePost(client, pageId, postId),
    isPublished: async (postId) => {
      const p = await getPagePost(client, pageId, postId);
      return { published: p.isPublished, permalink: p.permalink };
    },
  },
  close: () => client.close(),
});

/** Without credentials, the Page id a dry-run record names (the brand's, else FACEBOOK_PAGE_ID). */
const configuredPageId = (src: CredentialSource): string | null =>
  src.brand.facebook.pageId ?? src.env.get('FACEBOOK_PAGE_ID') ?? null;

/** The Page a brand publishes to, whether or not it can (a dry run names it). */
export const facebookPageId = (src: CredentialSource): string | null => {
  const found = facebookCredentials(src);
  return found.ok ? found.credentials.pageId : configuredPageId(src);
};

/**
 * The brand's Facebook publisher when it has a token and a Page id; otherwise what is missing
 * and the Page id it would use (for the dry-run record).
 */
export const openFacebookPublisher = (
  src: CredentialSource,
  /** Told once when Meta's usage headers slow the pass down (reason and expected wait). */
  notice?: (message: Localized) => void,
): { ok: true; publisher: PlatformPublisher } | { ok: false; missing: string[]; pageId: string | null } => {
  const found = facebookCredentials(src);
  if (!found.ok) return { ok: false, missing: found.missing, pageId: configuredPageId(src) };
  const fb = src.config.facebook;
  const policy: PublishPolicy = {
    settleMs: fb.settleMs,
    maxAttempts: fb.maxAttempts,
    retryMinMs: fb.retryMinMs,
    cooldownMs: fb.breakerCooldownMs,
    policyPauseHours: fb.policyPauseHours,
  };
  return {
    ok: true,
    publisher: facebookPublisher(
      graphClientFor(src, found.credentials, {
        onEvent: (event) => {
          if (event.type === 'slowdown') notice?.(slowdownNotice(event.usage, event.pauseMs, fb.slowdownPercent));
        },
      }),
      found.credentials.pageId,
      policy,
    ),
  };
};
