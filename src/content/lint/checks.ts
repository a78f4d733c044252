import { typographyEdits, type TypographyKind } from '../../domain/typography.js';
import type { Sentence, TextLang, Token } from './normalize.js';
import { inBoth } from '../../i18n/format.js';
import { l } from '../../i18n/localized.js';
import { styleLabel } from '../../present/labels.js';
import type { CheckRule, RuleText, Severity } from './rule-types.js';

const CHAR = l('character', 'caractère');
const CHARS = l('characters', 'caractères');

/**
 * Format and typography checks: things a post should not do whatever its wording (empty or
 * tiny, too many hashtags or emojis, a question post that does not end on a question, French
 * typography). Structural cliché detectors live in structures.ts.
 */
const check = (
  id: string,
  lang: CheckRule['lang'],
  category: 'format' | 'typography' | 'structure',
  severity: Severity,
  weight: number,
  message: RuleText,
  suggestion: string,
  detail: string,
  example: string,
  params?: CheckRule['params'],
): CheckRule => ({ id, kind: 'check', lang, category, severity, weight, message, suggestion, detail, example, params });

export const CHECK_RULES_BY_ID = {
  empty: check(
    'empty-text',
    'any',
    'format',
    'error',
    0,
    { en: 'The text is empty.', fr: 'Le texte est vide.' },
    'Write the post.',
    'No words at all (spaces, hashtags or emojis only).',
    '#PME',
  ),
  short: check(
    'too-short',
    'any',
    'format',
    'warning',
    0,
    { en: 'Too short to be a post.', fr: 'Trop court pour une publication.' },
    'A Facebook post needs a hook, a fact and a call to action.',
    'Fewer than 60 characters or 8 words (a note without a style; a warning with one, and an error under 25 characters).',
    'Appelez-nous.',
    { minChars: 60, minWords: 8 },
  ),
  hashtags: check(
    'hashtag-excess',
    'any',
    'format',
    'warning',
    0.15,
    { en: 'More than 3 hashtags.', fr: 'Plus de 3 mots-clics.' },
    'Keep 0 to 2 relevant hashtags, at the end.',
    'Every hashtag past the third is reported.',
    'Un fait.\n\n#a #b #c #d',
    { max: 3 },
  ),
  emojis: check(
    'emoji-excess',
    'any',
    'format',
    'warning',
    0.2,
    { en: 'More than 3 emojis.', fr: 'Plus de 3 émojis.' },
    'Keep at most 2.',
    'Every emoji past the third is reported.',
    'Bravo 🎉🎉🎉🎉 à l’équipe.',
    { max: 3 },
  ),
  exclamations: check(
    'exclamation-overuse',
    'any',
    'format',
    'warning',
    0.2,
    { en: 'More than 2 exclamation marks.', fr: 'Plus de 2 points d’exclamation.' },
    'Keep one at most; let the facts carry the energy.',
    'A run such as « !! » counts once; every one past the second is reported.',
    'Oui ! Non ! Peut-être !',
    { max: 2 },
  ),
  hook: check(
    'hook-first-line',
    'any',
    'format',
    'info',
    0,
    {
      en: 'Weak hook: the post opens with a greeting or a self-introduction.',
      fr: 'Accroche faible : la publication s’ouvre sur une salutation ou une présentation.',
    },
    'Open with a fact, a scene or a precise question.',
    'The first sentence is a greeting or a self-introduction ("Bonjour à tous", "Nous sommes", "Chez X, nous", "Hello", "We are"), or runs past 280 characters. A long but concrete first sentence is fine.',
    'Bonjour à tous ! Nous sommes AutoScale AI.',
    { maxChars: 280 },
  ),
  questionEnding: check(
    'question-ending',
    'any',
    'format',
    'error',
    0,
    {
      en: 'The question style must end with a question or a call to action.',
      fr: 'Le style question doit se terminer par une question ou un appel à l’action.',
    },
    'End with an open question to the reader.',
    'Style `question` only: the last paragraph, hashtags excluded, must hold a `?` or a call-to-action verb.',
    'Qui répond chez vous le soir ?\n\nLa réceptionniste répond.',
  ),
  length: check(
    'length-bounds',
    'any',
    'format',
    'warning',
    0,
    { en: 'Length outside the bounds for this style.', fr: 'Longueur hors des bornes du style.' },
    'Trim or develop to fit the style.',
    'With a style only: characters of the whole text, hashtags included.',
    'Trop court pour un récit.',
    { chars: { professional: [250, 1100], storytelling: [300, 1300], question: [120, 900] } },
  ),
  link: check(
    'link-in-body',
    'any',
    'format',
    'info',
    0,
    { en: 'A link in the body of the post.', fr: 'Un lien dans le corps de la publication.' },
    'Facebook shows fewer posts with outside links: put the link in a comment, or ask for a message.',
    'A URL in the text (a note; the brand may allow links).',
    'Voir https://exemple.ca/demo',
  ),
  typoSpace: check(
    'fr-typo-space-before',
    'fr',
    'typography',
    'info',
    0,
    {
      en: 'French typography (OQLF): a no-break space goes before : ; ! ?.',
      fr: 'Typographie (OQLF)\u00a0: une espace insécable précède le deux-points, le point-virgule, le point d’exclamation et le point d’interrogation.',
    },
    'Insert a no-break space (U+00A0 before :, U+202F before ; ! ?).',
    'Links, e-mail addresses, hashtags, emoticons, clock times and code are exempt; a run such as « ?! » is one mark.',
    'Le résultat: 22 % de plus.',
  ),
  typoQuotes: check(
    'fr-typo-quotes',
    'fr',
    'typography',
    'info',
    0,
    {
      en: 'French typography (OQLF): use « guillemets » with no-break spaces inside.',
      fr: 'Typographie (OQLF) : « guillemets » avec espaces insécables à l’intérieur.',
    },
    '« texte »',
    'Straight or English quotes, or « » without no-break spaces inside.',
    'Il a dit "merci".',
  ),
  typoNumber: check(
    'fr-typo-number-space',
    'fr',
    'typography',
    'info',
    0,
    {
      en: 'French typography (OQLF): a no-break space inside a number and before its unit.',
      fr: 'Typographie (OQLF) : espace insécable dans un nombre et avant son unité.',
    },
    '22 %, 19 h 30, 2 400 $, 5 k$ (with U+00A0)',
    'A breakable or missing space in 22 %, 19 h 30, 2 400 $ or 5 k$.',
    'Une hausse de 22% à 19h30.',
  ),
  typoColon: check(
    'fr-typo-colon-capital',
    'fr',
    'typography',
    'info',
    0,
    { en: 'No capital after a colon in French.', fr: 'Pas de majuscule après le deux-points.' },
    'Lower-case the word after the colon (names keep their capital).',
    'A clause word (« Vos », « Le », « Appelez »…) capitalised right after a colon.',
    'Résultat : Vos clients rappellent.',
  ),
  titleCase: check(
    'fr-typo-title-case',
    'fr',
    'typography',
    'info',
    0,
    {
      en: 'French titles take a capital on the first word only.',
      fr: 'En français, seul le premier mot du titre prend la majuscule.',
    },
    'Lower-case the other words.',
    'A short first line where every word of 4+ letters after the first is capitalised.',
    'Trois Conseils Pour Mieux Répondre',
  ),
} satisfies Record<string, CheckRule>;

export interface CheckHit {
  rule: CheckRule;
  start: number;
  end: number;
  severity?: Severity;
  message?: RuleText;
  suggestion?: string;
}

const R = CHECK_RULES_BY_ID;
const TYPO_RULE: Record<Exclude<TypographyKind, 'apostrophe'>, CheckRule> = {
  'space-before': R.typoSpace,
  quotes: R.typoQuotes,
  'number-space': R.typoNumber,
  'colon-capital': R.typoColon,
};

const CTA =
  /(\?|écrivez|appelez|contactez|réservez|commentez|dites-nous|répondez|essayez|demandez|visitez|inscrivez|texte[zr]|write|call|book|tell us|comment|reply|try|visit|sign up|message us)/iu;
const GENERIC_OPENER =
  /^(bonjour|salut|allo|hello|hi|hey|chers?\b|chez [^,.]{1,40}, nous|nous sommes|aujourd['’]hui,? (?:nous|on|je)|today,? we|we are|at [^,.]{1,40}, we|welcome|bienvenue)(?![\p{L}])/iu;
const HASHTAG = /(?<![\p{L}\p{N}&/])#[\p{L}\p{N}_]+/gu;

const excess = (rule: CheckRule, text: string, re: RegExp, counted: string): CheckHit[] => {
  const max = Number(rule.params?.max ?? 0);
  const found = [...text.matchAll(re)];
  if (found.length <= max) return [];
  return found.slice(max).map((m) => ({
    rule,
    start: m.index,
    end: m.index + m[0].length,
    message: {
      en: `${rule.message.en} (${found.length} ${counted}, ${max} allowed)`,
      fr: `${rule.message.fr} (${found.length}, ${max} permis)`,
    },
  }));
};

export interface CheckOptions {
  style?: string | undefined;
}

export const checkHits = (
  text: string,
  tokens: Token[],
  sents: Sentence[],
  lang: TextLang,
  options: CheckOptions,
): CheckHit[] => {
  const out: CheckHit[] = [];
  const words = tokens.filter((t) => t.kind === 'word').length;
  const chars = [...text.trim()].length;
  if (words === 0) {
    out.push({ rule: R.empty, start: 0, end: text.length });
    return out;
  }
  const minChars = Number(R.short.params?.minChars ?? 60);
  const minWords = Number(R.short.params?.minWords ?? 8);
  if (chars < minChars || words < minWords) {
    const severity: Severity = options.style ? (chars < 25 ? 'error' : 'warning') : 'info';
    out.push({ rule: R.short, start: 0, end: text.length, severity });
  }
  out.push(...excess(R.hashtags, text, HASHTAG, 'hashtags'));
  out.push(...excess(R.emojis, text, /\p{Extended_Pictographic}/gu, 'emojis'));
  out.push(...excess(R.exclamations, text, /!+/gu, 'exclamations'));
  for (const t of tokens) if (t.kind === 'url') out.push({ rule: R.link, start: t.start, end: t.end });

  const first = sents[0];
  if (first) {
    const sentence = text.slice(first.start, first.end);
    const opener = GENERIC_OPENER.exec(sentence);
    if (opener) out.push({ rule: R.hook, start: first.start, end: first.start + opener[0].length });
    else if (sentence.length > Number(R.hook.params?.maxChars ?? 280))
      out.push({ rule: R.hook, start: first.start, end: first.end });
  }

  if (options.style === 'question') {
    const body = text.replace(/(?:\s*(?<![\p{L}\p{N}&])#[\p{L}\p{N}_]+)+\s*$/u, '').trimEnd();
    const lastBreak = body.lastIndexOf('\n\n');
    const lastStart = lastBreak < 0 ? 0 : lastBreak + 2;
    if (!CTA.test(body.slice(lastStart))) out.push({ rule: R.questionEnding, start: lastStart, end: body.length });
  }
  if (options.style) {
    const bounds = (R.length.params?.chars as Record<string, [number, number]> | undefined)?.[options.style];
    if (bounds && (chars < bounds[0] || chars > bounds[1])) {
      out.push({
        rule: R.length,
        start: 0,
        end: text.length,
        message: inBoth((f) =>
          f.lang === 'fr'
            ? `${f.count(chars, CHAR, CHARS)}; le style ${styleLabel(options.style!, 'fr')} demande de ${f.int(bounds[0])} à ${f.int(bounds[1])}.`
            : `${f.count(chars, CHAR, CHARS)}; the ${styleLabel(options.style!, 'en')} style wants ${f.int(bounds[0])}–${f.int(bounds[1])}.`,
        ),
      });
    }
  }

  if (lang === 'fr') {
    for (const e of typographyEdits(text)) {
      if (e.kind === 'apostrophe') continue; // both apostrophes are correct; generate converts
      out.push({
        rule: TYPO_RULE[e.kind],
        start: Math.max(0, e.start - (e.start === e.end ? 1 : 0)),
        end: Math.max(e.end, e.start + 1),
      });
    }
    if (first) {
      const nl = text.indexOf('\n', first.start);
      const line = text.slice(first.start, nl < 0 ? text.length : nl);
      const caps = line.match(/\p{L}{4,}/gu) ?? [];
      if (line.length <= 80 && caps.length >= 3 && caps.slice(1).every((w) => /^\p{Lu}/u.test(w)))
        out.push({ rule: R.titleCase, start: first.start, end: first.start + line.length });
    }
  }
  return out;
};
