import type { ServiceDeps } from '../deps/service-deps.js';
import { NATIVE_MARGIN_MS, NATIVE_MIN_MS, nativeEligible } from '../domain/publish-mode.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { concurrentChange, resolvePost } from '../store/post-lookup.js';
import { getPost, patchPost, scheduledPosts, transitionPost } from '../store/posts-repo.js';
import { livePublication, updatePublication } from '../store/publications-repo.js';
import { immediate } from '../store/tx.js';
import { movePost } from './lifecycle.js';
import { errorText, fromPublication, outcomeOf, type PublishOutcome, type PublishRuntime } from './outcome.js';
import { forBrand, withPublisher, type PublishContext } from './session.js';
import type { Post } from '../domain/post.js';
import type { Publication } from '../domain/publication.js';

// Native scheduling: the platform holds the post until its slot (Facebook's
// scheduled_publish_time), so a dead server does not miss it.

/** What to do with an approved post at this instant. */
export const decide = (post: Post, now: Date, force: boolean): 'now' | 'native' | 'wait' | 'queue_fallback' => {
  if (force || !post.scheduledAt) return 'now';
  const at = new Date(post.scheduledAt);
  if (at.getTime() <= now.getTime()) return 'now';
  if (post.publishMode === 'native') {
    if (nativeEligible(at, now)) return 'native';
    // Closer than Meta's minimum: the queue publishes it at the slot instead.
    if (at.getTime() - now.getTime() < NATIVE_MIN_MS + NATIVE_MARGIN_MS) return 'queue_fallback';
  }
  return 'wait';
};

export const switchToQueue = async (deps: ServiceDeps, post: Post) => {
  if (post.publishMode === 'queue') return;
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    await patchPost(trx, w, post.id, { publishMode: 'queue' });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'mode_queue',
      reason: 'slot closer than 10 minutes: native scheduling impossible',
    });
  });
};

/** A natively scheduled post published at once: `POST /{post-id}` with is_published=true. */
export const publishScheduledPostNow = async (ctx: PublishContext, post: Post): Promise<PublishOutcome> => {
  const live = await livePublication(ctx.deps.db, post.id);
  if (!live?.fbPostId)
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is scheduled but has no Facebook id.`,
        `La publication ${shortId(post.id)} est programmée mais sans identifiant Facebook.`,
      ),
      { code: 'no_fb_id' },
    );
  await ctx.publisher.native.publishNow(live.fbPostId);
  return markPublished(ctx.deps, post, live, {
    publishedNow: true,
    reason: 'published now (was scheduled on Facebook)',
    via: 'call',
  });
};

/** A held post went live: its publication and the post move to published together. */
const markPublished = async (
  deps: ServiceDeps,
  post: Post,
  live: Publication,
  how: { publishedNow: boolean; permalink?: string | null; reason: string; via: 'call' | 'reconcile' },
): Promise<PublishOutcome> =>
  immediate(deps.db, async (trx) => {
    const w = deps.writer();
    await updatePublication(trx, w, live.id, 'scheduled', {
      status: 'published',
      ...(how.permalink === undefined ? {} : { permalink: how.permalink }),
      finishedAt: w.now,
    });
    await movePost(trx, w, {
      postId: post.id,
      from: 'scheduled',
      to: 'published',
      // Published ahead of its slot: the slot becomes the moment it went out.
      patch: how.publishedNow ? { scheduledAt: w.now } : {},
      action: 'published',
      reason: how.reason,
      data: { publicationId: live.id, fbPostId: live.fbPostId },
    });
    return outcomeOf((await getPost(trx, post.id))!, 'published', { ...fromPublication(live), via: how.via });
  });

/**
 * Verifies natively scheduled posts whose time has passed: Meta published them (→ published)
 * or not yet (left as is; a post still unpublished 30 min after its slot raises an alert).
 */
export const verifyNativeLocked = async (ctx: PublishContext): Promise<PublishOutcome[]> => {
  const now = ctx.deps.clock.now();
  const rows = await scheduledPosts(ctx.deps.db, { brand: ctx.deps.brandSlug, limit: 200 });
  const out: PublishOutcome[] = [];
  for (const post of rows) {
    if (post.state !== 'scheduled' || !post.scheduledAt || new Date(post.scheduledAt).getTime() > now.getTime())
      continue;
    const live = await livePublication(ctx.deps.db, post.id);
    if (!live?.fbPostId) continue;
    let state: { published: boolean; permalink: string | null };
    try {
      state = await ctx.publisher.native.isPublished(live.fbPostId);
    } catch (error) {
      if (ctx.publisher.classify(error).category === 'invalid') {
        // Deleted on the Page by hand, most likely: people must decide, not the daemon.
        ctx.rt.onEvent?.({
          type: 'alert',
          postId: post.id,
          severity: 'warning',
          message: l(
            `Post ${shortId(post.id)} was scheduled on Facebook as ${live.fbPostId}, which can no longer be read (${errorText(error)}).`,
            `La publication ${shortId(post.id)} était programmée sur Facebook sous ${live.fbPostId}, qui n’est plus lisible (${errorText(error)}).`,
          ),
        });
      }
      out.push(outcomeOf(post, 'unchanged', { ...fromPublication(live), reason: errorText(error) }));
      continue;
    }
    if (!state.published) {
      if (now.getTime() - new Date(post.scheduledAt).getTime() > 30 * 60_000) {
        ctx.rt.onEvent?.({
          type: 'alert',
          postId: post.id,
          severity: 'warning',
          message: l(
            `Post ${shortId(post.id)} was scheduled on Facebook for ${post.scheduledAt} and is still not published.`,
            `La publication ${shortId(post.id)} était programmée sur Facebook pour ${post.scheduledAt} et n’est toujours pas publiée.`,
          ),
        });
      }
      out.push(outcomeOf(post, 'unchanged', fromPublication(live)));
      continue;
    }
    out.push(
      await markPublished(ctx.deps, post, live, {
        publishedNow: false,
        permalink: state.permalink,
        reason: 'verified: Meta published the scheduled post',
        via: 'reconcile',
      }),
    );
  }
  return out;
};

/**
 * Verification only: natively scheduled posts whose time passed are read on the Page and marked
 * published when Meta did it (the daemon's `verify` job; it must not publish anything else, so
 * that due queue posts keep going through their own spaced-out jobs).
 */
export const verifyScheduled = async (deps: ServiceDeps, rt: PublishRuntime = {}): Promise<PublishOutcome[]> =>
  withPublisher(deps, rt, async (ctx) => (ctx ? verifyNativeLocked(ctx) : []));

/** A post the platform holds for later, with its live publication; anything else is refused. */
const heldPost = async (deps: ServiceDeps, ctx: PublishContext | undefined, postId: string) => {
  const post = (await getPost(deps.db, postId))!;
  const live = await livePublication(deps.db, post.id);
  if (!ctx || post.state !== 'scheduled' || !live?.fbPostId) {
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is not scheduled on Facebook.`,
        `La publication ${shortId(post.id)} n’est pas programmée sur Facebook.`,
      ),
      { code: 'not_scheduled' },
    );
  }
  return { ctx, post, live, fbPostId: live.fbPostId };
};

/** Moves a natively scheduled post to another time (Meta's 10 min–30 days range). */
export const rescheduleNative = async (
  baseDeps: ServiceDeps,
  ref: string,
  at: Date,
  rt: PublishRuntime = {},
): Promise<PublishOutcome> => {
  const found = await resolvePost(baseDeps.db, ref);
  const deps = forBrand(baseDeps, found.brand);
  if (!nativeEligible(at, deps.clock.now())) {
    throw new UsageError(
      l(
        'Facebook schedules posts 10 minutes to 30 days ahead only.',
        'Facebook ne programme les publications que de 10 minutes à 30 jours à l’avance.',
      ),
      { code: 'native_range' },
    );
  }
  return withPublisher(deps, rt, async (maybeCtx) => {
    const { ctx, post, live, fbPostId } = await heldPost(deps, maybeCtx, found.id);
    await ctx.publisher.native.reschedule(fbPostId, at);
    return immediate(deps.db, async (trx) => {
      const w = deps.writer();
      await updatePublication(trx, w, live.id, 'scheduled', { slotAt: at.toISOString() });
      await patchPost(trx, w, post.id, { scheduledAt: at.toISOString(), slotSeed: null });
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: post.id,
        action: 'reschedule',
        data: { from: post.scheduledAt, to: at.toISOString(), fbPostId: live.fbPostId },
      });
      return outcomeOf((await getPost(trx, post.id))!, 'scheduled', fromPublication(live));
    });
  });
};

/** Deletes a natively scheduled post from the Page; the post goes back to review, without a slot. */
export const cancelNative = async (
  baseDeps: ServiceDeps,
  ref: string,
  rt: PublishRuntime = {},
): Promise<PublishOutcome> => {
  const found = await resolvePost(baseDeps.db, ref);
  const deps = forBrand(baseDeps, found.brand);
  return withPublisher(deps, rt, async (maybeCtx) => {
    const { ctx, post, live, fbPostId } = await heldPost(deps, maybeCtx, found.id);
    await ctx.publisher.native.cancel(fbPostId);
    return immediate(deps.db, async (trx) => {
      const w = deps.writer();
      await updatePublication(trx, w, live.id, 'scheduled', { status: 'cancelled', finishedAt: w.now });
      // Back to review with no slot: the queue must not publish it at the old time. Two legal
      // steps in one transaction (scheduled → approved → in_review).
      if (!(await transitionPost(trx, w, post.id, 'scheduled', 'approved'))) throw concurrentChange(post.id);
      if (
        !(await transitionPost(trx, w, post.id, 'approved', 'in_review', {
          scheduledAt: null,
          slotSeed: null,
          publishMode: null,
        }))
      )
        throw concurrentChange(post.id);
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: post.id,
        action: 'cancel_scheduled',
        from: 'scheduled',
        to: 'in_review',
        data: { fbPostId: live.fbPostId },
      });
      return outcomeOf((await getPost(trx, post.id))!, 'unchanged', fromPublication(live));
    });
  });
};
