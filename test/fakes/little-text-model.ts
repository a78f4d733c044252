/**
 * The fake's own model of LinkedIn's "little text" format (commentary of /rest/posts), written
 * independently of the product's escaper so that one cannot hide the other's mistakes.
 *
 * Reserved: | { } @ [ ] ( ) < > # \ * _ ~. An escaped character (`\(`) is literal. Elements: a
 * hashtag `#word` or `{hashtag|#|word}` (also with `\#` or the full-width ＃), a mention
 * `@[Name](urn:li:organization:123)` (or person). What LinkedIn does with anything else, as
 * reported publicly: the post is accepted (201) but its text is cut at the first unescaped reserved
 * character; unescaped `<` and `>` are dropped. (Reports say an unescaped `_` survives; the
 * fake cuts there too, which is stricter, never more forgiving.)
 */

export type Segment =
  { type: 'text'; text: string } | { type: 'hashtag'; tag: string } | { type: 'mention'; name: string; urn: string };

export interface Published {
  segments: Segment[];
  /** What a reader sees: text, `#tag`, and the mentioned name. */
  plain: string;
  /** Index in the submitted text where publishing stopped; null when it was read whole. */
  cutAt: number | null;
}

const RESERVED = new Set([...'|{}@[]()<>#\\*_~']);
const WORD = /[\p{L}\p{N}_]/u;

const unescapeName = (raw: string) => raw.replace(/\\(.)/gu, '$1');

export const parseLittleText = (input: string): Published => {
  const segments: Segment[] = [];
  let text = '';
  const flush = () => {
    if (text) segments.push({ type: 'text', text });
    text = '';
  };
  const chars = [...input];
  let i = 0;
  let cutAt: number | null = null;
  const rest = () => chars.slice(i).join('');
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '\\') {
      if (i + 1 >= chars.length) {
        cutAt = i;
        break;
      }
      text += chars[i + 1];
      i += 2;
      continue;
    }
    if (c === '#' || c === '＃') {
      let j = i + 1;
      while (j < chars.length && WORD.test(chars[j]!)) j += 1;
      if (j > i + 1) {
        flush();
        segments.push({ type: 'hashtag', tag: chars.slice(i + 1, j).join('') });
        i = j;
        continue;
      }
      cutAt = i;
      break;
    }
    if (c === '{') {
      const m = /^\{hashtag\|(?:\\?#|＃)\|([^{}|]+)\}/u.exec(rest());
      if (m) {
        flush();
        segments.push({ type: 'hashtag', tag: m[1]! });
        i += [...m[0]].length;
        continue;
      }
      cutAt = i;
      break;
    }
    if (c === '@') {
      const m = /^@\[((?:\\.|[^\]\\])+)\]\((urn:li:(?:organization|person):\d+)\)/u.exec(rest());
      if (m) {
        flush();
        segments.push({ type: 'mention', name: unescapeName(m[1]!), urn: m[2]! });
        i += [...m[0]].length;
        continue;
      }
      cutAt = i;
      break;
    }
    if (c === '<' || c === '>') {
      i += 1;
      continue;
    }
    if (RESERVED.has(c)) {
      cutAt = i;
      break;
    }
    text += c;
    i += 1;
  }
  flush();
  return { segments, plain: renderPlain(segments), cutAt };
};

export const renderPlain = (segments: Segment[]): string =>
  segments.map((s) => (s.type === 'text' ? s.text : s.type === 'hashtag' ? `#${s.tag}` : s.name)).join('');

const escape = (text: string) => [...text].map((c) => (RESERVED.has(c) ? `\\${c}` : c)).join('');

/** How LinkedIn returns a stored commentary: escaped text, hashtags as templates, mentions as elements. */
export const serializeLittleText = (segments: Segment[]): string =>
  segments
    .map((s) =>
      s.type === 'text'
        ? escape(s.text)
        : s.type === 'hashtag'
          ? `{hashtag|\\#|${s.tag}}`
          : `@[${escape(s.name)}](${s.urn})`,
    )
    .join('');
