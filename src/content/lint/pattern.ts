import { stemVariants, tokenize, type TextLang, type Token } from './normalize.js';

/**
 * A small pattern language over normalised tokens, so one rule covers the inflections,
 * accents, apostrophes, case and small wording changes of a phrase:
 *
 *   word      the same word up to inflection (Snowball stem, accents ignored): `propulser`
 *             matches « propulsez », « propulsé », « PROPULSE »
 *   word*     any word starting with these letters (accents ignored): `révolution*`
 *   =word     exactly this word (accents and case ignored), no inflection
 *   (a|b c)   alternatives, each a sequence; `?` after a word or group makes it optional
 *   …  …3     a gap of up to 6 (or 3) tokens inside the sentence
 *   ^  $      start / end of a sentence (a line break, . ! ? or : before it; emojis skipped)
 *   <num>     a number; <w> any word; <emoji> an emoji
 *   [?] [?:]  a punctuation token holding one of these characters
 *
 * Patterns compile to regular expressions over an encoded token stream (`norm/stem ` per
 * token), so matching stays linear and each match maps back to the exact source span.
 */

export interface TokenStream {
  tokens: Token[];
  text: string;
  /** Offset of each token's first character in `text`. */
  offsets: number[];
}

const encode = (t: Token): string => {
  switch (t.kind) {
    case 'word':
      return `${t.norm}/${t.stem}`;
    case 'num':
      return `${t.norm}/#num`;
    case 'punct':
    case 'break':
      return `${t.norm}/#p`;
    case 'emoji':
      return `✦/#emoji`;
    case 'hashtag':
      return `${t.norm}/#tag`;
    case 'mention':
      return `${t.norm}/#at`;
    default:
      return `${t.norm}/#${t.kind}`;
  }
};

export const toStream = (tokens: Token[]): TokenStream => {
  const offsets: number[] = [];
  let text = '';
  for (const t of tokens) {
    offsets.push(text.length);
    text += `${encode(t)} `;
  }
  return { tokens, text, offsets };
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const GAP_TOKEN = String.raw`(?:(?![.!?…¶][^ ]*\/#p )[^ ]+ )`;
const SENTENCE_START = String.raw`(?<=(?:^|[.!?…¶:][^ ]*\/#p )(?:(?:[^ ]+\/#emoji|[«"(—\-]\/#p|[^ ]+\/#tag) )*)`;
const SENTENCE_END = String.raw`(?=[.!?…¶][^ ]*\/#p |$)`;

class PatternSyntaxError extends Error {}

/** Compiles one pattern to the body of a regular expression over a token stream. */
export const compilePattern = (pattern: string, lang: TextLang): string => {
  let i = 0;
  const src = pattern.trim();

  const word = (raw: string): string => {
    if (raw.startsWith('<') && raw.endsWith('>')) {
      const cls = raw.slice(1, -1);
      if (cls === 'num') return String.raw`[^ ]+\/#num `;
      if (cls === 'w') return String.raw`[^ /]+\/(?!#)[^ ]+ `;
      if (cls === 'emoji') return String.raw`[^ ]+\/#emoji `;
      throw new PatternSyntaxError(`unknown class ${raw} in "${pattern}"`);
    }
    if (raw.startsWith('[') && raw.endsWith(']')) {
      // A punctuation token holding one of these characters ("[?:]" matches "?", ":" or "?!").
      const chars = [...raw.slice(1, -1)].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('');
      return `[^ /]*[${chars}][^ /]*\\/#p `;
    }
    const exact = raw.startsWith('=');
    const prefix = raw.endsWith('*');
    const body = raw.replace(/^=/, '').replace(/\*$/, '');
    const parts = tokenize(body, lang);
    if (parts.length === 0) throw new PatternSyntaxError(`empty word in "${pattern}"`);
    return parts
      .map((t, k) => {
        if (t.kind !== 'word') return `${esc(t.norm)}\\/[^ ]+ `;
        if (prefix && k === parts.length - 1) return `${esc(t.norm)}[^ /]*\\/[^ ]+ `;
        if (exact || t.norm.length <= 3) return `${esc(t.norm)}\\/[^ ]+ `;
        const stems = stemVariants(body.slice(t.start, t.end), lang);
        return `[^ /]+\\/(?:${stems.map(esc).join('|')}) `;
      })
      .join('');
  };

  const sequence = (): string => {
    let out = '';
    for (;;) {
      while (src[i] === ' ') i += 1;
      if (i >= src.length || src[i] === '|' || src[i] === ')') return out;
      let atom: string;
      if (src[i] === '(') {
        i += 1;
        const branches = [sequence()];
        while (src[i] === '|') {
          i += 1;
          branches.push(sequence());
        }
        if (src[i] !== ')') throw new PatternSyntaxError(`missing ) in "${pattern}"`);
        i += 1;
        atom = `(?:${branches.join('|')})`;
      } else if (src[i] === '…') {
        i += 1;
        const n = /^\d+/.exec(src.slice(i))?.[0];
        i += n?.length ?? 0;
        atom = `${GAP_TOKEN}{0,${n ?? 6}}`;
        out += atom;
        continue;
      } else if (src[i] === '^') {
        i += 1;
        out += SENTENCE_START;
        continue;
      } else if (src[i] === '$') {
        i += 1;
        out += SENTENCE_END;
        continue;
      } else {
        let j = i;
        if (src[j] === '[') j = src.indexOf(']', j) + 1;
        else while (j < src.length && !' ()|?'.includes(src[j]!)) j += 1;
        atom = word(src.slice(i, j));
        i = j;
        atom = `(?:${atom})`;
      }
      if (src[i] === '?') {
        i += 1;
        atom += '?';
      }
      out += atom;
    }
  };
  const body = sequence();
  if (i < src.length) throw new PatternSyntaxError(`unexpected "${src.slice(i, i + 1)}" in "${pattern}"`);
  return body;
};

const cache = new Map<string, RegExp>();
/** One regular expression for a list of patterns (alternatives), compiled once per language. */
export const compilePatterns = (key: string, patterns: readonly string[], lang: TextLang): RegExp => {
  const id = `${lang}:${key}`;
  let re = cache.get(id);
  if (!re) {
    const body = patterns.map((p) => compilePattern(p, lang)).join('|');
    re = new RegExp(`(?<![^ ])(?:${body})`, 'gu');
    cache.set(id, re);
  }
  re.lastIndex = 0;
  return re;
};

export interface TokenMatch {
  /** Token range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
}

const tokenAt = (offsets: number[], offset: number): number => {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** Every non-overlapping match of a compiled pattern set, as token ranges and source spans. */
export const matchAll = (re: RegExp, stream: TokenStream): TokenMatch[] => {
  const out: TokenMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(stream.text); m; m = re.exec(stream.text)) {
    if (m[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    const from = tokenAt(stream.offsets, m.index);
    let to = tokenAt(stream.offsets, m.index + m[0].length - 1) + 1;
    // A match never ends on the punctuation a gap or a sentence boundary swallowed.
    while (to - 1 > from && stream.tokens[to - 1]!.kind === 'break') to -= 1;
    out.push({ from, to, start: stream.tokens[from]!.start, end: stream.tokens[to - 1]!.end });
  }
  return out;
};
