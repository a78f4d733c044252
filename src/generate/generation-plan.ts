import { createHash } from 'node:crypto';
import { CONTENT_TYPES, STYLES, isContentType, type ContentType, type Style } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { localDate } from '../domain/time.js';
import type { Localized } from '../i18n/localized.js';
import type { PostFact } from '../measure/facts.js';
import { chooseNext, type NextChoice } from '../optimize/choose-next.js';
import { activeRuleKeys } from '../optimize/guidance.js';
import { currentGuidance, type GuidanceBlock } from '../optimize/guidance-service.js';
import { measuredFacts } from '../optimize/learning-facts.js';
import { fittedEngagementModel } from '../optimize/predictor-service.js';
import { selectEmbeddings } from '../providers/select.js';
import { lastContentType } from '../store/daemon-repo.js';
import { findOpenRunByPlanKey } from '../store/runs-repo.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { GenerateInput, GenerateOptions } from './generate-input.js';

/** What was chosen for a request: the content type, the style order and the optimizer decision. */
export interface GenerationPlan {
  contentType: string;
  styles: Style[];
  decisionId: string | null;
  explanation: Localized | null;
  /** Who chose the type: the optimizer, the user (`--type`), or the editorial mix (a slot). */
  chosenBy: 'optimizer' | 'user' | 'mix';
}

export type GenerationRequest =
  | {
      /** `autoscale generate`: the user may fix the type; a failing learning step is an error. */
      source: 'manual';
      /** The text provider: part of what identifies the request (a re-run resumes its run). */
      provider: { id: string; model: string };
      date: string;
      contentType?: string | undefined;
      topic?: string | undefined;
      variants?: number | undefined;
    }
  | {
      /**
       * A scheduled slot (the daemon): the editorial mix bounds the optimizer and decides alone
       * when it fails, and a failing learning step is skipped: the slot still gets its draft.
       */
      source: 'schedule';
      slot: Date;
      /** The job's id, used as the run's id so a retried job resumes its own run. */
      runId: string;
      /** The plan an earlier attempt of the job chose and stored: kept, never drawn again. */
      plan?: GenerationPlan | undefined;
      /** Stores a fresh plan with the job at once, before a provider is asked anything. */
      keep?: ((plan: GenerationPlan) => Promise<void>) | undefined;
    };

export interface PlannedGeneration {
  plan: GenerationPlan;
  /**
   * `fresh`: chosen now (the optimizer recorded its decision); `resumed`: the plan of an
   * interrupted run of the very same command; `kept`: the plan the request carried.
   */
  origin: 'fresh' | 'resumed' | 'kept';
  /** The prompt guidance the variants see; null when it could not be read (a slot). */
  guidance: GuidanceBlock | null;
  /** Ready for `generatePost`. */
  input: GenerateInput;
  options: GenerateOptions;
}

export interface PlanLog {
  warn(o: object, m: string): void;
}

/**
 * The one way a generation is planned, for `autoscale generate` and for the daemon's slots.
 * The optimizer decides for every post: its slot preference always, and the content type and
 * style order unless the user fixed the type (a manual request then keeps the standard style
 * order, so a reviewer finds the variants where they expect, and the decision records both as
 * the user's). The prompt guidance and the engagement model fitted on this Page go with it.
 *
 * Never drawn twice for one request: a re-run of a killed command gets its interrupted run's
 * plan back (a new draw would start a new run instead of resuming the paid one), and a slot's
 * plan is stored with its job before anything is paid.
 */
export const planGeneration = async (
  deps: ServiceDeps,
  request: GenerationRequest,
  log: PlanLog = { warn: () => undefined },
): Promise<PlannedGeneration> => {
  const scheduled = request.source === 'schedule';
  // The optimizer and the guidance read the same measured history: load it once. For a slot, a
  // failure here leaves each to load (and fail over) on its own.
  const facts = await tolerated(scheduled, () => measuredFacts(deps));
  const date = scheduled ? localDate(request.slot, deps.brand.timezone) : request.date;
  const { plan, origin, key } = await choosePlan(deps, request, date, facts, log);
  const guidance = (await tolerated(scheduled, () => currentGuidance(deps, undefined, facts))) ?? null;
  const engagement = await tolerated(scheduled, () => fittedEngagementModel(deps, date));
  const input: GenerateInput =
    request.source === 'schedule'
      ? { contentType: plan.contentType, date, runId: request.runId, styles: plan.styles }
      : {
          contentType: plan.contentType,
          topic: request.topic,
          date,
          variants: request.variants,
          styles: plan.styles,
          plan: { key: key!, value: plan },
        };
  return {
    plan,
    origin,
    guidance,
    input,
    options: {
      embeddings: selectEmbeddings(deps.config, deps.env),
      engagement,
      decisionId: plan.decisionId ?? undefined,
      guidance:
        guidance?.versionId && guidance.text
          ? { text: guidance.text, versionId: guidance.versionId, rules: activeRuleKeys(guidance.lines) }
          : undefined,
    },
  };
};

/** A learning step a slot can do without (it is skipped), but a manual request cannot. */
const tolerated = async <T>(skippable: boolean, step: () => Promise<T>): Promise<T | undefined> =>
  skippable ? step().catch(() => undefined) : step();

const choosePlan = async (
  deps: ServiceDeps,
  request: GenerationRequest,
  date: string,
  facts: PostFact[] | undefined,
  log: PlanLog,
): Promise<{ plan: GenerationPlan; origin: PlannedGeneration['origin']; key: string | null }> => {
  if (request.source === 'schedule') {
    if (request.plan) return { plan: request.plan, origin: 'kept', key: null };
    const plan = await chooseForSlot(deps, request.slot, date, facts, log);
    await request.keep?.(plan);
    return { plan, origin: 'fresh', key: null };
  }
  const key = planKey(deps, request);
  const open = await findOpenRunByPlanKey(deps.db, key);
  if (open?.plan) {
    const stored = JSON.parse(open.plan) as Omit<GenerationPlan, 'chosenBy'> &
      Partial<Pick<GenerationPlan, 'chosenBy'>>;
    return {
      plan: { ...stored, chosenBy: stored.chosenBy ?? (request.contentType ? 'user' : 'optimizer') },
      origin: 'resumed',
      key,
    };
  }
  const fixed = request.contentType;
  const choice = await chooseNext(deps, {
    date,
    facts,
    ...(fixed ? { contentType: fixed, styleOrder: [...STYLES] } : {}),
  });
  return { plan: planOf(choice, fixed ? 'user' : 'optimizer'), origin: 'fresh', key };
};

/** Identifies a manual request (not its plan), so a re-run finds the interrupted run's plan. */
const planKey = (deps: ServiceDeps, request: Extract<GenerationRequest, { source: 'manual' }>): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        deps.brandSlug,
        request.contentType ?? null,
        request.topic?.trim() || null,
        request.date,
        request.variants ?? null,
        request.provider.id,
        request.provider.model,
      ]),
    )
    .digest('hex');

const planOf = (choice: NextChoice, chosenBy: GenerationPlan['chosenBy']): GenerationPlan => ({
  contentType: choice.contentType,
  styles: choice.styleOrder as Style[],
  decisionId: choice.decisionId,
  explanation: choice.explanation,
  chosenBy,
});

/**
 * What to write for a slot. The optimizer (Thompson sampling over measured posts, B2B priors
 * when there are none) chooses the type and the style order, as `autoscale generate` does. The
 * editorial mix keeps two roles: a type the mix gives weight 0 is excluded (the optimizer's
 * choice is replaced by a draw from the mix), and the mix decides alone if the optimizer fails.
 */
const chooseForSlot = async (
  deps: ServiceDeps,
  slot: Date,
  date: string,
  facts: PostFact[] | undefined,
  log: PlanLog,
): Promise<GenerationPlan> => {
  const mix = deps.brand.generation.mix;
  const byMix = async (decisionId: string | null): Promise<GenerationPlan> => ({
    contentType: chooseContentType(
      mix,
      `${deps.brandSlug}:${slot.toISOString()}`,
      await lastContentType(deps.db, deps.brandSlug),
    ),
    styles: [...STYLES],
    decisionId,
    explanation: null,
    chosenBy: 'mix',
  });
  try {
    const choice = await chooseNext(deps, { date, facts });
    const allowed = Object.values(mix).some((w) => (w ?? 0) > 0)
      ? (mix[choice.contentType as ContentType] ?? 0) > 0
      : true;
    if (allowed && isContentType(choice.contentType)) return planOf(choice, 'optimizer');
    return await byMix(choice.decisionId);
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'optimizer unavailable; the editorial mix chooses');
    return byMix(null);
  }
};

/**
 * Weighted draw from the editorial mix, reproducible from the seed (the slot), never the same
 * type twice in a row when the mix offers another one.
 */
export const chooseContentType = (
  mix: Partial<Record<ContentType, number>>,
  seed: string,
  last?: string,
): ContentType => {
  const weighted = CONTENT_TYPES.filter((t) => (mix[t] ?? 0) > 0).map((t) => ({ type: t, weight: mix[t]! }));
  if (weighted.length === 0) return 'tip';
  const pool = weighted.length > 1 ? weighted.filter((w) => w.type !== last) : weighted;
  const total = pool.reduce((sum, w) => sum + w.weight, 0);
  let draw = seededRandom(seed)() * total;
  for (const w of pool) {
    draw -= w.weight;
    if (draw < 0) return w.type;
  }
  return pool[pool.length - 1]!.type;
};
