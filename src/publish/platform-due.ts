import type { ServiceDeps } from '../deps/service-deps.js';
import { isAutoscaleError } from '../errors/errors.js';
import { pick, type Localized } from '../i18n/localized.js';
import type { ChannelPublisher } from '../platforms/channel.js';
import { recordAudit } from '../store/audit-repo.js';
import {
  platformPostsOf,
  platformPostsWithWork,
  postsAwaitingPlatforms,
  transitionPlatformPost,
} from '../store/platform-posts-repo.js';
import { getPost, transitionPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { openChannel } from './platform-channels.js';
import type { MediaUrl } from './media-url.js';
import { ensurePlatformPosts, publishesToFacebook } from './platform-plan.js';
import { publishPlatformPost, type PlatformOutcome } from './platform-publish.js';

export interface PlatformDueReport {
  outcomes: PlatformOutcome[];
  /** Platforms with due work that could not publish (not set up), with why. */
  blocked: { platform: string; reason: string; posts: number }[];
}

/** Gives every approved post its platform rows (idempotent). */
export const planPlatforms = async (deps: ServiceDeps): Promise<void> => {
  for (const post of await postsAwaitingPlatforms(deps.db, deps.brandSlug)) await ensurePlatformPosts(deps, post);
};

/**
 * A brand that does not publish to Facebook: its post follows its platforms (published when one
 * of them published and none is still pending, failed when all failed).
 */
export const settleWithoutFacebook = async (deps: ServiceDeps, postId: string): Promise<void> => {
  if (publishesToFacebook(deps.brand)) return;
  const post = await getPost(deps.db, postId);
  if (!post || post.state !== 'approved') return;
  const rows = await platformPostsOf(deps.db, postId);
  if (rows.length === 0 || rows.some((r) => ['scheduled', 'publishing', 'unconfirmed'].includes(r.state))) return;
  const to = rows.some((r) => r.state === 'published') ? 'published' : 'failed';
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    if (!(await transitionPost(trx, w, postId, 'approved', 'publishing'))) return;
    await transitionPost(
      trx,
      w,
      postId,
      'publishing',
      to,
      to === 'failed' ? { failureReason: 'every platform failed' } : {},
    );
    await recordAudit(trx, w, { entity: 'post', entityId: postId, action: 'platforms_settled', from: 'approved', to });
  });
};

/**
 * Every platform post with work: in flight ones are reconciled, due ones published. One
 * platform that is not set up (or fails) never blocks the others.
 */
export const publishDuePlatforms = async (
  deps: ServiceDeps,
  onOutcome?: (o: PlatformOutcome) => void,
  extra: { mediaUrl?: MediaUrl | undefined } = {},
): Promise<PlatformDueReport> => {
  await planPlatforms(deps);
  const report: PlatformDueReport = { outcomes: [], blocked: [] };
  const rows = await platformPostsWithWork(deps.db, deps.brandSlug);
  const now = deps.clock.now().getTime();
  const channels = new Map<string, ChannelPublisher | { reason: Localized }>();
  const lang = deps.config.lang ?? 'fr';
  try {
    for (const row of rows) {
      const due =
        row.state !== 'scheduled' ||
        Math.max(new Date(row.slotAt).getTime(), row.nextAttemptAt ? new Date(row.nextAttemptAt).getTime() : 0) <= now;
      if (!due) continue;
      const platform = row.platform as 'instagram' | 'linkedin';
      if (!channels.has(platform)) {
        const opened = await openChannel(deps, platform, extra);
        channels.set(platform, opened.ok ? opened.channel : { reason: opened.reason });
      }
      const channel = channels.get(platform)!;
      if ('reason' in channel) {
        const entry = report.blocked.find((b) => b.platform === platform);
        if (entry) entry.posts += 1;
        else report.blocked.push({ platform, reason: pick(channel.reason, lang), posts: 1 });
        continue;
      }
      let result: PlatformOutcome;
      try {
        result = await publishPlatformPost(deps, row.postId, platform, channel);
      } catch (error) {
        if (!isAutoscaleError(error)) throw error;
        // Something of ours (a missing image file...): this row fails, the others go on.
        const reason = pick(error.localized, lang);
        const fresh = (await platformPostsOf(deps.db, row.postId)).find((r) => r.platform === platform);
        if (fresh && fresh.state === 'scheduled')
          await immediate(deps.db, async (trx) => {
            await transitionPlatformPost(trx, deps.writer(), fresh.id, 'scheduled', 'failed', {
              failureReason: reason,
            });
          });
        result = {
          postId: row.postId,
          platform,
          action: 'failed',
          state: 'failed',
          remoteId: null,
          permalink: null,
          retryAt: null,
          reason,
        };
      }
      report.outcomes.push(result);
      onOutcome?.(result);
      await settleWithoutFacebook(deps, row.postId);
    }
  } finally {
    for (const c of channels.values()) if (!('reason' in c)) c.close();
  }
  return report;
};
