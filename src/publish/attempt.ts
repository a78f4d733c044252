import { l } from '../i18n/localized.js';
import type { FailureCategory, PlatformPost, PublishPayload } from '../platforms/platform-publisher.js';
import { publicationsForPost } from '../store/publications-repo.js';
import { pausePage } from './lease.js';
import { commitNotPublished, commitRetryIntent, commitSuccess, commitUnconfirmed } from './lifecycle.js';
import { errorText, type PublishOutcome } from './outcome.js';
import { reconcile } from './reconcile.js';
import { note, type PublishContext } from './session.js';
import type { Publication } from '../domain/publication.js';

/** Attempts that failed on their own merits (not the ones a crash interrupted). */
const failedAttempts = (pubs: Publication[]) =>
  pubs.filter((p) => (p.status === 'absent' || p.status === 'failed') && !(p.error ?? '').startsWith('interrupted'))
    .length;

const pauseFor = async (ctx: PublishContext, category: FailureCategory, ms: number, reason: string) => {
  const until = new Date(ctx.deps.clock.now().getTime() + ms).toISOString();
  await pausePage(ctx.deps.db, ctx.publisher.accountId, { until, reason, category });
  return until;
};

/**
 * What a failed call leaves: an outcome when it ends the attempt, `retry` when nothing can be
 * on the Page and another attempt may follow.
 */
const settleFailure = async (
  ctx: PublishContext,
  pub: Publication,
  error: unknown,
): Promise<PublishOutcome | 'retry'> => {
  const reason = errorText(error);
  const failure = ctx.publisher.classify(error);
  const { category } = failure;
  const { policy } = ctx.publisher;
  const failed = () => commitNotPublished(ctx, pub, { to: 'failed', pubStatus: 'failed', reason, action: 'failed' });

  if (failure.sent && (category === 'unknown_outcome' || category === 'transient' || category === 'duplicate')) {
    note(
      ctx,
      l(
        `Outcome unknown (${reason}); reconciling with the Page…`,
        `Résultat inconnu (${reason}); vérification sur la Page…`,
      ),
    );
    const found = await reconcile(ctx, pub, false);
    if (found.kind === 'found')
      return commitSuccess(ctx, pub, { postId: found.postId, photoId: null }, found.scheduled, 'reconcile');
    if (found.kind === 'unknown') return commitUnconfirmed(ctx, pub, `${reason}; ${found.reason}`);
    if (category === 'duplicate') return failed();
    return 'retry';
  }
  // Not sent (connection refused): nothing can be on the Page.
  if (category === 'transient' || category === 'unknown_outcome') return 'retry';
  if (category === 'throttled' || category === 'circuit_open' || category === 'paused') {
    const until = await pauseFor(ctx, category, failure.retryAfterMs ?? policy.cooldownMs, reason);
    return commitNotPublished(ctx, pub, {
      to: 'approved',
      pubStatus: 'absent',
      reason,
      action: 'deferred',
      retryAt: until,
    });
  }
  if (category === 'policy') await pauseFor(ctx, category, policy.policyPauseHours * 3_600_000, reason);
  // Token, permission and policy failures need a person.
  if (failure.alert) ctx.rt.onEvent?.({ type: 'alert', postId: pub.postId, severity: 'error', message: failure.alert });
  return failed();
};

/**
 * Runs attempts from a committed intent until the post is on the Page, refused, deferred or
 * unconfirmed. An unknown outcome is never retried blindly: it is reconciled first, and only a
 * confirmed absence leads to a new attempt.
 */
export const drive = async (
  ctx: PublishContext,
  firstPub: Publication,
  payload: PublishPayload,
): Promise<PublishOutcome> => {
  const { policy } = ctx.publisher;
  let pub = firstPub;
  for (;;) {
    let created: PlatformPost | undefined;
    let failure: unknown;
    try {
      created = await ctx.publisher.create(payload);
    } catch (error) {
      failure = error;
    }
    if (created) return commitSuccess(ctx, pub, created, payload.scheduledAt !== undefined, 'call');

    const settled = await settleFailure(ctx, pub, failure);
    if (settled !== 'retry') return settled;
    const reason = errorText(failure);
    const done = failedAttempts(await publicationsForPost(ctx.deps.db, pub.postId)) + 1;
    if (done >= policy.maxAttempts) {
      return commitNotPublished(ctx, pub, {
        to: 'failed',
        pubStatus: 'absent',
        reason: `gave up after ${done} attempts: ${reason}`,
        action: 'failed',
      });
    }
    await ctx.sleep(policy.retryMinMs * 2 ** (done - 1));
    pub = await commitRetryIntent(ctx, pub, reason);
  }
};
