import { stateLabel } from '../present/labels.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { assertTransition } from '../domain/post-state.js';
import { isAutoscaleError, StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { shortId } from '../store/ids.js';
import { resolvePost } from '../store/post-lookup.js';
import { getPost, scheduledPosts } from '../store/posts-repo.js';
import { livePublication } from '../store/publications-repo.js';
import { assertNoSampleCase } from '../content/samples.js';
import { drive } from './attempt.js';
import { alreadyDryRun, dryRunPublish } from './dry-run.js';
import { pagePause } from './lease.js';
import { commitIntent, failBeforeCall } from './lifecycle.js';
import { decide, publishScheduledPostNow, switchToQueue, verifyNativeLocked } from './native.js';
import {
  errorText,
  fromPublication,
  outcomeOf,
  type PublishOptions,
  type PublishOutcome,
  type PublishRuntime,
  type ReconcileOutcome,
} from './outcome.js';
import { payloadFor, postMessage, withFollowedImage } from './post-content.js';
import { reconcileInFlightLocked } from './reconcile.js';
import { dryRunInfo, forBrand, withPublisher, type PublishContext } from './session.js';
import { encodeLocalized } from '../i18n/stored.js';
import { REASONS } from './messages.js';
import type { Post } from '../domain/post.js';

// The entry points of the publishing stage: one post (`autoscale publish <id>`), one pass for a
// brand (the daemon's tick, `autoscale publish --due`) and the startup reconciliation.

/** Reconciles this brand's in-flight and unconfirmed posts (call it at startup, before publishing). */
export const reconcileInFlight = async (deps: ServiceDeps, rt: PublishRuntime = {}): Promise<ReconcileOutcome[]> =>
  withPublisher(deps, rt, async (ctx) => (ctx ? reconcileInFlightLocked(ctx) : []));

/** Publishes (or natively schedules) one approved post now that its turn has come. */
const publishApproved = async (
  ctx: PublishContext,
  approved: Post,
  when: 'now' | 'native',
): Promise<PublishOutcome> => {
  const post = await withFollowedImage(ctx.deps, approved);
  const pause = await pagePause(ctx.deps.db, ctx.publisher.accountId, ctx.deps.clock.now());
  if (pause)
    return outcomeOf(post, 'deferred', {
      pageId: ctx.publisher.accountId,
      reason: encodeLocalized(REASONS.pagePaused(pause.reason)),
      retryAt: pause.until,
      heldBack: true,
    });
  const scheduledAt = when === 'native' ? new Date(post.scheduledAt!) : undefined;
  const { payload, hash } = await payloadFor(ctx.deps, post, scheduledAt);
  // Approval refuses it already; this catches a sample story left in a post approved before.
  assertNoSampleCase(payload.message, ctx.deps.brand.profile, shortId(post.id));
  const pub = await commitIntent(ctx, post, hash, when === 'native' ? 'native' : 'queue');
  return drive(ctx, pub, payload);
};

/**
 * `autoscale publish <id>`: publishes an approved post when due (or at once with `now`),
 * hands it to Meta's scheduler in native mode, publishes a natively scheduled post now
 * (`now`), and reconciles a post left `publishing` or `unconfirmed`. Without credentials (or
 * with `dryRun`) it writes the dry-run record instead.
 */
export const publishPost = async (
  baseDeps: ServiceDeps,
  ref: string,
  options: PublishOptions = {},
  rt: PublishRuntime = {},
): Promise<PublishOutcome> => {
  const found = await resolvePost(baseDeps.db, ref);
  const deps = forBrand(baseDeps, found.brand);
  return withPublisher(
    deps,
    rt,
    async (ctx, publisher) => {
      let post = (await getPost(deps.db, found.id))!;
      if (post.state === 'published' || post.state === 'measured') {
        const live = await livePublication(deps.db, post.id);
        return outcomeOf(post, 'unchanged', live ? fromPublication(live) : {});
      }
      if (post.state === 'publishing' || post.state === 'unconfirmed') {
        if (!ctx) {
          throw new StateError(
            l(
              `Post ${shortId(post.id)} is ${post.state}: it can only be reconciled with Facebook credentials.`,
              `La publication ${shortId(post.id)} est ${stateLabel(post.state, 'fr')} : elle ne peut être réconciliée qu’avec les identifiants Facebook.`,
            ),
            {
              code: 'needs_credentials',
              fix: l(
                'Set FACEBOOK_ACCESS_TOKEN and FACEBOOK_PAGE_ID (docs/PUBLISHING.md), then run this again.',
                'Définissez FACEBOOK_ACCESS_TOKEN et FACEBOOK_PAGE_ID (docs/PUBLISHING.md), puis relancez.',
              ),
            },
          );
        }
        const settled = await reconcileInFlightLocked({ ...ctx, deps }).then((r) =>
          r.find((o) => o.postId === post.id),
        );
        post = (await getPost(deps.db, post.id))!;
        if (post.state !== 'approved' || !settled) return settled ?? outcomeOf(post, 'unchanged');
        // Confirmed absent: carry on as an approved post.
      }
      if (post.state === 'scheduled') {
        if (!options.now) {
          const live = await livePublication(deps.db, post.id);
          return outcomeOf(post, 'unchanged', live ? fromPublication(live) : {});
        }
        if (!ctx)
          throw new StateError(
            l(
              `Post ${shortId(post.id)} is scheduled on Facebook; publishing it now needs the credentials.`,
              `La publication ${shortId(post.id)} est programmée sur Facebook; la publier maintenant demande les identifiants.`,
            ),
            { code: 'needs_credentials' },
          );
        return publishScheduledPostNow(ctx, post);
      }
      if (post.state !== 'approved') {
        assertTransition(shortId(post.id), post.state, 'publishing');
      }
      if (!post.chosenVariantId) await postMessage(deps, post);
      if (!ctx) {
        const { reason, pageId } = dryRunInfo(publisher);
        return dryRunPublish(deps, post, reason, pageId, options.now === true);
      }
      const now = deps.clock.now();
      const decision = decide(post, now, options.now === true);
      if (decision === 'wait' || decision === 'queue_fallback') {
        if (decision === 'queue_fallback') await switchToQueue(deps, post);
        post = (await getPost(deps.db, post.id))!;
        return outcomeOf(post, 'deferred', {
          pageId: ctx.publisher.accountId,
          retryAt: post.scheduledAt,
          reason: encodeLocalized(decision === 'queue_fallback' ? REASONS.queueFallback : REASONS.notDue),
        });
      }
      return publishApproved(ctx, post, decision);
    },
    options.dryRun === true,
  );
};

export interface DueReport {
  dryRun: boolean;
  reason: string | null;
  reconciled: ReconcileOutcome[];
  outcomes: PublishOutcome[];
  verified: PublishOutcome[];
}

/**
 * One publishing pass for a brand (the daemon's tick, and `autoscale publish --due`):
 * reconcile what a crash left, then publish every due queue post, hand native posts to Meta
 * once they are within its 10 min–30 days range, and verify native posts whose time passed.
 */
export const publishDue = async (
  deps: ServiceDeps,
  rt: PublishRuntime = {},
  options: { dryRun?: boolean } = {},
): Promise<DueReport> =>
  withPublisher(
    deps,
    rt,
    async (ctx, publisher) => {
      const report: DueReport = {
        dryRun: !ctx,
        reason: publisher.kind === 'dry_run' ? publisher.reason : null,
        reconciled: [],
        outcomes: [],
        verified: [],
      };
      if (ctx) report.reconciled = await reconcileInFlightLocked(ctx);
      const now = deps.clock.now();
      const approved = (await scheduledPosts(deps.db, { brand: deps.brandSlug, limit: 200 })).filter(
        (p) => p.state === 'approved',
      );
      for (const candidate of approved) {
        const post = (await getPost(deps.db, candidate.id))!;
        if (post.state !== 'approved') continue;
        if (!ctx) {
          if (new Date(post.scheduledAt!).getTime() > now.getTime()) continue;
          if (await alreadyDryRun(deps, post)) continue;
          const { reason, pageId } = dryRunInfo(publisher);
          report.outcomes.push(await dryRunPublish(deps, post, reason, pageId, false));
          continue;
        }
        const decision = decide(post, now, false);
        if (decision === 'queue_fallback') {
          await switchToQueue(deps, post);
          continue;
        }
        if (decision === 'wait') continue;
        try {
          report.outcomes.push(await publishApproved(ctx, post, decision));
        } catch (error) {
          // One bad post (missing image...) must not block the others.
          if (!isAutoscaleError(error)) throw error;
          report.outcomes.push(await failBeforeCall(deps, post, errorText(error)));
        }
      }
      if (ctx) report.verified = await verifyNativeLocked(ctx);
      return report;
    },
    options.dryRun === true,
  );
