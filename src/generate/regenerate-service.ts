import { isStyle } from '../domain/content.js';
import { UsageError, ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { loadBundle } from '../prompts/library.js';
import type { TextProvider } from '../providers/types.js';
import { shortId } from '../store/ids.js';
import { variantsForPost } from '../store/variants-repo.js';
import { paidAnswer, recordPaid } from './ledger.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { resolvePost, variantByIndex } from '../store/post-lookup.js';
import { editVariant, type EditResult } from '../review/review-service.js';
import { judgeStep } from './draft-checks.js';

/**
 * Rewrites one variant following a short instruction ("plus court", "ajoute un chiffre").
 * The answer becomes a new version (source `regenerate`); the old text stays in the history.
 */
export const regenerateVariant = async (
  deps: ServiceDeps,
  provider: TextProvider,
  input: { ref: string; variant: number; instruction: string },
): Promise<EditResult> => {
  const instruction = input.instruction.trim();
  if (!instruction) {
    throw new UsageError(l('Say what to change (e.g. "plus court").', 'Dites quoi changer (p. ex. « plus court »).'), {
      code: 'missing_instruction',
      fix: l('Give a one-line instruction.', 'Donnez une consigne d’une ligne.'),
    });
  }
  const post = await resolvePost(deps.db, input.ref);
  const variant = variantByIndex(await variantsForPost(deps.db, post.id), input.variant, post.id);
  const style = isStyle(variant.style) ? variant.style : 'professional';
  const brand = deps.config.brands[post.brand] ?? deps.brand;
  let result;
  try {
    result = await provider.generate({
      brandSlug: post.brand,
      brand,
      contentType: post.contentType,
      topic: post.topic,
      date: post.targetDate,
      style,
      prompts: loadBundle(post.contentType, [style]),
      seed: `${post.id}:${variant.id}:${variant.currentVersionNo}`,
      feedback: instruction,
      previous: variant.text,
    });
  } catch (error) {
    if (error instanceof ExternalError) throw error;
    throw new ExternalError(
      provider.id,
      l(
        `The ${provider.id} text provider failed: ${(error as Error).message}`,
        `Le fournisseur de texte ${provider.id} a échoué : ${(error as Error).message}`,
      ),
      {
        cause: error,
        fix: l(
          `The post is unchanged; retry, or edit by hand with \`autoscale edit ${shortId(post.id)}\`.`,
          `La publication est inchangée; réessayez, ou modifiez à la main avec \`autoscale edit ${shortId(post.id)}\`.`,
        ),
      },
    );
  }
  if (!provider.offline) {
    await recordPaid(
      deps,
      {
        runId: null,
        postId: post.id,
        stepKey: `regenerate:${variant.id}:${variant.currentVersionNo}`,
        purpose: 'regenerate',
        provider: provider.id,
      },
      paidAnswer({ text: result.draft.text, headline: result.draft.headline }, result),
    );
  }
  // The rewrite is judged like a draft: by the independent judge, never by its writer.
  const judged = await judgeStep(
    provider,
    deps.config.quality.judge,
    async (stepKey, call) => {
      const answer = await call();
      await recordPaid(
        deps,
        { runId: null, postId: post.id, stepKey, purpose: 'judge', provider: provider.id },
        answer,
      );
      return answer.value;
    },
    `judge:${variant.id}:${variant.currentVersionNo}`,
    { profileBrand: brand, text: result.draft.text, style, contentType: post.contentType },
  );
  return editVariant(deps, {
    ref: post.id,
    variant: variant.idx,
    text: result.draft.text,
    headline: result.draft.headline,
    source: 'regenerate',
    note: instruction,
    verdict: judged.verdict,
    judgeNote: judged.note,
  });
};
