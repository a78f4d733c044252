import { CONTENT_TYPES, STYLES } from '../domain/content.js';
import { B2B_BASE_RATE } from './bandit.js';
import type { PostFeatures } from '../measure/features.js';

/**
 * Engagement predictor: ridge regression on features of the text and the slot, in plain
 * TypeScript (normal equations, Gaussian elimination: at most a few hundred rows × 20 columns).
 * Before enough history exists, a prior model encodes the B2B benchmark so the content engine's
 * composite score always has a number, labelled as such.
 */
export interface PredictorModel {
  kind: 'fitted' | 'prior';
  featureNames: string[];
  weights: number[];
  lambda: number;
  samples: number;
  /** Cross-validated mean absolute error (engagement-rate points), null for the prior. */
  mae: number | null;
  /** MAE of always predicting the mean: the bar the model must beat. */
  baselineMae: number | null;
}

export const MIN_FIT_SAMPLES = 12;

export const FEATURE_NAMES = [
  'bias',
  'length_per_1000',
  'question_end',
  'has_number',
  'story',
  'emojis_per_5',
  'hashtags_per_5',
  'hour_offset',
  'hour_offset_sq',
  'midweek',
  ...CONTENT_TYPES.map((t) => `type_${t}`),
  ...STYLES.map((s) => `style_${s}`),
];

export const featureVector = (f: PostFeatures): number[] => {
  const hourOffset = f.hour === null ? 0 : (f.hour - 14) / 3;
  return [
    1,
    f.length / 1000,
    f.questionEnd ? 1 : 0,
    f.hasNumber ? 1 : 0,
    f.story ? 1 : 0,
    Math.min(f.emojis, 10) / 5,
    Math.min(f.hashtags, 10) / 5,
    hourOffset,
    hourOffset ** 2,
    f.weekday !== null && f.weekday >= 2 && f.weekday <= 4 ? 1 : 0,
    ...CONTENT_TYPES.map((t) => (f.contentType === t ? 1 : 0)),
    ...STYLES.map((s) => (f.style === s ? 1 : 0)),
  ];
};

/** Solves A x = b (A square) by Gaussian elimination with partial pivoting. */
const solve = (a: number[][], b: number[]): number[] => {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const factor = m[r]![col]! / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c += 1) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
};

/** Ridge fit; the bias is not penalised so the model predicts the mean when features say nothing. */
export const ridge = (x: number[][], y: number[], lambda: number): number[] => {
  const k = x[0]?.length ?? FEATURE_NAMES.length;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < x.length; i += 1) {
    const row = x[i]!;
    for (let a = 0; a < k; a += 1) {
      xty[a]! += row[a]! * y[i]!;
      for (let b = 0; b < k; b += 1) xtx[a]![b]! += row[a]! * row[b]!;
    }
  }
  for (let a = 1; a < k; a += 1) xtx[a]![a]! += lambda;
  xtx[0]![0]! += 1e-9;
  return solve(xtx, xty);
};

const dot = (w: number[], x: number[]) => w.reduce((s, wi, i) => s + wi * (x[i] ?? 0), 0);

/** Rate for the features; never negative. */
export const predictRate = (model: PredictorModel, features: PostFeatures): number =>
  Math.max(0, dot(model.weights, featureVector(features)));

export const priorModel = (): PredictorModel => {
  const weights = new Array<number>(FEATURE_NAMES.length).fill(0);
  weights[0] = B2B_BASE_RATE;
  // Benchmark lore, small on purpose: a closing question and a concrete figure help a little.
  weights[FEATURE_NAMES.indexOf('question_end')] = 0.001;
  weights[FEATURE_NAMES.indexOf('has_number')] = 0.0008;
  weights[FEATURE_NAMES.indexOf('story')] = 0.0008;
  weights[FEATURE_NAMES.indexOf('hour_offset_sq')] = -0.0004;
  return { kind: 'prior', featureNames: FEATURE_NAMES, weights, lambda: 0, samples: 0, mae: null, baselineMae: null };
};

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/**
 * Fits on (features, rate) pairs and reports the error by k-fold cross-validation (folds by
 * position, deterministic), against the mean-only baseline. λ is chosen from a small grid by
 * the same cross-validation.
 */
export const fitPredictor = (rows: { features: PostFeatures; rate: number }[]): PredictorModel => {
  if (rows.length < MIN_FIT_SAMPLES) return { ...priorModel(), samples: rows.length };
  const x = rows.map((r) => featureVector(r.features));
  const y = rows.map((r) => r.rate);
  const folds = Math.min(5, rows.length);
  const cv = (lambda: number) => {
    let err = 0;
    let base = 0;
    for (let f = 0; f < folds; f += 1) {
      const trainX: number[][] = [];
      const trainY: number[] = [];
      for (let i = 0; i < x.length; i += 1) {
        if (i % folds !== f) {
          trainX.push(x[i]!);
          trainY.push(y[i]!);
        }
      }
      const w = ridge(trainX, trainY, lambda);
      const m = mean(trainY);
      for (let i = f; i < x.length; i += folds) {
        err += Math.abs(Math.max(0, dot(w, x[i]!)) - y[i]!);
        base += Math.abs(m - y[i]!);
      }
    }
    return { mae: err / x.length, baseline: base / x.length };
  };
  let best = { lambda: 1, mae: Infinity, baseline: 0 };
  for (const lambda of [0.1, 0.3, 1, 3, 10]) {
    const r = cv(lambda);
    if (r.mae < best.mae) best = { lambda, mae: r.mae, baseline: r.baseline };
  }
  return {
    kind: 'fitted',
    featureNames: FEATURE_NAMES,
    weights: ridge(x, y, best.lambda),
    lambda: best.lambda,
    samples: rows.length,
    mae: best.mae,
    baselineMae: best.baseline,
  };
};
