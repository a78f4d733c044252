/**
 * LinkedIn's "little text" format, used by the `commentary` of /rest/posts (Microsoft Learn,
 * "Little Text Format"). Reserved characters: | { } @ [ ] ( ) < > # \ * _ ~. Every one must be
 * escaped with a backslash unless it is part of an element we mean; LinkedIn accepts a post
 * with an unescaped one (HTTP 201) and silently publishes the text only up to it, and drops
 * unescaped < and > (public reports: n8n #10179, activepieces #3058, Pipedream #17353…).
 *
 * Elements kept on purpose:
 * - a hashtag: `#` + letters/digits with at least one letter (`#PMEQuébec`);
 * - a mention, written in the element's own syntax: `@[Name](urn:li:organization:123)` (or person).
 */

const RESERVED = /[|{}@[\]()<>#\\*_~]/u;
const HASHTAG = /^[#＃](?=[\p{L}\p{N}]*\p{L})[\p{L}\p{N}]+/u;
const MENTION = /^@\[([^\]\n]+)\]\((urn:li:(?:organization|person):\d+)\)/u;

const escapeChar = (c: string) => (RESERVED.test(c) ? `\\${c}` : c);

/** Escapes a mention's visible name (brackets and other reserved characters inside it). */
const escapeName = (name: string) => [...name].map(escapeChar).join('');

/**
 * Plain text → little text. A hashtag stays a hashtag only at a word start (not `C#` or
 * `page#2`); a mention stays one only when written as `@[Name](urn:li:…:id)`.
 */
export const escapeLittleText = (text: string): string => {
  let out = '';
  let i = 0;
  const chars = [...text];
  while (i < chars.length) {
    const c = chars[i]!;
    const rest = chars.slice(i).join('');
    const prev = i > 0 ? chars[i - 1]! : ' ';
    if ((c === '#' || c === '＃') && !/[\p{L}\p{N}_]/u.test(prev)) {
      const m = HASHTAG.exec(rest);
      if (m) {
        out += m[0];
        i += [...m[0]].length;
        continue;
      }
    }
    if (c === '@') {
      const m = MENTION.exec(rest);
      if (m) {
        out += `@[${escapeName(m[1]!)}](${m[2]!})`;
        i += [...m[0]].length;
        continue;
      }
    }
    out += escapeChar(c);
    i += 1;
  }
  return out;
};

/**
 * Little text (as LinkedIn returns a commentary) → the plain text it was written from: escapes
 * removed, hashtag templates (`{hashtag|\#|word}`) back to `#word`, mentions kept in their
 * element syntax. `decodeLittleText(escapeLittleText(t)) === t` for any text.
 */
export const decodeLittleText = (commentary: string): string => {
  let out = '';
  const chars = [...commentary];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      out += chars[i + 1];
      i += 2;
      continue;
    }
    if (c === '{') {
      const m = /^\{hashtag\|(?:\\?#|＃)\|([^{}|]+)\}/u.exec(chars.slice(i).join(''));
      if (m) {
        out += `#${m[1]!}`;
        i += [...m[0]].length;
        continue;
      }
    }
    if (c === '@') {
      const m = /^@\[((?:\\.|[^\]\\])+)\]\((urn:li:(?:organization|person):\d+)\)/u.exec(chars.slice(i).join(''));
      if (m) {
        out += `@[${m[1]!.replace(/\\(.)/gu, '$1')}](${m[2]!})`;
        i += [...m[0]].length;
        continue;
      }
    }
    out += c;
    i += 1;
  }
  return out;
};

/** What a reader sees: mentions shown by name. */
export const littleTextReaderView = (text: string): string =>
  decodeLittleText(text).replace(/@\[([^\]]+)\]\(urn:li:(?:organization|person):\d+\)/gu, '$1');
