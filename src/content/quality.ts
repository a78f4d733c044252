import type { Localized } from '../i18n/localized.js';
import { l } from '../i18n/localized.js';
import { deterministicVerdict, withLintEvidence, type JudgeVerdict } from './judge.js';
import { familyOf } from './lint/rule-types.js';
import { lintText, type LintResult } from './lint/engine.js';
import { compositeScore, priorEngagementModel, type CompositeScore, type EngagementModel } from './score.js';
import type { SimilarityResult } from './similarity.js';

/** Why a variant does not pass the quality gate. */
export type GateFlag = 'below-threshold' | 'too-similar' | 'too-short' | 'cliche' | 'lint-errors';

export interface QualityReport {
  score: number;
  passed: boolean;
  threshold: number;
  /** Why it did not pass (empty when it passes). */
  flags: GateFlag[];
  composite: CompositeScore;
  lint: {
    score: number;
    lang: string;
    counts: LintResult['counts'];
    cliche: { score: number; cliched: boolean };
    findings: {
      rule: string;
      severity: string;
      category: string;
      start: number;
      end: number;
      excerpt: string;
      suggestion: string;
    }[];
  };
  judge: JudgeVerdict;
  similarity: (SimilarityResult & { threshold: number; tooSimilar: boolean }) | null;
}

export interface EvaluateInput {
  text: string;
  style: string;
  contentType: string;
  threshold: number;
  /** Shorter texts cannot pass (characters, hashtags included). */
  minChars?: number | undefined;
  /** The independent judge's verdict, when a model judged the text. */
  verdict?: JudgeVerdict | undefined;
  /** Set when the judge could not run, so the report says why it is deterministic only. */
  judgeNote?: string | undefined;
  similarity?: SimilarityResult | undefined;
  similarityThreshold: number;
  engagement?: EngagementModel | undefined;
  /** The brand's accepted words (profile.acceptedWords). */
  accept?: readonly string[] | undefined;
}

export const DEFAULT_MIN_CHARS = 80;

/** Lint, judge (or its deterministic counterpart), predicted engagement and the gate. */
export const evaluateDraft = (input: EvaluateInput): QualityReport => {
  const lint = lintText(input.text, { style: input.style, accept: input.accept });
  const judge: JudgeVerdict = input.verdict
    ? withLintEvidence(input.verdict, lint)
    : {
        ...deterministicVerdict(input.text, lint),
        note: input.judgeNote ?? 'no model judge: deterministic rubric only (linter and text features), not an LLM',
      };
  const composite = compositeScore(lint, judge, {
    model: input.engagement ?? priorEngagementModel,
    input: { contentType: input.contentType, style: input.style, text: input.text },
  });
  const tooSimilar = Boolean(input.similarity && input.similarity.max >= input.similarityThreshold);
  const flags: GateFlag[] = [];
  if ([...input.text.trim()].length < (input.minChars ?? DEFAULT_MIN_CHARS)) flags.push('too-short');
  if (lint.cliche.cliched || lint.findings.some((f) => f.severity === 'error' && familyOf(f.category) === 'cliche'))
    flags.push('cliche');
  else if (lint.counts.error > 0) flags.push('lint-errors');
  if (composite.score < input.threshold) flags.push('below-threshold');
  if (tooSimilar) flags.push('too-similar');
  return {
    score: composite.score,
    passed: flags.length === 0,
    threshold: input.threshold,
    flags,
    composite,
    lint: {
      score: lint.score,
      lang: lint.lang,
      counts: lint.counts,
      cliche: { score: lint.cliche.score, cliched: lint.cliche.cliched },
      findings: lint.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        category: f.category,
        start: f.start,
        end: f.end,
        excerpt: f.excerpt,
        suggestion: f.suggestion,
      })),
    },
    judge,
    similarity: input.similarity ? { ...input.similarity, threshold: input.similarityThreshold, tooSimilar } : null,
  };
};

/** Each gate flag in words the owner understands (CLI, studio, notifications). */
export const describeFlag = (
  flag: string,
  report?: Pick<QualityReport, 'score' | 'threshold' | 'similarity'>,
): Localized => {
  switch (flag) {
    case 'below-threshold':
      return l(
        `score ${report ? Math.round(report.score) : '?'} is below the gate (${report?.threshold ?? '?'})`,
        `score ${report ? Math.round(report.score) : '?'} sous le seuil (${report?.threshold ?? '?'})`,
      );
    case 'too-similar':
      return l(
        `too similar to a recent post (${report?.similarity?.max ?? '?'})`,
        `trop semblable à une publication récente (${report?.similarity?.max ?? '?'})`,
      );
    case 'too-short':
      return l('too short to be a post', 'trop court pour une publication');
    case 'cliche':
      return l('AI clichés found', 'clichés d’IA trouvés');
    case 'lint-errors':
      return l('the linter found errors', 'le correcteur a trouvé des erreurs');
    default:
      return l(flag, flag);
  }
};

/** What a rewrite must fix: the linter's findings, the judge's spans and reasons, the similarity flag. */
export const feedbackFor = (report: QualityReport): string => {
  const lines: string[] = [];
  for (const f of report.lint.findings.filter((x) => x.severity !== 'info'))
    lines.push(`- [${f.rule}] « ${f.excerpt.slice(0, 60)} » → ${f.suggestion}`);
  for (const s of report.judge.clicheSpans.filter((x) => x.source === 'judge').slice(0, 6))
    lines.push(`- Sonne généré : « ${s.quote.slice(0, 60)} » (${s.why})`);
  for (const q of report.judge.quebecIssues.filter((x) => x.source === 'judge').slice(0, 6))
    lines.push(`- Français du Québec : « ${q.quote.slice(0, 60)} » → ${q.suggestion || q.issue}`);
  for (const r of report.judge.reasons.slice(0, 6)) if (!lines.some((x) => x.includes(r))) lines.push(`- ${r}`);
  const weak = Object.entries(report.judge.criteria)
    .filter(([, v]) => v < 75)
    .map(([k, v]) => `${k} (${v}/100)`);
  if (weak.length) lines.push(`- Critères faibles à améliorer : ${weak.join(', ')}.`);
  if (report.flags.includes('too-short')) lines.push('- Trop court : développez avec un fait et un appel à l’action.');
  if (report.similarity?.tooSimilar) {
    lines.push(
      `- Trop semblable à une publication récente (similarité ${report.similarity.max}) : changez l’angle, l’exemple et l’accroche.`,
    );
  }
  return lines.join('\n');
};
