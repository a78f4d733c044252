import { checkPostText, describeCodePoint, isBidiControl, type TextProblem } from '../../domain/post-text.js';
import type { LintFinding } from './engine.js';
import type { CheckRule } from './rule-types.js';
import { TEXT_SAFETY_RULES } from './text-safety-rules.js';

/** Occurrences reported one by one per rule; the rest are counted in the last finding. */
const SHOWN = 5;

const ruleFor = (p: Exclude<TextProblem, { kind: 'empty' } | { kind: 'too_long' }>): CheckRule => {
  const id =
    p.kind === 'invalid'
      ? 'invalid-utf8'
      : p.kind === 'control'
        ? 'control-char'
        : isBidiControl(p.codePoint)
          ? 'bidi-control'
          : 'invisible-char';
  return TEXT_SAFETY_RULES.find((r) => r.id === id)!;
};

/** The text-safety rules' findings: the problems post-text.ts finds, where they are. */
export const textSafetyFindings = (text: string, allowInvisible: readonly string[] = []): LintFinding[] => {
  const problems = checkPostText(text, { allowInvisible, max: Number.MAX_SAFE_INTEGER });
  const byRule = new Map<string, { rule: CheckRule; hits: { start: number; end: number; what: string }[] }>();
  for (const p of problems) {
    if (p.kind === 'empty' || p.kind === 'too_long') continue;
    const rule = ruleFor(p);
    const entry = byRule.get(rule.id) ?? { rule, hits: [] };
    entry.hits.push({ start: p.offset, end: p.offset + String.fromCodePoint(p.codePoint).length, what: p.what });
    byRule.set(rule.id, entry);
  }
  const out: LintFinding[] = [];
  for (const { rule, hits } of byRule.values()) {
    hits.slice(0, SHOWN).forEach((hit, i) => {
      const more = i === SHOWN - 1 && hits.length > SHOWN ? hits.length - SHOWN : 0;
      out.push({
        rule: rule.id,
        severity: rule.severity,
        category: rule.category,
        start: hit.start,
        end: hit.end,
        excerpt: describeCodePoint(text.codePointAt(hit.start) ?? 0),
        message: {
          en: `${hit.what}: ${rule.message.en}${more ? ` (and ${more} more)` : ''}`,
          fr: `${hit.what} : ${rule.message.fr}${more ? ` (et ${more} autres)` : ''}`,
        },
        suggestion: rule.suggestion,
        weight: 0,
      });
    });
  }
  return out;
};
