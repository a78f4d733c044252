import { recordAudit } from '../store/audit-repo.js';
import { newId } from '../store/ids.js';
import { attachDecisionToPost, recordGuidanceExposure } from '../store/learning-repo.js';
import { attachRunCallsToPost } from '../store/llm-calls-repo.js';
import { insertPost, transitionPost } from '../store/posts-repo.js';
import { updateRun } from '../store/runs-repo.js';
import { immediate } from '../store/tx.js';
import { insertVariant } from '../store/variants-repo.js';
import type { RunContext } from './generation-run.js';
import type { Drafted } from './write-variants.js';

/**
 * Commits the post in one transaction: the post, its variants (first versions), the guidance
 * each saw, the optimizer decision, the move to review with its audit rows, the run's ledger
 * rows and the run's completion. A crash before the commit leaves no post; after it, a whole one.
 */
export const persistPost = async (
  ctx: Pick<RunContext, 'deps' | 'provider' | 'request' | 'bundle' | 'options'>,
  runId: string,
  drafts: Drafted[],
): Promise<string> => {
  const { deps, provider, request, bundle, options } = ctx;
  const postId = newId();
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    await insertPost(trx, w, {
      id: postId,
      brand: deps.brandSlug,
      contentType: request.contentType,
      topic: request.topic,
      targetDate: request.date,
      state: 'draft',
      generationRunId: runId,
    });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: postId,
      action: 'create',
      to: 'draft',
      data: { provider: provider.id, model: provider.model, runId },
    });
    for (const [i, d] of drafts.entries()) {
      const variantId = await insertVariant(trx, w, {
        postId,
        idx: i + 1,
        style: d.style,
        text: d.result.draft.text,
        headline: d.result.draft.headline,
        promptVersion: bundle.versionFor(d.style),
        provider: provider.id,
        model: d.result.model,
        qualityScore: d.report.score,
        quality: { ...d.report, rounds: d.rounds, history: d.history, repaired: d.result.repaired ?? false },
      });
      if (options.guidance) await recordGuidanceExposure(trx, w, variantId, options.guidance.versionId);
    }
    if (options.decisionId) await attachDecisionToPost(trx, w, options.decisionId, postId);
    await transitionPost(trx, w, postId, 'draft', 'in_review');
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: postId,
      action: 'submit_for_review',
      from: 'draft',
      to: 'in_review',
    });
    await attachRunCallsToPost(trx, runId, postId);
    await updateRun(trx, runId, { status: 'completed', postId: postId, updatedAt: w.now });
  });
  return postId;
};
