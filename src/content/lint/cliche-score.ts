import { familyOf, type Category, type Severity } from './rule-types.js';

/**
 * The per-text cliché score: every cliché-family finding adds its weight (a strong pattern
 * weighs 1, weaker signals less; the same phrase repeated counts half), stock words add their weight
 * scaled by density, and the sum S maps to 0–100 as 100·(1 − e^(−0.9·S)). A text is called
 * clichéd at 50 and above, which one strong pattern reaches alone (59) and weak signals reach
 * only together. Calibrated on the labelled corpus (docs/PERFORMANCE.md).
 */
export const CLICHE_THRESHOLD = 50;
const K = 0.9;

export interface ScoredFinding {
  rule: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  excerpt: string;
  weight: number;
}

export interface ClicheSignal {
  rule: string;
  start: number;
  end: number;
  /** What this signal added to S. */
  contribution: number;
}

export interface ClicheScore {
  /** 0–100; 50 and above means the text reads as machine-written. */
  score: number;
  cliched: boolean;
  /** The weighted sum before the 0–100 mapping. */
  sum: number;
  /** Stock-word weight per 100 words. */
  density: number;
  signals: ClicheSignal[];
}

export const densityFactor = (words: number): number => Math.min(1.4, Math.sqrt(100 / Math.max(words, 50)));

export const clicheScore = (findings: readonly ScoredFinding[], words: number): ClicheScore => {
  const signals: ClicheSignal[] = [];
  const seen = new Map<string, number>();
  let lexicon = 0;
  const factor = densityFactor(words);
  for (const f of findings) {
    if (familyOf(f.category) !== 'cliche' || f.weight <= 0) continue;
    // The same phrase again counts half; another phrase of the same rule counts in full.
    const key = `${f.rule}:${f.excerpt.toLowerCase()}`;
    const n = seen.get(key) ?? 0;
    let contribution: number;
    if (f.category === 'lexicon') {
      contribution = f.weight * factor;
      lexicon += f.weight;
    } else contribution = n === 0 ? f.weight : f.weight / 2;
    if (f.category !== 'lexicon') seen.set(key, n + 1);
    signals.push({ rule: f.rule, start: f.start, end: f.end, contribution: Math.round(contribution * 1000) / 1000 });
  }
  const sum = signals.reduce((s, x) => s + x.contribution, 0);
  const score = Math.round(100 * (1 - Math.exp(-K * sum)));
  return {
    score,
    cliched: score >= CLICHE_THRESHOLD,
    sum: Math.round(sum * 1000) / 1000,
    density: words > 0 ? Math.round((lexicon / words) * 100 * 100) / 100 : 0,
    signals,
  };
};
