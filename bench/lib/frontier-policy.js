// A reference policy for the optimizer simulation: what a learner could do if it knew everything
// about the simulated audience except the audience's own draws. It knows that engagement is a
// product of type, style, slot and text-trait multipliers (so it regresses the log rate on all
// of them at once, text traits included), the exact ranges the multipliers are drawn from (its
// priors), how noisy each post is (it weights posts by 1 ÷ (overdispersion² + 1 ÷ expected
// engagements)) and the evaluation horizon (full Thompson sampling until the scored window, then
// greedy). No real optimizer has that knowledge; its score is the practical ceiling the shipped
// optimizer is measured against (docs/perf/report.md).
import { AUDIENCE_PRESETS } from '../../dist/src/optimize/simulator.js';
import { gaussian } from '../../dist/src/optimize/bandit.js';

const cholesky = (a) => {
  const n = a.length;
  const l = a.map(() => new Array(n).fill(0));
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let s = a[i][j];
      for (let k = 0; k < j; k += 1) s -= l[i][k] * l[j][k];
      l[i][j] = i === j ? Math.sqrt(s) : s / l[j][j];
    }
  }
  return l;
};
const forward = (l, b) => {
  const y = [];
  for (let i = 0; i < b.length; i += 1) {
    let s = b[i];
    for (let k = 0; k < i; k += 1) s -= l[i][k] * y[k];
    y.push(s / l[i][i]);
  }
  return y;
};
const backward = (l, b) => {
  const x = new Array(b.length);
  for (let i = b.length - 1; i >= 0; i -= 1) {
    let s = b[i];
    for (let k = i + 1; k < b.length; k += 1) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
};

const logSpread = ([lo, hi]) => (Math.log(hi) - Math.log(lo)) / Math.sqrt(12);

export const frontierPolicy = ({ spaces, preset = 'realistic', noise, exploreUntil, name = 'frontier' }) => {
  const ranges = AUDIENCE_PRESETS[preset];
  const { types, styles, slots } = spaces;
  const offType = 1;
  const offStyle = offType + types.length;
  const offSlot = offStyle + styles.length;
  const offText = offSlot + slots.length;
  const dim = offText + 5;
  const priorSd = [
    0.5,
    ...types.map(() => logSpread(ranges.type)),
    ...styles.map(() => logSpread(ranges.style)),
    ...slots.map(() => logSpread(ranges.slot)),
    0.3,
    0.3,
    0.3,
    0.1,
    0.3,
  ];
  const baseRate = 0.011;
  const row = (p) => {
    const x = new Array(dim).fill(0);
    x[0] = 1;
    x[offType + types.indexOf(p.contentType)] = 1;
    x[offStyle + styles.indexOf(p.style)] = 1;
    x[offSlot + slots.indexOf(p.slot)] = 1;
    const f = p.features;
    x[offText] = f.questionEnd ? 1 : 0;
    x[offText + 1] = f.hasNumber ? 1 : 0;
    x[offText + 2] = f.story ? 1 : 0;
    x[offText + 3] = f.emojis;
    x[offText + 4] = f.length / 1000;
    return x;
  };
  const argmaxFrom = (theta, offset, list) =>
    list[list.reduce((best, _, k) => (theta[offset + k] > theta[offset + best] ? k : best), 0)];
  return {
    name,
    choose: (history, index, random) => {
      const precision = priorSd.map((sd, i) => priorSd.map((_, j) => (i === j ? 1 / sd ** 2 : 0)));
      const b = priorSd.map((sd, i) => (i === 0 ? Math.log(baseRate) / sd ** 2 : 0));
      for (const p of history) {
        const x = row(p);
        const y = Math.log((p.engagements + 0.5) / (p.uniqueViewers + 1));
        const w = 1 / (noise.overdispersion ** 2 + 1 / (p.uniqueViewers * baseRate + 0.5));
        for (let i = 0; i < dim; i += 1) {
          if (!x[i]) continue;
          b[i] += w * x[i] * y;
          for (let j = 0; j < dim; j += 1) precision[i][j] += w * x[i] * x[j];
        }
      }
      const l = cholesky(precision);
      const mean = backward(l, forward(l, b));
      const scale = index < exploreUntil ? 1 : 0;
      const deviation = backward(
        l,
        mean.map(() => gaussian(random)),
      );
      const theta = mean.map((m, k) => m + scale * deviation[k]);
      return {
        contentType: argmaxFrom(theta, offType, types),
        style: argmaxFrom(theta, offStyle, styles),
        slot: argmaxFrom(theta, offSlot, slots),
      };
    },
  };
};
