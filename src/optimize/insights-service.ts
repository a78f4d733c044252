import { WEEKDAYS } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { listDecisions } from '../store/learning-repo.js';
import {
  EXPLORATION_EARLY,
  EXPLORATION_SCALE,
  explorationScaleFor,
  measuredPostsOf,
  parseSlot,
  probabilityBest,
  type Space,
} from './bandit.js';
import { refreshBeliefs, type BeliefState } from './choose-next.js';
import { MIN_GUIDANCE_POSTS } from './guidance.js';
import { refreshGuidance, type GuidanceBlock, type GuidanceLine } from './guidance-service.js';
import { measuredFacts, pctFr, pctText } from './learning-facts.js';
import { MIN_FIT_SAMPLES } from './predictor.js';
import { refitPredictor } from './predictor-service.js';

export interface ArmInsight {
  arm: string;
  mean: number;
  sd: number;
  low: number;
  high: number;
  posts: number;
  priorMean: number;
  probabilityBest: number;
}

export interface Insights {
  brand: string;
  measuredPosts: number;
  noiseSd: number;
  /** The exploration schedule (explorationScaleFor) and where this Page is on it. */
  exploration: { early: number; posts: number; late: number; current: number };
  spaces: Record<Space, ArmInsight[]>;
  decisions: {
    id: string;
    decidedAt: string;
    postId: string | null;
    contentType: string;
    styleOrder: string[];
    slot: string | null;
    explanation: Localized;
  }[];
  guidance: GuidanceBlock;
  predictor: {
    kind: 'fitted' | 'prior';
    samples: number;
    mae: number | null;
    baselineMae: number | null;
    minSamples: number;
  };
  minGuidancePosts: number;
}

export const insights = async (deps: ServiceDeps): Promise<Insights> => {
  const { beliefs: state, guidance, predictor: model } = await refreshLearning(deps);
  const random = seededRandom(`${deps.brandSlug}:insights:${state.posts}`);
  const spaces = {} as Record<Space, ArmInsight[]>;
  for (const s of ['type', 'style', 'slot'] as const) {
    const beliefs = state.beliefs.filter((b) => b.space === s);
    const pBest = probabilityBest(beliefs, random);
    spaces[s] = beliefs
      .map((b) => ({
        arm: b.arm,
        mean: b.mean,
        sd: b.sd,
        low: Math.max(0, b.mean - 1.645 * b.sd),
        high: b.mean + 1.645 * b.sd,
        posts: b.posts,
        priorMean: b.priorMean,
        probabilityBest: pBest.get(b.arm) ?? 0,
      }))
      .sort((a, b) => b.mean - a.mean || a.arm.localeCompare(b.arm));
  }
  const decisions = (await listDecisions(deps.db, deps.brandSlug, 5)).map((d) => ({
    id: d.id,
    decidedAt: d.decidedAt,
    postId: d.postId,
    contentType: d.contentType,
    styleOrder: JSON.parse(d.styleOrder) as string[],
    slot: d.slotWeekday && d.slotHour !== null ? `${d.slotWeekday} ${d.slotHour}h` : null,
    explanation: JSON.parse(d.explanation) as Localized,
  }));
  return {
    brand: deps.brandSlug,
    measuredPosts: state.posts,
    exploration: {
      early: EXPLORATION_EARLY.scale,
      posts: EXPLORATION_EARLY.posts,
      late: EXPLORATION_SCALE,
      current: explorationScaleFor(measuredPostsOf(state.beliefs)),
    },
    noiseSd: state.noise,
    spaces,
    decisions,
    guidance,
    predictor: {
      kind: model.kind,
      samples: model.samples,
      mae: model.mae,
      baselineMae: model.baselineMae,
      minSamples: MIN_FIT_SAMPLES,
    },
    minGuidancePosts: MIN_GUIDANCE_POSTS,
  };
};

/** Plain-language recommendations for the weekly report, from the current beliefs. */
export const recommendations = (state: BeliefState, guidance: GuidanceLine[]): Localized[] => {
  const out: Localized[] = [];
  const best = (s: Space) => [...state.beliefs.filter((b) => b.space === s)].sort((a, b) => b.mean - a.mean);
  if (state.posts === 0) {
    out.push(
      l(
        'No measured posts yet: keep the default mix; the optimizer explores from B2B benchmarks.',
        'Aucune publication mesurée : gardez le mélange par défaut; l’optimiseur explore à partir des références B2B.',
      ),
    );
  }
  const types = best('type');
  if (types.length >= 2 && types[0]!.posts > 0) {
    const [a, b] = [types[0]!, types[types.length - 1]!];
    out.push(
      l(
        `Favour ${a.arm} (estimated ${pctText(a.mean)} ± ${pctText(a.sd)}, ${a.posts} post${a.posts === 1 ? '' : 's'}); ${b.arm} trails (${pctText(b.mean)}).`,
        `Privilégiez ${a.arm} (estimé ${pctFr(a.mean)} ± ${pctFr(a.sd)}, ${a.posts} publications); ${b.arm} traîne (${pctFr(b.mean)}).`,
      ),
    );
  }
  const styles = best('style');
  if (styles[0] && styles[0].posts > 0) {
    out.push(
      l(
        `Propose the ${styles[0].arm} variant first (${pctFr(styles[0].mean)}).`,
        `Proposez d’abord la variante ${styles[0].arm} (${pctFr(styles[0].mean)}).`,
      ),
    );
  }
  const slots = best('slot');
  if (slots[0] && slots[0].posts > 0) {
    const { weekday, hour } = parseSlot(slots[0].arm);
    out.push(
      l(
        `Best slot so far: ${WEEKDAYS[weekday] ?? '?'} around ${hour}:00 (${pctFr(slots[0].mean)}).`,
        `Meilleur créneau jusqu’ici : ${WEEKDAYS[weekday] ?? '?'} vers ${hour} h (${pctFr(slots[0].mean)}).`,
      ),
    );
  }
  for (const g of guidance.filter((x) => x.status === 'active' || x.status === 'pinned').slice(0, 3)) out.push(g.text);
  return out;
};

/**
 * Everything the learning loop derives from measured posts, in one call: the daemon runs it after
 * each metrics pull so beliefs, guidance and the predictor are fresh before the next generation.
 */
export const refreshLearning = async (deps: ServiceDeps) => {
  const facts = await measuredFacts(deps);
  const beliefs = await refreshBeliefs(deps, facts);
  const guidance = await refreshGuidance(deps, undefined, facts);
  const predictor = await refitPredictor(deps, facts);
  return { posts: facts.length, beliefs, guidance, predictor };
};
