import type { Platform } from '../domain/platform.js';
import type { PlatformPostState } from '../domain/platform-post.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { pick, type Localized } from '../i18n/localized.js';
import type { ChannelPublisher } from '../platforms/channel.js';
import { platformImage } from '../images/platform-images.js';
import { recordAudit } from '../store/audit-repo.js';
import { newId } from '../store/ids.js';
import {
  insertPlatformPublication,
  ownedRemoteIds,
  platformAttempts,
  platformPost,
  transitionPlatformPost,
  updatePlatformPublication,
  type PlatformPost,
  type PlatformPublication,
} from '../store/platform-posts-repo.js';
import { getPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { platformText } from './platform-plan.js';

/**
 * Exactly once per platform (Instagram, LinkedIn), with Facebook's guarantees:
 *
 * 1. The intent (a `pending` platform_publications row with the attempt number and the marker
 *    of the text) is committed, and the platform post moves to `publishing`, BEFORE the call.
 * 2. The call; its answer is committed with the remote id and permalink.
 * 3. A crash, a lost answer or a 5xx leaves `publishing`/`unconfirmed` with a `pending`/`unknown`
 *    attempt: the next run lists the account's recent posts and matches the marker. Found →
 *    published. Absent after the platform's settle time → a new attempt. The listing fails →
 *    still unconfirmed; nothing is sent while the outcome is unknown.
 *
 * Each platform post moves alone: a failure on one platform neither blocks nor repeats another.
 */

export type PlatformAction =
  'published' | 'not_due' | 'waiting' | 'retry_later' | 'unconfirmed' | 'failed' | 'unchanged';

export interface PlatformOutcome {
  postId: string;
  platform: Platform;
  action: PlatformAction;
  state: PlatformPostState;
  remoteId: string | null;
  permalink: string | null;
  /** When to look again (not due, settling, backoff, pause). */
  retryAt: string | null;
  reason: string | null;
}

/** Backoff between two failed attempts of one platform post. */
const backoffMs = (attempt: number) => Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempt - 1));
/** An attempt's window for reconciliation starts this long before it (clock skew with the platform). */
const SKEW_MS = 5 * 60_000;

const outcome = (row: PlatformPost, action: PlatformAction, extra: Partial<PlatformOutcome> = {}): PlatformOutcome => ({
  postId: row.postId,
  platform: row.platform,
  action,
  state: row.state,
  remoteId: row.remoteId,
  permalink: row.permalink,
  retryAt: null,
  reason: row.failureReason,
  ...extra,
});

const text = (deps: ServiceDeps, m: Localized) => pick(m, deps.config.lang ?? 'fr');

/** Counted attempts: the ones that reached the platform or were refused; pauses do not count. */
const counted = (attempts: PlatformPublication[]) => attempts.filter((a) => a.status !== 'deferred').length;

const markPublished = async (
  deps: ServiceDeps,
  row: PlatformPost,
  attempt: PlatformPublication,
  remoteId: string,
  permalink: string | null,
  how: 'call' | 'reconciled',
) => {
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    await updatePlatformPublication(trx, w, attempt.id, {
      status: 'published',
      finishedAt: w.now,
      remoteId: remoteId,
      permalink,
    });
    await transitionPlatformPost(trx, w, row.id, row.state, 'published', {
      remoteId: remoteId,
      permalink,
      publishedAt: w.now,
      failureReason: null,
      nextAttemptAt: null,
    });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: row.postId,
      action: `${row.platform}_published`,
      from: row.state,
      to: 'published',
      reason: how,
      data: { platform: row.platform, remoteId, permalink, attempt: attempt.attemptNo },
    });
  });
};

/**
 * Settles an attempt whose outcome is unknown. Returns the outcome when the row is settled for
 * now (published, still unknown, settling), or undefined when the attempt is known absent and a
 * new one may be made.
 */
const reconcile = async (
  deps: ServiceDeps,
  channel: ChannelPublisher,
  row: PlatformPost,
  last: PlatformPublication,
): Promise<PlatformOutcome | undefined> => {
  const now = deps.clock.now();
  const started = new Date(last.startedAt).getTime();
  let found: Awaited<ReturnType<ChannelPublisher['find']>>;
  try {
    const exclude = await ownedRemoteIds(deps.db, row.platform, last.accountId);
    found = await channel.find(last.textHash, new Date(started - SKEW_MS), exclude);
  } catch (error) {
    const reason = text(deps, channel.classify(error).reason);
    if (row.state === 'publishing')
      await immediate(deps.db, async (trx) => {
        const w = deps.writer();
        await updatePlatformPublication(trx, w, last.id, { status: 'unknown', error: reason });
        await transitionPlatformPost(trx, w, row.id, 'publishing', 'unconfirmed', { failureReason: reason });
      });
    return outcome({ ...row, state: 'unconfirmed' }, 'unconfirmed', {
      retryAt: new Date(now.getTime() + 60_000).toISOString(),
      reason,
    });
  }
  if (found) {
    await markPublished(deps, row, last, found.remoteId, found.permalink, 'reconciled');
    return outcome({ ...row, state: 'published' }, 'published', {
      remoteId: found.remoteId,
      permalink: found.permalink,
    });
  }
  if (now.getTime() - started < channel.settleMs) {
    if (row.state === 'publishing')
      await immediate(deps.db, async (trx) => {
        const w = deps.writer();
        await updatePlatformPublication(trx, w, last.id, { status: 'unknown' });
        await transitionPlatformPost(trx, w, row.id, 'publishing', 'unconfirmed');
      });
    return outcome({ ...row, state: 'unconfirmed' }, 'waiting', {
      retryAt: new Date(started + channel.settleMs).toISOString(),
    });
  }
  // Known absent: the attempt never became a post.
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    await updatePlatformPublication(trx, w, last.id, { status: 'absent', finishedAt: w.now });
    await transitionPlatformPost(trx, w, row.id, row.state, 'scheduled');
  });
  return undefined;
};

/**
 * One platform post's turn: reconcile what is in flight, then (when due and allowed) one
 * attempt. Safe to call at any time, from any process holding the publisher gate.
 */
export const publishPlatformPost = async (
  deps: ServiceDeps,
  postId: string,
  platform: Platform,
  channel: ChannelPublisher,
): Promise<PlatformOutcome> => {
  let row = await platformPost(deps.db, postId, platform);
  const post = await getPost(deps.db, postId);
  if (!row || !post) throw new Error(`no ${platform} row for post ${postId}`);
  if (['published', 'failed', 'cancelled'].includes(row.state)) return outcome(row, 'unchanged');
  let attempts = await platformAttempts(deps.db, row.id);
  const last = attempts.at(-1);
  if ((row.state === 'publishing' || row.state === 'unconfirmed') && last) {
    const settled = await reconcile(deps, channel, row, last);
    if (settled) return settled;
    row = (await platformPost(deps.db, postId, platform))!;
    attempts = await platformAttempts(deps.db, row.id);
  }
  if (row.state !== 'scheduled') return outcome(row, 'unchanged');
  const now = deps.clock.now();
  const dueAt = Math.max(new Date(row.slotAt).getTime(), row.nextAttemptAt ? new Date(row.nextAttemptAt).getTime() : 0);
  if (dueAt > now.getTime()) return outcome(row, 'not_due', { retryAt: new Date(dueAt).toISOString() });
  // Content is frozen once the approved post has left review; a post sent back or rejected stops here.
  if (!['approved', 'scheduled', 'publishing', 'unconfirmed', 'published', 'measured'].includes(post.state))
    return outcome(row, 'unchanged', { reason: `post is ${post.state}` });
  if (counted(attempts) >= channel.maxAttempts) {
    const spent = row;
    await immediate(deps.db, async (trx) => {
      const w = deps.writer();
      await transitionPlatformPost(trx, w, spent.id, 'scheduled', 'failed', {
        failureReason: spent.failureReason ?? 'too many attempts',
      });
    });
    return outcome({ ...row, state: 'failed' }, 'failed');
  }

  const body = await platformText(deps, post, row);
  if (body === undefined) throw new Error(`post ${postId} has no approved text`);
  const image = await platformImage(deps, post, platform as 'instagram' | 'linkedin');
  const attempt: PlatformPublication = {
    id: newId(),
    platformPostId: row.id,
    postId: postId,
    platform,
    accountId: channel.accountId,
    attemptNo: (attempts.at(-1)?.attemptNo ?? 0) + 1,
    status: 'pending',
    textHash: channel.marker(body),
    imageSha256: image?.row.sha256 ?? null,
    startedAt: now.toISOString(),
    finishedAt: null,
    remoteId: null,
    permalink: null,
    error: null,
  };
  const current = row;
  // 1. The intent, before any call.
  const claimed = await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const moved = await transitionPlatformPost(trx, w, current.id, 'scheduled', 'publishing', {
      attempts: current.attempts + 1,
      accountId: channel.accountId,
      nextAttemptAt: null,
    });
    if (!moved) return false;
    await insertPlatformPublication(trx, w, { ...attempt, startedAt: w.now });
    return true;
  });
  if (!claimed) return outcome(row, 'unchanged', { reason: 'changed by another process' });
  row = { ...row, state: 'publishing', attempts: row.attempts + 1 };
  // 2. The call.
  try {
    const created = await channel.create({
      text: body,
      image: image ? { data: image.data, sha256: image.row.sha256, contentType: 'image/jpeg' } : undefined,
      altText: image?.row.headline ?? undefined,
    });
    await markPublished(deps, row, attempt, created.remoteId, created.permalink, 'call');
    return outcome({ ...row, state: 'published' }, 'published', {
      remoteId: created.remoteId,
      permalink: created.permalink,
    });
  } catch (error) {
    const failure = channel.classify(error);
    const reason = text(deps, failure.reason);
    const at = deps.clock.now();
    if (failure.kind === 'unknown_outcome') {
      await immediate(deps.db, async (trx) => {
        const w = deps.writer();
        await updatePlatformPublication(trx, w, attempt.id, { status: 'unknown', error: reason });
        await transitionPlatformPost(trx, w, row.id, 'publishing', 'unconfirmed', { failureReason: reason });
      });
      return outcome({ ...row, state: 'unconfirmed' }, 'unconfirmed', {
        retryAt: new Date(at.getTime() + channel.settleMs).toISOString(),
        reason,
      });
    }
    if (failure.kind === 'fail') {
      await immediate(deps.db, async (trx) => {
        const w = deps.writer();
        await updatePlatformPublication(trx, w, attempt.id, { status: 'failed', finishedAt: w.now, error: reason });
        await transitionPlatformPost(trx, w, row.id, 'publishing', 'failed', { failureReason: reason });
        await recordAudit(trx, w, {
          entity: 'post',
          entityId: postId,
          action: `${platform}_failed`,
          from: 'publishing',
          to: 'failed',
          reason,
          data: { platform, attempt: attempt.attemptNo },
        });
      });
      return outcome({ ...row, state: 'failed' }, 'failed', { reason });
    }
    const wait = failure.retryAfterMs ?? backoffMs(counted(attempts) + 1);
    const retryAt = new Date(at.getTime() + wait).toISOString();
    await immediate(deps.db, async (trx) => {
      const w = deps.writer();
      await updatePlatformPublication(trx, w, attempt.id, {
        status: failure.kind === 'pause' ? 'deferred' : 'failed',
        finishedAt: w.now,
        error: reason,
      });
      await transitionPlatformPost(trx, w, row.id, 'publishing', 'scheduled', {
        nextAttemptAt: retryAt,
        failureReason: reason,
      });
    });
    return outcome({ ...row, state: 'scheduled' }, 'retry_later', { retryAt, reason });
  }
};
