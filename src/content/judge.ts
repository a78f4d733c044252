import type { BrandConfig } from '../config/schema.js';
import { fillTemplate, loadTemplate, type PromptTemplate } from '../prompts/library.js';
import { RUBRIC, type CriterionId } from '../prompts/rubric.js';
import { profileValues } from '../providers/compose.js';
import type { StructuredRequest, TextProvider, Usage } from '../providers/types.js';
import { judgeJsonSchema, judgeVerdictSchema, type JudgeAnswer } from './judge-schema.js';
import { familyOf } from './lint/rule-types.js';
import type { LintResult } from './lint/engine.js';

export type { CriterionId };
export type Criteria = Record<CriterionId, number>;

/** A passage the judge (or the linter) found machine-sounding, located in the text when possible. */
export interface JudgeSpan {
  quote: string;
  why: string;
  /** Offsets in the judged text; -1 when the quote could not be found there. */
  start: number;
  end: number;
  source: 'judge' | 'lint';
}

export interface QuebecIssue {
  quote: string;
  issue: string;
  suggestion: string;
  start: number;
  end: number;
  source: 'judge' | 'lint';
}

export interface JudgeVerdict {
  /** llm: an independent model judged the text; deterministic: the linter and text features only. */
  method: 'llm' | 'deterministic';
  /** Weighted rubric, 0–100. */
  score: number;
  criteria: Criteria;
  /** The KPI's measure: natural (≥ 95) with zero cliché spans. */
  naturalness: number;
  clicheSpans: JudgeSpan[];
  quebecIssues: QuebecIssue[];
  reasons: string[];
  model?: string | undefined;
  note?: string | undefined;
}

export const NATURAL_THRESHOLD = 95;

/** True when the verdict counts towards the quality KPI: natural and without a cliché span. */
export const isNatural = (v: Pick<JudgeVerdict, 'naturalness' | 'clicheSpans'>): boolean =>
  v.naturalness >= NATURAL_THRESHOLD && v.clicheSpans.length === 0;

export const weighted = (criteria: Criteria): number =>
  Math.round(RUBRIC.reduce((s, r) => s + r.weight * criteria[r.id], 0) * 10) / 10;

const fold = (s: string): { chars: string; at: number[] } => {
  let chars = '';
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    if (/[\s\u00a0\u202f]/.test(c)) {
      if (!space && chars.length) {
        chars += ' ';
        at.push(i);
      }
      space = true;
      continue;
    }
    space = false;
    const f = c
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[’‘`´]/g, "'")
      .replace(/[«»“”]/g, '"');
    for (const x of f) {
      chars += x;
      at.push(i);
    }
  }
  return { chars, at };
};

/** Where a quoted passage sits in the text (exact, then ignoring case, accents and spacing). */
export const locate = (text: string, quote: string): { start: number; end: number } => {
  const q = quote.trim().replace(/^["«“]\s*|\s*["»”]$/g, '');
  if (!q) return { start: -1, end: -1 };
  const exact = text.indexOf(q);
  if (exact >= 0) return { start: exact, end: exact + q.length };
  const t = fold(text);
  const f = fold(q).chars.trim();
  const i = f ? t.chars.indexOf(f) : -1;
  if (i < 0) return { start: -1, end: -1 };
  return { start: t.at[i]!, end: t.at[i + f.length - 1]! + 1 };
};

/** The verdict from the judge's answer, its quotes located in the text. */
export const verdictFromAnswer = (answer: JudgeAnswer, text: string, model?: string): JudgeVerdict => {
  const criteria = Object.fromEntries(RUBRIC.map((r) => [r.id, Math.round(answer[r.id])])) as Criteria;
  return {
    method: 'llm',
    score: weighted(criteria),
    criteria,
    naturalness: criteria.naturalness,
    clicheSpans: answer.cliche_spans.map((s) => ({
      quote: s.quote,
      why: s.why,
      ...locate(text, s.quote),
      source: 'judge',
    })),
    quebecIssues: answer.quebec_french_issues.map((s) => ({
      quote: s.quote,
      issue: s.issue,
      suggestion: s.suggestion,
      ...locate(text, s.quote),
      source: 'judge',
    })),
    reasons: answer.reasons,
    model,
  };
};

const CTA =
  /(\?|écrivez|appelez|contactez|réservez|commentez|dites-nous|répondez|essayez|demandez|visitez|texte[zr]|message privé|write|call|book|tell us|comment|reply|try|message us)/iu;
const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

const lintSpans = (lint: LintResult): JudgeSpan[] =>
  lint.findings
    .filter((f) => familyOf(f.category) === 'cliche' && f.severity !== 'info')
    .map((f) => ({ quote: f.excerpt, why: `${f.rule}: ${f.message.fr}`, start: f.start, end: f.end, source: 'lint' }));

const lintQuebec = (lint: LintResult): QuebecIssue[] =>
  lint.findings
    .filter((f) => familyOf(f.category) === 'register')
    .map((f) => ({
      quote: f.excerpt,
      issue: f.message.fr,
      suggestion: f.suggestion,
      start: f.start,
      end: f.end,
      source: 'lint',
    }));

/**
 * The judge's deterministic counterpart: what can be measured without a model, from the
 * linter and simple text features. Used alone when no model is configured (and labelled so).
 * Every criterion can reach 100 on a clean, concrete post: nothing here caps a good text.
 */
export const deterministicVerdict = (text: string, lint: LintResult): JudgeVerdict => {
  const count = (pred: (rule: string, category: string) => boolean) =>
    lint.findings.filter((f) => f.severity !== 'info' && pred(f.rule, f.category)).length;
  const numbers = (text.match(/\d+(?:[.,\s\u00a0]\d+)*\s?(?:%|\$|h\b|heures|minutes|appels|rendez-vous)?/gu) ?? [])
    .length;
  const body = text.replace(/(?:\s*#[\p{L}\p{N}_]+)+\s*$/u, '').trim();
  const lastParagraph = body.slice(body.lastIndexOf('\n\n') + 1);
  const register = lint.findings.filter((f) => f.severity !== 'info' && familyOf(f.category) === 'register').length;
  const criteria: Criteria = {
    naturalness: clamp(100 - 0.8 * lint.cliche.score),
    specificity: clamp(lint.words === 0 ? 0 : numbers >= 2 ? 96 : numbers === 1 ? 86 : 62),
    quebec_french: clamp(
      lint.lang === 'fr' ? 100 - 12 * register - lint.findings.filter((f) => f.category === 'typography').length : 50,
    ),
    hook: clamp(lint.findings.some((f) => f.rule === 'hook-first-line') ? 55 : 95),
    call_to_action: clamp(
      (CTA.test(lastParagraph) ? 96 : count((r) => r === 'question-ending') ? 40 : 70) -
        10 * count((_, c) => c === 'generic-cta'),
    ),
    facebook_compliance: clamp(
      100 - 50 * count((_, c) => c === 'engagement-bait') - 15 * count((r) => r === 'hashtag-excess'),
    ),
  };
  const reasons = lint.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.rule} : « ${f.excerpt.slice(0, 50)} »`);
  if (numbers === 0) reasons.push('Aucun chiffre concret.');
  return {
    method: 'deterministic',
    score: weighted(criteria),
    criteria,
    naturalness: criteria.naturalness,
    clicheSpans: lintSpans(lint),
    quebecIssues: lintQuebec(lint),
    reasons,
  };
};

/**
 * The judge's verdict with the linter's evidence added: the linter's cliché and register
 * findings join the spans, and a text the linter proves clichéd cannot be rated natural. A
 * model's scores are never capped otherwise, so a clean text can reach 100.
 */
export const withLintEvidence = (llm: JudgeVerdict, lint: LintResult): JudgeVerdict => {
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start >= 0 && b.start >= 0 && a.start < b.end && b.start < a.end;
  const extraSpans = lintSpans(lint).filter((s) => !llm.clicheSpans.some((x) => overlaps(x, s)));
  const extraIssues = lintQuebec(lint).filter((s) => !llm.quebecIssues.some((x) => overlaps(x, s)));
  const proven = lint.findings.some((f) => familyOf(f.category) === 'cliche' && f.severity === 'error');
  const criteria: Criteria = {
    ...llm.criteria,
    naturalness: proven ? Math.min(llm.criteria.naturalness, 100 - lint.cliche.score) : llm.criteria.naturalness,
  };
  return {
    ...llm,
    criteria,
    score: weighted(criteria),
    naturalness: criteria.naturalness,
    clicheSpans: [...llm.clicheSpans, ...extraSpans],
    quebecIssues: [...llm.quebecIssues, ...extraIssues],
  };
};

// ---------------------------------------------------------------- the judge's request

/** The judge's own system block: its persona, the anchored rubric, the brand's facts. */
export const judgeSystemPrompt = (brand: BrandConfig, template: PromptTemplate = loadTemplate('judge.md')): string =>
  fillTemplate(template.body, profileValues(brand.profile));

export const judgeUserPrompt = (text: string, style: string, contentType: string): string =>
  [
    `<post style="${style}" content_type="${contentType}">`,
    text,
    '</post>',
    '',
    'Évalue cette publication selon la grille et les ancres, puis réponds dans le format demandé.',
  ].join('\n');

export interface JudgeInput {
  brand: BrandConfig;
  text: string;
  style: string;
  contentType: string;
  signal?: AbortSignal | undefined;
}

/** The structured request the judge sends: its own system prompt and temperature 0. */
export const judgeRequest = (input: JudgeInput, template?: PromptTemplate): StructuredRequest<JudgeAnswer> => ({
  purpose: 'judge',
  system: judgeSystemPrompt(input.brand, template),
  user: judgeUserPrompt(input.text, input.style, input.contentType),
  schemaName: 'judge_verdict',
  jsonSchema: judgeJsonSchema,
  parse: (value) => judgeVerdictSchema.parse(value),
  maxTokens: 1200,
  // Deterministic grading; providers drop it for models that only accept the default.
  temperature: 0,
  signal: input.signal,
});

export interface JudgeOutcome {
  /** The model's answer as received (what the cost ledger keeps, so a resume re-derives the verdict). */
  answer: JudgeAnswer;
  verdict: JudgeVerdict;
  usage: Usage;
  model: string;
  latencyMs: number;
  requestId?: string | undefined;
  reportedCostUsd?: number | undefined;
}

/** One independent judge call (the caller records it in the cost ledger). */
export const runJudge = async (provider: TextProvider, input: JudgeInput): Promise<JudgeOutcome> => {
  if (!provider.structured) throw new Error(`${provider.id} has no structured calls: it cannot judge`);
  const r = await provider.structured(judgeRequest(input));
  return {
    answer: r.value,
    verdict: verdictFromAnswer(r.value, input.text, r.model),
    usage: r.usage,
    model: r.model,
    latencyMs: r.latencyMs,
    requestId: r.requestId,
    reportedCostUsd: r.reportedCostUsd,
  };
};
