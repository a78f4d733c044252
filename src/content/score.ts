import type { JudgeVerdict } from './judge.js';
import type { LintResult } from './lint/engine.js';

export interface EngagementInput {
  contentType: string;
  style: string;
  text: string;
}

/**
 * Predicts engagement as a 0–100 score. The analytics work replaces the prior with a model
 * fitted on the Page's own results; anything with this shape plugs into compositeScore.
 */
export interface EngagementModel {
  id: string;
  predict(input: EngagementInput): number;
}

// B2B Facebook priors: stories and questions draw more comments than announcements.
const STYLE_PRIOR: Record<string, number> = { storytelling: 72, question: 76, professional: 64 };
const TYPE_PRIOR: Record<string, number> = {
  case_study: 6,
  testimonial: 5,
  myth_busting: 4,
  tip: 4,
  poll: 6,
  faq: 2,
  behind_the_scenes: 3,
  industry_news: 0,
  announcement: -2,
};

export const priorEngagementModel: EngagementModel = {
  id: 'prior-v1',
  predict({ contentType, style, text }) {
    let score = (STYLE_PRIOR[style] ?? 65) + (TYPE_PRIOR[contentType] ?? 0);
    if (/\d/.test(text)) score += 4;
    if (/\?\s*(?:\n|$|#)/u.test(text)) score += 4;
    const length = [...text].length;
    if (length < 200 || length > 1300) score -= 8;
    return Math.max(0, Math.min(100, score));
  },
};

export const SCORE_WEIGHTS = { lint: 0.35, judge: 0.45, engagement: 0.2 } as const;

export interface CompositeScore {
  score: number;
  parts: { lint: number; judge: number; engagement: number };
  weights: typeof SCORE_WEIGHTS;
  engagementModel: string;
}

/** The quality score a variant is gated on: lint + judge + predicted engagement. */
export const compositeScore = (
  lint: LintResult,
  judge: JudgeVerdict,
  engagement: { model: EngagementModel; input: EngagementInput },
): CompositeScore => {
  const parts = { lint: lint.score, judge: judge.score, engagement: engagement.model.predict(engagement.input) };
  const score =
    Math.round(
      (SCORE_WEIGHTS.lint * parts.lint +
        SCORE_WEIGHTS.judge * parts.judge +
        SCORE_WEIGHTS.engagement * parts.engagement) *
        10,
    ) / 10;
  return { score, parts, weights: SCORE_WEIGHTS, engagementModel: engagement.model.id };
};
