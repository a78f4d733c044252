import { UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { Platform } from './platform.js';

/**
 * The longest text each platform accepts, in characters (code points): Facebook's post limit,
 * Instagram's caption limit, LinkedIn's commentary limit. The one table every check reads.
 */
export const TEXT_LIMITS: Record<Platform, number> = { facebook: 63_206, instagram: 2_200, linkedin: 3_000 };

export type TextProblem =
  | { kind: 'empty' }
  | { kind: 'too_long'; length: number; limit: number; platform: Platform }
  | { kind: 'invalid'; codePoint: number; offset: number; line: number; column: number; what: string }
  | { kind: 'control'; codePoint: number; offset: number; line: number; column: number; what: string }
  | { kind: 'invisible'; codePoint: number; offset: number; line: number; column: number; what: string };

/** `U+202E`, the form people write and `quality.allowedInvisible` lists. */
export const codePointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x1b: 'ESCAPE',
  0x0d: 'CARRIAGE RETURN',
  0x7f: 'DELETE',
  0xad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfffd: 'REPLACEMENT CHARACTER',
};

export const describeCodePoint = (cp: number): string => `${codePointLabel(cp)}${NAMES[cp] ? ` ${NAMES[cp]}` : ''}`;

/** Bidirectional controls: they reorder what readers see (the "Trojan Source" characters). */
export const isBidiControl = (cp: number): boolean =>
  (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c;

/**
 * Invisible formatting characters: Unicode's format class (Cf), line and paragraph separators,
 * and the blank "filler" letters used to hide text. Kept out: the joiners and tag characters
 * that emoji sequences need (ZWJ, ZWNJ, the tags of subdivision flags).
 */
const isInvisible = (cp: number, ch: string): boolean => {
  if (cp === 0x200c || cp === 0x200d || (cp >= 0xe0020 && cp <= 0xe007f)) return false;
  if (cp === 0x2028 || cp === 0x2029 || cp === 0x034f || cp === 0x115f || cp === 0x1160) return true;
  if (cp === 0x3164 || cp === 0xffa0) return true;
  return /\p{Cf}/u.test(ch);
};

/** C0 and C1 controls and DEL; line feed and tab are layout, not controls. */
const isControl = (cp: number): boolean => (cp < 0x20 && cp !== 0x0a && cp !== 0x09) || (cp >= 0x7f && cp <= 0x9f);

/**
 * What cannot be encoded as UTF-8 or is the trace of bytes that were not UTF-8: lone
 * surrogates, U+FFFD (what a decoder puts in place of invalid bytes), noncharacters.
 */
const isInvalid = (cp: number): boolean =>
  (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffd || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;

export interface TextCheckOptions {
  platform?: Platform | undefined;
  /** Invisible characters the owner allowed on purpose (`U+200B`…). */
  allowInvisible?: readonly string[] | undefined;
  /** Stop after this many problems (the first ones are the ones shown). */
  max?: number | undefined;
}

/** Every reason the text cannot be published as it is; empty when it can. */
export const checkPostText = (text: string, options: TextCheckOptions = {}): TextProblem[] => {
  const problems: TextProblem[] = [];
  if (text.trim() === '') return [{ kind: 'empty' }];
  const allowed = new Set((options.allowInvisible ?? []).map((s) => s.toUpperCase()));
  const max = options.max ?? 20;
  let line = 1;
  let lineStart = 0;
  let length = 0;
  let offset = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    length += 1;
    if (problems.length < max) {
      const at = { codePoint: cp, offset, line, column: offset - lineStart + 1, what: describeCodePoint(cp) };
      // A lone surrogate iterates as one code unit: the same test catches it.
      if (isInvalid(cp)) problems.push({ kind: 'invalid', ...at });
      else if (isControl(cp)) problems.push({ kind: 'control', ...at });
      else if (isInvisible(cp, ch) && !allowed.has(codePointLabel(cp))) problems.push({ kind: 'invisible', ...at });
    }
    offset += ch.length;
    if (cp === 0x0a) {
      line += 1;
      lineStart = offset;
    }
  }
  const platform = options.platform ?? 'facebook';
  const limit = TEXT_LIMITS[platform];
  if (length > limit) problems.unshift({ kind: 'too_long', length, limit, platform });
  return problems;
};

/** Line endings people and other tools produce (CRLF, lone CR) as the line feed posts use. */
export const normaliseLineEndings = (text: string): string => text.replace(/\r\n?/g, '\n');

const PLATFORM_NAME: Record<Platform, string> = { facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn' };

const count = (n: number, lang: 'en' | 'fr') => new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA').format(n);

/**
 * One problem in words, after a subject such as "The new text of variant 2". `at` replaces the
 * line and column where the text itself is a field of a bigger file (an import row).
 */
export const describeTextProblem = (problem: TextProblem, at?: string): Localized => {
  const where = (p: { line: number; column: number }) =>
    at === undefined
      ? l(`at line ${p.line}, column ${p.column}`, `à la ligne ${p.line}, colonne ${p.column}`)
      : l(`${at}, column ${p.column}`, `${at}, colonne ${p.column}`);
  switch (problem.kind) {
    case 'empty':
      return l('is empty', 'est vide');
    case 'too_long':
      return l(
        `is ${count(problem.length, 'en')} characters long; ${PLATFORM_NAME[problem.platform]} allows at most ${count(problem.limit, 'en')}`,
        `compte ${count(problem.length, 'fr')} caractères; ${PLATFORM_NAME[problem.platform]} en permet au plus ${count(problem.limit, 'fr')}`,
      );
    case 'invalid':
      return l(
        `contains ${problem.what}, which is not valid UTF-8 text, ${where(problem).en}`,
        `contient ${problem.what}, qui n’est pas du texte UTF-8 valide, ${where(problem).fr}`,
      );
    case 'control':
      return l(
        `contains the control character ${problem.what} ${where(problem).en}`,
        `contient le caractère de contrôle ${problem.what} ${where(problem).fr}`,
      );
    case 'invisible':
      return l(
        `contains the invisible character ${problem.what} ${where(problem).en}${isBidiControl(problem.codePoint) ? ' (it reorders what readers see)' : ''}`,
        `contient le caractère invisible ${problem.what} ${where(problem).fr}${isBidiControl(problem.codePoint) ? ' (il change l’ordre de ce que voient les lecteurs)' : ''}`,
      );
  }
};

/** What to do about the first problem; `where` is how to change the text (a command). */
export const textProblemFix = (problem: TextProblem, where: Localized): Localized => {
  switch (problem.kind) {
    case 'empty':
      return l(`Give the full text (${where.en}).`, `Donnez le texte complet (${where.fr}).`);
    case 'too_long':
      return l(`Shorten it (${where.en}).`, `Raccourcissez-le (${where.fr}).`);
    case 'invalid':
      return l(
        `Save the text as UTF-8 and give it again (${where.en}).`,
        `Enregistrez le texte en UTF-8 et redonnez-le (${where.fr}).`,
      );
    case 'control':
      return l(
        `Remove it: a post may hold line breaks and tabs, no other control character (${where.en}).`,
        `Retirez-le : une publication peut contenir des sauts de ligne et des tabulations, aucun autre caractère de contrôle (${where.fr}).`,
      );
    case 'invisible':
      return l(
        `Remove it (${where.en}), or allow it on purpose: autoscale config set quality.allowedInvisible '["${codePointLabel(problem.codePoint)}"]'.`,
        `Retirez-le (${where.fr}), ou autorisez-le sciemment : autoscale config set quality.allowedInvisible '["${codePointLabel(problem.codePoint)}"]'.`,
      );
  }
};

/**
 * Refuses a text that cannot go to the platform as it is, naming the first problem (and how
 * many more), the limit when it is the length, and the fix. Nothing is changed by the caller.
 */
export const assertPublishableText = (
  text: string,
  subject: Localized,
  where: Localized,
  options: TextCheckOptions = {},
): void => {
  const problems = checkPostText(text, options);
  if (problems.length === 0) return;
  const first = problems[0]!;
  const what = describeTextProblem(first);
  const more = problems.length > 1 ? problems.length - 1 : 0;
  throw new UsageError(
    l(
      `${subject.en} ${what.en}${more ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}.`,
      `${subject.fr} ${what.fr}${more ? ` (et ${more} autre${more > 1 ? 's' : ''} problème${more > 1 ? 's' : ''})` : ''}.`,
    ),
    {
      code: first.kind === 'too_long' ? 'text_too_long' : first.kind === 'empty' ? 'empty_text' : 'text_invalid',
      fix: textProblemFix(first, where),
      details: {
        problems: problems.map((p) => ({ ...p, message: describeTextProblem(p).en })),
        ...(first.kind === 'too_long' ? { limit: first.limit, length: first.length, platform: first.platform } : {}),
      },
    },
  );
};
