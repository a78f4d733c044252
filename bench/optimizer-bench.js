// The optimizer against uniform random choice, the oracle and a "frontier" reference policy on
// the seeded synthetic audience (src/optimize/simulator.ts). Evaluation seeds ('eval-N') are
// disjoint from the seeds the exploration schedule was tuned on ('seed-N'). Run after
// `npx tsc -p tsconfig.build.json`:
//   node bench/optimizer-bench.js [--seeds 200]
import { performance } from 'node:perf_hooks';
import { compare, DEFAULT_NOISE, DEFAULT_SPACES, makeAudience, simulate } from '../dist/src/optimize/simulator.js';
import { frontierPolicy } from './lib/frontier-policy.js';

const args = process.argv.slice(2);
const seeds = Number(args[args.indexOf('--seeds') + 1] ?? 200) || 200;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const started = performance.now();
const round = (x) => +x.toFixed(3);

const measure = ({ preset = 'realistic', posts = 60, scale, noise = {}, frontier = false }) => {
  const extra = frontier
    ? [
        frontierPolicy({
          spaces: DEFAULT_SPACES,
          preset,
          noise: { ...DEFAULT_NOISE, ...noise },
          exploreUntil: posts - 20,
        }),
      ]
    : [];
  const runs = Array.from({ length: seeds }, (_, i) =>
    compare(`eval-${i}`, { posts, preset, noise, explorationScale: scale, extra }),
  );
  const ratios = runs.map((r) => r.ratio);
  return {
    preset,
    posts,
    reach: noise.reach ?? DEFAULT_NOISE.reach,
    overdispersion: noise.overdispersion ?? DEFAULT_NOISE.overdispersion,
    exploration: scale === undefined ? 'schedule' : scale,
    optimizerVsOracle: round(mean(ratios)),
    p10: round(quantile(ratios, 0.1)),
    shareAtLeast90: round(ratios.filter((r) => r >= 0.9).length / ratios.length),
    randomVsOracle: round(mean(runs.map((r) => r.randomRatio))),
    ...(frontier ? { frontierVsOracle: round(mean(runs.map((r) => r.extra.frontier))) } : {}),
  };
};

// 1. The shipped optimizer, fixed exploration scales for comparison, and the frontier.
const main = [
  measure({ frontier: true }),
  ...[1, 0.5, 0.3, 0].map((scale) => measure({ scale })),
  measure({ posts: 100 }),
  measure({ posts: 150, frontier: true }),
  measure({ preset: 'harsh', frontier: true }),
  measure({ preset: 'harsh', posts: 150 }),
];
// 2. Sensitivity: how much signal a post must carry for ≥ 90 % to be reachable at 60 posts.
const sensitivity = [600, 1200, 2400].flatMap((reach) =>
  [0.3, 0.15].map((overdispersion) => measure({ noise: { reach, overdispersion }, frontier: true })),
);
// 3. Random stays near its mean: last 20 vs first 20 posts.
const drift = mean(
  Array.from({ length: seeds }, (_, i) => {
    const r = simulate({ seed: `eval-${i}`, posts: 60, policy: 'random' }).posts;
    const avg = (xs) => mean(xs.map((p) => p.expectedRate));
    return avg(r.slice(-20)) / avg(r.slice(0, 20));
  }),
);
// 4. Ceilings that need no learning model at all: a policy that knows the best content type from
// the first post but picks style and slot uniformly, and one that also knows the best style.
const ceiling = (knowStyle) =>
  mean(
    Array.from({ length: seeds }, (_, i) => {
      const a = makeAudience(`eval-${i}`);
      const avg = (o) => mean(Object.values(o));
      const best = (o) => Math.max(...Object.values(o));
      return ((knowStyle ? best(a.style) : avg(a.style)) * avg(a.slot)) / (best(a.style) * best(a.slot));
    }),
  );
console.table(main);
console.table(sensitivity);
console.log(
  JSON.stringify({ ceilingTypeKnown: round(ceiling(false)), ceilingTypeAndStyleKnown: round(ceiling(true)) }),
);
console.log(
  JSON.stringify({
    seeds,
    randomLast20OverFirst20: round(drift),
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  }),
);
