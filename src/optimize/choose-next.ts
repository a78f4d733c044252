import { WEEKDAYS } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { minutesOf, weekdayOf } from '../domain/time.js';
import { l, type Localized } from '../i18n/localized.js';
import type { PostFact } from '../measure/facts.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import { countDecisions, insertDecision, upsertArms } from '../store/learning-repo.js';
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
import { brandOf, measuredFacts, observationsOf, pctFr, pctText } from './learning-facts.js';

export interface BeliefState {
  beliefs: Belief[];
  noise: number;
  posts: number;
}

export const beliefsFromFacts = (deps: ServiceDeps, facts: PostFact[], slug?: string): BeliefState => {
  const { brand } = brandOf(deps, slug);
  const { beliefs, noise } = computeBeliefs(observationsOf(facts), priorsFor(spacesFrom(brand)));
  return { beliefs, noise, posts: facts.length };
};

/** Recomputes every arm from the measured history (idempotent) and stores the result. */
export const refreshBeliefs = async (deps: ServiceDeps, facts?: PostFact[]): Promise<BeliefState> => {
  const state = beliefsFromFacts(deps, facts ?? (await measuredFacts(deps)));
  const w = deps.writer();
  await immediate(deps.db, (trx) =>
    upsertArms(
      trx,
      w,
      deps.brandSlug,
      state.beliefs.map((b) => ({
        space: b.space,
        arm: b.arm,
        priorMean: b.priorMean,
        priorWeight: b.priorWeight,
        posts: b.posts,
        rewardSum: b.rewardSum,
        posteriorMean: b.mean,
        posteriorSd: b.sd,
      })),
    ),
  );
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
export const chooseNext = async (
  deps: ServiceDeps,
  /**
   * `contentType` and `styleOrder`: fixed by the user (`generate --type` keeps the standard style
   * order); the decision records them as the user's, and the optimizer still picks the slot.
   */
  options: { date?: string; postId?: string; facts?: PostFact[]; contentType?: string; styleOrder?: string[] } = {},
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
      en: `${arm}: believed ${pctText(b.mean)} ± ${pctText(b.sd)} from ${b.posts} post${b.posts === 1 ? '' : 's'}`,
      fr: `${arm} : estimé ${pctFr(b.mean)} ± ${pctFr(b.sd)} sur ${b.posts} publication${b.posts > 1 ? 's' : ''}`,
    };
  };
  const why = (s: Space, arm: string, draws: { arm: string; value: number }[]) => {
    const d = describe(s, arm);
    const bestMean = [...state.beliefs.filter((b) => b.space === s)].sort((a, b) => b.mean - a.mean)[0]!;
    const exploring = bestMean.arm !== arm;
    return {
      en: `${d.en}; drew ${pctText(draws[0]!.value)}${exploring ? ` (exploring: ${bestMean.arm} has the best estimate, ${pctText(bestMean.mean)}, but ${arm} is still uncertain)` : ' (best estimate)'}`,
      fr: `${d.fr}; tirage ${pctFr(draws[0]!.value)}${exploring ? ` (exploration : ${bestMean.arm} a la meilleure estimation, ${pctFr(bestMean.mean)}, mais ${arm} reste incertain)` : ' (meilleure estimation)'}`,
    };
  };
  const t = options.contentType
    ? { en: `${contentType}: set by the user (--type)`, fr: `${contentType} : imposé par l’utilisateur (--type)` }
    : why('type', contentType, typeDraws);
  const st = options.styleOrder
    ? { en: `${styleOrder.join(' > ')}: set by the user`, fr: `${styleOrder.join(' > ')} : imposé par l’utilisateur` }
    : why('style', styleOrder[0]!, styleDraws);
  const sl = why('slot', slotArm, slotDraws);
  const cold = state.posts === 0;
  const early = decision.scale > EXPLORATION_SCALE;
  const phase = early
    ? l(
        `Learning phase (first ${EXPLORATION_EARLY.posts} measured posts): draws stray up to ${decision.scale} × the uncertainty. `,
        `Phase d’apprentissage (${EXPLORATION_EARLY.posts} premières publications mesurées) : les tirages s’écartent jusqu’à ${String(decision.scale).replace('.', ',')} × l’incertitude. `,
      )
    : l(
        `Exploiting (${EXPLORATION_EARLY.posts}+ measured posts): draws stray ${decision.scale} × the uncertainty. `,
        `Exploitation (${EXPLORATION_EARLY.posts}+ publications mesurées) : les tirages s’écartent de ${String(decision.scale).replace('.', ',')} × l’incertitude. `,
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
