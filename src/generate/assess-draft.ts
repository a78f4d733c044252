import { assessmentJsonSchema, assessmentSchema, judgePrompt } from '../content/judge.js';
import { evaluateDraft, type QualityReport } from '../content/quality.js';
import {
  embeddingSimilarity,
  localSimilarity,
  similarityToVectors,
  type SimilarityResult,
} from '../content/similarity.js';
import type { Style } from '../domain/content.js';
import { systemPrompt } from '../providers/compose.js';
import type { TextResult } from '../providers/types.js';
import type { RunContext } from './generation-run.js';
import { paidAnswer } from './ledger.js';

/**
 * The quality gate on one round of a style: the separate LLM judge when configured, the
 * similarity to recent posts, then the composite score (lint + judge + predicted engagement).
 */
export const assessDraft = async (
  ctx: RunContext,
  style: Style,
  round: number,
  result: TextResult,
): Promise<QualityReport> => {
  const q = ctx.deps.config.quality;
  const judged = await judgeSeparately(ctx, style, round, result);
  const sim = await similarityOf(ctx, style, round, result.draft.text);
  return evaluateDraft({
    text: result.draft.text,
    style,
    contentType: ctx.request.contentType,
    threshold: q.threshold,
    assessment: judged.assessment,
    judgeNote: judged.note,
    similarity: sim.result,
    similarityThreshold: sim.threshold,
    engagement: ctx.options.engagement,
  });
};

/**
 * `quality.judge = separate`: a second, paid call grades the text. Without it (or offline) the
 * writer's own inline assessment stands; a failing judge leaves the deterministic rubric alone.
 */
const judgeSeparately = async (
  ctx: RunContext,
  style: Style,
  round: number,
  result: TextResult,
): Promise<{ assessment: TextResult['assessment']; note?: string | undefined }> => {
  const { provider, deps } = ctx;
  if (provider.offline || deps.config.quality.judge !== 'separate' || !provider.structured) {
    return { assessment: result.assessment };
  }
  const structured = provider.structured.bind(provider);
  try {
    const assessment = await ctx.ledger.pay(
      { key: `judge:${style}:r${round}`, purpose: 'judge', provider: provider.id, offline: false },
      async () => {
        const r = await structured({
          purpose: 'judge',
          system: systemPrompt({ brand: deps.brand, prompts: ctx.bundle }),
          user: judgePrompt(result.draft.text, style),
          schemaName: 'judge_verdict',
          jsonSchema: assessmentJsonSchema,
          parse: (x) => assessmentSchema.parse(x),
          maxTokens: 600,
        });
        return paidAnswer(r.value, r);
      },
    );
    return { assessment };
  } catch (error) {
    return {
      assessment: result.assessment,
      note: `LLM judge unavailable (${(error as Error).message}); deterministic rubric only`,
    };
  }
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
