import { checkPostText, describeCodePoint, isBidiControl, type TextProblem } from '../../domain/post-text.js';
import type { CheckRule } from './catalogue.js';
import type { LintFinding } from './engine.js';

/**
 * Rules about what the text is made of rather than how it reads: bytes that were not UTF-8,
 * control characters (NUL…), bidirectional overrides and other invisible characters. They use
 * the same check as edit, import, approval and publication (src/domain/post-text.ts), so `lint`
 * flags exactly what those refuse. A separate module so the rule catalogue can absorb it.
 */
export const TEXT_SAFETY_RULES: readonly CheckRule[] = [
  {
    id: 'invalid-utf8',
    kind: 'check',
    lang: 'any',
    category: 'encoding',
    severity: 'error',
    message: {
      en: 'not valid UTF-8 (bytes a decoder replaced, or a broken character)',
      fr: 'UTF-8 invalide (octets remplacés au décodage, ou caractère cassé)',
    },
    suggestion: 'save the text as UTF-8',
  },
  {
    id: 'control-char',
    kind: 'check',
    lang: 'any',
    category: 'encoding',
    severity: 'error',
    message: {
      en: 'control character, refused at publication',
      fr: 'caractère de contrôle, refusé à la publication',
    },
    suggestion: 'remove it',
  },
  {
    id: 'bidi-control',
    kind: 'check',
    lang: 'any',
    category: 'encoding',
    severity: 'error',
    message: {
      en: 'bidirectional control: reorders what readers see',
      fr: 'contrôle bidirectionnel : change l’ordre de ce que voient les lecteurs',
    },
    suggestion: 'remove it',
  },
  {
    id: 'invisible-char',
    kind: 'check',
    lang: 'any',
    category: 'encoding',
    severity: 'error',
    message: {
      en: 'invisible formatting character, refused at publication unless allowed',
      fr: 'caractère de mise en forme invisible, refusé à la publication sauf autorisation',
    },
    suggestion: 'remove it, or allow it in quality.allowedInvisible',
  },
];

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
      });
    });
  }
  return out;
};
