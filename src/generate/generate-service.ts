import { createHash } from 'node:crypto';
import { STYLES, isContentType, type ContentType, type Style, CONTENT_TYPES } from '../domain/content.js';
import { isValidDate, localDate } from '../domain/time.js';
import { UsageError, ExternalError, StateError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { loadBundle } from '../prompts/library.js';
import { assessmentJsonSchema, assessmentSchema, judgePrompt } from '../content/judge.js';
import { evaluateDraft, feedbackFor, type QualityReport } from '../content/quality.js';
import type { EngagementModel } from '../content/score.js';
import { attachDecisionToPost, recordGuidanceExposure } from '../store/learning-repo.js';
import { embeddingSimilarity, localSimilarity, type SimilarityResult } from '../content/similarity.js';
import { systemPrompt } from '../providers/compose.js';
import type { EmbeddingProvider, TextProvider, TextResult, Usage } from '../providers/types.js';
import { recordAudit } from '../store/audit-repo.js';
import { newId } from '../store/ids.js';
import { attachRunCallsToPost, recordCall, succeededCall } from '../store/llm-calls-repo.js';
import { insertPost, transitionPost } from '../store/posts-repo.js';
import { findOpenRun, findOpenRunByPlanKey, getRun, insertRun, updateRun } from '../store/runs-repo.js';
import { immediate } from '../store/tx.js';
import { insertVariant, recentPostTexts } from '../store/variants-repo.js';
import { textCost } from './cost.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';

export interface GenerateInput {
  contentType: string;
  topic?: string | undefined;
  date?: string | undefined;
  variants?: number | undefined;
  /** Style order (the optimizer may put the one it expects to win first). */
  styles?: Style[] | undefined;
  /** Id for a new run: the daemon passes its job's id so a retried job finds its own run. */
  runId?: string | undefined;
  /** From `planGeneration`: stored on a new run so a re-run of the same command resumes it. */
  plan?: { key: string; value: GenerationPlan } | undefined;
}

/** What was chosen for a request (by the optimizer, or `--type` plus the optimizer's style order). */
export interface GenerationPlan {
  contentType: string;
  styles: Style[];
  decisionId: string | null;
  explanation: Localized | null;
}

/**
 * The plan for a `generate` request: the one an interrupted run of the very same request was
 * started with, or a fresh one from `choose` (the optimizer). Without this, re-running a killed
 * `generate` would ask the optimizer again, and a new draw (another type or style order) would
 * start a new run instead of resuming the paid one.
 */
export const planGeneration = async (
  deps: ServiceDeps,
  request: {
    contentType?: string | undefined;
    topic?: string | undefined;
    date: string;
    variants?: number | undefined;
  },
  provider: { id: string; model: string },
  choose: () => Promise<GenerationPlan>,
): Promise<{ key: string; plan: GenerationPlan; resumed: boolean }> => {
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        deps.brandSlug,
        request.contentType ?? null,
        request.topic?.trim() || null,
        request.date,
        request.variants ?? null,
        provider.id,
        provider.model,
      ]),
    )
    .digest('hex');
  const open = await findOpenRunByPlanKey(deps.db, key);
  if (open?.plan) return { key, plan: JSON.parse(open.plan) as GenerationPlan, resumed: true };
  return { key, plan: await choose(), resumed: false };
};

export interface GenerateResult {
  postId: string;
  runId: string;
  resumed: boolean;
  /** Steps reused from an interrupted run instead of being paid again. */
  reusedSteps: number;
  provider: string;
  model: string;
  offline: boolean;
  quality: {
    style: Style;
    score: number;
    passed: boolean;
    flags: string[];
    rounds: number;
    judge: 'llm' | 'deterministic';
  }[];
}

export interface GenerateOptions {
  /** Embeddings for the similarity check (OpenAI when a key is set); local n-grams otherwise. */
  embeddings?: EmbeddingProvider | undefined;
  /** Replaces the engagement prior (the analytics work supplies a fitted model). */
  engagement?: EngagementModel | undefined;
  /** The learning loop's guidance block; every variant records the version it saw. */
  guidance?: { text: string; versionId: string } | undefined;
  /** The optimizer decision that chose this post, linked to it on commit. */
  decisionId?: string | undefined;
}

interface PaidAnswer<T> {
  value: T;
  usage: Usage;
  model: string;
  latencyMs: number;
  requestId?: string | undefined;
  reportedCostUsd?: number | undefined;
}

interface Drafted {
  style: Style;
  result: TextResult;
  report: QualityReport;
  rounds: number;
  history: { round: number; score: number; flags: string[] }[];
}

export const validateContentType = (contentType: string): ContentType => {
  if (!isContentType(contentType)) {
    throw new UsageError(l(`Unknown content type "${contentType}".`, `Type de contenu inconnu « ${contentType} ».`), {
      code: 'unknown_content_type',
      fix: l(`Use one of: ${CONTENT_TYPES.join(', ')}.`, `Utilisez l'un de : ${CONTENT_TYPES.join(', ')}.`),
    });
  }
  return contentType;
};

export const validateGenerateInput = (input: GenerateInput, today: string) => {
  const contentType = validateContentType(input.contentType);
  return { ...validateRequestOptions(input, today), contentType };
};

/** Date, variant count and topic: checked before the optimizer or a provider is asked anything. */
export const validateRequestOptions = (input: Omit<GenerateInput, 'contentType'>, today: string) => {
  const date = input.date ?? today;
  if (!isValidDate(date)) {
    throw new UsageError(l(`Invalid date "${date}".`, `Date invalide « ${date} ».`), {
      code: 'bad_date',
      fix: l(
        'Give a calendar date as YYYY-MM-DD, e.g. 2026-12-01.',
        'Donnez une date du calendrier au format AAAA-MM-JJ, p. ex. 2026-12-01.',
      ),
    });
  }
  const count = input.variants ?? STYLES.length;
  if (!Number.isInteger(count) || count < 1 || count > STYLES.length) {
    throw new UsageError(
      l(
        `--variants must be 1 to ${STYLES.length}, not ${String(input.variants)}.`,
        `--variants doit valoir de 1 à ${STYLES.length}, et non ${String(input.variants)}.`,
      ),
      {
        code: 'bad_variants',
        fix: l(
          'One variant per style: professional, storytelling, question.',
          'Une variante par style : professionnel, récit, question.',
        ),
      },
    );
  }
  const topic = input.topic?.trim() || null;
  if (topic && topic.length > 300) {
    throw new UsageError(l('--topic is longer than 300 characters.', '--topic dépasse 300 caractères.'), {
      code: 'bad_topic',
      fix: l('Give a short subject; the writer expands it.', 'Donnez un sujet court; le rédacteur le développe.'),
    });
  }
  const styles = (input.styles ?? [...STYLES]).slice(0, count);
  return { date, topic, styles };
};

/**
 * Writes a post: one variant per style, through the selected text provider.
 *
 * Durable: every paid provider answer is recorded in the ledger under the run before the next
 * call, and the post with its variants is committed in one transaction at the end. A run
 * interrupted at any point is resumed by the next identical `generate`, reusing what was paid.
 */
export const generatePost = async (
  deps: ServiceDeps,
  provider: TextProvider,
  input: GenerateInput,
  progress: ProgressSink = () => undefined,
  options: GenerateOptions = {},
): Promise<GenerateResult> => {
  const { db } = deps;
  const today = localDate(deps.clock.now(), deps.brand.timezone);
  const v = validateGenerateInput(input, today);
  const bundle = loadBundle(v.contentType, v.styles);

  const requestKey = createHash('sha256')
    .update(JSON.stringify([deps.brandSlug, v.contentType, v.topic, v.date, v.styles, provider.id, provider.model]))
    .digest('hex');
  // A caller that names its run (a daemon job) resumes only that run: adopting another open run
  // with the same request would let two jobs end on one post. Otherwise an identical request
  // resumes the interrupted run and reuses what it paid for.
  const named = input.runId ? await getRun(db, input.runId) : undefined;
  if (named?.status === 'completed') {
    throw new StateError(
      l(
        `Generation run ${input.runId ?? ''} already produced post ${named.post_id ?? '?'}.`,
        `La génération ${input.runId ?? ''} a déjà produit le post ${named.post_id ?? '?'}.`,
      ),
      {
        code: 'run_completed',
        fix: l(
          'Use the existing post (autoscale show), or start a new run.',
          'Utilisez le post existant (autoscale show), ou lancez une nouvelle génération.',
        ),
      },
    );
  }
  const open = input.runId ? named : await findOpenRun(db, requestKey);
  const runId = open?.id ?? input.runId ?? newId();
  if (!open) {
    const now = deps.writer().now;
    await insertRun(db, {
      id: runId,
      brand: deps.brandSlug,
      content_type: v.contentType,
      topic: v.topic,
      target_date: v.date,
      variant_count: v.styles.length,
      request_key: requestKey,
      status: 'running',
      post_id: null,
      error: null,
      created_at: now,
      updated_at: now,
      plan_key: input.plan?.key ?? null,
      plan: input.plan ? JSON.stringify(input.plan.value) : null,
    });
  } else {
    await updateRun(db, runId, { status: 'running', error: null, updated_at: deps.writer().now });
  }

  const seed = `${deps.brandSlug}:${v.contentType}:${v.date}:${v.topic ?? ''}`;
  const q = deps.config.quality;
  const embeddings = options.embeddings;
  let reused = 0;
  let tokens = 0;
  const streamed = new Map<string, number>();
  const past = await recentPostTexts(
    db,
    deps.brandSlug,
    new Date(deps.clock.now().getTime() - q.similarityDays * 86_400_000).toISOString(),
  );

  /** A paid step: reused from the ledger when this run already paid for it, else called and recorded before anything else. */
  const paid = async <T>(
    stepKey: string,
    purpose: string,
    providerId: string,
    offline: boolean,
    call: () => Promise<PaidAnswer<T>>,
  ): Promise<T> => {
    const cached = await succeededCall(db, runId, stepKey);
    if (cached?.response) {
      reused += 1;
      return JSON.parse(cached.response) as T;
    }
    const answer = await call();
    if (!offline) {
      await recordCall(db, deps.writer(), {
        runId,
        postId: null,
        stepKey,
        purpose,
        provider: providerId,
        model: answer.model,
        status: 'succeeded',
        ...answer.usage,
        costUsd: answer.reportedCostUsd ?? textCost(answer.usage, answer.model, deps.config.prices.text),
        latencyMs: answer.latencyMs,
        requestId: answer.requestId ?? null,
        response: answer.value,
      });
    }
    return answer.value;
  };

  const similarityOf = async (
    style: Style,
    round: number,
    text: string,
  ): Promise<{ result: SimilarityResult; threshold: number }> => {
    if (embeddings && past.length > 0) {
      try {
        const result = await paid(
          `embed:${style}:r${round}`,
          'embedding',
          embeddings.id,
          embeddings.offline,
          async () => {
            const started = Date.now();
            const r = await embeddingSimilarity(embeddings, text, past);
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

  // Prompt-cache warm-up: the first variant goes alone until the provider starts answering
  // (its cache entry for the brand block exists from then on); the others follow and read it.
  let releaseOthers: () => void = () => undefined;
  const warm = new Promise<void>((resolve) => (releaseOthers = resolve));
  const warmup = !provider.offline && deps.config.providers.text.cacheWarmup && v.styles.length > 1;

  const runStyle = async (style: Style, index: number): Promise<Drafted> => {
    if (warmup && index > 0) await warm;
    const onStart = index === 0 ? releaseOthers : undefined;
    try {
      return await draftStyle(style, onStart);
    } finally {
      if (index === 0) releaseOthers();
    }
  };

  const draftStyle = async (style: Style, onStart: (() => void) | undefined): Promise<Drafted> => {
    const assessInline = !provider.offline && q.judge === 'inline';
    let previous: string | undefined;
    let feedback: string | undefined;
    let best: Drafted | undefined;
    const history: { round: number; score: number; flags: string[] }[] = [];
    for (let round = 0; ; round += 1) {
      progress({ step: round === 0 ? 'variant' : 'regenerate', detail: round === 0 ? style : `${style} (${round})` });
      const stepKey = round === 0 ? `variant:${style}` : `variant:${style}:r${round}`;
      const result: TextResult = await paid(
        stepKey,
        round === 0 ? 'variant' : 'regenerate',
        provider.id,
        provider.offline,
        async () => {
          const r = await provider.generate({
            brandSlug: deps.brandSlug,
            brand: deps.brand,
            contentType: v.contentType,
            topic: v.topic,
            date: v.date,
            style,
            prompts: bundle,
            seed,
            previous,
            feedback,
            guidance: options.guidance?.text,
            assess: assessInline,
            onStart: round === 0 ? onStart : undefined,
            onProgress: (e) => {
              tokens += e.outputTokens - (streamed.get(stepKey) ?? 0);
              streamed.set(stepKey, e.outputTokens);
              progress({ step: 'tokens', detail: `${tokens} tokens` });
            },
          });
          return {
            value: r,
            usage: r.usage,
            model: r.model,
            latencyMs: r.latencyMs,
            requestId: r.requestId,
            reportedCostUsd: r.reportedCostUsd,
          };
        },
      );
      if (round === 0) onStart?.();
      if (round > 0 && previous !== undefined && result.draft.text === previous) break; // the writer cannot do better (offline)
      let assessment = result.assessment;
      let judgeNote: string | undefined;
      if (!provider.offline && q.judge === 'separate' && provider.structured) {
        const structured = provider.structured.bind(provider);
        try {
          assessment = await paid(`judge:${style}:r${round}`, 'judge', provider.id, false, async () => {
            const r = await structured({
              purpose: 'judge',
              system: systemPrompt({ brand: deps.brand, prompts: bundle }),
              user: judgePrompt(result.draft.text, style),
              schemaName: 'judge_verdict',
              jsonSchema: assessmentJsonSchema,
              parse: (x) => assessmentSchema.parse(x),
              maxTokens: 600,
            });
            return {
              value: r.value,
              usage: r.usage,
              model: r.model,
              latencyMs: r.latencyMs,
              requestId: r.requestId,
              reportedCostUsd: r.reportedCostUsd,
            };
          });
        } catch (error) {
          judgeNote = `LLM judge unavailable (${(error as Error).message}); deterministic rubric only`;
        }
      }
      const sim = await similarityOf(style, round, result.draft.text);
      const report = evaluateDraft({
        text: result.draft.text,
        style,
        contentType: v.contentType,
        threshold: q.threshold,
        assessment,
        judgeNote,
        similarity: sim.result,
        similarityThreshold: sim.threshold,
        engagement: options.engagement,
      });
      history.push({ round, score: report.score, flags: report.flags });
      // The best round is kept; ties go to the later, revised one.
      if (
        !best ||
        report.score >= best.report.score ||
        (best.report.flags.includes('too-similar') && !report.flags.includes('too-similar'))
      ) {
        best = { style, result, report, rounds: 0, history: [] };
      }
      if (report.passed || round >= q.maxRounds) break;
      previous = result.draft.text;
      feedback = feedbackFor(report);
    }
    return { ...best!, rounds: history.length, history };
  };

  // Concurrent: a post's wall time is about one provider round trip, not one per style.
  // allSettled: a failing style must not abandon paid answers still in flight for the others.
  const settled = await Promise.allSettled(v.styles.map(runStyle));
  const failure = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
  if (failure) {
    const error = failure.reason as Error;
    await updateRun(db, runId, { status: 'failed', error: error.message, updated_at: deps.writer().now });
    if (error instanceof ExternalError) throw error;
    throw new ExternalError(
      provider.id,
      l(
        `The ${provider.id} text provider failed: ${error.message}`,
        `Le fournisseur de texte ${provider.id} a échoué : ${error.message}`,
      ),
      {
        cause: error,
        fix: l(
          `Re-run the same command to resume (paid steps are kept), or check \`autoscale doctor\`.`,
          `Relancez la même commande pour reprendre (les étapes payées sont conservées), ou vérifiez \`autoscale doctor\`.`,
        ),
      },
    );
  }
  const drafts = settled.map((x) => (x as PromiseFulfilledResult<Drafted>).value);

  const postId = newId();
  await immediate(db, async (trx) => {
    const w = deps.writer();
    await insertPost(trx, w, {
      id: postId,
      brand: deps.brandSlug,
      contentType: v.contentType,
      topic: v.topic,
      targetDate: v.date,
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
    await updateRun(trx, runId, { status: 'completed', post_id: postId, updated_at: w.now });
  });

  return {
    postId,
    runId,
    resumed: Boolean(open),
    reusedSteps: reused,
    provider: provider.id,
    model: provider.model,
    offline: provider.offline,
    quality: drafts.map((d) => ({
      style: d.style,
      score: d.report.score,
      passed: d.report.passed,
      flags: d.report.flags,
      rounds: d.rounds,
      judge: d.report.judge.method,
    })),
  };
};
