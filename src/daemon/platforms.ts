import type { ServiceDeps } from '../deps/service-deps.js';
import { pick } from '../i18n/localized.js';
import type { HandlerFor, JobContext, JobOutcome } from '../jobs/registry.js';
import { queueNotification } from '../notify/notify-service.js';
import { openChannel } from '../publish/platform-channels.js';
import { pageServerMediaUrl } from '../services/page-media-url.js';
import { planPlatforms, settleWithoutFacebook } from '../publish/platform-due.js';
import { publishPlatformPost, type PlatformOutcome } from '../publish/platform-publish.js';
import { measurePlatformPost } from '../publish/platform-metrics.js';
import {
  platformPost,
  platformPostsPublishedSince,
  platformPostsWithWork,
  type PlatformPost,
} from '../store/platform-posts-repo.js';
import { metricsDelayMs } from './publishing.js';
import { METRIC_LABELS } from '../store/job-payloads.js';
import { withPublisherGate } from './publisher-gate.js';

type Enqueue = JobContext['enqueue'];

const BUSY_WAIT_MS = 60_000;

const dueAt = (row: PlatformPost, now: Date): string => {
  if (row.state !== 'scheduled') return now.toISOString();
  const at = Math.max(new Date(row.slotAt).getTime(), row.nextAttemptAt ? new Date(row.nextAttemptAt).getTime() : 0);
  return new Date(at).toISOString();
};

/** The metrics jobs of a published platform post (`platform_metrics:<post>:<platform>:<label>`). */
const enqueuePlatformMetrics = async (deps: ServiceDeps, enqueue: Enqueue, row: PlatformPost) => {
  if (!row.publishedAt) return;
  const at = new Date(row.publishedAt).getTime();
  for (const label of METRIC_LABELS)
    await enqueue({
      kind: 'platform_metrics',
      brand: deps.brandSlug,
      subjectId: row.postId,
      runAt: new Date(at + metricsDelayMs(deps, label)).toISOString(),
      idempotencyKey: `platform_metrics:${row.postId}:${row.platform}:${label}`,
      maxAttempts: Math.max(deps.config.daemon.maxAttempts, 8),
      payload: { postId: row.postId, platform: row.platform as 'instagram' | 'linkedin', label },
    });
};

/**
 * Instagram and LinkedIn → jobs, every pass: rows for newly approved posts, one
 * `publish_platform` job per platform post and attempt (due at its slot or its retry time, at
 * once when in flight) and the metrics jobs of the recently published. Keys make it idempotent.
 */
export const syncPlatformWork = async (deps: ServiceDeps, enqueue: Enqueue): Promise<void> => {
  await planPlatforms(deps);
  const now = deps.clock.now();
  for (const row of await platformPostsWithWork(deps.db, deps.brandSlug)) {
    const runAt = dueAt(row, now);
    await enqueue({
      kind: 'publish_platform',
      brand: deps.brandSlug,
      subjectId: row.postId,
      runAt,
      idempotencyKey: `publish_platform:${row.postId}:${row.platform}:a${row.attempts}:${row.state}:${runAt}`,
      payload: { postId: row.postId, platform: row.platform as 'instagram' | 'linkedin' },
    });
  }
  const since = new Date(now.getTime() - metricsDelayMs(deps, '7d') - 2 * 86_400_000).toISOString();
  for (const row of await platformPostsPublishedSince(deps.db, deps.brandSlug, since))
    await enqueuePlatformMetrics(deps, enqueue, row);
};

const followUp = async (deps: ServiceDeps, enqueue: Enqueue, o: PlatformOutcome) => {
  if (o.action === 'published') {
    await queueNotification(deps, enqueue, {
      type: 'published',
      brand: deps.brandSlug,
      postId: o.postId,
      permalink: o.permalink,
      platform: o.platform,
    });
    const row = await platformPost(deps.db, o.postId, o.platform);
    if (row) await enqueuePlatformMetrics(deps, enqueue, row);
  } else if (o.action === 'failed')
    await queueNotification(deps, enqueue, {
      type: 'publish_failed',
      brand: deps.brandSlug,
      postId: o.postId,
      reason: o.reason ?? 'refused',
      platform: o.platform,
    });
  else if (o.action === 'unconfirmed')
    await queueNotification(deps, enqueue, {
      type: 'publish_unconfirmed',
      brand: deps.brandSlug,
      postId: o.postId,
      reason: o.reason ?? 'not confirmed',
      platform: o.platform,
    });
};

/**
 * `publish_platform`: one Instagram or LinkedIn post's turn, behind the publisher gate.
 * Exactly-once is the runner's (src/publish/platform-publish.ts); waits (not due, settling,
 * backoff, quota) reschedule the job without spending an attempt.
 */
export const publishPlatformHandler: HandlerFor<'publish_platform'> = async (ctx): Promise<JobOutcome> => {
  const { deps } = ctx;
  const { postId, platform } = ctx.payload;
  const owner = ctx.job.leaseOwner ?? deps.writer().actor;
  const gated = await withPublisherGate(deps, owner, async () => {
    const opened = await openChannel(deps, platform, { mediaUrl: pageServerMediaUrl(deps) });
    if (!opened.ok) return { blocked: pick(opened.reason, deps.config.lang ?? 'fr') };
    try {
      return { outcome: await publishPlatformPost(deps, postId, platform, opened.channel) };
    } finally {
      opened.channel.close();
    }
  });
  const now = deps.clock.now().getTime();
  if (gated.busy) return { rescheduleAt: new Date(now + BUSY_WAIT_MS), result: { busy: gated.reason } };
  if ('blocked' in gated.value) {
    ctx.log.warn({ post: postId, platform, reason: gated.value.blocked }, 'platform not set up; the post waits');
    return { rescheduleAt: new Date(now + 3_600_000), result: { platform, blocked: gated.value.blocked } };
  }
  const o = gated.value.outcome;
  await followUp(deps, ctx.enqueue, o);
  await settleWithoutFacebook(deps, postId);
  const result = { post: postId, platform, action: o.action, state: o.state, remoteId: o.remoteId };
  if (o.retryAt && ['not_due', 'waiting', 'retry_later', 'unconfirmed'].includes(o.action)) {
    const at = new Date(o.retryAt);
    return { rescheduleAt: at.getTime() > now ? at : new Date(now + 60_000), result };
  }
  return { result };
};

/** `platform_metrics`: the +24 h or +7 d snapshot of one Instagram or LinkedIn post. */
export const platformMetricsHandler: HandlerFor<'platform_metrics'> = async (ctx) => {
  const { deps } = ctx;
  const { postId, platform, label } = ctx.payload;
  const owner = ctx.job.leaseOwner ?? deps.writer().actor;
  const gated = await withPublisherGate(deps, owner, () => measurePlatformPost(deps, postId, platform, label));
  if (gated.busy)
    return { rescheduleAt: new Date(deps.clock.now().getTime() + BUSY_WAIT_MS), result: { busy: gated.reason } };
  return { result: gated.value };
};
