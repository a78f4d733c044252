import type { Localized } from '../../i18n/localized.js';
import {
  CHECK_RULES,
  PHRASE_RULES,
  type Category,
  type CheckRule,
  type PhraseRule,
  type Severity,
} from './catalogue.js';
import { textSafetyFindings } from './text-safety.js';

export type LintLang = 'fr' | 'en';

export interface LintFinding {
  rule: string;
  severity: Severity;
  category: Category;
  /** Character offsets into the linted text ([start, end)). */
  start: number;
  end: number;
  /** The exact text at the span. */
  excerpt: string;
  message: Localized;
  suggestion: string;
}

export interface LintResult {
  lang: LintLang;
  findings: LintFinding[];
  counts: Record<Severity, number>;
  /** 100 minus penalties (error 25, warning 10, info 2), floored at 0. */
  score: number;
}

export interface LintOptions {
  /** Enables the style rules (length bounds, question ending). */
  style?: string | undefined;
  lang?: LintLang | 'auto' | undefined;
  /** Invisible characters the owner allowed (quality.allowedInvisible). */
  allowInvisible?: readonly string[] | undefined;
}

const FR_WORDS =
  /(?<![\p{L}])(le|la|les|des|est|et|vous|votre|pour|une|qui|que|dans|avec|sur|pas|nous|au|du|ce|sont|chez)(?![\p{L}])/giu;
const EN_WORDS = /(?<![\p{L}])(the|and|you|your|is|for|with|that|this|to|are|we|our|of|it|in|at|on|not)(?![\p{L}])/giu;

export const detectLang = (text: string): LintLang => {
  const fr = text.match(FR_WORDS)?.length ?? 0;
  const en = text.match(EN_WORDS)?.length ?? 0;
  return en > fr ? 'en' : 'fr';
};

const compiled = new Map<string, RegExp>();
const patternRegex = (rule: PhraseRule): RegExp => {
  let re = compiled.get(rule.id);
  if (!re) {
    const body = rule.patterns
      .map((p) =>
        p.replace(/\[[^\]]*\]| |'/g, (m) =>
          m === ' ' ? '[\\s\\u00a0\\u202f]+' : m === "'" ? "['’]" : m.replace(' ', '\\s'),
        ),
      )
      .join('|');
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
    compiled.set(rule.id, re);
  }
  re.lastIndex = 0;
  return re;
};

const finding = (
  rule: PhraseRule | CheckRule,
  text: string,
  start: number,
  end: number,
  extra?: { message?: Localized; suggestion?: string },
): LintFinding => ({
  rule: rule.id,
  severity: rule.severity,
  category: rule.category,
  start,
  end,
  excerpt: text.slice(start, end),
  message: extra?.message ?? rule.message,
  suggestion: extra?.suggestion ?? rule.suggestion,
});

const check = (id: string): CheckRule => CHECK_RULES.find((r) => r.id === id)!;
const num = (rule: CheckRule, key: string, fallback: number): number => {
  const v = rule.params?.[key];
  return typeof v === 'number' ? v : fallback;
};

const allMatches = (re: RegExp, text: string) =>
  [...text.matchAll(re)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0] }));

/** Over the limit: one finding per occurrence past the allowed count. */
const excess = (rule: CheckRule, text: string, re: RegExp, max: number, counted: string) => {
  const found = allMatches(re, text);
  if (found.length <= max) return [];
  return found.slice(max).map((m) =>
    finding(rule, text, m.start, m.end, {
      message: {
        en: `${rule.message.en} (${found.length} ${counted}, ${max} allowed)`,
        fr: `${rule.message.fr} (${found.length}, ${max} permis)`,
      },
    }),
  );
};

const CTA =
  /(\?|écrivez|appelez|contactez|réservez|commentez|dites-nous|répondez|essayez|demandez|visitez|inscrivez|texte[zr]|write|call|book|tell us|comment|reply|try|visit|sign up|message us)/iu;
const GENERIC_OPENER =
  /^(bonjour|salut|allo|hello|hi|hey|chers?\b|chez [^,.]{1,40}, nous|nous sommes|aujourd['’]hui,? (?:nous|on|je)|today,? we|we are|at [^,.]{1,40}, we|welcome|bienvenue)(?![\p{L}])/iu;

const checks = (text: string, lang: LintLang, options: LintOptions): LintFinding[] => {
  const out: LintFinding[] = [];
  const dash = check('em-dash-overuse');
  out.push(...excess(dash, text, /—|(?<=\s)–(?=\s)/gu, num(dash, 'max', 1), 'dashes'));
  const tags = check('hashtag-excess');
  out.push(...excess(tags, text, /(?<![\p{L}\p{N}&])#[\p{L}\p{N}_]+/gu, num(tags, 'max', 3), 'hashtags'));
  const emoji = check('emoji-excess');
  out.push(...excess(emoji, text, /\p{Extended_Pictographic}/gu, num(emoji, 'max', 2), 'emojis'));
  const bang = check('exclamation-overuse');
  out.push(...excess(bang, text, /!+/gu, num(bang, 'max', 1), 'exclamations'));

  const hook = check('hook-first-line');
  const firstStart = text.search(/\S/);
  if (firstStart >= 0) {
    const nl = text.indexOf('\n', firstStart);
    const firstEnd = nl < 0 ? text.length : nl;
    const first = text.slice(firstStart, firstEnd);
    // The hook is the opening sentence: what shows before Facebook's "See more".
    const sentence = /^[\s\S]*?(?:[.?!:…](?=\s|$)|$)/u.exec(first)?.[0] ?? first;
    const opener = GENERIC_OPENER.exec(first);
    if (opener) out.push(finding(hook, text, firstStart, firstStart + opener[0].length));
    else if (sentence.length > num(hook, 'maxChars', 150))
      out.push(
        finding(hook, text, firstStart, firstStart + sentence.length, {
          message: {
            en: `${hook.message.en} (${sentence.length} characters)`,
            fr: `${hook.message.fr} (${sentence.length} caractères)`,
          },
        }),
      );
  }

  if (options.style === 'question') {
    const body = text.replace(/(?:\s*(?<![\p{L}\p{N}&])#[\p{L}\p{N}_]+)+\s*$/u, '').trimEnd();
    const lastBreak = body.lastIndexOf('\n\n');
    const lastStart = lastBreak < 0 ? 0 : lastBreak + 2;
    const last = body.slice(lastStart);
    if (!CTA.test(last)) out.push(finding(check('question-ending'), text, lastStart, body.length));
  }
  if (options.style) {
    const rule = check('length-bounds');
    const bounds = (rule.params?.chars as Record<string, [number, number]> | undefined)?.[options.style];
    const length = [...text.trim()].length;
    if (bounds && (length < bounds[0] || length > bounds[1])) {
      out.push(
        finding(rule, text, 0, text.length, {
          message: {
            en: `${length} characters; the ${options.style} style wants ${bounds[0]}–${bounds[1]}.`,
            fr: `${length} caractères; le style ${options.style} demande de ${bounds[0]} à ${bounds[1]}.`,
          },
        }),
      );
    }
  }

  if (lang === 'fr') {
    const space = check('fr-typo-space-before');
    for (const m of text.matchAll(/[;:!?]/gu)) {
      const i = m.index ?? 0;
      const before = text[i - 1];
      const after = text[i + 1];
      if (i === 0 || before === '\n' || before === '\u00a0' || before === '\u202f') continue;
      if (before && /[;:!?]/.test(before)) continue;
      if (m[0] === ':' && (after === '/' || (before && /\d/.test(before) && after && /\d/.test(after)))) continue;
      if (m[0] === '?' && after && /[=&\w]/.test(after)) continue; // URLs
      out.push(finding(space, text, Math.max(0, i - 1), i + 1));
    }
    const quotes = check('fr-typo-quotes');
    for (const m of text.matchAll(/"[^"\n]*"|«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»/gu))
      out.push(finding(quotes, text, m.index ?? 0, (m.index ?? 0) + m[0].length));
    const title = check('fr-typo-title-case');
    if (firstStart >= 0) {
      const nl = text.indexOf('\n', firstStart);
      const first = text.slice(firstStart, nl < 0 ? text.length : nl);
      const words = first.match(/\p{L}{4,}/gu) ?? [];
      if (first.length <= 80 && words.length >= 3 && words.slice(1).every((w) => /^\p{Lu}/u.test(w)))
        out.push(finding(title, text, firstStart, firstStart + first.length));
    }
  }
  return out;
};

const PENALTY: Record<Severity, number> = { error: 25, warning: 10, info: 2 };

/** Lints one text; findings are sorted by position, each with its exact span. */
export const lintText = (text: string, options: LintOptions = {}): LintResult => {
  const lang = !options.lang || options.lang === 'auto' ? detectLang(text) : options.lang;
  const findings: LintFinding[] = [];
  for (const rule of PHRASE_RULES) {
    if (rule.lang !== 'any' && rule.lang !== lang) continue;
    let lastEnd = -1;
    for (const m of allMatches(patternRegex(rule), text)) {
      if (m.start < lastEnd) continue;
      findings.push(finding(rule, text, m.start, m.end));
      lastEnd = m.end;
    }
  }
  findings.push(...checks(text, lang, options));
  findings.push(...textSafetyFindings(text, options.allowInvisible));
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const score = Math.max(0, 100 - findings.reduce((s, f) => s + PENALTY[f.severity], 0));
  return { lang, findings, counts, score };
};
