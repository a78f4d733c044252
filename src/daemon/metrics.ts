import { queueNotification } from '../notify/notify-service.js';
import { facebookCredentials, graphClientFor } from '../platforms/facebook/credentials.js';
import { fetchPostInsights, type PostInsights } from '../platforms/facebook/insights.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { insertSnapshot } from '../store/analytics-repo.js';
import { recordAudit } from '../store/audit-repo.js';
import { bestEngagement, livePublishedRow, snapshotExists } from '../store/daemon-repo.js';
import { getPost, transitionPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { withPublisherGate } from './publisher-gate.js';
import { PermanentJobError, type HandlerFor } from '../jobs/registry.js';

export interface EngagementFigures {
  rate: number | null;
  basis: string;
}

/**
 * Engagement rate = (reactions + comments + shares) ÷ unique viewers (docs/REPORTS.md). Null when
 * the denominator is missing or zero. A missing numerator counts as 0 and is named in the
 * basis, so one refused field never loses the rest of the snapshot.
 */
export const engagementOf = (
  i: Pick<PostInsights, 'reactions' | 'comments' | 'shares' | 'uniqueViewers' | 'commentsBasis'>,
): EngagementFigures => {
  const parts = [
    ['reactions', i.reactions],
    ['comments', i.comments],
    ['shares', i.shares],
  ] as const;
  const present = parts.filter(([, v]) => v !== null);
  const absent = parts.filter(([, v]) => v === null).map(([n]) => n);
  let basis = `(${present.map(([n]) => n).join('+') || 'nothing'})/unique_viewers (post_total_media_view_unique)`;
  if (i.commentsBasis === 'activity') basis += '; comments from post_activity_by_action_type';
  if (absent.length) basis += `; missing: ${absent.join(', ')}`;
  if (i.uniqueViewers === null || i.uniqueViewers <= 0) return { rate: null, basis: `${basis}; no unique viewers` };
  const engaged = present.reduce((sum, [, v]) => sum + (v ?? 0), 0);
  return { rate: engaged / i.uniqueViewers, basis };
};

/**
 * `metrics`: one snapshot ('24h' or '7d') of a published post. Pulled once: the snapshot is
 * unique per post and label, and a re-run after a crash finds it and stops. The first snapshot
 * moves the post published → measured in the same transaction. Token, throttle and outage
 * errors throw (the runner waits `retryAfterMs` / backs off); refused metrics or fields are
 * listed in `missing`. Then the learning loop is refreshed and the alerts are queued: below
 * `notify.lowEngagement` at 24 h (email), a brand record (both channels).
 */
export const metricsHandler: HandlerFor<'metrics'> = async (ctx) => {
  const { deps } = ctx;
  const { postId, label } = ctx.payload;
  if (await snapshotExists(deps.db, postId, label)) return { result: { post: postId, label, already: true } };
  const row = await livePublishedRow(deps.db, postId);
  if (!row?.fbPostId) throw new PermanentJobError(`post ${postId} has no published Facebook post to measure`);
  const found = facebookCredentials(deps);
  if (!found.ok)
    throw new PermanentJobError(`no Facebook credentials (${found.missing.join(', ')}): metrics cannot be read`);
  const owner = ctx.job.leaseOwner ?? deps.writer().actor;
  const gated = await withPublisherGate(deps, owner, async () => {
    const client = graphClientFor(deps, found.credentials);
    try {
      return await fetchPostInsights(client, row.pageId ?? found.credentials.pageId, row.fbPostId!);
    } finally {
      client.close();
    }
  });
  if (gated.busy)
    return { rescheduleAt: new Date(deps.clock.now().getTime() + 60_000), result: { busy: gated.reason } };
  const insights = gated.value;
  const { rate, basis } = engagementOf(insights);
  const missing = insights.missing.map((m) => `${m.name} (${m.reason})`);
  const stored = await immediate(deps.db, async (trx) => {
    if (await snapshotExists(trx, postId, label)) return false;
    const w = deps.writer();
    const id = await insertSnapshot(trx, w, {
      postId,
      publicationId: row.publicationId,
      label,
      takenAt: w.now,
      views: insights.views,
      uniqueViewers: insights.uniqueViewers,
      reactions: insights.reactions,
      comments: insights.comments,
      shares: insights.shares,
      clicks: insights.clicks,
      engagementRate: rate,
      basis,
      missing,
    });
    const post = await getPost(trx, postId);
    if (post?.state === 'published' && (await transitionPost(trx, w, postId, 'published', 'measured'))) {
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: postId,
        action: 'measured',
        from: 'published',
        to: 'measured',
        data: { snapshot: id, label },
      });
    }
    return true;
  });
  if (!stored) return { result: { post: postId, label, already: true } };
  ctx.log.info({ post: postId, label, rate, missing: missing.length }, 'metrics snapshot stored');
  try {
    await refreshLearning(deps);
  } catch (error) {
    // The snapshot is what matters; the next pull (or generation) refreshes the beliefs again.
    ctx.log.warn({ err: (error as Error).message }, 'learning refresh failed after the metrics pull');
  }
  if (rate !== null) {
    const threshold = deps.config.notify.lowEngagement;
    if (label === '24h' && rate < threshold) {
      await queueNotification(
        deps,
        ctx.enqueue,
        { type: 'low_engagement', brand: deps.brandSlug, postId, rate, threshold, basis },
        { channels: ['email'] },
      );
    }
    const best = await bestEngagement(deps.db, deps.brandSlug, label, postId);
    if (best !== null && rate > best) {
      await queueNotification(deps, ctx.enqueue, {
        type: 'record_engagement',
        brand: deps.brandSlug,
        postId,
        rate,
        previousBest: best,
      });
    }
  }
  return {
    result: {
      post: postId,
      label,
      views: insights.views,
      uniqueViewers: insights.uniqueViewers,
      engagementRate: rate,
      missing,
    },
  };
};

const refreshLearning = async (deps: ServiceDeps) =>
  (await import('../optimize/insights-service.js')).refreshLearning(deps);
