import { warmLint } from '../content/lint/engine.js';
import { evaluateDraft, type QualityReport } from '../content/quality.js';
import { frenchTypography } from '../domain/typography.js';
import {
  embeddingSimilarity,
  localSimilarity,
  similarityToVectors,
  type SimilarityResult,
} from '../content/similarity.js';
import type { Style } from '../domain/content.js';
import type { TextResult } from '../providers/types.js';
import type { RunContext } from './generation-run.js';
import { judgeStep } from './draft-checks.js';

// Loaded by a generation once its requests are sent (see `loadChecks`): everything that needs the
// linter's catalogue is reached from here.
export { feedbackFor } from '../content/quality.js';
export { acceptableDraft } from './draft-checks.js';

const WARM_DRAFT = {
  fr: 'Un garage de Sherbrooke manquait les appels du printemps : 40 rendez-vous pris par l’agent ! Écrivez-nous « DÉMO ». #PME',
  en: 'A Sherbrooke garage missed spring calls: 40 bookings taken by the agent! Message us "DEMO". #SMB',
} as const;

/**
 * Everything the first answer would otherwise compile on arrival (the linter's rules, the
 * typography fixer's patterns, the gate's scoring), run twice on a sample while the provider
 * writes, in slices that leave the thread to the HTTP client.
 */
export const warmDraftChecks = async (lang: 'fr' | 'en'): Promise<void> => {
  await warmLint(lang);
  // Twice each, like the linter's rules: V8 compiles a regular expression to machine code on
  // its second run.
  for (let pass = 0; pass < 2; pass++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (lang === 'fr') frenchTypography(WARM_DRAFT.fr);
    await new Promise<void>((resolve) => setImmediate(resolve));
    evaluateDraft({
      text: WARM_DRAFT[lang],
      style: 'professional',
      contentType: 'case_study',
      threshold: 0,
      similarityThreshold: 1,
    });
  }
};

/**
 * The quality gate on one round of a style: the independent judge (its own call; never the
 * writer grading itself), the similarity to recent posts, then the composite score (lint +
 * judge + predicted engagement) and the gate's flags.
 */
export const assessDraft = async (
  ctx: RunContext,
  style: Style,
  round: number,
  result: TextResult,
): Promise<QualityReport> => {
  const q = ctx.deps.config.quality;
  const { provider } = ctx;
  const judged = await judgeStep(
    provider,
    q.judge,
    (key, call) => ctx.ledger.pay({ key, purpose: 'judge', provider: provider.id, offline: false }, call),
    `judge:${style}:r${round}`,
    { profileBrand: ctx.deps.brand, text: result.draft.text, style, contentType: ctx.request.contentType },
  );
  const sim = await similarityOf(ctx, style, round, result.draft.text);
  return evaluateDraft({
    text: result.draft.text,
    style,
    contentType: ctx.request.contentType,
    threshold: q.threshold,
    minChars: q.minChars,
    verdict: judged.verdict,
    judgeNote: judged.note,
    accept: ctx.deps.brand.profile.acceptedWords,
    similarity: sim.result,
    similarityThreshold: sim.threshold,
    engagement: ctx.options.engagement,
  });
};

/** Embeddings (a paid step) when configured and there is history; character n-grams otherwise. */
const similarityOf = async (
  ctx: RunContext,
  style: Style,
  round: number,
  text: string,
): Promise<{ result: SimilarityResult; threshold: number }> => {
  const q = ctx.deps.config.quality;
  const { embeddings } = ctx.options;
  const past = await ctx.past;
  if (embeddings && past.length > 0) {
    try {
      const pastVectors = await ctx.pastVectors;
      const result = await ctx.ledger.pay(
        { key: `embed:${style}:r${round}`, purpose: 'embedding', provider: embeddings.id, offline: embeddings.offline },
        async () => {
          const started = Date.now();
          const r = pastVectors
            ? await similarityToVectors(embeddings, text, past, pastVectors)
            : await embeddingSimilarity(embeddings, text, past);
          return { value: r, usage: r.usage!, model: embeddings.model, latencyMs: Date.now() - started };
        },
      );
      return { result, threshold: q.similarityThresholdEmbeddings };
    } catch {
      // Embeddings are a refinement: the local method still guards against repeats.
    }
  }
  return { result: localSimilarity(text, past), threshold: q.similarityThreshold };
};
