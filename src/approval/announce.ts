import { brandLang } from '../config/lang.js';
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { ServiceDeps } from '../deps/service-deps.js';
import { isAutoscaleError } from '../errors/errors.js';
import { configuredChannels, queueNotification } from '../notify/notify-service.js';
import { slackAppSettings } from '../notify/slack-api.js';
import type { NotifyEvent } from '../notify/events.js';
import { insertLink } from '../store/approval-repo.js';
import type { Enqueue } from '../store/jobs-repo.js';
import { depsForPost, loadReview, proposedSlot, type ReviewView } from './approval-service.js';
import { newLinkId, reviewUrl, signedMediaUrl, signingKey, signLink } from './links.js';
import { reviewMessage } from './slack-message.js';

/** Where links point: approval.publicUrl, else the local listen address (same machine only). */
export const pageBaseUrl = (deps: Pick<ServiceDeps, 'config'>): { url: string; public: boolean } => {
  const a = deps.config.approval;
  if (a.publicUrl) return { url: a.publicUrl, public: true };
  return { url: `http://${a.listen ?? '127.0.0.1:8787'}`, public: false };
};

export interface IssuedLink {
  url: string;
  token: string;
  linkId: string;
  postId: string;
  version: string;
  expiresAt: string;
}

/** A signed review link for the post as it is now, recorded so its single use can be tracked. */
export const issueLink = async (
  deps: ServiceDeps,
  view: Pick<ReviewView, 'post' | 'version'>,
  options: { expiresInMs?: number | undefined; createdBy: string },
): Promise<IssuedLink> => {
  const key = signingKey(deps.env);
  const now = deps.clock.now();
  const ms = options.expiresInMs ?? deps.config.approval.linkHours * 3_600_000;
  const expires = Math.floor((now.getTime() + ms) / 1000);
  const linkId = newLinkId();
  const token = signLink(key, { linkId, postId: view.post.id, version: view.version, expires });
  const expiresAt = new Date(expires * 1000).toISOString();
  await insertLink(deps.db, {
    id: linkId,
    postId: view.post.id,
    reviewVersion: view.version,
    expiresAt,
    createdAt: now.toISOString(),
    createdBy: options.createdBy,
  });
  return {
    url: reviewUrl(pageBaseUrl(deps).url, token),
    token,
    linkId,
    postId: view.post.id,
    version: view.version,
    expiresAt,
  };
};

/** The image as it will be published, at an expiring public URL (only with approval.publicUrl). */
export const publicImageUrl = (deps: ServiceDeps, view: ReviewView, expiresAt: Date): string | undefined => {
  const base = deps.config.approval.publicUrl;
  if (!base || !view.image) return undefined;
  const ext = extname(view.image.path).slice(1) || view.image.format;
  return signedMediaUrl(signingKey(deps.env), { publicUrl: base, sha256: view.image.sha256, ext, expiresAt });
};

interface AnnounceLog {
  warn(o: object, m: string): void;
}

/**
 * A link for a notification, when links can be signed: a home without a signing secret still
 * gets its notification, without the link.
 */
const linkForNotice = async (deps: ServiceDeps, view: ReviewView, log: AnnounceLog) => {
  if (!deps.env.get('APPROVAL_SIGNING_SECRET')) return undefined;
  try {
    return await issueLink(deps, view, { createdBy: 'daemon' });
  } catch (error) {
    log.warn(
      { err: isAutoscaleError(error) ? error.code : (error as Error).message },
      'no review link for the notification',
    );
    return undefined;
  }
};

/** The interactive review message of a post as it is now (slot proposed with a fresh seed). */
export const interactiveMessage = async (deps: ServiceDeps, view: ReviewView, link: IssuedLink | undefined) => {
  // The seed the buttons carry: approving with it draws the slot the message shows.
  const seed = `${view.post.id}:${randomUUID()}`;
  const slot = await proposedSlot(deps, view.post, seed);
  return reviewMessage({
    view,
    brandName: deps.brand.name,
    lang: brandLang(deps.brand),
    timeZone: deps.brand.timezone,
    slot: { at: slot.at, seed },
    pageUrl: link && pageBaseUrl(deps).public ? link.url : undefined,
    imageUrl: link ? publicImageUrl(deps, view, new Date(link.expiresAt)) : undefined,
  });
};

/** A review message for the current version, to replace a stale one in place. */
export const refreshedMessage = async (deps: ServiceDeps, postId: string, log: AnnounceLog) => {
  const view = await loadReview(deps, postId);
  const local = depsForPost(deps, view.post);
  return { view, message: await interactiveMessage(local, view, await linkForNotice(local, view, log)) };
};

/**
 * "Ready for review" in every configured channel: the Slack app gets the interactive message
 * (variants, gate, image, proposed slot, buttons), e-mail and the webhook get the summary; each
 * carries the signed page link when the page is set up.
 */
export const announceDraft = async (deps: ServiceDeps, enqueue: Enqueue, postId: string, log: AnnounceLog) => {
  const view = await loadReview(deps, postId);
  const local = depsForPost(deps, view.post);
  // No channel, no notice: and no link signed for nobody.
  if (configuredChannels(local).length === 0) return [];
  const link = await linkForNotice(local, view, log);
  const interactive = slackAppSettings(local.env, local.config)
    ? { ...(await interactiveMessage(local, view, link)), postId: view.post.id, reviewVersion: view.version }
    : undefined;
  return queueNotification(
    local,
    enqueue,
    { type: 'draft_ready', brand: local.brandSlug, postId: view.post.id },
    { review: { link: link?.url, interactive } },
  );
};

/** A reminder or a "moved" notice, with a fresh link. */
export const announceReview = async (
  deps: ServiceDeps,
  enqueue: Enqueue,
  event: Extract<NotifyEvent, { type: 'review_reminder' | 'review_moved' }>,
  log: AnnounceLog,
) => {
  const view = await loadReview(deps, event.postId);
  const link = await linkForNotice(deps, view, log);
  return queueNotification(deps, enqueue, event, { review: { link: link?.url } });
};
