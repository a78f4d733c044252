// The optimizer against uniform random choice and an oracle, on the seeded synthetic audience
// (src/optimize/simulator.ts). Evaluation seeds ('eval-N') are disjoint from the seeds the
// exploration scale was tuned on ('seed-N'). Run after `npx tsc -p tsconfig.build.json`:
//   node bench/optimizer-bench.js [--seeds 200]
import { performance } from 'node:perf_hooks';
import { compare, makeAudience, simulate } from '../dist/src/optimize/simulator.js';
import { EXPLORATION_SCALE } from '../dist/src/optimize/bandit.js';

const args = process.argv.slice(2);
const seeds = Number(args[args.indexOf('--seeds') + 1] ?? 200) || 200;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const started = performance.now();

const rows = [];
for (const preset of ['realistic', 'harsh']) {
  for (const posts of [60, 100, 150]) {
    for (const scale of [1, 0.5, EXPLORATION_SCALE, 0]) {
      if (posts !== 60 && scale !== EXPLORATION_SCALE) continue;
      const runs = Array.from({ length: seeds }, (_, i) => compare(`eval-${i}`, posts, preset, scale));
      const ratios = runs.map((r) => r.ratio);
      rows.push({
        preset,
        posts,
        scale,
        optimizerVsOracle: +mean(ratios).toFixed(3),
        p10: +quantile(ratios, 0.1).toFixed(3),
        shareAtLeast90: +(ratios.filter((r) => r >= 0.9).length / ratios.length).toFixed(2),
        randomVsOracle: +mean(runs.map((r) => r.randomRatio)).toFixed(3),
      });
    }
  }
}
// Random stays near its mean: last 20 vs first 20 posts.
const drift = mean(Array.from({ length: seeds }, (_, i) => {
  const r = simulate({ seed: `eval-${i}`, posts: 60, policy: 'random' }).posts;
  const avg = (xs) => mean(xs.map((p) => p.expectedRate));
  return avg(r.slice(-20)) / avg(r.slice(0, 20));
}));
// Ceilings that need no learning model at all: a policy that knows the best content type from the
// first post but picks style and slot uniformly, and one that also knows the best style.
const ceiling = (knowStyle) => mean(Array.from({ length: seeds }, (_, i) => {
  const a = makeAudience(`eval-${i}`);
  const avg = (o) => mean(Object.values(o));
  const best = (o) => Math.max(...Object.values(o));
  return ((knowStyle ? best(a.style) : avg(a.style)) * avg(a.slot)) / (best(a.style) * best(a.slot));
}));
console.table(rows);
console.log(JSON.stringify({ ceilingTypeKnown: +ceiling(false).toFixed(3), ceilingTypeAndStyleKnown: +ceiling(true).toFixed(3) }));
console.log(JSON.stringify({ seeds, randomLast20OverFirst20: +drift.toFixed(3), seconds: +((performance.now() - started) / 1000).toFixed(1) }));
