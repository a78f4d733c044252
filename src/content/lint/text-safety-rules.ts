import type { CheckRule, RuleText } from './rule-types.js';

/**
 * Rules about what the text is made of rather than how it reads: bytes that were not UTF-8,
 * control characters (NUL…), bidirectional overrides and other invisible characters. The check
 * itself is src/domain/post-text.ts, the one edit, import, approval and publication use, so
 * `lint` flags exactly what those refuse (text-safety.ts turns its problems into findings).
 */
const encoding = (id: string, message: RuleText, suggestion: string, detail: string, example: string): CheckRule => ({
  id,
  kind: 'check',
  lang: 'any',
  category: 'encoding',
  severity: 'error',
  weight: 0,
  message,
  suggestion,
  detail,
  example,
});

export const TEXT_SAFETY_RULES: readonly CheckRule[] = [
  encoding(
    'invalid-utf8',
    {
      en: 'not valid UTF-8 (bytes a decoder replaced, or a broken character)',
      fr: 'UTF-8 invalide (octets remplacés au décodage, ou caractère cassé)',
    },
    'save the text as UTF-8',
    'U+FFFD (what a decoder leaves for bytes that were not UTF-8), lone surrogates and noncharacters; edit and import refuse the bytes themselves.',
    'Caf\uFFFD ouvert dès 7 h.',
  ),
  encoding(
    'control-char',
    { en: 'control character, refused at publication', fr: 'caractère de contrôle, refusé à la publication' },
    'remove it',
    'C0 and C1 controls and DEL (NUL, BEL, ESC…); line feed and tab are allowed.',
    'Ouvert\u0000 dès 7 h.',
  ),
  encoding(
    'bidi-control',
    {
      en: 'bidirectional control: reorders what readers see',
      fr: 'contrôle bidirectionnel : change l’ordre de ce que voient les lecteurs',
    },
    'remove it',
    'Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the direction marks.',
    'Prix : \u202E001 $\u202C par mois.',
  ),
  encoding(
    'invisible-char',
    {
      en: 'invisible formatting character, refused at publication unless allowed',
      fr: 'caractère de mise en forme invisible, refusé à la publication sauf autorisation',
    },
    'remove it, or allow it in quality.allowedInvisible',
    'Unicode format characters (zero-width space, soft hyphen…), line and paragraph separators, blank filler letters; the joiners emoji need are kept.',
    'Appelez\u200B-nous.',
  ),
];
