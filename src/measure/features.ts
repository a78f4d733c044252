/**
 * Features of a post's text and slot, shared by the guidance rules, the engagement predictor
 * and the report's "why it stands out". Pure and cheap: computed on the fly, never stored.
 */
export interface TextFeatures {
  length: number;
  questionEnd: boolean;
  hasNumber: boolean;
  story: boolean;
  emojis: number;
  hashtags: number;
  /** How the post opens: a question, a figure, a scene (a moment, a place), or a plain statement. */
  opening: 'question' | 'number' | 'scene' | 'statement';
  /** How it ends: a question to the reader, a call to action, or something else. */
  ending: 'question' | 'cta' | 'other';
}

export interface SlotFeatures {
  /** 0 = Sunday … 6 = Saturday, in the brand's zone. */
  weekday: number | null;
  hour: number | null;
}

export interface PostFeatures extends TextFeatures, SlotFeatures {
  contentType: string;
  style: string | null;
}

const EMOJI = /\p{Extended_Pictographic}/gu;
const HASHTAG = /(^|\s)#[\p{L}\p{N}_]+/gu;
// A figure that carries information: 30 %, 2 400, 12 appels, 3x; not a lone list marker.
const NUMBER = /\d[\d\s.,]*\s?(%|\$|h\b|x\b|fois|appels|clients|minutes|heures|jours|mois|ans|[\p{L}])|\d{2,}/u;
// Narrative markers in Quebec French and English: a past-tense first person, a client scene.
const STORY =
  /\b(j['’]ai|nous avons|on a|l['’]an dernier|l['’]année passée|il y a \d+|un client|une cliente|quand (j|on|nous)|ce jour-là|hier|la semaine passée|last (week|year)|we (had|were)|i (was|had)|one of our clients)\b/iu;

/** The text without trailing hashtags and emojis, to find how the message really ends. */
const coreEnding = (text: string): string =>
  text
    .replace(HASHTAG, ' ')
    .replace(EMOJI, ' ')
    .replace(/(?:\s|\u200d|\ufe0f)+$/u, '')
    .trim();

const SCENE =
  /^(?:il est \d|\d{1,2} ?h\b|(?:un |ce |le )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir|midi)|(?:hier|ce matin|la semaine passée|l['’]hiver|l['’]été)|it['’]s \d|(?:last |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|this morning)/iu;
const CTA_END =
  /(écrivez|appelez|contactez|réservez|texte[zr]|message privé|inscri|visitez|write|call|book|message us|sign up|visit|dm us)/iu;

const openingOf = (text: string): TextFeatures['opening'] => {
  const first = (/^[\s\S]*?(?:[.?!…](?=\s|$)|\n|$)/u.exec(text)?.[0] ?? text).trim();
  if (/\?\s*$/u.test(first)) return 'question';
  if (SCENE.test(first) || STORY.test(first)) return 'scene';
  if (/^\P{L}{0,3}\d/u.test(first) || /^(?:\S+\s){0,4}\d/u.test(first)) return 'number';
  return 'statement';
};

export const textFeatures = (text: string): TextFeatures => {
  const trimmed = text.trim();
  const core = coreEnding(trimmed);
  const questionEnd = /\?\s*["»”)]?$/u.test(core);
  const lastParagraph = core.slice(core.lastIndexOf('\n\n') + 1);
  return {
    opening: openingOf(trimmed),
    ending: questionEnd ? 'question' : CTA_END.test(lastParagraph) ? 'cta' : 'other',
    length: [...trimmed].length,
    questionEnd,
    hasNumber: NUMBER.test(trimmed),
    story: STORY.test(trimmed),
    emojis: (trimmed.match(EMOJI) ?? []).length,
    hashtags: (trimmed.match(HASHTAG) ?? []).length,
  };
};
