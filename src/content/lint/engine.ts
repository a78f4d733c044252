import type { Localized } from '../../i18n/localized.js';
import {
  ACCUMULATION_RULE,
  LEXICON_RULES,
  STYLE_RULE,
  PHRASE_RULES,
  familyOf,
  type Category,
  type CheckRule,
  type PhraseRule,
  type Severity,
} from './catalogue.js';
import { checkHits } from './checks.js';
import { clicheScore, type ClicheScore } from './cliche-score.js';
import { LEXICON } from './lexicon.js';
import { sentences, tokenize, wordCount, type Sentence, type TextLang } from './normalize.js';
import { compilePatterns, matchAll, toStream, type PatternSet, type TokenStream } from './pattern.js';
import { structureHits } from './structures.js';
import { styleFeatures, styleProbability, styleThreshold } from './style-model.js';
import { textSafetyFindings } from './text-safety.js';

export type LintLang = TextLang;

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
  /** Weight in the cliché score (0 outside the cliché family). */
  weight: number;
  ref?: string | undefined;
}

export interface LintResult {
  lang: LintLang;
  findings: LintFinding[];
  counts: Record<Severity, number>;
  /** 100 − 25 per error − 8 per warning − 1 per typography note, floored at 0. */
  score: number;
  cliche: ClicheScore;
  /** The style scorer: probability (0–1) that the text reads as generated marketing copy. */
  style: { probability: number; features: number[] };
  words: number;
}

export interface LintOptions {
  /** Enables the style rules (length bounds, question ending, short-text error). */
  style?: string | undefined;
  lang?: LintLang | 'auto' | undefined;
  /** Words (or rule ids) the brand accepts: their findings are dropped. */
  accept?: readonly string[] | undefined;
  /** Invisible characters the owner allowed (quality.allowedInvisible). */
  allowInvisible?: readonly string[] | undefined;
}

const FR_WORDS =
  /(?<![\p{L}])(le|la|les|des|est|et|vous|votre|vos|pour|une|qui|que|dans|avec|sur|pas|nous|au|du|ce|sont|chez|mais|aux|leur|à|en|il|on)(?![\p{L}])/giu;
const EN_WORDS =
  /(?<![\p{L}])(the|and|you|your|is|for|with|that|this|to|are|we|our|of|it|in|at|on|not|be|or|have|was|can)(?![\p{L}])/giu;

export const detectLang = (text: string): LintLang => {
  const fr = text.match(FR_WORDS)?.length ?? 0;
  const en = text.match(EN_WORDS)?.length ?? 0;
  return en > fr ? 'en' : 'fr';
};

const PENALTY: Record<Severity, number> = { error: 25, warning: 8, info: 0 };

const finding = (
  text: string,
  rule: PhraseRule | CheckRule,
  start: number,
  end: number,
  extra: { severity?: Severity; message?: Localized; suggestion?: string; weight?: number } = {},
): LintFinding => ({
  rule: rule.id,
  severity: extra.severity ?? rule.severity,
  category: rule.category,
  start,
  end,
  excerpt: text.slice(start, end),
  message: extra.message ?? rule.message,
  suggestion: extra.suggestion ?? rule.suggestion,
  weight: extra.weight ?? rule.weight,
  ref: 'ref' in rule ? rule.ref : undefined,
});

const phraseFindings = (text: string, stream: TokenStream, sents: Sentence[], lang: LintLang): LintFinding[] => {
  const out: LintFinding[] = [];
  for (const rule of PHRASE_RULES) {
    if (rule.lang !== 'any' && rule.lang !== lang) continue;
    const unless = rule.unless ? matchAll(compilePatterns(`${rule.id}:unless`, rule.unless, lang), stream) : [];
    for (const m of matchAll(compilePatterns(rule.id, rule.patterns, lang), stream)) {
      // An exception counts in the same sentence or the next one ("Did you know? A 2024 survey…").
      const at = sents.findIndex((x) => m.from >= x.from && m.from < x.to);
      const from = sents[at]?.from ?? m.from;
      const to = sents[at + 1]?.to ?? sents[at]?.to ?? m.to;
      if (unless.some((u) => u.from >= from && u.to <= to)) continue;
      out.push(finding(text, rule, m.start, m.end));
    }
  }
  return out;
};

// Stock words match as written (inflections are listed): a stem would also catch
// « paysagement » for « paysage » or "person" for "personalized".
const exactPattern = (pattern: string) =>
  pattern
    .split(' ')
    .map((w) => (w.endsWith('*') || w.startsWith('=') ? w : `=${w}`))
    .join(' ');

const lexiconFindings = (text: string, stream: TokenStream, lang: LintLang, taken: LintFinding[]): LintFinding[] => {
  const out: LintFinding[] = [];
  const rule = LEXICON_RULES[lang];
  for (const [i, entry] of LEXICON[lang].entries()) {
    let n = 0;
    for (const m of matchAll(compilePatterns(`lexicon:${i}`, [exactPattern(entry.pattern)], lang), stream)) {
      // A word already inside a phrase finding is counted there, not twice.
      if (taken.some((f) => f.weight > 0 && m.start < f.end && m.end > f.start)) continue;
      if (n >= 2) break;
      n += 1;
      out.push(finding(text, rule, m.start, m.end, { weight: entry.weight }));
    }
  }
  return out;
};

/** A brand-accepted word (any inflection) or rule id covers the finding. */
const accepted = (f: LintFinding, accept: readonly string[], lang: LintLang): boolean => {
  if (accept.length === 0) return false;
  const stems = ` ${tokenize(f.excerpt, lang)
    .filter((t) => t.kind === 'word')
    .map((t) => t.stem)
    .join(' ')} `;
  return accept.some((word) => {
    if (word.trim() === f.rule) return true;
    const wanted = tokenize(word, lang)
      .filter((t) => t.kind === 'word')
      .map((t) => t.stem)
      .join(' ');
    return wanted.length > 0 && stems.includes(` ${wanted} `);
  });
};

/** Lints one text; findings are sorted by position, each with its exact span. */
export const lintText = (text: string, options: LintOptions = {}): LintResult => {
  const lang = !options.lang || options.lang === 'auto' ? detectLang(text) : options.lang;
  const tokens = tokenize(text, lang);
  const sents = sentences(tokens);
  const stream = toStream(tokens);
  const words = wordCount(tokens);

  let findings = phraseFindings(text, stream, sents, lang);
  for (const h of structureHits(text, tokens, sents, lang))
    findings.push(finding(text, h.rule, h.start, h.end, { weight: h.weight, severity: h.severity }));
  findings.push(...lexiconFindings(text, stream, lang, findings));
  for (const h of checkHits(text, tokens, sents, lang, { style: options.style }))
    findings.push(finding(text, h.rule, h.start, h.end, h));
  if (options.accept?.length) findings = findings.filter((f) => !accepted(f, options.accept!, lang));

  const cliche = clicheScore(findings, words);
  let hasError = findings.some((f) => familyOf(f.category) === 'cliche' && f.severity === 'error');
  if (cliche.cliched && !hasError) {
    const top = [...cliche.signals].sort((a, b) => b.contribution - a.contribution)[0]!;
    findings.push(
      finding(text, ACCUMULATION_RULE, top.start, top.end, {
        message: {
          en: `${ACCUMULATION_RULE.message.en} Cliché score ${cliche.score}/100 from ${cliche.signals.length} signals.`,
          fr: `${ACCUMULATION_RULE.message.fr} Score de clichés ${cliche.score}/100, ${cliche.signals.length} signaux.`,
        },
      }),
    );
    hasError = true;
  }
  // The style scorer catches the promotional register the phrase rules cannot list.
  const features = styleFeatures(text, tokens, sents, lang);
  const probability = words >= 12 ? styleProbability(features) : 0;
  if (probability >= styleThreshold() && !hasError) {
    const start = text.search(/\S/);
    findings.push(
      finding(text, STYLE_RULE, Math.max(0, start), text.trimEnd().length, {
        message: {
          en: `${STYLE_RULE.message.en} (${Math.round(probability * 100)} %)`,
          fr: `${STYLE_RULE.message.fr} (${Math.round(probability * 100)} %)`,
        },
      }),
    );
  }
  // What the text is made of (encoding, control and invisible characters): never accepted away.
  findings.push(...textSafetyFindings(text, options.allowInvisible));
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const typography = findings.filter((f) => f.category === 'typography').length;
  const score = Math.max(
    0,
    100 - findings.reduce((s, f) => s + PENALTY[f.severity], 0) - typography - (words === 0 ? 100 : 0),
  );
  return { lang, findings, counts, score, cliche, style: { probability, features }, words };
};

const WARM_SAMPLE: Record<LintLang, string> = {
  fr: 'Bonjour! Saviez-vous que 62 % des appels manqués ne rappellent jamais? Écrivez-nous. #PME',
  en: 'Hello! Did you know 62% of missed callers never call back? Write to us. #SMB',
};

/**
 * Compiles and runs every rule of a language once, in slices of a few milliseconds that yield
 * to the event loop, so the first real lint does not pay for it. Meant for idle time (waiting on
 * a provider): a slice never holds the thread long enough to delay I/O noticeably.
 */
export const warmLint = async (lang: LintLang, sliceMs = 4): Promise<void> => {
  const stream = toStream(tokenize(WARM_SAMPLE[lang], lang));
  let sliceStart = performance.now();
  const yieldWhenDue = async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
  // Every expression runs twice on the sample, anchors or not: V8 interprets a regular expression
  // on its first run and compiles it to machine code on the second. Run once, the first real
  // texts paid the machine code (14 ms against 3.5 ms for a post, measured); a rule the sample
  // lacks the words for would otherwise pay both.
  const run = (set: PatternSet) => {
    const every = { re: set.re, need: undefined };
    matchAll(every, stream);
    matchAll(every, stream);
  };
  for (const rule of PHRASE_RULES) {
    if (rule.lang !== 'any' && rule.lang !== lang) continue;
    if (rule.unless) run(compilePatterns(`${rule.id}:unless`, rule.unless, lang));
    run(compilePatterns(rule.id, rule.patterns, lang));
    await yieldWhenDue();
  }
  for (const [i, entry] of LEXICON[lang].entries()) {
    run(compilePatterns(`lexicon:${i}`, [exactPattern(entry.pattern)], lang));
    await yieldWhenDue();
  }
  // Structures, checks and the style scorer: two passes over the sample, for the same reason.
  lintText(WARM_SAMPLE[lang], { lang, style: 'professional' });
  await yieldWhenDue();
  lintText(WARM_SAMPLE[lang], { lang, style: 'professional' });
};
