import { brandLang } from '../config/lang.js';
import { pick, type Localized } from '../i18n/localized.js';
import { queueNotification } from '../notify/notify-service.js';
import { verifyScheduled } from '../publish/native.js';
import type { PublishEvent, PublishOutcome, PublishRuntime } from '../publish/outcome.js';
import { publishPost, reconcileInFlight } from '../publish/publish-service.js';
import { NATIVE_MAX_MS } from '../domain/publish-mode.js';
import { publishesToFacebook } from '../publish/platform-plan.js';
import type { LivePublication } from '../domain/publication.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { livePublishedRow, postsToPublish, publicationAttempts, recentlyPublished } from '../store/daemon-repo.js';
import { getPost } from '../store/posts-repo.js';
import type { DaemonLog } from '../jobs/log.js';
import { withPublisherGate } from './publisher-gate.js';
import type { HandlerFor, JobContext, JobOutcome } from '../jobs/registry.js';
import { METRIC_LABELS, type MetricLabel } from '../store/job-payloads.js';

type Enqueue = JobContext['enqueue'];
type Report = JobContext['report'];

/** A post the platform refused: it reaches Sentry too, beside Slack and e-mail. */
export class PublishRefusedError extends Error {
  override readonly name = 'PublishRefusedError';
}

/** How long a job waits when another process holds the publisher gate. */
const BUSY_WAIT_MS = 60_000;
/** A native post Meta has not published yet is looked at again this often. */
const VERIFY_AGAIN_MS = 5 * 60_000;
/** After this, a native post still not published raises the "unconfirmed" alert. */
const VERIFY_ALERT_MS = 30 * 60_000;
/** Verification gives up (alert already sent) after this. */
const VERIFY_GIVE_UP_MS = 24 * 3_600_000;

const text = (deps: ServiceDeps, m: Localized) => pick(m, brandLang(deps.brand));

/** When the post went out: Meta's slot for a native post, our call's end for a queue post. */
export const publishedAt = (row: Pick<LivePublication, 'mode' | 'scheduledAt' | 'finishedAt'>): Date =>
  new Date((row.mode === 'native' ? row.scheduledAt : row.finishedAt) ?? row.finishedAt ?? row.scheduledAt ?? 0);

export const metricsDelayMs = (deps: ServiceDeps, label: MetricLabel): number =>
  (label === '24h' ? deps.config.daemon.metricsDelaySeconds.h24 : deps.config.daemon.metricsDelaySeconds.d7) * 1000;

/** The two metrics jobs of a published post (idempotent: `metrics:<post>:<label>`). */
export const enqueueMetrics = async (
  deps: ServiceDeps,
  enqueue: Enqueue,
  row: Pick<LivePublication, 'postId' | 'mode' | 'scheduledAt' | 'finishedAt'>,
) => {
  const at = publishedAt(row).getTime();
  for (const label of METRIC_LABELS) {
    await enqueue({
      kind: 'metrics',
      brand: deps.brandSlug,
      subjectId: row.postId,
      runAt: new Date(at + metricsDelayMs(deps, label)).toISOString(),
      idempotencyKey: `metrics:${row.postId}:${label}`,
      maxAttempts: Math.max(deps.config.daemon.maxAttempts, 8),
      payload: { postId: row.postId, label },
    });
  }
};

/** A published post: the "published" message (with its permalink) and its metrics jobs. */
const afterPublished = async (deps: ServiceDeps, enqueue: Enqueue, postId: string) => {
  const row = await livePublishedRow(deps.db, postId);
  if (!row) return;
  // Queue-mode publications do not read the permalink back; facebook.com/<page>_<post> is the post's address.
  const permalink = row.permalink ?? (row.fbPostId ? `https://www.facebook.com/${row.fbPostId}` : null);
  await queueNotification(deps, enqueue, {
    type: 'published',
    brand: deps.brandSlug,
    postId,
    permalink,
    fbPostId: row.fbPostId,
  });
  await enqueueMetrics(deps, enqueue, row);
};

/** Outcomes and the service's alerts → notifications and follow-up jobs. */
const followUp = async (
  deps: ServiceDeps,
  enqueue: Enqueue,
  outcomes: PublishOutcome[],
  alerts: Extract<PublishEvent, { type: 'alert' }>[],
  report: Report,
) => {
  const refused = (postId: string, reason: string) =>
    report?.(new PublishRefusedError(`Post ${postId} was refused by the platform: ${reason}`), {
      brand: deps.brandSlug,
      post: postId,
      reason,
    });
  for (const o of outcomes) {
    if (
      o.action === 'published' ||
      ((o.action === 'unchanged' || o.action === 'deferred') && ['published', 'measured'].includes(o.state))
    )
      await afterPublished(deps, enqueue, o.postId);
    else if (o.action === 'scheduled') await enqueueVerify(deps, enqueue, o.postId);
    else if (o.action === 'failed') {
      await queueNotification(deps, enqueue, {
        type: 'publish_failed',
        brand: deps.brandSlug,
        postId: o.postId,
        reason: o.reason ?? 'refused by Facebook',
      });
      refused(o.postId, o.reason ?? 'refused by Facebook');
    } else if (o.action === 'unconfirmed')
      await queueNotification(deps, enqueue, {
        type: 'publish_unconfirmed',
        brand: deps.brandSlug,
        postId: o.postId,
        reason: o.reason ?? 'not confirmed on the Page',
      });
  }
  for (const a of alerts) {
    const post = await getPost(deps.db, a.postId);
    const reason = text(deps, a.message);
    if (post?.state === 'failed') {
      await queueNotification(deps, enqueue, {
        type: 'publish_failed',
        brand: deps.brandSlug,
        postId: a.postId,
        reason,
      });
      refused(a.postId, reason);
    } else
      await queueNotification(deps, enqueue, {
        type: 'publish_unconfirmed',
        brand: deps.brandSlug,
        postId: a.postId,
        reason,
      });
  }
};

const enqueueVerify = async (deps: ServiceDeps, enqueue: Enqueue, postId: string) => {
  const post = await getPost(deps.db, postId);
  if (!post?.scheduledAt || post.state !== 'scheduled') return;
  await enqueue({
    kind: 'verify',
    brand: deps.brandSlug,
    subjectId: postId,
    runAt: new Date(new Date(post.scheduledAt).getTime() + deps.config.daemon.verifyMarginSeconds * 1000).toISOString(),
    idempotencyKey: `verify:${postId}:${post.scheduledAt}`,
    payload: { postId },
  });
};

const runtime = (
  log: DaemonLog,
  alerts: Extract<PublishEvent, { type: 'alert' }>[],
  owner: string,
): PublishRuntime => ({
  owner,
  onEvent: (e) => {
    if (e.type === 'alert') alerts.push(e);
    else log.info({ note: e.message.en }, 'publish note');
  },
});

const ownerOf = (ctx: JobContext) => ctx.job.leaseOwner ?? ctx.deps.writer().actor;

/**
 * Turns the posts table into jobs, every pass: one `publish` job per approved post and attempt
 * (due at its slot, or when a native slot enters Meta's 30-day range), one for each post left
 * `publishing`/`unconfirmed`, one `verify` per natively scheduled post (slot + margin), and the
 * two `metrics` jobs of every recently published post. Keys make all of it idempotent,
 * so a crash anywhere between a publication and its follow-ups is repaired by the next pass.
 */
export const syncPostWork = async (deps: ServiceDeps, enqueue: Enqueue): Promise<void> => {
  const now = deps.clock.now();
  // A brand that does not publish to Facebook: its posts follow their platforms (daemon/platforms.ts).
  const facebook = publishesToFacebook(deps.brand);
  for (const post of facebook ? await postsToPublish(deps.db, deps.brandSlug) : []) {
    const slot = new Date(post.scheduledAt!).getTime();
    if (post.state === 'approved') {
      const attempt = (await publicationAttempts(deps.db, post.id)) + 1;
      const due = post.publishMode === 'native' ? Math.max(slot - NATIVE_MAX_MS, 0) : slot;
      await enqueue({
        kind: 'publish',
        brand: deps.brandSlug,
        subjectId: post.id,
        runAt: new Date(due).toISOString(),
        idempotencyKey: `publish:${post.id}:a${attempt}:${post.scheduledAt ?? ''}`,
        payload: { postId: post.id },
      });
    } else if (post.state === 'publishing' || post.state === 'unconfirmed') {
      const attempts = await publicationAttempts(deps.db, post.id);
      await enqueue({
        kind: 'publish',
        brand: deps.brandSlug,
        subjectId: post.id,
        runAt: now.toISOString(),
        idempotencyKey: `publish:${post.id}:reconcile:a${attempts}`,
        payload: { postId: post.id },
      });
    } else if (post.state === 'scheduled') {
      await enqueueVerify(deps, enqueue, post.id);
    }
  }
  // Posts whose 7-day pull is at most two days away or behind; older ones have had theirs.
  const since = new Date(now.getTime() - metricsDelayMs(deps, '7d') - 2 * 86_400_000).toISOString();
  for (const row of await recentlyPublished(deps.db, deps.brandSlug, since)) await enqueueMetrics(deps, enqueue, row);
};

/** Startup, before any job: settle what a crash left in flight on the Page (behind the gate). */
export const reconcileAtStart = async (
  deps: ServiceDeps,
  enqueue: Enqueue,
  log: DaemonLog,
  owner: string,
  report?: Report,
): Promise<void> => {
  const alerts: Extract<PublishEvent, { type: 'alert' }>[] = [];
  try {
    const gated = await withPublisherGate(deps, owner, () => reconcileInFlight(deps, runtime(log, alerts, owner)));
    if (gated.busy) {
      log.warn(
        { brand: deps.brandSlug, reason: gated.reason },
        'publisher gate held elsewhere; reconciliation left to the publish jobs',
      );
      return;
    }
    if (gated.value.length)
      log.info(
        {
          brand: deps.brandSlug,
          reconciled: gated.value.map((o) => ({ post: o.shortId, from: o.from, action: o.action })),
        },
        'in-flight posts reconciled',
      );
    await followUp(deps, enqueue, gated.value, alerts, report);
  } catch (error) {
    // The publish jobs reconcile again; a Page outage at start must not stop the daemon.
    log.warn(
      { brand: deps.brandSlug, err: (error as Error).message },
      'startup reconciliation failed; the publish jobs will retry it',
    );
  }
};

/**
 * `publish`: one post whose turn has come. Exactly-once is the publish service's (intent row,
 * reconciliation, lease); this step only calls it behind the gate and turns the outcome into
 * notifications and follow-up jobs. Throttles and outages throw and are retried with backoff
 * (the Graph client's `retryAfterMs` is honoured by the runner).
 */
export const publishHandler: HandlerFor<'publish'> = async (ctx) => {
  const { deps } = ctx;
  const { postId } = ctx.payload;
  const current = await getPost(deps.db, postId);
  // Rejected, cancelled back to review or failed since the job was queued: nothing to do here
  // (a new approval makes a new job).
  if (
    !current ||
    !['approved', 'publishing', 'unconfirmed', 'scheduled', 'published', 'measured'].includes(current.state)
  ) {
    return { result: { post: postId, skipped: current ? `post is ${current.state}` : 'post not found' } };
  }
  const alerts: Extract<PublishEvent, { type: 'alert' }>[] = [];
  const owner = ownerOf(ctx);
  const gated = await withPublisherGate(deps, owner, () =>
    publishPost(deps, postId, {}, runtime(ctx.log, alerts, owner)),
  );
  if (gated.busy)
    return { rescheduleAt: new Date(deps.clock.now().getTime() + BUSY_WAIT_MS), result: { busy: gated.reason } };
  const outcome = gated.value;
  await followUp(deps, ctx.enqueue, [outcome], alerts, ctx.report);
  const result = {
    post: outcome.shortId,
    action: outcome.action,
    state: outcome.state,
    fbPostId: outcome.fbPostId,
    reason: outcome.reason,
  };
  if (outcome.action === 'deferred' && outcome.retryAt && outcome.state === 'approved') {
    // Page paused (throttle, policy) or not due yet: wait without spending an attempt.
    const at = new Date(outcome.retryAt);
    if (at.getTime() > deps.clock.now().getTime()) return { rescheduleAt: at, result };
  }
  return { result };
};

/**
 * `verify`: a natively scheduled post, shortly after its slot. Did Meta publish it? Yes → the
 * "published" message and the metrics jobs. Not yet → look again every 5 min; 30 min late →
 * "unconfirmed" alert (once); after 24 h the job ends (the post stays `scheduled`, shown by
 * `autoscale status`).
 */
export const verifyHandler: HandlerFor<'verify'> = async (ctx): Promise<JobOutcome> => {
  const { deps } = ctx;
  const { postId } = ctx.payload;
  const owner = ownerOf(ctx);
  const alerts: Extract<PublishEvent, { type: 'alert' }>[] = [];
  // Reads every native post of the brand whose time passed; publishes nothing (queue posts
  // have their own jobs, spaced out after an outage).
  const gated = await withPublisherGate(deps, owner, () => verifyScheduled(deps, runtime(ctx.log, alerts, owner)));
  if (gated.busy)
    return { rescheduleAt: new Date(deps.clock.now().getTime() + BUSY_WAIT_MS), result: { busy: gated.reason } };
  await followUp(deps, ctx.enqueue, gated.value, alerts, ctx.report);
  const post = await getPost(deps.db, postId);
  if (!post) return { result: { post: postId, state: 'missing' } };
  if (post.state !== 'scheduled' || !post.scheduledAt) {
    // followUp already did it when this very check published the post.
    const justPublished = gated.value.some((o) => o.postId === postId && o.action === 'published');
    if (['published', 'measured'].includes(post.state) && !justPublished)
      await afterPublished(deps, ctx.enqueue, postId);
    return { result: { post: postId, state: post.state } };
  }
  const late = deps.clock.now().getTime() - new Date(post.scheduledAt).getTime();
  if (late >= VERIFY_ALERT_MS) {
    await queueNotification(deps, ctx.enqueue, {
      type: 'publish_unconfirmed',
      brand: deps.brandSlug,
      postId,
      reason: text(deps, {
        en: `Meta was to publish it at ${post.scheduledAt}; it is still not published.`,
        fr: `Meta devait le publier à ${post.scheduledAt}; il n’est toujours pas publié.`,
      }),
    });
  }
  if (late >= VERIFY_GIVE_UP_MS) return { result: { post: postId, state: post.state, gaveUp: true } };
  return {
    rescheduleAt: new Date(deps.clock.now().getTime() + VERIFY_AGAIN_MS),
    result: { post: postId, state: post.state, lateMs: late },
  };
};
