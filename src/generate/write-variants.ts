import type { QualityReport } from '../content/quality.js';
import type { Style } from '../domain/content.js';
import { planStructures, prefsFromRules, type StructurePlan } from '../domain/structure.js';
import type { RecentPost, TextResult } from '../providers/types.js';
import { recentPosts } from './variant-context.js';
import type { RunContext } from './generation-run.js';
import { withCitation } from './cite-source.js';
import { paidAnswer } from './ledger.js';

/** One style's text as kept: its best round, with the score history of every round. */
export interface Drafted {
  style: Style;
  result: TextResult;
  report: QualityReport;
  rounds: number;
  history: { round: number; score: number; flags: string[] }[];
}

/** What a rewrite round sends back to the writer: its previous text and the gate's findings. */
interface Turn {
  previous?: string | undefined;
  feedback?: string | undefined;
}

type TokenMeter = (stepKey: string) => (event: { outputTokens: number }) => void;

/** The variant's planned structure and the brand's recent posts, given to the writer. */
interface Shape {
  structure: StructurePlan;
  recent: RecentPost[];
}

const seedOf = (ctx: RunContext) =>
  `${ctx.deps.brandSlug}:${ctx.request.contentType}:${ctx.request.date}:${ctx.request.topic ?? ''}`;

/**
 * Writes one variant per style, concurrently: a post's wall time is about one provider round
 * trip, not one per style. allSettled: a failing style must not abandon paid answers still in
 * flight for the others; the first failure is thrown once they have all settled.
 */
export const writeVariants = async (ctx: RunContext): Promise<Drafted[]> => {
  const { provider, deps, request } = ctx;
  // Prompt-cache warm-up: the first variant goes alone until the provider starts answering
  // (its cache entry for the brand block exists from then on); the others follow and read it.
  let releaseOthers: () => void = () => undefined;
  const warm = new Promise<void>((resolve) => (releaseOthers = resolve));
  const warmup = !provider.offline && deps.config.providers.text.cacheWarmup && request.styles.length > 1;
  const meter = tokenMeter(ctx);
  // Each variant gets its own angle and shape (opening, ending, length, figures, hashtags), so a
  // post explores structures and the learning loop can tell which ones work.
  const plans = planStructures(seedOf(ctx), request.styles, prefsFromRules(ctx.options.guidance?.rules ?? []));
  // The openings of recent posts shape the prompts: a bounded read (the last few hundred posts)
  // that was started with the run, so it has usually settled by now.
  const recent = recentPosts(await ctx.past, deps.brand.profile);

  const runStyle = async (style: Style, index: number): Promise<Drafted> => {
    if (warmup && index > 0) await warm;
    try {
      const shape = { structure: plans[index]!, recent };
      return await draftStyle(ctx, style, shape, index === 0 ? releaseOthers : undefined, meter, index === 0);
    } finally {
      if (index === 0) releaseOthers();
    }
  };

  const settled = await Promise.allSettled(request.styles.map(runStyle));
  const failure = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((x) => (x as PromiseFulfilledResult<Drafted>).value);
};

/** Output tokens streamed so far across the run's calls, reported as progress. */
const tokenMeter = (ctx: RunContext): TokenMeter => {
  let tokens = 0;
  const streamed = new Map<string, number>();
  return (stepKey) => (e) => {
    tokens += e.outputTokens - (streamed.get(stepKey) ?? 0);
    streamed.set(stepKey, e.outputTokens);
    ctx.progress({ step: 'tokens', detail: `${tokens} tokens` });
  };
};

/**
 * One style through the quality gate: write, assess, and rewrite with the findings as feedback
 * until it passes or `quality.maxRounds` rewrites are spent. The best round is kept.
 */
const draftStyle = async (
  ctx: RunContext,
  style: Style,
  shape: Shape,
  onStart: (() => void) | undefined,
  meter: TokenMeter,
  first: boolean,
): Promise<Drafted> => {
  const q = ctx.deps.config.quality;
  const turn: Turn = {};
  let best: Drafted | undefined;
  const history: Drafted['history'] = [];
  for (let round = 0; ; round += 1) {
    ctx.progress({ step: round === 0 ? 'variant' : 'regenerate', detail: round === 0 ? style : `${style} (${round})` });
    const result = withCitation(
      await writeRound(ctx, style, round, { ...turn }, shape, round === 0 ? onStart : undefined, meter),
      ctx.request.citation,
    );
    if (round === 0) onStart?.();
    if (first) ctx.options.onHeadline?.(result.draft.headline);
    if (round > 0 && turn.previous !== undefined && result.draft.text === turn.previous) break; // the writer cannot do better (offline)
    const checks = await ctx.checks();
    const report = await checks.assessDraft(ctx, style, round, result);
    history.push({ round, score: report.score, flags: report.flags });
    // Ties go to the later, revised round.
    if (
      !best ||
      report.score >= best.report.score ||
      (best.report.flags.includes('too-similar') && !report.flags.includes('too-similar'))
    ) {
      best = { style, result, report, rounds: 0, history: [] };
    }
    if (report.passed || round >= q.maxRounds) break;
    turn.previous = result.draft.text;
    turn.feedback = checks.feedbackFor(report);
  }
  return { ...best!, rounds: history.length, history };
};

/** The writer's paid call for one round (reused from the ledger when this run already paid it). */
const writeRound = (
  ctx: RunContext,
  style: Style,
  round: number,
  turn: Turn,
  shape: Shape,
  onStart: (() => void) | undefined,
  meter: TokenMeter,
): Promise<TextResult> => {
  const { deps, provider, request } = ctx;
  const stepKey = round === 0 ? `variant:${style}` : `variant:${style}:r${round}`;
  return ctx.ledger.pay(
    {
      key: stepKey,
      purpose: round === 0 ? 'variant' : 'regenerate',
      provider: provider.id,
      offline: provider.offline,
    },
    async () => {
      // Only the offline writer checks its own drafts (it retries its templates on a lint error).
      const acceptable = provider.offline ? (await ctx.checks()).acceptableDraft(style) : undefined;
      const r = await provider.generate({
        brandSlug: deps.brandSlug,
        brand: deps.brand,
        contentType: request.contentType,
        topic: request.topic,
        angle: request.angle,
        citation: request.citation,
        date: request.date,
        style,
        prompts: ctx.bundle,
        seed: seedOf(ctx),
        previous: turn.previous,
        feedback: turn.feedback,
        guidance: ctx.options.guidance?.text,
        structure: shape.structure,
        recent: shape.recent,
        acceptable,
        onStart,
        onSent: round === 0 ? ctx.sent : undefined,
        onProgress: meter(stepKey),
      });
      return paidAnswer(r, r);
    },
  );
};
