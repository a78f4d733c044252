import type { PostDetail } from '../store/post-lookup.js';
import { imageFields, parseJson, postSummary } from '../present/post-render.js';
import { parseGate, type GateView } from './gate-view.js';

/** What the studio shows; built from the services' PostDetail, never from SQL. */

export type Severity = 'error' | 'warning' | 'info';

export interface LintFinding {
  ruleId: string;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  suggestion?: string | undefined;
}

export interface VersionView {
  versionNo: number;
  text: string;
  headline: string;
  source: string;
  note: string | null;
  author: string;
  createdAt: string;
}

export interface VariantModel {
  id: string;
  idx: number;
  style: string;
  headline: string;
  text: string;
  chars: number;
  versionNo: number;
  score: number | null;
  reasons: string[];
  /** Findings whose span still matches the current text, sorted by position. */
  findings: LintFinding[];
  /** Findings dropped because the text changed since the linter ran. */
  staleFindings: number;
  versions: VersionView[];
  /** The quality gate (null for a variant never scored). */
  gate: GateView | null;
}

export interface ImageModel {
  path: string;
  width: number;
  height: number;
  format: string;
  provider: string;
}

export interface PostModel {
  id: string;
  shortId: string;
  brand: string;
  contentType: string;
  topic: string | null;
  targetDate: string;
  state: string;
  timeZone: string;
  chosenVariantId: string | null;
  image: ImageModel | undefined;
  variants: VariantModel[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const asSeverity = (v: unknown): Severity =>
  v === 'error' || v === 'warning' || v === 'info' ? v : v === 'warn' ? 'warning' : 'warning';

const strings = (v: unknown): string[] => {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) =>
    typeof x === 'string'
      ? [x]
      : isRecord(x) && typeof x.reason === 'string'
        ? [x.reason]
        : isRecord(x) && typeof x.text === 'string'
          ? [x.text]
          : [],
  );
};

/**
 * Reads the linter's and judge's output from `variants.quality` without trusting its shape:
 * another module writes it, older rows may lack it, and a finding whose offsets no longer fit
 * the text (the text was edited after linting) must not highlight the wrong words.
 */
export const parseQuality = (
  raw: string | null,
  text: string,
  versionNo: number,
): { reasons: string[]; findings: LintFinding[]; stale: number } => {
  const q = parseJson(raw);
  if (!isRecord(q)) return { reasons: [], findings: [], stale: 0 };
  const judge = isRecord(q.judge) ? q.judge : undefined;
  const reasons = [...strings(judge?.reasons), ...strings(q.reasons)];
  const lint = isRecord(q.lint) ? q.lint : undefined;
  const rawFindings: unknown[] = Array.isArray(lint?.findings)
    ? (lint.findings as unknown[])
    : Array.isArray(q.findings)
      ? (q.findings as unknown[])
      : [];
  const linted = [lint?.versionNo, lint?.version, q.versionNo].find((v) => typeof v === 'number');
  const findings: LintFinding[] = [];
  let stale = 0;
  for (const f of rawFindings) {
    if (!isRecord(f)) continue;
    const start = f.start;
    const end = f.end;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end))
      continue;
    const excerpt = typeof f.excerpt === 'string' ? f.excerpt : typeof f.match === 'string' ? f.match : undefined;
    const fits =
      start >= 0 && end > start && end <= text.length && (excerpt === undefined || text.slice(start, end) === excerpt);
    if (!fits || (linted !== undefined && linted !== versionNo)) {
      stale += 1;
      continue;
    }
    findings.push({
      ruleId: typeof f.ruleId === 'string' ? f.ruleId : typeof f.rule === 'string' ? f.rule : 'lint',
      severity: asSeverity(f.severity),
      start,
      end,
      message: typeof f.message === 'string' ? f.message : '',
      suggestion: typeof f.suggestion === 'string' && f.suggestion ? f.suggestion : undefined,
    });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { reasons, findings, stale };
};

export const toPostModel = (d: PostDetail, timeZone: string, mediaDir: string): PostModel => ({
  ...postSummary(d.post),
  timeZone,
  chosenVariantId: d.post.chosenVariantId,
  image: d.image ? imageFields(d.image, mediaDir) : undefined,
  variants: d.variants.map((v) => {
    const q = parseQuality(v.quality, v.text, v.currentVersionNo);
    return {
      id: v.id,
      idx: v.idx,
      style: v.style,
      headline: v.headline,
      text: v.text,
      chars: [...v.text].length,
      versionNo: v.currentVersionNo,
      score: v.qualityScore,
      reasons: q.reasons,
      findings: q.findings,
      staleFindings: q.stale,
      gate: parseGate(v.quality),
      versions: v.versions.map((x) => ({
        versionNo: x.versionNo,
        text: x.text,
        headline: x.headline,
        source: x.source,
        note: x.note,
        author: x.author,
        createdAt: x.createdAt,
      })),
    };
  }),
});
