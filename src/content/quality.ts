import type { Localized } from '../i18n/localized.js';
import type { DraftAssessment } from '../providers/types.js';
import { combineVerdicts, deterministicVerdict, verdictFromAssessment, type JudgeVerdict } from './judge.js';
import { lintText, type LintResult } from './lint/engine.js';
import { compositeScore, priorEngagementModel, type CompositeScore, type EngagementModel } from './score.js';
import type { SimilarityResult } from './similarity.js';

export interface QualityReport {
  score: number;
  passed: boolean;
  threshold: number;
  /** Why it did not pass (below threshold, too similar to an earlier post). */
  flags: string[];
  composite: CompositeScore;
  lint: {
    score: number;
    lang: string;
    counts: LintResult['counts'];
    findings: {
      rule: string;
      severity: string;
      start: number;
      end: number;
      excerpt: string;
      message: Localized;
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
  /** The writer's own rubric scores (inline judge) or the separate judge's answer. */
  assessment?: DraftAssessment | undefined;
  /** Set when the judge could not run, so the report says why it is deterministic only. */
  judgeNote?: string | undefined;
  similarity?: SimilarityResult | undefined;
  similarityThreshold: number;
  engagement?: EngagementModel | undefined;
}

export const evaluateDraft = (input: EvaluateInput): QualityReport => {
  const lint = lintText(input.text, { style: input.style });
  const floor = deterministicVerdict(input.text, lint);
  let judge: JudgeVerdict;
  if (input.assessment) judge = combineVerdicts(verdictFromAssessment(input.assessment), floor);
  else
    judge = {
      ...floor,
      note: input.judgeNote ?? 'offline: deterministic rubric only (lint and text features), no LLM judge',
    };
  const composite = compositeScore(lint, judge, {
    model: input.engagement ?? priorEngagementModel,
    input: { contentType: input.contentType, style: input.style, text: input.text },
  });
  const tooSimilar = Boolean(input.similarity && input.similarity.max >= input.similarityThreshold);
  const flags: string[] = [];
  if (composite.score < input.threshold) flags.push(`below-threshold`);
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
      findings: lint.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        start: f.start,
        end: f.end,
        excerpt: f.excerpt,
        message: f.message,
        suggestion: f.suggestion,
      })),
    },
    judge,
    similarity: input.similarity ? { ...input.similarity, threshold: input.similarityThreshold, tooSimilar } : null,
  };
};

/** What a rewrite must fix: the linter's findings, the judge's reasons, the similarity flag. */
export const feedbackFor = (report: QualityReport): string => {
  const lines: string[] = [];
  for (const f of report.lint.findings.filter((x) => x.severity !== 'info'))
    lines.push(`- [${f.rule}] « ${f.excerpt.slice(0, 60)} » → ${f.suggestion}`);
  for (const r of report.judge.reasons.slice(0, 6)) if (!lines.some((x) => x.includes(r))) lines.push(`- ${r}`);
  const weak = Object.entries(report.judge.criteria)
    .filter(([, v]) => v < 75)
    .map(([k, v]) => `${k} (${v}/100)`);
  if (weak.length) lines.push(`- Critères faibles à améliorer : ${weak.join(', ')}.`);
  if (report.similarity?.tooSimilar) {
    lines.push(
      `- Trop semblable à une publication récente (similarité ${report.similarity.max}) : changez l’angle, l’exemple et l’accroche.`,
    );
  }
  return lines.join('\n');
};
