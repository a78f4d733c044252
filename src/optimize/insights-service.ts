import { WEEKDAYS } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { countOf, inBoth } from '../i18n/format.js';
import { l, type Localized } from '../i18n/localized.js';
import { armLabel } from '../present/labels.js';
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
import { currentMark } from './learning-marks.js';
import { measuredFacts, pctFr, pctText } from './learning-facts.js';
import { MIN_FIT_SAMPLES } from './predictor.js';
import { refitPredictor } from './predictor-service.js';

const POST = l('post', 'publication');
const POSTS = l('posts', 'publications');

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
/**
 * Posts an option needs before the report recommends it: one or two results say more about that
 * week than about the option, so advice waits for a pattern.
 */
export const MIN_RECOMMENDATION_POSTS = 3;

export const recommendations = (state: BeliefState, guidance: GuidanceLine[]): Localized[] => {
  const out: Localized[] = [];
  const best = (s: Space) => [...state.beliefs.filter((b) => b.space === s)].sort((a, b) => b.mean - a.mean);
  const enough = (b: { posts: number } | undefined) => b !== undefined && b.posts >= MIN_RECOMMENDATION_POSTS;
  if (state.posts === 0) {
    out.push(
      l(
        'No measured posts yet: keep the default mix; the optimizer explores from B2B benchmarks.',
        'Aucune publication mesurée\u00a0: gardez le mélange par défaut; l’optimiseur explore à partir des références B2B.',
      ),
    );
  } else if (state.posts < MIN_RECOMMENDATION_POSTS) {
    out.push(
      l(
        `Only ${state.posts} measured post${state.posts === 1 ? '' : 's'}: too few to recommend a change; keep the default mix for now.`,
        `Seulement ${state.posts} publication${state.posts === 1 ? '' : 's'} mesurée${state.posts === 1 ? '' : 's'}\u00a0: trop peu pour recommander un changement; gardez le mélange par défaut pour l’instant.`,
      ),
    );
  }
  const types = best('type');
  if (types.length >= 2 && enough(types[0])) {
    const [a, b] = [types[0]!, types[types.length - 1]!];
    out.push(
      l(
        `Favour ${armLabel('type', a.arm).en} (estimated ${pctText(a.mean)} ± ${pctText(a.sd)}, ${countOf(a.posts, POST, POSTS).en}); ${armLabel('type', b.arm).en} trails (${pctText(b.mean)}).`,
        `Privilégiez le type ${armLabel('type', a.arm).fr} (estimé ${pctFr(a.mean)} ± ${pctFr(a.sd)}, ${countOf(a.posts, POST, POSTS).fr})\u00a0; le type ${armLabel('type', b.arm).fr} traîne (${pctFr(b.mean)}).`,
      ),
    );
  }
  const styles = best('style');
  if (enough(styles[0])) {
    out.push(
      l(
        `Propose the ${armLabel('style', styles[0]!.arm).en} variant first (${pctText(styles[0]!.mean)}, ${countOf(styles[0]!.posts, POST, POSTS).en}).`,
        `Proposez d’abord la variante ${armLabel('style', styles[0]!.arm).fr} (${pctFr(styles[0]!.mean)}, ${countOf(styles[0]!.posts, POST, POSTS).fr}).`,
      ),
    );
  }
  const slots = best('slot');
  if (enough(slots[0])) {
    const { weekday, hour } = parseSlot(slots[0]!.arm);
    const day = WEEKDAYS[weekday] ?? 'mon';
    const posts = countOf(slots[0]!.posts, POST, POSTS);
    out.push(
      inBoth((f) =>
        f.lang === 'fr'
          ? `Meilleur créneau jusqu’ici\u00a0: le ${f.weekday(day)} vers ${f.hour(hour)} (${pctFr(slots[0]!.mean)}, ${posts.fr}).`
          : `Best slot so far: ${f.weekday(day)} around ${f.hour(hour)} (${pctText(slots[0]!.mean)}, ${posts.en}).`,
      ),
    );
  }
  if (out.length === 0)
    out.push(
      l(
        `No type, style or slot has ${MIN_RECOMMENDATION_POSTS} measured posts yet: too early to favour one; keep the default mix.`,
        `Aucun type, style ni créneau n’a encore ${MIN_RECOMMENDATION_POSTS} publications mesurées\u00a0: trop tôt pour en privilégier un; gardez le mélange par défaut.`,
      ),
    );
  for (const g of guidance.filter((x) => x.status === 'active' || x.status === 'pinned').slice(0, 3)) out.push(g.text);
  return out;
};

/**
 * Everything the learning loop derives from measured posts, in one call: the daemon runs it after
 * each metrics pull so beliefs, guidance and the predictor are fresh before the next generation.
 */
export const refreshLearning = async (deps: ServiceDeps) => {
  const marks = await Promise.all(
    (['beliefs', 'guidance', 'predictor'] as const).map((k) => currentMark(deps.db, k, deps.brandSlug, deps.brand)),
  );
  // Nothing new measured since the last refresh: everything comes from the store, no history read.
  const facts = marks.every(Boolean) ? undefined : await measuredFacts(deps);
  const beliefs = await refreshBeliefs(deps, facts);
  const guidance = await refreshGuidance(deps, undefined, facts);
  const predictor = await refitPredictor(deps, facts);
  return { posts: facts?.length ?? beliefs.posts, beliefs, guidance, predictor };
};

/**
 * After rows arrived from elsewhere (a sync pull, an import): every brand's learning is brought
 * up to date, incrementally (a brand whose summaries did not move costs a few reads).
 */
export const refreshLearningForAllBrands = async (deps: ServiceDeps): Promise<void> => {
  for (const [slug, brand] of Object.entries(deps.config.brands))
    await refreshLearning({ ...deps, brandSlug: slug, brand });
};
