/**
 * Features of a post's text, shared by the guidance rules, the engagement predictor and the
 * report's "why it stands out". Pure: the store keeps them in the per-post summaries
 * (post_facts) so that no read has to run these regexes over the whole history.
 */
export interface TextFeatures {
  length: number;
  questionEnd: boolean;
  hasNumber: boolean;
  story: boolean;
  emojis: number;
  hashtags: number;
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

export const textFeatures = (text: string): TextFeatures => {
  const trimmed = text.trim();
  return {
    length: [...trimmed].length,
    questionEnd: /\?\s*["»”)]?$/u.test(coreEnding(trimmed)),
    hasNumber: NUMBER.test(trimmed),
    story: STORY.test(trimmed),
    emojis: (trimmed.match(EMOJI) ?? []).length,
    hashtags: (trimmed.match(HASHTAG) ?? []).length,
  };
};
