import { listPosts } from '../store/posts-repo.js';
import { claimedFacebookIds, latestPublication } from '../store/publications-repo.js';
import { commitNotPublished, commitSuccess, commitUnconfirmed, repairState } from './lifecycle.js';
import { errorText, type PublishOutcome, type ReconcileOutcome } from './outcome.js';
import type { PublishContext } from './session.js';
import type { Publication } from '../domain/publication.js';

/** Meta's clock and ours may differ; reconciliation looks back this much before the attempt. */
const LOOKBACK_MS = 15 * 60_000;

export type Reconciled =
  { kind: 'found'; postId: string; scheduled: boolean } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/**
 * Looks for the attempt on the Page: its scheduled posts, and its posts since shortly before
 * the attempt, matched on the text hash and never on a Facebook id another publication already
 * owns. `settled` says the settle delay has already been waited (startup reconciliation waits
 * once for every row).
 */
export const reconcile = async (ctx: PublishContext, pub: Publication, settled: boolean): Promise<Reconciled> => {
  if (!settled) await ctx.sleep(ctx.publisher.policy.settleMs);
  try {
    const exclude = await claimedFacebookIds(ctx.deps.db, ctx.publisher.accountId);
    const since = new Date(new Date(pub.startedAt).getTime() - LOOKBACK_MS);
    const found = await ctx.publisher.find(pub.textHash, since, exclude);
    return found ? { kind: 'found', postId: found.postId, scheduled: found.scheduled } : { kind: 'absent' };
  } catch (error) {
    return { kind: 'unknown', reason: `could not list the Page to reconcile: ${errorText(error)}` };
  }
};

/**
 * Finds this brand's `publishing` posts (a call was in flight when a process died) and its
 * `unconfirmed` ones, and settles each against the Page before anything else runs: found →
 * published/scheduled with that id; confirmed absent → back to approved (the due scan publishes
 * it again); still unknown → unconfirmed. Must run under the publish lease.
 */
export const reconcileInFlightLocked = async (ctx: PublishContext): Promise<ReconcileOutcome[]> => {
  const posts = await listPosts(ctx.deps.db, {
    brand: ctx.deps.brandSlug,
    states: ['publishing', 'unconfirmed'],
    order: 'asc',
  });
  if (posts.length === 0) return [];
  // The dead process's request may still be on its way through Meta: wait once for all.
  await ctx.sleep(ctx.publisher.policy.settleMs);
  const out: ReconcileOutcome[] = [];
  for (const post of posts) {
    const pub = await latestPublication(ctx.deps.db, post.id);
    if (!pub || !['pending', 'unknown'].includes(pub.status)) {
      out.push({ ...(await repairState(ctx, post, pub)), from: post.state });
      continue;
    }
    const found = await reconcile(ctx, pub, true);
    let outcome: PublishOutcome;
    if (found.kind === 'found')
      outcome = await commitSuccess(ctx, pub, { postId: found.postId, photoId: null }, found.scheduled, 'reconcile');
    else if (found.kind === 'unknown') outcome = await commitUnconfirmed(ctx, pub, found.reason);
    else
      outcome = await commitNotPublished(ctx, pub, {
        to: 'approved',
        pubStatus: 'absent',
        reason: 'interrupted before Meta had it; will be published again',
        action: 'deferred',
      });
    out.push({ ...outcome, from: post.state });
  }
  return out;
};
