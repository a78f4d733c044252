import type { ServiceDeps } from '../deps/service-deps.js';
import { assertTransition, type PostState } from '../domain/post-state.js';
import { StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { PlatformPost } from '../platforms/platform-publisher.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { concurrentChange } from '../store/post-lookup.js';
import type { Db } from '../store/database.js';
import { getPost, transitionPost, type PostPatch } from '../store/posts-repo.js';
import {
  blockingPublication,
  insertPublication,
  livePublication,
  updatePublication,
} from '../store/publications-repo.js';
import { immediate } from '../store/tx.js';
import type { WriteContext } from '../store/write-context.js';
import { fromPublication, outcomeOf, type PublishAction, type PublishOutcome } from './outcome.js';
import type { PublishContext } from './session.js';
import type { Post } from '../domain/post.js';
import type { Publication } from '../domain/publication.js';

// The lifecycle of one publication, platform-independent: each step is one transaction that
// moves the publication row and the post together, and writes the audit row.

export interface PostMove {
  postId: string;
  from: PostState;
  to: PostState;
  patch?: PostPatch;
  action: string;
  reason?: string | null;
  data?: unknown;
}

/**
 * Moves the post (compare-and-set on its state: a post changed meanwhile is a concurrent
 * change) and writes the audit row of the move, in the caller's transaction.
 */
export const movePost = async (trx: Db, w: WriteContext, move: PostMove): Promise<void> => {
  if (!(await transitionPost(trx, w, move.postId, move.from, move.to, move.patch))) throw concurrentChange(move.postId);
  await recordAudit(trx, w, {
    entity: 'post',
    entityId: move.postId,
    action: move.action,
    from: move.from,
    to: move.to,
    reason: move.reason,
    data: move.data,
  });
};

/**
 * Step 1: the intent. The post moves to `publishing` and a `pending` publication with the
 * attempt number, the text hash and the start time is committed BEFORE any call, so a crash
 * at any later point leaves a row that says "this may be on the Page: look before retrying".
 */
export const commitIntent = async (
  ctx: PublishContext,
  post: Post,
  textHash: string,
  mode: string,
): Promise<Publication> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const current = await getPost(trx, post.id);
    if (!current || current.state !== post.state) throw concurrentChange(post.id);
    assertTransition(shortId(post.id), current.state, 'publishing');
    // Belt and braces: whatever path led here, a post already on (or held by) the Page, or with
    // an attempt still unresolved, is never sent again.
    const open = await blockingPublication(trx, post.id);
    if (open) {
      throw new StateError(
        l(
          `Post ${shortId(post.id)} already has a ${open.status} publication${open.fbPostId ? ` (${open.fbPostId})` : ''}; it is not sent again.`,
          `La publication ${shortId(post.id)} a déjà un envoi ${open.status}${open.fbPostId ? ` (${open.fbPostId})` : ''}; il n’est pas renvoyé.`,
        ),
        {
          code: 'already_published',
          fix: l(
            `See \`autoscale show ${shortId(post.id)}\`; \`autoscale publish ${shortId(post.id)}\` reconciles an unresolved attempt.`,
            `Voir \`autoscale show ${shortId(post.id)}\`; \`autoscale publish ${shortId(post.id)}\` réconcilie une tentative non résolue.`,
          ),
        },
      );
    }
    if (!(await transitionPost(trx, w, post.id, current.state, 'publishing', { failureReason: null })))
      throw concurrentChange(post.id);
    const pub = await insertPublication(trx, w, {
      postId: post.id,
      brand: post.brand,
      pageId: ctx.publisher.accountId,
      mode,
      status: 'pending',
      textHash,
      slotAt: post.scheduledAt,
    });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'publish_intent',
      from: current.state,
      to: 'publishing',
      data: { publicationId: pub.id, attempt: pub.attemptNo, textHash, mode, pageId: ctx.publisher.accountId },
    });
    return pub;
  });

/** A new attempt after the previous one was confirmed absent; the post stays `publishing`. */
export const commitRetryIntent = async (
  ctx: PublishContext,
  previous: Publication,
  reason: string,
): Promise<Publication> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    if (
      !(await updatePublication(trx, w, previous.id, 'pending', {
        status: 'absent',
        error: reason,
        finishedAt: w.now,
      }))
    )
      throw concurrentChange(previous.postId);
    const pub = await insertPublication(trx, w, {
      postId: previous.postId,
      brand: previous.brand,
      pageId: previous.pageId,
      mode: previous.mode,
      status: 'pending',
      textHash: previous.textHash,
      slotAt: previous.slotAt,
    });
    await recordAudit(trx, w, {
      entity: 'publication',
      entityId: previous.id,
      action: 'publish_retry',
      reason,
      data: { postId: previous.postId, attempt: pub.attemptNo },
    });
    return pub;
  });

/** Step 2 succeeded (or reconciliation found it): store the ids at once. */
export const commitSuccess = async (
  ctx: PublishContext,
  pub: Publication,
  created: PlatformPost,
  scheduled: boolean,
  via: 'call' | 'reconcile',
): Promise<PublishOutcome> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const to: PostState = scheduled ? 'scheduled' : 'published';
    const post = (await getPost(trx, pub.postId))!;
    if (
      !(await updatePublication(trx, w, pub.id, pub.status, {
        status: to,
        fbPostId: created.postId,
        fbPhotoId: created.photoId,
        finishedAt: w.now,
        error: null,
      }))
    )
      throw concurrentChange(pub.postId);
    assertTransition(shortId(post.id), post.state, to);
    await movePost(trx, w, {
      postId: post.id,
      from: post.state,
      to,
      patch: { failureReason: null, publishMode: scheduled ? 'native' : post.publishMode },
      action: scheduled ? 'publish_scheduled' : 'published',
      data: {
        publicationId: pub.id,
        attempt: pub.attemptNo,
        fbPostId: created.postId,
        fbPhotoId: created.photoId,
        via,
      },
    });
    const after = (await getPost(trx, post.id))!;
    return outcomeOf(after, to, { ...fromPublication(pub), fbPostId: created.postId, fbPhotoId: created.photoId, via });
  });

/** The call was refused or never made: nothing is on the Page. */
export const commitNotPublished = async (
  ctx: PublishContext,
  pub: Publication,
  opts: {
    to: 'approved' | 'failed';
    pubStatus: 'absent' | 'failed';
    reason: string;
    action: PublishAction;
    retryAt?: string | undefined;
  },
): Promise<PublishOutcome> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const post = (await getPost(trx, pub.postId))!;
    if (
      !(await updatePublication(trx, w, pub.id, pub.status, {
        status: opts.pubStatus,
        error: opts.reason,
        finishedAt: w.now,
      }))
    )
      throw concurrentChange(pub.postId);
    assertTransition(shortId(post.id), post.state, opts.to);
    await movePost(trx, w, {
      postId: post.id,
      from: post.state,
      to: opts.to,
      patch: { failureReason: opts.reason },
      action: opts.to === 'failed' ? 'publish_failed' : 'publish_deferred',
      reason: opts.reason,
      data: { publicationId: pub.id, attempt: pub.attemptNo, retryAt: opts.retryAt ?? null },
    });
    const after = (await getPost(trx, post.id))!;
    return outcomeOf(after, opts.action, {
      ...fromPublication(pub),
      reason: opts.reason,
      retryAt: opts.retryAt ?? null,
      heldBack: opts.action === 'deferred',
    });
  });

export const commitUnconfirmed = async (
  ctx: PublishContext,
  pub: Publication,
  reason: string,
): Promise<PublishOutcome> => {
  const outcome = await immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const post = (await getPost(trx, pub.postId))!;
    await updatePublication(trx, w, pub.id, pub.status, { status: 'unknown', error: reason });
    if (post.state !== 'unconfirmed') {
      assertTransition(shortId(post.id), post.state, 'unconfirmed');
      await movePost(trx, w, {
        postId: post.id,
        from: post.state,
        to: 'unconfirmed',
        patch: { failureReason: reason },
        action: 'publish_unconfirmed',
        reason,
        data: { publicationId: pub.id, attempt: pub.attemptNo },
      });
    }
    const after = (await getPost(trx, post.id))!;
    return outcomeOf(after, 'unconfirmed', { ...fromPublication(pub), reason });
  });
  ctx.rt.onEvent?.({
    type: 'alert',
    postId: pub.postId,
    severity: 'error',
    message: l(
      `Post ${shortId(pub.postId)}: publish outcome unknown (${reason}). Check the Page, then run \`autoscale publish ${shortId(pub.postId)}\` to reconcile.`,
      `Post ${shortId(pub.postId)} : résultat de publication inconnu (${reason}). Vérifiez la Page, puis lancez \`autoscale publish ${shortId(pub.postId)}\` pour réconcilier.`,
    ),
  });
  return outcome;
};

/** A `publishing` post whose last publication is not open (should not happen): align the post on it. */
export const repairState = async (
  ctx: PublishContext,
  post: Post,
  pub: Publication | undefined,
): Promise<PublishOutcome> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const live = await livePublication(trx, post.id);
    const to: PostState = live ? (live.status === 'scheduled' ? 'scheduled' : 'published') : 'approved';
    await movePost(trx, w, {
      postId: post.id,
      from: post.state,
      to,
      action: 'publish_repair',
      data: { publicationId: pub?.id ?? null },
    });
    return outcomeOf(
      (await getPost(trx, post.id))!,
      live ? (to as PublishAction) : 'deferred',
      live ? fromPublication(live) : {},
    );
  });

/** A post that cannot even be prepared (no variant, image missing): failed, with the reason. */
export const failBeforeCall = async (deps: ServiceDeps, post: Post, reason: string): Promise<PublishOutcome> =>
  immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const current = (await getPost(trx, post.id))!;
    if (current.state !== 'approved') return outcomeOf(current, 'unchanged', { reason });
    await movePost(trx, w, {
      postId: post.id,
      from: 'approved',
      to: 'failed',
      patch: { failureReason: reason },
      action: 'publish_failed',
      reason,
    });
    return outcomeOf((await getPost(trx, post.id))!, 'failed', { reason });
  });

/** An approved post whose text is no longer the approved one goes back to review, not out. */
export const voidApproval = async (deps: ServiceDeps, post: Post, reason: string): Promise<void> =>
  immediate(deps.db, async (trx) => {
    const current = (await getPost(trx, post.id))!;
    if (current.state !== 'approved') return;
    await movePost(trx, deps.writer(), {
      postId: post.id,
      from: 'approved',
      to: 'in_review',
      patch: { scheduledAt: null, slotSeed: null, approvedTextHash: null },
      action: 'approval_voided',
      reason,
    });
  });
