import { describeFlag } from '../content/gate-flags.js';
import type { Fmt } from '../i18n/format.js';
import { l, type Localized } from '../i18n/localized.js';
import { parseJson } from '../present/post-render.js';

/**
 * The quality gate as the studio shows it: passed or not, why, and how close the variant is
 * to a past post. Read from the variant's stored quality report (scored on every new version).
 */
export interface GateView {
  passed: boolean;
  flags: string[];
  reasons: Localized[];
  score: number | null;
  threshold: number | null;
  /** Highest similarity to a past post (0–1), and whether it crossed the threshold. */
  similarity: number | null;
  tooSimilar: boolean;
  /** How the judge part was scored: by a model, or by the linter's rubric only. */
  judge: 'llm' | 'deterministic' | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const parseGate = (raw: string | null): GateView | null => {
  const q = parseJson(raw);
  if (!isRecord(q) || typeof q.passed !== 'boolean' || !Array.isArray(q.flags)) return null;
  const flags = q.flags.filter((f): f is string => typeof f === 'string');
  const sim = isRecord(q.similarity) ? q.similarity : undefined;
  const report = {
    score: typeof q.score === 'number' ? q.score : 0,
    threshold: typeof q.threshold === 'number' ? q.threshold : 0,
    similarity: sim && typeof sim.max === 'number' ? { max: sim.max } : null,
  };
  const judge = isRecord(q.judge) ? q.judge.method : undefined;
  return {
    passed: q.passed,
    flags,
    reasons: flags.map((f) => describeFlag(f, report as never)),
    score: typeof q.score === 'number' ? q.score : null,
    threshold: typeof q.threshold === 'number' ? q.threshold : null,
    similarity: report.similarity?.max ?? null,
    tooSimilar: flags.includes('too-similar') || sim?.tooSimilar === true,
    judge: judge === 'llm' || judge === 'deterministic' ? judge : null,
  };
};

/**
 * Next to the score, short enough for a narrow pane: « ✓ » when the variant passes the gate,
 * « ✗ gate » when it does not, and « ≈0,91 » when it is too similar to a past post.
 */
export const gateBadge = (gate: GateView | null, t: (x: Localized) => string, f: Fmt): string => {
  if (!gate) return '';
  const mark = gate.passed ? '✓' : `✗ ${t(l('gate', 'seuil'))}`;
  const similar = gate.tooSimilar && gate.similarity !== null ? ` ≈${f.num(gate.similarity, 2, 2)}` : '';
  return ` ${mark}${similar}`;
};

/** The override the studio sends after the confirmation: exactly the flags it showed. */
export const overrideFor = (gate: GateView | null): { acknowledge: string[] } | undefined =>
  gate && !gate.passed ? { acknowledge: gate.flags } : undefined;
