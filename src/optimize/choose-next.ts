import { WEEKDAYS } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { minutesOf, weekdayOf } from '../domain/time.js';
import { countOf } from '../i18n/format.js';
import { l, type Localized } from '../i18n/localized.js';
import { armLabel } from '../present/labels.js';
import type { MeasuredFact } from '../measure/facts.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import { countDecisions, insertDecision, listArms, upsertArms } from '../store/learning-repo.js';
import { immediate } from '../store/tx.js';
import {
  computeBeliefs,
  decide,
  EXPLORATION_EARLY,
  EXPLORATION_SCALE,
  parseSlot,
  priorsFor,
  spacesFrom,
  type Belief,
  type Space,
} from './bandit.js';
import { configKey, currentMark, writeMark, type LearningMark } from './learning-marks.js';
import { brandOf, generationOf, measuredFacts, observationsOf, pctFr, pctText } from './learning-facts.js';

export interface BeliefState {
  beliefs: Belief[];
  noise: number;
  posts: number;
}

export const beliefsFromFacts = (deps: ServiceDeps, facts: MeasuredFact[], slug?: string): BeliefState => {
  const { brand } = brandOf(deps, slug);
  const { beliefs, noise } = computeBeliefs(observationsOf(facts), priorsFor(spacesFrom(brand)));
  return { beliefs, noise, posts: facts.length };
};

/** The beliefs as stored by the last refresh, in the order of the brand's current arms. */
export const storedBeliefs = async (
  deps: ServiceDeps,
  mark: LearningMark,
  slug?: string,
): Promise<BeliefState | undefined> => {
  const { slug: s, brand } = brandOf(deps, slug);
  const rows = new Map((await listArms(deps.db, s)).map((r) => [`${r.space}:${r.arm}`, r]));
  const beliefs: Belief[] = [];
  for (const p of priorsFor(spacesFrom(brand))) {
    const r = rows.get(`${p.space}:${p.arm}`);
    if (!r) return undefined;
    beliefs.push({
      space: p.space,
      arm: p.arm,
      priorMean: r.priorMean,
      priorWeight: r.priorWeight,
      posts: r.posts,
      rewardSum: r.rewardSum,
      mean: r.posteriorMean,
      sd: r.posteriorSd,
    });
  }
  return { beliefs, noise: mark.noise ?? 0, posts: mark.posts };
};

/**
 * Recomputes every arm from the measured history (idempotent) and stores the result.
 * Incremental: while no summary of the brand changed since the last refresh, the stored arms are
 * returned without recomputing or taking the write lock.
 */
export const refreshBeliefs = async (deps: ServiceDeps, facts?: MeasuredFact[]): Promise<BeliefState> => {
  const mark = await currentMark(deps.db, 'beliefs', deps.brandSlug, deps.brand);
  if (mark && (!facts || generationOf(facts) === mark.generation)) {
    const stored = await storedBeliefs(deps, mark);
    if (stored) return stored;
  }
  const measured = facts ?? (await measuredFacts(deps));
  const state = beliefsFromFacts(deps, measured);
  const generation = generationOf(measured);
  const w = deps.writer();
  await immediate(deps.db, async (trx) => {
    // Only arms whose numbers changed are written: the arms are synced, and rewriting equal rows
    // would send them back and forth between replicas that compute the same beliefs.
    const stored = new Map((await listArms(trx, deps.brandSlug)).map((r) => [`${r.space}:${r.arm}`, r]));
    const arms = state.beliefs.map((b) => ({
      space: b.space,
      arm: b.arm,
      priorMean: b.priorMean,
      priorWeight: b.priorWeight,
      posts: b.posts,
      rewardSum: b.rewardSum,
      posteriorMean: b.mean,
      posteriorSd: b.sd,
    }));
    const changed = arms.filter((a) => {
      const old = stored.get(`${a.space}:${a.arm}`);
      return (
        !old ||
        old.priorMean !== a.priorMean ||
        old.priorWeight !== a.priorWeight ||
        old.posts !== a.posts ||
        old.rewardSum !== a.rewardSum ||
        old.posteriorMean !== a.posteriorMean ||
        old.posteriorSd !== a.posteriorSd
      );
    });
    if (changed.length) await upsertArms(trx, w, deps.brandSlug, changed);
    if (generation !== undefined) {
      await writeMark(trx, 'beliefs', deps.brandSlug, {
        generation,
        key: configKey(deps.brand),
        posts: state.posts,
        noise: state.noise,
      });
    }
  });
  return state;
};

export interface NextChoice {
  decisionId: string;
  contentType: string;
  styleOrder: string[];
  /** For drawSlot's preferredMinute: the middle of the chosen hour, kept inside the window. */
  preferredMinute: number;
  slot: { weekday: string; hour: number };
  explanation: Localized;
}

/**
 * Thompson sampling: one draw per arm from its posterior, pick the best draw in each space.
 * An arm with few posts has a wide posterior, so it sometimes wins the draw: that is the
 * exploration, and it fades as evidence accumulates. The seed (brand, instant, decision count)
 * is stored, so every decision can be replayed and explained.
 */
const POST = l('post', 'publication');
const POSTS = l('posts', 'publications');

export const chooseNext = async (
  deps: ServiceDeps,
  /**
   * `contentType` and `styleOrder`: fixed by the user (`generate --type` keeps the standard style
   * order); the decision records them as the user's, and the optimizer still picks the slot.
   */
  options: { date?: string; postId?: string; facts?: MeasuredFact[]; contentType?: string; styleOrder?: string[] } = {},
): Promise<NextChoice> => {
  const state = await refreshBeliefs(deps, options.facts);
  const count = await countDecisions(deps.db, deps.brandSlug);
  const seed = `${deps.brandSlug}:${deps.clock.now().toISOString()}:${count}`;
  const random = seededRandom(seed);
  const decision = decide(state.beliefs, random, { weekday: options.date ? weekdayOf(options.date) : undefined });
  const { slotArm } = decision;
  const contentType = options.contentType ?? decision.contentType;
  const styleOrder = options.styleOrder ?? decision.styleOrder;
  const typeDraws = decision.draws.type;
  const styleDraws = decision.draws.style;
  const slotDraws = decision.draws.slot;
  const { weekday, hour } = parseSlot(slotArm);
  const start = minutesOf(deps.brand.posting.windowStart);
  const end = minutesOf(deps.brand.posting.windowEnd);
  const preferredMinute = Math.min(Math.max(hour * 60 + 30, start), end - 1);
  const belief = (s: Space, arm: string) => state.beliefs.find((b) => b.space === s && b.arm === arm)!;
  const describe = (s: Space, arm: string) => {
    const b = belief(s, arm);
    return {
      b,
      en: `${armLabel(s, arm).en}: believed ${pctText(b.mean)} ± ${pctText(b.sd)} from ${countOf(b.posts, POST, POSTS).en}`,
      fr: `${armLabel(s, arm).fr} : estimé ${pctFr(b.mean)} ± ${pctFr(b.sd)} sur ${countOf(b.posts, POST, POSTS).fr}`,
    };
  };
  const why = (s: Space, arm: string, draws: { arm: string; value: number }[]) => {
    const d = describe(s, arm);
    const bestMean = [...state.beliefs.filter((b) => b.space === s)].sort((a, b) => b.mean - a.mean)[0]!;
    const exploring = bestMean.arm !== arm;
    return {
      // The owner reads this: what was picked and why, not the sampling mechanics.
      en: `${d.en}${draws.length > 1 && exploring ? ` (trying it: ${armLabel(s, bestMean.arm).en} has the best estimate, ${pctText(bestMean.mean)}, but ${armLabel(s, arm).en} is still uncertain)` : ' (best estimate)'}`,
      fr: `${d.fr}${draws.length > 1 && exploring ? ` (essai\u00a0: ${armLabel(s, bestMean.arm).fr} a la meilleure estimation, ${pctFr(bestMean.mean)}, mais ${armLabel(s, arm).fr} reste incertain)` : ' (meilleure estimation)'}`,
    };
  };
  const t = options.contentType
    ? {
        en: `${armLabel('type', contentType).en}: set by the user (--type)`,
        fr: `${armLabel('type', contentType).fr} : imposé par l’utilisateur (--type)`,
      }
    : why('type', contentType, typeDraws);
  const st = options.styleOrder
    ? {
        en: `${styleOrder.map((x) => armLabel('style', x).en).join(' > ')}: set by the user`,
        fr: `${styleOrder.map((x) => armLabel('style', x).fr).join(' > ')} : imposé par l’utilisateur`,
      }
    : why('style', styleOrder[0]!, styleDraws);
  const sl = why('slot', slotArm, slotDraws);
  const cold = state.posts === 0;
  const early = decision.scale > EXPLORATION_SCALE;
  const phase = early
    ? l(
        `Learning phase (first ${EXPLORATION_EARLY.posts} measured posts): it often tries options that are still uncertain. `,
        `Phase d’apprentissage (${EXPLORATION_EARLY.posts} premières publications mesurées)\u00a0: il essaie souvent des options encore incertaines. `,
      )
    : l(
        `Settled (${EXPLORATION_EARLY.posts}+ measured posts): it mostly keeps to what has worked best. `,
        `Rodé (${EXPLORATION_EARLY.posts}+ publications mesurées)\u00a0: il s’en tient surtout à ce qui a le mieux marché. `,
      );
  const explanation = l(
    `${cold ? 'No measured posts yet: B2B benchmark priors (0.5–1 % engagement) decide. ' : `Based on ${state.posts} measured posts. `}${phase.en}Type ${t.en}. Style ${st.en}. Slot ${sl.en}.`,
    `${cold ? 'Aucune publication mesurée : les a priori des références B2B (0,5–1 % d’engagement) décident. ' : `Basé sur ${state.posts} publications mesurées. `}${phase.fr}Type ${t.fr}. Style ${st.fr}. Créneau ${sl.fr}.`,
  );
  const w = deps.writer();
  const decisionId = await immediate(deps.db, async (trx) => {
    const id = await insertDecision(trx, w, {
      brand: deps.brandSlug,
      postId: options.postId ?? null,
      contentType: contentType,
      styleOrder: JSON.stringify(styleOrder),
      slotWeekday: WEEKDAYS[weekday]!,
      slotHour: hour,
      preferredMinute: preferredMinute,
      seed,
      samples: JSON.stringify({ scale: decision.scale, type: typeDraws, style: styleDraws, slot: slotDraws }),
      explanation: JSON.stringify(explanation),
    });
    await recordAudit(trx, w, {
      entity: 'optimizer',
      entityId: id,
      action: 'decide',
      data: { contentType, styleOrder, slot: slotArm },
    });
    return id;
  });
  return {
    decisionId,
    contentType,
    styleOrder,
    preferredMinute,
    slot: { weekday: WEEKDAYS[weekday]!, hour },
    explanation,
  };
};
