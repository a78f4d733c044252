import { minutesOf } from '../domain/time.js';
import { CONTENT_TYPES, STYLES, WEEKDAYS } from '../domain/content.js';
import type { TextFeatures } from './features.js';

/**
 * Gaussian Thompson sampling over engagement rate, one independent belief per arm in three
 * factor spaces (content type, style, day × hour slot). Factoring keeps the arm count small
 * (≈ 9 + 3 + 9 instead of 243 combinations) so a Page posting 3 times a week learns in weeks,
 * not years; the simulator in bench/ checks that the loss from ignoring interactions is small.
 */
export type Space = 'type' | 'style' | 'slot';

/** Midpoint of the 0.5–1 % engagement rate B2B Pages typically see: the cold-start belief. */
export const B2B_BASE_RATE = 0.0075;
/** How many posts the prior is worth: small, so the Page's own data takes over within weeks. */
export const PRIOR_WEIGHT = 2;
/** Spread of one post's rate around its arm's mean before we have data (coefficient of variation 60 %). */
export const PRIOR_NOISE_SD = 0.6 * B2B_BASE_RATE;
/** How many posts the benchmark level is worth when estimating the Page's own level. */
const LEVEL_PRIOR_POSTS = 3;

// Relative priors from published B2B social benchmarks: proof (case studies, testimonials) and
// interactive formats beat announcements and news. Mild on purpose (±20 %).
const TYPE_LIFT: Record<string, number> = {
  case_study: 1.15,
  testimonial: 1.1,
  tip: 1.05,
  faq: 1,
  myth_busting: 1.05,
  behind_the_scenes: 1.1,
  industry_news: 0.85,
  announcement: 0.85,
  poll: 1.1,
};
const STYLE_LIFT: Record<string, number> = { professional: 0.95, storytelling: 1.05, question: 1.05 };
// Mid-week early afternoon is the benchmark sweet spot for B2B; other days start a bit lower.
const DAY_LIFT: Record<string, number> = { sun: 0.8, mon: 0.95, tue: 1.05, wed: 1.05, thu: 1.05, fri: 0.9, sat: 0.8 };

export interface ArmPrior {
  space: Space;
  arm: string;
  priorMean: number;
  priorWeight: number;
}

export interface Belief extends ArmPrior {
  posts: number;
  rewardSum: number;
  mean: number;
  sd: number;
}

export interface Observation {
  contentType: string;
  style: string | null;
  weekday: number;
  hour: number;
  rate: number;
  /** Unique viewers behind the rate, when known: a post seen by few people is a noisier measurement. */
  viewers?: number | null | undefined;
  /** The post's text traits, when known: the model adjusts for them so they do not blur the arms. */
  features?: Pick<TextFeatures, 'questionEnd' | 'hasNumber' | 'story' | 'emojis' | 'length'> | undefined;
}

export interface SpaceConfig {
  types: string[];
  styles: string[];
  slots: string[];
}

export const slotKey = (weekday: number, hour: number) => `${WEEKDAYS[weekday]}-${String(hour).padStart(2, '0')}`;
export const parseSlot = (key: string): { weekday: number; hour: number } => {
  const [day, hour] = key.split('-');
  return { weekday: WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]), hour: Number(hour) };
};

/** Arms from the brand's config: the types in its mix, the three styles, its posting days × window hours. */
export const spacesFrom = (brand: {
  posting: { days: readonly string[]; windowStart: string; windowEnd: string };
  generation: { mix: Partial<Record<string, number>> };
}): SpaceConfig => {
  const mixed = Object.entries(brand.generation.mix).filter(([, w]) => (w ?? 0) > 0).map(([t]) => t);
  const types = mixed.length ? CONTENT_TYPES.filter((t) => mixed.includes(t)) : [...CONTENT_TYPES];
  const firstHour = Math.floor(minutesOf(brand.posting.windowStart) / 60);
  const lastHour = Math.ceil(minutesOf(brand.posting.windowEnd) / 60) - 1;
  const slots: string[] = [];
  for (const day of WEEKDAYS) {
    if (!brand.posting.days.includes(day)) continue;
    for (let h = firstHour; h <= lastHour; h += 1) slots.push(slotKey(WEEKDAYS.indexOf(day), h));
  }
  return { types, styles: [...STYLES], slots };
};

export const priorsFor = (spaces: SpaceConfig): ArmPrior[] => [
  ...spaces.types.map((arm) => ({ space: 'type' as const, arm, priorMean: B2B_BASE_RATE * (TYPE_LIFT[arm] ?? 1), priorWeight: PRIOR_WEIGHT })),
  ...spaces.styles.map((arm) => ({ space: 'style' as const, arm, priorMean: B2B_BASE_RATE * (STYLE_LIFT[arm] ?? 1), priorWeight: PRIOR_WEIGHT })),
  ...spaces.slots.map((arm) => ({
    space: 'slot' as const,
    arm,
    priorMean: B2B_BASE_RATE * (DAY_LIFT[arm.split('-')[0]!] ?? 1),
    priorWeight: PRIOR_WEIGHT,
  })),
];

const armOf = (space: Space, o: Observation): string | null => {
  if (space === 'type') return o.contentType;
  if (space === 'style') return o.style;
  return slotKey(o.weekday, o.hour);
};

/** Prior spread of one post's log-rate around its arms' fit (≈ 60 % relative noise). */
export const PRIOR_LOG_NOISE = 0.6;
/** Day-to-day variance of the log-rate that no amount of reach averages away (σ ≈ 0.3). */
const DAY_LOG_VAR = 0.09;
/** Text traits the optimizer does not choose but can see: adjusting for them removes most of the noise. */
const TEXT_COVARIATES = ['questionEnd', 'hasNumber', 'story', 'emojis', 'length'] as const;
/** How many posts of evidence at "no effect" each text trait's slope starts with (ridge). */
const TEXT_PRIOR_POSTS = 4;

const covariate = (o: Observation, k: (typeof TEXT_COVARIATES)[number]): number => {
  const f = o.features;
  if (!f) return 0;
  if (k === 'length') return f.length / 1000;
  if (k === 'emojis') return f.emojis;
  return f[k] ? 1 : 0;
};

/**
 * Posterior of each arm under an additive model of the log engagement rate:
 * log rate = level + type effect + style effect + slot effect + text-trait slopes + noise.
 * The reward is multiplicative across the factors, so on the log scale every post informs
 * every factor at once (a case study at a poor slot still says something about case studies),
 * which independent arms cannot do. Fitted by backfitting (coordinate-wise weighted ridge),
 * each arm's effect shrunk towards its benchmark prior worth PRIOR_WEIGHT posts; each post is
 * weighted by its measurement precision (binomial variance shrinks with reach, day-to-day noise
 * does not). Beliefs are reported back on the rate scale: the mean is the rate the arm is
 * expected to give at the Page's level, the sd its uncertainty in the same unit.
 */
export const computeBeliefs = (observations: Observation[], priors: ArmPrior[]): { beliefs: Belief[]; noise: number } => {
  const spaces = ['type', 'style', 'slot'] as const;
  const n = observations.length;
  const sums = new Map<string, { n: number; sum: number }>();
  for (const o of observations) {
    for (const space of spaces) {
      const arm = armOf(space, o);
      if (arm === null) continue;
      const key = `${space}:${arm}`;
      const s = sums.get(key) ?? { n: 0, sum: 0 };
      s.n += 1;
      s.sum += o.rate;
      sums.set(key, s);
    }
  }
  const avgRate = n ? observations.reduce((s, o) => s + o.rate, 0) / n : B2B_BASE_RATE;
  const floor = Math.max(avgRate, B2B_BASE_RATE) * 0.05;
  // Log of the rate, with a floor so a post with no engagement is "very low", not -∞.
  const y = observations.map((o) => Math.log(Math.max(o.rate, o.viewers ? 0.5 / o.viewers : 0, floor)));
  // Precision weight: day-to-day variance plus the binomial variance of the rate on log scale,
  // normalised to average 1 so "posts" keeps its meaning in the prior weight.
  const rawW = observations.map((o) => 1 / (DAY_LOG_VAR + (o.viewers && o.viewers > 0 ? 1 / (o.viewers * Math.max(avgRate, floor)) : 0.2)));
  const wMean = n ? rawW.reduce((a, b) => a + b, 0) / n : 1;
  const w = rawW.map((x) => x / wMean);
  const priorOf = new Map(priors.map((p) => [`${p.space}:${p.arm}`, Math.log(p.priorMean / B2B_BASE_RATE)]));
  const effect = new Map(priorOf);
  const slope = new Map<string, number>(TEXT_COVARIATES.map((k) => [k, 0]));
  const useText = observations.some((o) => o.features);
  let level = Math.log(B2B_BASE_RATE);
  const fit = (o: Observation, skip?: string) => {
    let v = level;
    for (const space of spaces) {
      const arm = armOf(space, o);
      const key = arm === null ? null : `${space}:${arm}`;
      if (key !== null && key !== skip) v += effect.get(key) ?? 0;
    }
    if (useText) for (const k of TEXT_COVARIATES) if (k !== skip) v += slope.get(k)! * covariate(o, k);
    return v;
  };
  const info = new Map<string, number>();
  for (let sweep = 0; sweep < (n ? 12 : 0); sweep += 1) {
    // The level: the benchmark worth LEVEL_PRIOR_POSTS posts, then the Page's own data.
    let num = LEVEL_PRIOR_POSTS * Math.log(B2B_BASE_RATE);
    let den = LEVEL_PRIOR_POSTS;
    observations.forEach((o, i) => {
      num += w[i]! * (y[i]! - (fit(o) - level));
      den += w[i]!;
    });
    level = num / den;
    for (const space of spaces) {
      const acc = new Map<string, { num: number; den: number }>();
      observations.forEach((o, i) => {
        const arm = armOf(space, o);
        if (arm === null) return;
        const key = `${space}:${arm}`;
        if (!priorOf.has(key)) return;
        const a = acc.get(key) ?? { num: 0, den: 0 };
        a.num += w[i]! * (y[i]! - fit(o, key));
        a.den += w[i]!;
        acc.set(key, a);
      });
      for (const p of priors) {
        if (p.space !== space) continue;
        const key = `${p.space}:${p.arm}`;
        const a = acc.get(key) ?? { num: 0, den: 0 };
        effect.set(key, (priorOf.get(key)! * p.priorWeight + a.num) / (p.priorWeight + a.den));
        info.set(key, p.priorWeight + a.den);
      }
    }
    if (useText) {
      for (const k of TEXT_COVARIATES) {
        let num = 0;
        let den = TEXT_PRIOR_POSTS * (k === 'emojis' ? 4 : 1);
        observations.forEach((o, i) => {
          const x = covariate(o, k);
          num += w[i]! * x * (y[i]! - fit(o, k));
          den += w[i]! * x * x;
        });
        slope.set(k, num / den);
      }
    }
  }
  // Noise of one post around the fit, shrunk towards the prior so two lucky posts cannot make
  // the optimizer certain.
  let ss = 0;
  observations.forEach((o, i) => {
    ss += w[i]! * (y[i]! - fit(o)) ** 2;
  });
  const k = 4;
  const logNoise = Math.sqrt((k * PRIOR_LOG_NOISE ** 2 + ss) / (k + n));
  const levelRate = Math.exp(level);
  // Average text traits of the Page's posts, so the reported rate is what a typical post gets.
  const textLift = useText ? Math.exp(observations.reduce((s, o) => s + TEXT_COVARIATES.reduce((t, c) => t + slope.get(c)! * covariate(o, c), 0), 0) / n) : 1;
  const ratio = (levelRate * textLift) / B2B_BASE_RATE;
  const beliefs = priors.map((p) => {
    const key = `${p.space}:${p.arm}`;
    const s = sums.get(key) ?? { n: 0, sum: 0 };
    const mean = levelRate * textLift * Math.exp(effect.get(key)!);
    return {
      ...p,
      priorMean: p.priorMean * ratio,
      posts: s.n,
      rewardSum: s.sum,
      mean,
      sd: mean * (logNoise / Math.sqrt(info.get(key) ?? p.priorWeight)),
    };
  });
  return { beliefs, noise: levelRate * textLift * logNoise };
};

export const gaussian = (random: () => number): number => {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

export interface Draw {
  arm: string;
  value: number;
}

/** One Thompson draw per arm, best first. */
/**
 * Posterior draws are taken with the standard deviation scaled by this factor (tempered
 * Thompson sampling). A Page posts about 150 times a year: plain Thompson sampling keeps
 * exploring long after the cost of exploring exceeds what is left to learn. 0.3 was the best
 * of {1, 0.5, 0.3, 0} on the simulator's tuning seeds (docs/perf/report.md); 0 (greedy) locks in
 * early mistakes.
 */
export const EXPLORATION_SCALE = 0.3;

export const thompson = (beliefs: Belief[], random: () => number, scale = EXPLORATION_SCALE): Draw[] =>
  beliefs
    .map((b) => ({ arm: b.arm, value: b.mean + scale * b.sd * gaussian(random) }))
    .sort((a, b) => b.value - a.value || a.arm.localeCompare(b.arm));

/** Monte Carlo probability that each arm is the best one (what "how sure" means in insights). */
export const probabilityBest = (beliefs: Belief[], random: () => number, draws = 2000): Map<string, number> => {
  const wins = new Map<string, number>(beliefs.map((b) => [b.arm, 0]));
  if (beliefs.length === 0) return wins;
  for (let i = 0; i < draws; i += 1) {
    const best = thompson(beliefs, random, 1)[0]!;
    wins.set(best.arm, wins.get(best.arm)! + 1);
  }
  return new Map([...wins].map(([arm, n]) => [arm, n / draws]));
};

export interface Decision {
  contentType: string;
  styleOrder: string[];
  slotArm: string;
  draws: { type: Draw[]; style: Draw[]; slot: Draw[] };
}

/** One Thompson decision over the three spaces; `weekday` restricts the slot to that day when it has arms. */
export const decide = (beliefs: Belief[], random: () => number, options: { weekday?: string | undefined; scale?: number } = {}): Decision => {
  const space = (s: Space) => beliefs.filter((b) => b.space === s);
  let slots = space('slot');
  if (options.weekday) {
    const sameDay = slots.filter((b) => b.arm.startsWith(`${options.weekday}-`));
    if (sameDay.length) slots = sameDay;
  }
  const scale = options.scale ?? EXPLORATION_SCALE;
  const type = thompson(space('type'), random, scale);
  const style = thompson(space('style'), random, scale);
  const slot = thompson(slots, random, scale);
  return { contentType: type[0]!.arm, styleOrder: style.map((d) => d.arm), slotArm: slot[0]!.arm, draws: { type, style, slot } };
};
