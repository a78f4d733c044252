import { z } from 'zod';
import type { LintResult } from './lint/engine.js';
import { RUBRIC, rubricPrompt } from '../prompts/rubric.js';

export type CriterionId = (typeof RUBRIC)[number]['id'];
export type Criteria = Record<CriterionId, number>;

export interface JudgeVerdict {
  /** llm: a model scored the rubric; deterministic: computed from the linter and text features only. */
  method: 'llm' | 'deterministic';
  score: number;
  criteria: Criteria;
  reasons: string[];
  note?: string | undefined;
}

const score0to100 = z.number().min(0).max(100);
export const assessmentSchema = z.object({
  naturalness: score0to100,
  specificity: score0to100,
  quebec_french: score0to100,
  hook: score0to100,
  call_to_action: score0to100,
  facebook_compliance: score0to100,
  reasons: z.array(z.string()).max(10),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const assessmentJsonSchema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(RUBRIC.map((r) => [r.id, { type: 'integer', minimum: 0, maximum: 100, description: r.en }])),
    reasons: {
      type: 'array',
      items: { type: 'string' },
      description: 'Short reasons, one per weakness found, in French.',
    },
  },
  required: [...RUBRIC.map((r) => r.id), 'reasons'],
  additionalProperties: false,
} as const;

export const weighted = (criteria: Criteria): number =>
  Math.round(RUBRIC.reduce((s, r) => s + r.weight * criteria[r.id], 0) * 10) / 10;

export const verdictFromAssessment = (a: Assessment): JudgeVerdict => {
  const criteria = Object.fromEntries(RUBRIC.map((r) => [r.id, Math.round(a[r.id])])) as Criteria;
  return { method: 'llm', score: weighted(criteria), criteria, reasons: a.reasons };
};

export const judgePrompt = (text: string, style: string): string =>
  `${rubricPrompt()}\n\nStyle visé : ${style}.\n\nPublication :\n"""\n${text}\n"""`;

const CTA =
  /(\?|écrivez|appelez|contactez|réservez|commentez|dites-nous|répondez|essayez|demandez|visitez|write|call|book|tell us|comment|reply|try)/iu;

/**
 * The judge's deterministic part: what can be measured without a model. Used alone with the
 * offline provider (and labelled so), and as a floor the LLM judge cannot hide (a post with an
 * engagement-bait finding cannot score high on compliance whatever the model says).
 */
export const deterministicVerdict = (text: string, lint: LintResult): JudgeVerdict => {
  const count = (pred: (rule: string, category: string) => boolean) =>
    lint.findings.filter((f) => f.severity !== 'info' && pred(f.rule, f.category)).length;
  const clamp = (x: number) => Math.max(0, Math.min(100, Math.round(x)));
  const numbers = (text.match(/\d+(?:[.,]\d+)?\s?(?:%|\$|h\b|heures|minutes|appels|rendez-vous)?/gu) ?? []).length;
  const body = text.replace(/(?:\s*#[\p{L}\p{N}_]+)+\s*$/u, '').trim();
  const lastParagraph = body.slice(body.lastIndexOf('\n\n') + 1);
  const criteria: Criteria = {
    naturalness: clamp(
      95 -
        20 * count((_, c) => c === 'cliche' || c === 'filler') -
        8 * count((r) => r === 'em-dash-overuse' || r === 'exclamation-overuse' || r === 'emoji-excess'),
    ),
    specificity: clamp(numbers >= 2 ? 92 : numbers === 1 ? 82 : 60),
    quebec_french: clamp(
      lint.lang === 'fr'
        ? 95 - 15 * count((_, c) => c === 'anglicism' || c === 'france-usage') - 2 * lint.counts.info
        : 50,
    ),
    hook: clamp(count((r) => r === 'hook-first-line') ? 55 : 90),
    call_to_action:
      clamp(CTA.test(lastParagraph) ? 92 : count((r) => r === 'question-ending') ? 40 : 70) -
      10 * count((_, c) => c === 'generic-cta'),
    facebook_compliance: clamp(
      100 - 50 * count((_, c) => c === 'engagement-bait') - 20 * count((r) => r === 'hashtag-excess'),
    ),
  };
  const reasons = lint.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.rule} : « ${f.excerpt.slice(0, 50)} »`);
  if (numbers === 0) reasons.push('Aucun chiffre concret.');
  return { method: 'deterministic', score: weighted(criteria), criteria, reasons };
};

/** An LLM verdict bounded by what the linter proves (min per criterion). */
export const combineVerdicts = (llm: JudgeVerdict, floor: JudgeVerdict): JudgeVerdict => {
  // Only the criteria the linter measures reliably cap the model's score.
  const capped = new Set<CriterionId>(['naturalness', 'quebec_french', 'hook', 'facebook_compliance']);
  const criteria = Object.fromEntries(
    RUBRIC.map((r) => [
      r.id,
      capped.has(r.id) ? Math.min(llm.criteria[r.id], floor.criteria[r.id]) : llm.criteria[r.id],
    ]),
  ) as Criteria;
  return {
    method: 'llm',
    score: weighted(criteria),
    criteria,
    reasons: [...llm.reasons, ...floor.reasons.filter((x) => !llm.reasons.includes(x))],
  };
};
