import { STYLE_FEATURES, type StyleWeights } from './style-model.js';

/**
 * Fits the style scorer: standardised features, logistic regression by gradient descent with
 * an L2 penalty. Deterministic (no random start), so a retrain on the same corpus gives the same
 * weights. Used by bench/train-style-model.js; never at run time.
 */
export const trainStyleModel = (
  rows: { x: number[]; y: 0 | 1 }[],
  options: { epochs?: number; rate?: number; l2?: number; threshold?: number; trainedOn: string },
): StyleWeights => {
  const d = STYLE_FEATURES.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r.x[j]!, 0) / rows.length);
  const scale = Array.from(
    { length: d },
    (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r.x[j]! - mean[j]!) ** 2, 0) / rows.length) || 1,
  );
  const z = rows.map((r) => ({ x: r.x.map((v, j) => (v - mean[j]!) / scale[j]!), y: r.y }));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const rate = options.rate ?? 0.1;
  const l2 = options.l2 ?? 0.01;
  for (let epoch = 0; epoch < (options.epochs ?? 3000); epoch += 1) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (const r of z) {
      const p = 1 / (1 + Math.exp(-(b + r.x.reduce((s, v, j) => s + v * w[j]!, 0))));
      const e = p - r.y;
      for (let j = 0; j < d; j += 1) gw[j]! += e * r.x[j]!;
      gb += e;
    }
    for (let j = 0; j < d; j += 1) w[j]! -= rate * (gw[j]! / z.length + l2 * w[j]!);
    b -= rate * (gb / z.length);
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return {
    version: 1,
    features: [...STYLE_FEATURES],
    mean: mean.map(round),
    scale: scale.map(round),
    weights: w.map(round),
    bias: round(b),
    threshold: options.threshold ?? 0.5,
    trainedOn: options.trainedOn,
  };
};
