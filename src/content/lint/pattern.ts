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
  /**
   * The tokens' forms as encoded before the slash (`norms`, also as a list for prefix checks) and
   * the words' stems after it.
   */
  index: { norms: Set<string>; stems: Set<string>; normList: string[] };
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
  const norms = new Set<string>();
  const stems = new Set<string>();
  let text = '';
  for (const t of tokens) {
    offsets.push(text.length);
    const encoded = encode(t);
    text += `${encoded} `;
    norms.add(t.kind === 'emoji' ? '✦' : t.norm);
    if (t.kind === 'word') stems.add(t.stem);
  }
  return { tokens, text, offsets, index: { norms, stems, normList: [...norms] } };
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const GAP_TOKEN = String.raw`(?:(?![.!?…¶][^ ]*\/#p )[^ ]+ )`;
const SENTENCE_START = String.raw`(?<=(?:^|[.!?…¶:][^ ]*\/#p )(?:(?:[^ ]+\/#emoji|[«"(—\-]\/#p|[^ ]+\/#tag) )*)`;
const SENTENCE_END = String.raw`(?=[.!?…¶][^ ]*\/#p |$)`;

class PatternSyntaxError extends Error {}

/**
 * A token a match cannot do without: one whose normalised form is `value` (`norm`), whose stem is
 * one of `values` (`stem`), or whose normalised form starts with `value` (`prefix`).
 */
type Anchor = { kind: 'norm' | 'prefix'; value: string } | { kind: 'stem'; values: readonly string[] };
/** Any one of these anchors must be in the text for the pattern to match; undefined: it cannot say. */
type Need = readonly Anchor[] | undefined;

/** Either side may leave the need open: then so does the alternation. */
const eitherOf = (needs: Need[]): Need => (needs.some((n) => n === undefined) ? undefined : (needs.flat() as Anchor[]));

/**
 * Of two needs a sequence has, the one fewer texts meet: every anchor a long word (« clé »,
 * « de » or « la » are in nearly every text), then fewer alternatives.
 */
const weakest = (need: readonly Anchor[]): number =>
  Math.min(...need.map((a) => (a.kind === 'stem' ? Math.min(...a.values.map((v) => v.length)) : a.value.length)));
const rarer = (a: Need, b: Need): Need => {
  if (!a) return b;
  if (!b) return a;
  const wa = Math.min(weakest(a), 6);
  const wb = Math.min(weakest(b), 6);
  return wb > wa || (wb === wa && b.length < a.length) ? b : a;
};

interface Compiled {
  body: string;
  need: Need;
}

/** Compiles one pattern to the body of a regular expression over a token stream, and what it needs. */
export const compilePattern = (pattern: string, lang: TextLang): Compiled => {
  let i = 0;
  const src = pattern.trim();

  const word = (raw: string): Compiled => {
    if (raw.startsWith('<') && raw.endsWith('>')) {
      const cls = raw.slice(1, -1);
      if (cls === 'num') return { body: String.raw`[^ ]+\/#num `, need: undefined };
      if (cls === 'w') return { body: String.raw`[^ /]+\/(?!#)[^ ]+ `, need: undefined };
      if (cls === 'emoji') return { body: String.raw`[^ ]+\/#emoji `, need: undefined };
      throw new PatternSyntaxError(`unknown class ${raw} in "${pattern}"`);
    }
    if (raw.startsWith('[') && raw.endsWith(']')) {
      // A punctuation token holding one of these characters ("[?:]" matches "?", ":" or "?!").
      const chars = [...raw.slice(1, -1)].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('');
      return { body: `[^ /]*[${chars}][^ /]*\\/#p `, need: undefined };
    }
    const exact = raw.startsWith('=');
    const prefix = raw.endsWith('*');
    const body = raw.replace(/^=/, '').replace(/\*$/, '');
    const parts = tokenize(body, lang);
    if (parts.length === 0) throw new PatternSyntaxError(`empty word in "${pattern}"`);
    const compiled = parts.map((t, k): Compiled => {
      if (t.kind !== 'word') return { body: `${esc(t.norm)}\\/[^ ]+ `, need: [{ kind: 'norm', value: t.norm }] };
      if (prefix && k === parts.length - 1)
        return { body: `${esc(t.norm)}[^ /]*\\/[^ ]+ `, need: [{ kind: 'prefix', value: t.norm }] };
      if (exact || t.norm.length <= 3)
        return { body: `${esc(t.norm)}\\/[^ ]+ `, need: [{ kind: 'norm', value: t.norm }] };
      const stems = stemVariants(body.slice(t.start, t.end), lang);
      return { body: `[^ /]+\\/(?:${stems.map(esc).join('|')}) `, need: [{ kind: 'stem', values: stems }] };
    });
    return { body: compiled.map((c) => c.body).join(''), need: compiled[0]!.need };
  };

  const sequence = (): Compiled => {
    let out = '';
    // Of the required atoms that name their tokens, the rarest: a match contains one of them.
    let need: Need;
    for (;;) {
      while (src[i] === ' ') i += 1;
      if (i >= src.length || src[i] === '|' || src[i] === ')') return { body: out, need };
      let atom: Compiled;
      if (src[i] === '(') {
        i += 1;
        const branches = [sequence()];
        while (src[i] === '|') {
          i += 1;
          branches.push(sequence());
        }
        if (src[i] !== ')') throw new PatternSyntaxError(`missing ) in "${pattern}"`);
        i += 1;
        atom = { body: `(?:${branches.map((b) => b.body).join('|')})`, need: eitherOf(branches.map((b) => b.need)) };
      } else if (src[i] === '…') {
        i += 1;
        const n = /^\d+/.exec(src.slice(i))?.[0];
        i += n?.length ?? 0;
        out += `${GAP_TOKEN}{0,${n ?? 6}}`;
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
        const w = word(src.slice(i, j));
        i = j;
        atom = { body: `(?:${w.body})`, need: w.need };
      }
      if (src[i] === '?') {
        i += 1;
        out += `${atom.body}?`;
        continue; // optional: says nothing about what a match contains
      }
      out += atom.body;
      need = rarer(need, atom.need);
    }
  };
  const compiled = sequence();
  if (i < src.length) throw new PatternSyntaxError(`unexpected "${src.slice(i, i + 1)}" in "${pattern}"`);
  return compiled;
};

/**
 * A list of patterns (alternatives) as one regular expression, with the tokens a match needs.
 * Most rules cannot match most texts: checking their anchors against the text's tokens skips
 * them without running (or even compiling) the expression.
 */
export interface PatternSet {
  re: RegExp;
  need: Need;
}

const cache = new Map<string, PatternSet>();
/** Compiled once per language. */
export const compilePatterns = (key: string, patterns: readonly string[], lang: TextLang): PatternSet => {
  const id = `${lang}:${key}`;
  let set = cache.get(id);
  if (!set) {
    const compiled = patterns.map((p) => compilePattern(p, lang));
    set = {
      re: new RegExp(`(?<![^ ])(?:${compiled.map((c) => c.body).join('|')})`, 'gu'),
      need: eitherOf(compiled.map((c) => c.need)),
    };
    cache.set(id, set);
  }
  return set;
};

/** Whether a text's tokens hold one of the anchors (always true when the set cannot say). */
const mayMatch = (need: Need, stream: TokenStream): boolean => {
  if (!need) return true;
  const { norms, stems, normList } = stream.index;
  return need.some((a) =>
    a.kind === 'norm'
      ? norms.has(a.value)
      : a.kind === 'stem'
        ? a.values.some((v) => stems.has(v))
        : normList.some((n) => n.startsWith(a.value)),
  );
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
export const matchAll = ({ re, need }: PatternSet, stream: TokenStream): TokenMatch[] => {
  const out: TokenMatch[] = [];
  if (!mayMatch(need, stream)) return out;
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
