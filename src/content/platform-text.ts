import type { Platform } from '../domain/platform.js';
import { TEXT_LIMITS } from '../domain/post-text.js';

/**
 * The chosen text, adapted to each platform. Facebook publishes it unchanged. The adaptation is
 * deterministic (no paid call), so it is recomputed whenever the chosen text changes, until a
 * person edits a platform's text in the studio; from then on that platform keeps its own.
 *
 * - Instagram: links are not clickable in a caption, so they are taken out and the call to
 *   action says where to go (the link in the bio); hashtags go to the end, brand hashtags added,
 *   30 at most; 2,200 characters at most (the body is shortened at a sentence, never the tags).
 * - LinkedIn: a professional register (no emoji, no repeated ! or ?), hashtags at the end in the
 *   form LinkedIn links (one word, letters and digits: `#Service-Client` → `#ServiceClient`),
 *   3 at most as LinkedIn recommends; 3,000 characters at most.
 */

export const INSTAGRAM_MAX_HASHTAGS = 30;
export const LINKEDIN_MAX_HASHTAGS = 3;

export interface AdaptInput {
  text: string;
  language: 'fr-CA' | 'en-CA';
  /** The brand's hashtags (`#PMEQuébec`…), added where the platform rewards them. */
  brandHashtags: readonly string[];
  /** The brand's site, named in Instagram's call to action when a link was taken out. */
  website?: string | undefined;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>«»"]+[^\s<>«»".,;:!?)]/giu;
const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_-]*\p{L}[\p{L}\p{N}_-]*)/gu;
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu;

const chars = (s: string) => [...s].length;

/** `#Service-Client` → `#ServiceClient`: one word of letters and digits, as platforms link them. */
export const normaliseHashtag = (tag: string): string => `#${tag.replace(/^#/, '').replace(/[^\p{L}\p{N}]/gu, '')}`;

/** Splits the trailing block of hashtags (last lines made only of hashtags) from the body. */
export const splitTrailingHashtags = (text: string): { body: string; tags: string[] } => {
  const lines = text.replace(/\s+$/u, '').split('\n');
  const tags: string[] = [];
  while (lines.length > 0) {
    const last = lines[lines.length - 1]!.trim();
    if (last === '') {
      lines.pop();
      continue;
    }
    if (!/^(#[\p{L}\p{N}_-]+[\s,]*)+$/u.test(last)) break;
    tags.unshift(...(last.match(/#[\p{L}\p{N}_-]+/gu) ?? []));
    lines.pop();
  }
  return { body: lines.join('\n').replace(/\s+$/u, ''), tags };
};

const dedupe = (tags: string[]) => {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const key = t.toLocaleLowerCase('fr-CA');
    if (t.length < 2 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Shortens the body at the last sentence end that fits (a word boundary and "…" otherwise). */
export const shortenAtSentence = (body: string, max: number): string => {
  if (chars(body) <= max) return body;
  const cut = [...body].slice(0, Math.max(0, max - 1)).join('');
  const sentence = Math.max(
    cut.lastIndexOf('. '),
    cut.lastIndexOf('.\n'),
    cut.lastIndexOf('! '),
    cut.lastIndexOf('? '),
  );
  if (sentence > cut.length * 0.5) return cut.slice(0, sentence + 1).trimEnd();
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

const inlineTags = (body: string) => [...body.matchAll(HASHTAG)].map((m) => `#${m[2]!}`);

export const adaptForInstagram = (input: AdaptInput): string => {
  const { body: rawBody, tags } = splitTrailingHashtags(input.text);
  let linkRemoved = false;
  let body = rawBody
    .replace(URL, () => {
      linkRemoved = true;
      return '';
    })
    // Only what a removed link leaves: a space before a full stop or a comma (French keeps its space before : ; ! ?).
    .replace(/[ \t]+([.,])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (linkRemoved) {
    const where = input.website ? ` (${input.website.replace(/^https?:\/\//, '')})` : '';
    body +=
      input.language === 'fr-CA'
        ? `\n\nPour en savoir plus : lien dans notre bio${where}.`
        : `\n\nLearn more: link in our bio${where}.`;
  }
  const inline = inlineTags(body).length;
  const trailing = dedupe([...tags, ...input.brandHashtags].map(normaliseHashtag)).filter(
    (t) => !inlineTags(body).some((i) => i.toLocaleLowerCase('fr-CA') === t.toLocaleLowerCase('fr-CA')),
  );
  const kept = trailing.slice(0, Math.max(0, INSTAGRAM_MAX_HASHTAGS - inline));
  const block = kept.join(' ');
  const room = TEXT_LIMITS.instagram - (block ? chars(block) + 2 : 0);
  body = shortenAtSentence(body, room);
  return block ? `${body}\n\n${block}` : body;
};

export const adaptForLinkedin = (input: AdaptInput): string => {
  const { body: rawBody, tags } = splitTrailingHashtags(input.text);
  let body = rawBody
    .replace(EMOJI, '')
    .replace(/!{2,}/g, '!')
    .replace(/\?{2,}/g, '?')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  body = body.replace(HASHTAG, (_m, pre: string, tag: string) => `${pre}${normaliseHashtag(tag)}`);
  const inline = inlineTags(body).map((t) => t.toLocaleLowerCase('fr-CA'));
  const kept = dedupe([...tags, ...input.brandHashtags].map(normaliseHashtag))
    .filter((t) => !inline.includes(t.toLocaleLowerCase('fr-CA')))
    .slice(0, LINKEDIN_MAX_HASHTAGS);
  const block = kept.join(' ');
  const room = TEXT_LIMITS.linkedin - (block ? chars(block) + 2 : 0);
  body = shortenAtSentence(body, room);
  return block ? `${body}\n\n${block}` : body;
};

/** The text a platform publishes, from the approved text. */
export const adaptText = (platform: Platform, input: AdaptInput): string =>
  platform === 'instagram' ? adaptForInstagram(input) : platform === 'linkedin' ? adaptForLinkedin(input) : input.text;

export interface PlatformTextProblem {
  platform: Platform;
  problem: 'too_long' | 'too_many_hashtags' | 'link_in_caption' | 'empty';
  limit: number;
  actual: number;
}

/** Checks an edited platform text against the platform's rules (the studio and `edit` refuse what fails). */
export const checkPlatformText = (platform: Platform, text: string): PlatformTextProblem | undefined => {
  const length = chars(text);
  if (text.trim() === '') return { platform, problem: 'empty', limit: 1, actual: 0 };
  if (length > TEXT_LIMITS[platform])
    return { platform, problem: 'too_long', limit: TEXT_LIMITS[platform], actual: length };
  const tags = text.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (platform === 'instagram' && tags > INSTAGRAM_MAX_HASHTAGS)
    return { platform, problem: 'too_many_hashtags', limit: INSTAGRAM_MAX_HASHTAGS, actual: tags };
  if (platform === 'instagram' && URL.test(text)) {
    URL.lastIndex = 0;
    return { platform, problem: 'link_in_caption', limit: 0, actual: 1 };
  }
  URL.lastIndex = 0;
  return undefined;
};
