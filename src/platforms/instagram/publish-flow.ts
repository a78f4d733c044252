import type { GraphClient } from '../facebook/client.js';
import { InstagramError, isInstagramError, type InstagramErrorCategory } from './errors.js';
import { containerStatus, createContainer, getMedia, publishContainer, publishingLimit } from './media.js';

export interface InstagramPost {
  imageUrl: string;
  caption: string;
  altText?: string | undefined;
}

export interface InstagramPublished {
  mediaId: string;
  containerId: string;
  permalink: string | null;
}

export interface PublishFlowOptions {
  /** Between two reads of the container status. */
  pollMs: number;
  /** How long the container may stay IN_PROGRESS. */
  containerTimeoutMs: number;
  /** media_publish answered "not ready" (9007) this many times at most before giving up the attempt. */
  notReadyRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  nowMs?: () => number;
  /** The container exists (its id goes to the publication's audit trail before publishing). */
  onContainer?: (containerId: string) => void | Promise<void>;
}

/** Answers Meta gives only when nothing was published: safe to try again after reconciling nothing. */
const DEFINITE_REFUSALS = new Set<InstagramErrorCategory>([
  'not_ready',
  'fetch_failed',
  'container_error',
  'expired',
  'media_invalid',
  'caption_invalid',
  'quota',
  'spam',
  'restricted',
  'token',
  'permission',
  'throttled',
  'invalid',
]);

const HOUR_MS = 3_600_000;

/**
 * One Instagram image post: quota read from `content_publishing_limit` (never assumed), a
 * container with the public image URL, caption and alt text, its status polled until FINISHED
 * (ERROR or EXPIRED end the attempt: the next attempt makes a new container), then
 * `media_publish`, the only call that publishes, sent once. The permalink is read back.
 */
export const publishInstagramImage = async (
  client: GraphClient,
  igUserId: string,
  post: InstagramPost,
  o: PublishFlowOptions,
): Promise<InstagramPublished> => {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nowMs = o.nowMs ?? Date.now;
  const limit = await publishingLimit(client, igUserId);
  if (limit && limit.usage >= limit.total) {
    throw new InstagramError({
      category: 'quota',
      message: `publishing quota used up (${limit.usage}/${limit.total} in ${Math.round(limit.durationSeconds / 3600)} h)`,
      sent: false,
      retryAfterMs: HOUR_MS,
    });
  }
  const containerId = await createContainer(client, igUserId, post);
  await o.onContainer?.(containerId);
  const deadline = nowMs() + o.containerTimeoutMs;
  for (;;) {
    const status = await containerStatus(client, igUserId, containerId);
    if (status.code === 'FINISHED') break;
    if (status.code === 'ERROR')
      throw new InstagramError({
        category: 'container_error',
        message: `the media container failed (${status.status ?? 'ERROR'})`,
        sent: false,
      });
    if (status.code === 'EXPIRED')
      throw new InstagramError({ category: 'expired', message: 'the media container expired', sent: false });
    if (status.code === 'PUBLISHED')
      throw new InstagramError({
        category: 'unknown_outcome',
        message: 'the media container is already published',
        sent: true,
      });
    if (nowMs() >= deadline)
      throw new InstagramError({
        category: 'not_ready',
        message: `the media container was still processing after ${Math.round(o.containerTimeoutMs / 1000)} s`,
        sent: false,
      });
    await sleep(o.pollMs);
  }
  let mediaId: string | undefined;
  for (let attempt = 0; mediaId === undefined; attempt += 1) {
    try {
      mediaId = await publishContainer(client, igUserId, containerId);
    } catch (error) {
      if (!isInstagramError(error)) throw error;
      if (error.category === 'not_ready' && attempt < (o.notReadyRetries ?? 5)) {
        await sleep(o.pollMs);
        continue;
      }
      if (!DEFINITE_REFUSALS.has(error.category)) throw error;
      // Meta answered with a clear refusal: nothing was published.
      throw new InstagramError({
        category: error.category,
        message: error.message
          .replace(/^Instagram: /, '')
          .replace(/ \[[^\]]*\]\.?$/, '')
          .replace(/\.$/, ''),
        code: error.graphCode,
        subcode: error.subcode,
        sent: false,
        retryAfterMs: error.retryAfterMs ?? (error.category === 'quota' ? HOUR_MS : undefined),
        cause: error,
      });
    }
  }
  const permalink = await getMedia(client, igUserId, mediaId)
    .then((m) => m.permalink)
    .catch(() => null);
  return { mediaId, containerId, permalink };
};
