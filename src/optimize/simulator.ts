import { seededRandom } from '../domain/random.js';
import {
  computeBeliefs,
  decide,
  gaussian,
  parseSlot,
  priorsFor,
  type Observation,
  type SpaceConfig,
} from './bandit.js';
import type { PostFeatures } from '../measure/features.js';

/**
 * A synthetic audience with hidden preferences, to check the optimizer against uniform random
 * choice and an oracle that knows the preferences. Engagement is generated the way real Page
 * data behaves: reach is log-normal, the rate has day-to-day log-normal noise, and engagements
 * are a binomial draw on the reach, so small posts are noisy.
 */
export interface Audience {
  base: number;
  type: Record<string, number>;
  style: Record<string, number>;
  slot: Record<string, number>;
  /** Multipliers for text traits the optimizer does not control (guidance learns them). */
  text: { questionEnd: number; hasNumber: number; story: number; perEmoji: number; longPenaltyPer1000: number };
  noise: AudienceNoise;
}

/**
 * How much one post says about the audience. The defaults are a small B2B Page: a median post
 * reaches 600 unique viewers (σ 0.45 in log), and the rate moves ±30 % from post to post beyond
 * counting noise (news of the day, the feed's mood), so a typical post gets ≈ 7 engagements.
 */
export interface AudienceNoise {
  /** Median unique viewers of a post. */
  reach: number;
  /** Log-normal spread of the reach. */
  reachSd: number;
  /** Log-normal post-to-post noise on the rate, on top of the binomial count. */
  overdispersion: number;
}
export const DEFAULT_NOISE: AudienceNoise = { reach: 600, reachSd: 0.45, overdispersion: 0.3 };

/** Chooses a post's content type, style and slot from what came before (the bench's reference policies). */
export interface Chooser {
  name: string;
  choose: (
    history: readonly SimPost[],
    index: number,
    random: () => number,
  ) => { contentType: string; style: string; slot: string };
}

export type Policy = 'thompson' | 'random' | 'oracle' | Chooser;

export interface SimPost {
  index: number;
  contentType: string;
  style: string;
  slot: string;
  features: PostFeatures;
  /** Rate the audience would give on average (no noise): what the comparison uses. */
  expectedRate: number;
  uniqueViewers: number;
  engagements: number;
  observedRate: number;
}

export interface SimResult {
  policy: string;
  posts: SimPost[];
  meanExpected: number;
  meanExpectedLast20: number;
}

export const DEFAULT_SPACES: SpaceConfig = {
  types: ['case_study', 'tip', 'faq', 'myth_busting', 'testimonial', 'behind_the_scenes'],
  styles: ['professional', 'storytelling', 'question'],
  slots: ['tue', 'wed', 'thu'].flatMap((d) => [13, 14, 15].map((h) => `${d}-${h}`)),
};

/**
 * How strongly the hidden audience prefers one option over another, as multiplier ranges.
 * 'realistic': content type matters most (proof-style posts can double a tip's engagement),
 * style and time inside an already good mid-week afternoon window matter ±10 %.
 * 'harsh': the same plus large style and slot effects, to show the sensitivity.
 */
export const AUDIENCE_PRESETS = {
  realistic: { type: [0.6, 1.5], style: [0.88, 1.12], slot: [0.92, 1.08] },
  harsh: { type: [0.55, 1.6], style: [0.8, 1.25], slot: [0.85, 1.2] },
} as const;
export type AudiencePreset = keyof typeof AUDIENCE_PRESETS;

export const makeAudience = (
  seed: string,
  spaces: SpaceConfig = DEFAULT_SPACES,
  preset: AudiencePreset = 'realistic',
  noise: Partial<AudienceNoise> = {},
): Audience => {
  const r = seededRandom(`audience:${seed}`);
  const between = ([lo, hi]: readonly [number, number]) => lo + (hi - lo) * r();
  const p = AUDIENCE_PRESETS[preset];
  return {
    base: between([0.008, 0.014]),
    type: Object.fromEntries(spaces.types.map((t) => [t, between(p.type)])),
    style: Object.fromEntries(spaces.styles.map((s) => [s, between(p.style)])),
    slot: Object.fromEntries(spaces.slots.map((s) => [s, between(p.slot)])),
    text: { questionEnd: 1.25, hasNumber: 1.15, story: 1.1, perEmoji: 0.95, longPenaltyPer1000: 0.7 },
    noise: { ...DEFAULT_NOISE, ...noise },
  };
};

export const expectedRate = (a: Audience, type: string, style: string, slot: string, f: PostFeatures): number =>
  a.base *
  (a.type[type] ?? 1) *
  (a.style[style] ?? 1) *
  (a.slot[slot] ?? 1) *
  (f.questionEnd ? a.text.questionEnd : 1) *
  (f.hasNumber ? a.text.hasNumber : 1) *
  (f.story ? a.text.story : 1) *
  a.text.perEmoji ** f.emojis *
  a.text.longPenaltyPer1000 ** (f.length / 1000);

/** Text traits of post i: the same for every policy, so policies differ only by what they choose. */
const textOf = (seed: string, i: number, type: string, style: string, slot: string): PostFeatures => {
  const r = seededRandom(`text:${seed}:${i}`);
  const { weekday, hour } = parseSlot(slot);
  const traits = {
    length: Math.round(300 + r() * 1200),
    questionEnd: r() < 0.4,
    hasNumber: r() < 0.5,
    story: r() < 0.35,
    emojis: Math.floor(r() * 5),
    hashtags: Math.floor(r() * 4),
  };
  // Drawn after the older traits so their values (and the simulator's results) stay the same.
  const opening = r();
  return {
    ...traits,
    opening: opening < 0.3 ? 'question' : opening < 0.5 ? 'number' : traits.story ? 'scene' : 'statement',
    ending: traits.questionEnd ? 'question' : 'cta',
    weekday,
    hour,
    contentType: type,
    style,
  };
};

const binomial = (n: number, p: number, r: () => number): number => {
  // Normal approximation with continuity; exact enough for n in the hundreds and p of a few %.
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  return Math.max(0, Math.round(mean + sd * gaussian(r)));
};

export const simulate = (options: {
  seed: string;
  posts: number;
  policy: Policy;
  spaces?: SpaceConfig;
  audience?: Audience;
  explorationScale?: number;
}): SimResult => {
  const spaces = options.spaces ?? DEFAULT_SPACES;
  const audience = options.audience ?? makeAudience(options.seed, spaces);
  const priors = priorsFor(spaces);
  const policyName = typeof options.policy === 'string' ? options.policy : options.policy.name;
  const decisionRandom = seededRandom(`decide:${options.seed}:${policyName}`);
  const observations: Observation[] = [];
  const posts: SimPost[] = [];
  const argmax = (m: Record<string, number>) =>
    Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const pickUniform = <T>(list: T[]) => list[Math.floor(decisionRandom() * list.length)]!;
  for (let i = 0; i < options.posts; i += 1) {
    let type: string;
    let style: string;
    let slot: string;
    if (typeof options.policy === 'object') {
      ({ contentType: type, style, slot } = options.policy.choose(posts, i, decisionRandom));
    } else if (options.policy === 'oracle') {
      type = argmax(audience.type);
      style = argmax(audience.style);
      slot = argmax(audience.slot);
    } else if (options.policy === 'random') {
      type = pickUniform(spaces.types);
      style = pickUniform(spaces.styles);
      slot = pickUniform(spaces.slots);
    } else {
      const d = decide(
        computeBeliefs(observations, priors).beliefs,
        decisionRandom,
        options.explorationScale === undefined ? {} : { scale: options.explorationScale },
      );
      type = d.contentType;
      style = d.styleOrder[0]!;
      slot = d.slotArm;
    }
    const features = textOf(options.seed, i, type, style, slot);
    const expected = expectedRate(audience, type, style, slot, features);
    // The outcome noise stream depends only on the post index: same luck for every policy.
    const noise = seededRandom(`outcome:${options.seed}:${i}`);
    const { reach, reachSd, overdispersion } = audience.noise;
    const viewers = Math.max(20, Math.round(reach * Math.exp(reachSd * gaussian(noise))));
    // Mean-preserving: E[exp(σZ − σ²/2)] = 1.
    const dayRate = Math.min(0.5, expected * Math.exp(overdispersion * gaussian(noise) - overdispersion ** 2 / 2));
    const engagements = binomial(viewers, dayRate, noise);
    const observedRate = engagements / viewers;
    const { weekday, hour } = parseSlot(slot);
    observations.push({ contentType: type, style, weekday, hour, rate: observedRate, viewers });
    posts.push({
      index: i,
      contentType: type,
      style,
      slot,
      features,
      expectedRate: expected,
      uniqueViewers: viewers,
      engagements,
      observedRate,
    });
  }
  const mean = (list: SimPost[]) => list.reduce((s, p) => s + p.expectedRate, 0) / (list.length || 1);
  return { policy: policyName, posts, meanExpected: mean(posts), meanExpectedLast20: mean(posts.slice(-20)) };
};

export interface Comparison {
  seed: string;
  posts: number;
  optimizer: number;
  random: number;
  oracle: number;
  /** Optimizer ÷ oracle over the last 20 posts (expected engagement). */
  ratio: number;
  randomRatio: number;
}

export interface CompareOptions {
  posts?: number;
  preset?: AudiencePreset;
  noise?: Partial<AudienceNoise>;
  /** A fixed exploration scale instead of the shipped schedule (explorationScaleFor). */
  explorationScale?: number;
  /** Further policies to score against the same audience and luck (e.g. the bench's frontier). */
  extra?: Chooser[];
}

export const compare = (seed: string, options: CompareOptions = {}): Comparison & { extra: Record<string, number> } => {
  const spaces = DEFAULT_SPACES;
  const posts = options.posts ?? 60;
  const audience = makeAudience(seed, spaces, options.preset ?? 'realistic', options.noise);
  const scale = options.explorationScale;
  const run = (policy: Policy) =>
    simulate({ seed, posts, policy, spaces, audience, ...(scale === undefined ? {} : { explorationScale: scale }) })
      .meanExpectedLast20;
  const optimizer = run('thompson');
  const random = run('random');
  const oracle = run('oracle');
  const extra = Object.fromEntries((options.extra ?? []).map((c) => [c.name, run(c) / oracle]));
  return { seed, posts, optimizer, random, oracle, ratio: optimizer / oracle, randomRatio: random / oracle, extra };
};
