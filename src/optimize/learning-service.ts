import { createHash } from 'node:crypto';
import { WEEKDAYS } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { minutesOf, weekdayOf } from '../domain/time.js';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { featuresOf, loadFacts, type PostFact } from '../measure/facts.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import {
  countDecisions,
  insertDecision,
  insertGuidanceLine,
  insertGuidanceVersion,
  insertPredictorFit,
  latestGuidanceVersion,
  latestPredictorFit,
  listDecisions,
  listGuidanceLines,
  updateGuidanceLine,
  upsertArms,
  type GuidanceLineRow,
} from '../store/learning-repo.js';
import { immediate } from '../store/tx.js';
import {
  computeBeliefs,
  decide,
  EXPLORATION_EARLY,
  EXPLORATION_SCALE,
  explorationScaleFor,
  measuredPostsOf,
  parseSlot,
  priorsFor,
  probabilityBest,
  spacesFrom,
  type Belief,
  type Observation,
  type Space,
} from './bandit.js';
import type { PostFeatures } from '../measure/features.js';
import { deriveGuidance, isPromptRule, MIN_GUIDANCE_POSTS } from './guidance.js';
import { fitPredictor, MIN_FIT_SAMPLES, predictRate, priorModel, type PredictorModel } from './predictor.js';

const brandOf = (deps: ServiceDeps, slug?: string) => {
  const s = slug ?? deps.brandSlug;
  const brand = deps.config.brands[s];
  if (!brand) {
    throw new NotFoundError(l(`Unknown brand "${s}".`, `Marque inconnue « ${s} ».`), {
      fix: l('See `autoscale brand list`.', 'Voyez `autoscale brand list`.'),
    });
  }
  return { slug: s, brand };
};

/** Every measured post of the brand (all history): what the learning loop learns from. */
export const measuredFacts = async (deps: ServiceDeps, slug?: string): Promise<PostFact[]> => {
  const { slug: s, brand } = brandOf(deps, slug);
  const facts = await loadFacts(deps.db, s, brand.timezone, null, deps.clock.now().toISOString());
  return facts.filter((f) => f.rate !== null);
};

export const observationsOf = (facts: PostFact[]): Observation[] =>
  facts.map((f) => ({ contentType: f.contentType, style: f.style, weekday: f.weekday, hour: f.hour, rate: f.rate! }));

// ---------------------------------------------------------------- optimizer

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
        prior_mean: b.priorMean,
        prior_weight: b.priorWeight,
        posts: b.posts,
        reward_sum: b.rewardSum,
        posterior_mean: b.mean,
        posterior_sd: b.sd,
      })),
    ),
  );
  return state;
};

const pctText = (x: number) => `${(x * 100).toFixed(2)} %`;
const pctFr = (x: number) => pctText(x).replace('.', ',');

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
      post_id: options.postId ?? null,
      content_type: contentType,
      style_order: JSON.stringify(styleOrder),
      slot_weekday: WEEKDAYS[weekday]!,
      slot_hour: hour,
      preferred_minute: preferredMinute,
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

// ---------------------------------------------------------------- guidance

export interface GuidanceLine {
  id: string;
  ruleKey: string;
  status: 'active' | 'pinned' | 'rejected' | 'stale';
  text: Localized;
  forPrompt: boolean;
  evidence: unknown;
}

const toLine = (r: GuidanceLineRow): GuidanceLine => ({
  id: r.id,
  ruleKey: r.rule_key,
  status: r.status as GuidanceLine['status'],
  text: l(r.text_en, r.text_fr),
  forPrompt: isPromptRule(r.rule_key),
  evidence: JSON.parse(r.evidence) as unknown,
});

export interface GuidanceBlock {
  /** null until the first version exists (fewer than MIN_GUIDANCE_POSTS measured posts and nothing pinned). */
  versionId: string | null;
  versionNo: number | null;
  /** The text to append to the generation prompt (empty when there is no lesson yet). */
  text: string;
  lines: GuidanceLine[];
  basedOnPosts: number;
}

const promptBlock = (lines: GuidanceLine[], language: string, versionNo: number): string => {
  if (lines.length === 0) return '';
  const fr = language !== 'en-CA';
  const head = fr
    ? `Leçons tirées de nos publications mesurées (guide v${versionNo}) :`
    : `Lessons from our measured posts (guidance v${versionNo}):`;
  return [head, ...lines.map((x) => `- ${fr ? x.text.fr : x.text.en}`)].join('\n');
};

/**
 * Re-derives the lessons, keeps the owner's pins and rejections, and writes a new guidance
 * version only when the set of lines in the prompt changed.
 */
export const refreshGuidance = async (deps: ServiceDeps, slug?: string, facts?: PostFact[]): Promise<GuidanceBlock> => {
  const { slug: s, brand } = brandOf(deps, slug);
  const measured = facts ?? (await measuredFacts(deps, s));
  const derived = deriveGuidance(measured.map((f) => ({ features: featuresOf(f), rate: f.rate! })));
  const w = deps.writer();
  return immediate(deps.db, async (trx) => {
    const existing = new Map((await listGuidanceLines(trx, s)).map((r) => [r.rule_key, r]));
    const seen = new Set<string>();
    for (const rule of derived) {
      seen.add(rule.ruleKey);
      const old = existing.get(rule.ruleKey);
      if (!old) {
        await insertGuidanceLine(trx, w, {
          brand: s,
          ruleKey: rule.ruleKey,
          status: 'active',
          textFr: rule.textFr,
          textEn: rule.textEn,
          evidence: rule.evidence,
        });
      } else if (
        old.text_fr !== rule.textFr ||
        old.evidence !== JSON.stringify(rule.evidence) ||
        old.status === 'stale'
      ) {
        await updateGuidanceLine(trx, w, old.id, {
          status: old.status === 'stale' ? 'active' : old.status,
          textFr: rule.textFr,
          textEn: rule.textEn,
          evidence: rule.evidence,
        });
      }
    }
    for (const [key, row] of existing)
      if (!seen.has(key) && row.status === 'active') await updateGuidanceLine(trx, w, row.id, { status: 'stale' });
    const lines = (await listGuidanceLines(trx, s)).map(toLine);
    const inPrompt = lines.filter((x) => (x.status === 'active' || x.status === 'pinned') && x.forPrompt);
    const latest = await latestGuidanceVersion(trx, s);
    const versionNo = (latest?.version_no ?? 0) + 1;
    const candidate = promptBlock(inPrompt, brand.profile.language, versionNo);
    const sha = createHash('sha256')
      .update(JSON.stringify(inPrompt.map((x) => [x.id, x.text.fr, x.text.en])))
      .digest('hex');
    if (latest && latest.sha256 === sha) {
      return {
        versionId: latest.id,
        versionNo: latest.version_no,
        text: latest.text,
        lines,
        basedOnPosts: latest.based_on_posts,
      };
    }
    if (!latest && inPrompt.length === 0)
      return { versionId: null, versionNo: null, text: '', lines, basedOnPosts: measured.length };
    const id = await insertGuidanceVersion(trx, w, {
      brand: s,
      versionNo,
      sha256: sha,
      text: candidate,
      lineIds: inPrompt.map((x) => x.id),
      basedOnPosts: measured.length,
    });
    await recordAudit(trx, w, {
      entity: 'guidance',
      entityId: id,
      action: 'version',
      data: { versionNo, lines: inPrompt.map((x) => x.ruleKey) },
    });
    return { versionId: id, versionNo, text: candidate, lines, basedOnPosts: measured.length };
  });
};

/** The block to inject into generation prompts, with the version id each variant must record. */
/** The guidance block to put in a prompt; pass `facts` when the caller already loaded them. */
export const currentGuidance = async (deps: ServiceDeps, brand?: string, facts?: PostFact[]): Promise<GuidanceBlock> =>
  refreshGuidance(deps, brand, facts);

export const setGuidanceStatus = async (
  deps: ServiceDeps,
  ref: string,
  status: 'pinned' | 'rejected' | 'active',
): Promise<GuidanceBlock> => {
  const lines = await listGuidanceLines(deps.db, deps.brandSlug);
  const matches = lines.filter(
    (x) => x.id === ref || x.id.replace(/-/g, '').endsWith(ref.replace(/-/g, '').toLowerCase()) || x.rule_key === ref,
  );
  if (matches.length === 0) {
    throw new NotFoundError(l(`No guidance line "${ref}".`, `Aucune ligne de guide « ${ref} ».`), {
      fix: l('List them with `autoscale insights guidance`.', 'Listez-les avec `autoscale insights guidance`.'),
    });
  }
  if (matches.length > 1) {
    throw new UsageError(l(`"${ref}" matches several guidance lines.`, `« ${ref} » correspond à plusieurs lignes.`), {
      fix: l('Use more characters of the id.', 'Utilisez plus de caractères de l’identifiant.'),
    });
  }
  const line = matches[0]!;
  const w = deps.writer();
  await immediate(deps.db, async (trx) => {
    await updateGuidanceLine(trx, w, line.id, { status });
    await recordAudit(trx, w, {
      entity: 'guidance_line',
      entityId: line.id,
      action: status,
      from: line.status,
      to: status,
    });
  });
  return refreshGuidance(deps);
};

// ---------------------------------------------------------------- predictor

export const refitPredictor = async (deps: ServiceDeps, facts?: PostFact[]): Promise<PredictorModel> => {
  const measured = facts ?? (await measuredFacts(deps));
  const model = fitPredictor(measured.map((f) => ({ features: featuresOf(f), rate: f.rate! })));
  const latest = await latestPredictorFit(deps.db, deps.brandSlug);
  const unchanged = latest !== undefined && latest.samples === model.samples && latest.model === JSON.stringify(model);
  if (model.kind === 'fitted' && !unchanged) {
    const w = deps.writer();
    await immediate(deps.db, (trx) =>
      insertPredictorFit(trx, w, {
        brand: deps.brandSlug,
        samples: model.samples,
        model,
        mae: model.mae,
        baselineMae: model.baselineMae,
      }),
    );
  }
  return model;
};

/** The latest fitted model of the brand, or the benchmark prior when history is too short. */
export const loadPredictor = async (deps: ServiceDeps, brand?: string): Promise<PredictorModel> => {
  const row = await latestPredictorFit(deps.db, brand ?? deps.brandSlug);
  return row ? (JSON.parse(row.model) as PredictorModel) : priorModel();
};

export interface EngagementPrediction {
  rate: number;
  /** 0–100 against the 2 % target (2 % and above = 100), for the content engine's composite score. */
  score: number;
  model: 'fitted' | 'prior';
  mae: number | null;
}

/** Predicted engagement rate of a text in a slot. Pass the model from `loadPredictor`; defaults to the prior. */
export const predictEngagement = (
  features: PostFeatures,
  model: PredictorModel = priorModel(),
): EngagementPrediction => {
  const rate = predictRate(model, features);
  return { rate, score: Math.round(Math.min(1, rate / 0.02) * 100), model: model.kind, mae: model.mae };
};

// ---------------------------------------------------------------- insights

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
    decidedAt: d.decided_at,
    postId: d.post_id,
    contentType: d.content_type,
    styleOrder: JSON.parse(d.style_order) as string[],
    slot: d.slot_weekday && d.slot_hour !== null ? `${d.slot_weekday} ${d.slot_hour}h` : null,
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
