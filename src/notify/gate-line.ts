import { describeFlag } from '../content/quality.js';
import { pick, l, type Lang } from '../i18n/localized.js';

/** The quality gate as a draft-ready message shows it, next to each variant's score. */
export interface GatePreview {
  passed: boolean;
  flags: string[];
  score: number | null;
  threshold: number | null;
  similarity: number | null;
}

/** Reads the gate from a variant's stored quality report (null when it was never scored). */
export const gatePreview = (quality: string | null): GatePreview | null => {
  if (!quality) return null;
  try {
    const q = JSON.parse(quality) as {
      passed?: unknown;
      flags?: unknown;
      score?: unknown;
      threshold?: unknown;
      similarity?: { max?: unknown } | null;
    };
    if (typeof q.passed !== 'boolean' || !Array.isArray(q.flags)) return null;
    return {
      passed: q.passed,
      flags: q.flags.filter((f): f is string => typeof f === 'string'),
      score: typeof q.score === 'number' ? q.score : null,
      threshold: typeof q.threshold === 'number' ? q.threshold : null,
      similarity: typeof q.similarity?.max === 'number' ? q.similarity.max : null,
    };
  } catch {
    return null;
  }
};

/** « ✓ passes the gate » or « ✗ below the gate: score 62 below 75; too similar (0.91) ». */
export const gateText = (gate: GatePreview | null | undefined, lang: Lang): string => {
  if (!gate) return '';
  if (gate.passed) return pick(l('✓ passes the quality gate', '✓ passe le seuil de qualité'), lang);
  const report = {
    score: gate.score ?? 0,
    threshold: gate.threshold ?? 0,
    similarity: gate.similarity === null ? null : { max: gate.similarity },
  };
  const reasons = gate.flags.map((f) => pick(describeFlag(f, report as never), lang)).join('; ');
  return `${pick(l('✗ below the quality gate', '✗ sous le seuil de qualité'), lang)}: ${reasons}`;
};
