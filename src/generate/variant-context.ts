import type { BrandConfig, BrandProfile } from '../config/schema.js';
import { runJudge, verdictFromAnswer, type JudgeVerdict } from '../content/judge.js';
import type { JudgeAnswer } from '../content/judge-schema.js';
import { lintText } from '../content/lint/engine.js';
import type { RecentPost, TextProvider } from '../providers/types.js';
import type { PaidAnswer } from './ledger.js';

/**
 * What a variant is written and judged with, besides the prompts: the brand's recent posts
 * (their hooks and cases, so weeks do not repeat) and the independent judge's call.
 */

/** The check a deterministic writer applies to its own drafts: no linter error. */
export const acceptableDraft =
  (style: string) =>
  (text: string): boolean =>
    lintText(text, { style }).counts.error === 0;

/** The opening sentence of a post: what a reader sees before "See more". */
export const hookOf = (text: string): string =>
  (/^[\s\S]*?(?:[.?!…](?=\s|$)|\n|$)/u.exec(text.trim())?.[0] ?? text).trim();

/** Recent posts as the writer must see them: their hooks, and the case study each one told. */
export const recentPosts = (past: { text: string }[], profile: BrandProfile, limit = 8): RecentPost[] =>
  past.slice(0, limit).map(({ text }) => {
    const lower = text.toLowerCase();
    const told = profile.caseStudies.find(
      (c) =>
        (c.city && lower.includes(c.city.toLowerCase()) && lower.includes(c.industry.toLowerCase())) ||
        lower.includes(c.title.toLowerCase()),
    );
    return { hook: hookOf(text), caseTitle: told?.title };
  });

/** A paid step as the generation run records it (reused from the ledger on resume). */
export type PaidStep = <T>(stepKey: string, call: () => Promise<PaidAnswer<T>>) => Promise<T>;

export interface JudgeStepResult {
  verdict?: JudgeVerdict | undefined;
  /** Why the verdict is deterministic only (no model, or the judge call failed). */
  note?: string | undefined;
}

/**
 * The independent judge for one variant: its own persona and system prompt, temperature 0 where
 * the model allows it. Without a model (offline, or `quality.judge: deterministic`) the report
 * says the score is the linter's rubric; a failed judge call never fails the generation.
 */
export const judgeStep = async (
  provider: TextProvider,
  mode: 'model' | 'deterministic',
  paid: PaidStep,
  stepKey: string,
  input: { profileBrand: BrandConfig; text: string; style: string; contentType: string },
): Promise<JudgeStepResult> => {
  if (provider.offline || !provider.structured) return {};
  if (mode === 'deterministic') return { note: 'quality.judge is deterministic: the linter’s rubric, no model judge' };
  try {
    const answer = await paid<JudgeAnswer>(stepKey, async () => {
      const r = await runJudge(provider, {
        brand: input.profileBrand,
        text: input.text,
        style: input.style,
        contentType: input.contentType,
      });
      return { ...r, value: r.answer };
    });
    return { verdict: verdictFromAnswer(answer, input.text, provider.model) };
  } catch (error) {
    return { note: `LLM judge unavailable (${(error as Error).message}); deterministic rubric only` };
  }
};
