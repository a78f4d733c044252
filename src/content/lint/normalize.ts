import { newStemmer, type Stemmer } from 'snowball-stemmers';

/**
 * Normalised view of a text for matching: every token keeps its span in the original text, so
 * a match on the normalised form (case, accents, apostrophes, elision and inflection folded)
 * still reports the exact characters the writer typed.
 */
export type TextLang = 'fr' | 'en';

export type TokenKind = 'word' | 'num' | 'punct' | 'break' | 'url' | 'email' | 'hashtag' | 'mention' | 'emoji';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Lower case, no accents, ’ → ', œ → oe; punctuation as itself; a line break as ¶. */
  norm: string;
  /** Inflection folded (Snowball stem of the word, accents removed); equals norm for non-words. */
  stem: string;
}

export const stripAccents = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE');

/** Case, accents and apostrophes folded: what a person would call "the same word". */
export const foldWord = (s: string): string =>
  stripAccents(s.toLowerCase())
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[‐‑–]/g, '-');

const stemmers = new Map<TextLang, Stemmer>();
const stemmerFor = (lang: TextLang): Stemmer => {
  let s = stemmers.get(lang);
  if (!s) {
    s = newStemmer(lang === 'fr' ? 'french' : 'english');
    stemmers.set(lang, s);
  }
  return s;
};

const stemCache = new Map<string, string>();
/** The inflection-folded form of one word (lower case, accents removed after stemming). */
export const stemWord = (word: string, lang: TextLang): string => {
  const key = `${lang}:${word}`;
  const hit = stemCache.get(key);
  if (hit !== undefined) return hit;
  const lower = word.toLowerCase().replace(/[’‘ʼ`´]/g, "'");
  const base = lang === 'en' ? lower.replace(/'s$/, '') : lower;
  // Short function words are their own stem; stemming them only creates collisions.
  const stem = base.length <= 3 ? foldWord(base) : foldWord(stemmerFor(lang).stem(base));
  if (stemCache.size > 20_000) stemCache.clear();
  stemCache.set(key, stem);
  return stem;
};

/** Every stem a pattern word may meet: written with or without its accents. */
export const stemVariants = (word: string, lang: TextLang): string[] => {
  const a = stemWord(word, lang);
  const b = stemWord(stripAccents(word), lang);
  return a === b ? [a] : [a, b];
};

const URL = String.raw`(?:https?:\/\/|www\.)[^\s<>«»"]+`;
const EMAIL = String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`;
const NUMBER = String.raw`\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*`;
const WORD = String.raw`[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*(?:-[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*)*`;
const EMOJI = String.raw`\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic}|\ufe0f|\p{Emoji_Modifier})*`;
const SCANNER = new RegExp(
  `(${URL})|(${EMAIL})|(#[\\p{L}\\p{N}_]+)|(@[\\p{L}\\p{N}_][\\p{L}\\p{N}_.]*[\\p{L}\\p{N}_])|(${NUMBER})|(${WORD})|(\\n)|(\\.{3}|…|[!?]+|[.:;,«»"“”()\\[\\]—–-])|(${EMOJI})`,
  'gu',
);

// Words are matched part by part: French elision ("l'ère" is "l" + "ère"), English
// contractions ("don't" is "don" + "t") and hyphenated words ("dites-nous").
const pushWord = (out: Token[], raw: string, start: number, lang: TextLang) => {
  for (const m of raw.matchAll(/[^'’-]+/gu)) {
    const part = m[0];
    out.push({
      kind: 'word',
      start: start + m.index,
      end: start + m.index + part.length,
      norm: foldWord(part),
      stem: stemWord(part, lang),
    });
  }
};

/** Splits a text into tokens with their original spans. */
export const tokenize = (text: string, lang: TextLang): Token[] => {
  const out: Token[] = [];
  for (const m of text.matchAll(SCANNER)) {
    const start = m.index;
    const raw = m[0];
    if (m[1] !== undefined) {
      const url = raw.replace(/[.,;:!?)»]+$/u, '');
      out.push({ kind: 'url', start, end: start + url.length, norm: '⟨url⟩', stem: '⟨url⟩' });
    } else if (m[2] !== undefined)
      out.push({ kind: 'email', start, end: start + raw.length, norm: '⟨email⟩', stem: '⟨email⟩' });
    else if (m[3] !== undefined) {
      const norm = foldWord(raw);
      out.push({ kind: 'hashtag', start, end: start + raw.length, norm, stem: norm });
    } else if (m[4] !== undefined) {
      const norm = foldWord(raw);
      out.push({ kind: 'mention', start, end: start + raw.length, norm, stem: norm });
    } else if (m[5] !== undefined) {
      const norm = raw.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
      out.push({ kind: 'num', start, end: start + raw.length, norm, stem: norm });
    } else if (m[6] !== undefined) pushWord(out, raw, start, lang);
    else if (m[7] !== undefined) {
      const prev = out.at(-1);
      // Consecutive line breaks are one boundary.
      if (prev?.kind === 'break') prev.end = start + 1;
      else out.push({ kind: 'break', start, end: start + 1, norm: '¶', stem: '¶' });
    } else if (m[8] !== undefined) {
      const norm = raw === '...' ? '…' : raw === '“' || raw === '”' ? '"' : raw === '–' ? '—' : raw;
      out.push({ kind: 'punct', start, end: start + raw.length, norm, stem: norm });
    } else if (m[9] !== undefined) out.push({ kind: 'emoji', start, end: start + raw.length, norm: '✦', stem: '✦' });
  }
  return out;
};

/** Sentence-ending tokens: . ! ? … and line breaks. */
export const endsSentence = (t: Token): boolean =>
  t.kind === 'break' || (t.kind === 'punct' && /^(?:[.!?]+|…)$/.test(t.norm));

export interface Sentence {
  /** Token index range [from, to) including the closing punctuation, if any. */
  from: number;
  to: number;
  start: number;
  end: number;
  /** The closing punctuation ('?', '.', '!', '…', '¶' or '' at the end of the text). */
  close: string;
}

/** Sentences as token ranges; a line break always ends one (posts use lines as sentences). */
export const sentences = (tokens: Token[]): Sentence[] => {
  const out: Sentence[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (!endsSentence(t)) continue;
    // A run like "?!" or "…?" closes once.
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1]!.kind === 'punct' && /^[.!?…]+$/.test(tokens[j + 1]!.norm)) j += 1;
    if (j + 1 > from && tokens.slice(from, j + 1).some((x) => x.kind !== 'break' && x.kind !== 'punct')) {
      const words = tokens.slice(from, i);
      const closing = tokens
        .slice(i, j + 1)
        .map((x) => x.norm)
        .join('');
      out.push({
        from,
        to: j + 1,
        start: words[0]?.start ?? t.start,
        end: t.kind === 'break' ? (words.at(-1)?.end ?? t.start) : tokens[j]!.end,
        close: t.kind === 'break' ? '¶' : closing.includes('?') ? '?' : closing.includes('!') ? '!' : closing[0]!,
      });
    }
    from = j + 1;
    i = j;
  }
  if (from < tokens.length && tokens.slice(from).some((x) => x.kind !== 'break' && x.kind !== 'punct')) {
    out.push({ from, to: tokens.length, start: tokens[from]!.start, end: tokens.at(-1)!.end, close: '' });
  }
  return out;
};

/** Words of a text (for densities): letters-only tokens. */
export const wordCount = (tokens: Token[]): number => tokens.filter((t) => t.kind === 'word').length;
