/**
 * French spacing for the interface, one rule everywhere (OQLF): a no-break space (U+00A0) before
 * « : » and inside « », a narrow no-break space (U+202F) before ; ! ?, the same rule the posts
 * follow (src/domain/typography.ts). Numbers from the formatter already carry U+00A0 before
 * their unit. Code spans (`…`) and URLs are left exactly as typed, so a command stays copyable.
 */
export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

/** `code`, and URLs: what typography must not touch. */
const PROTECTED = /`[^`\n]*`|\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"`]+/gi;

const SPACES = '[ \\u00a0\\u202f]';

const spaceProse = (text: string): string =>
  text
    .replace(new RegExp(`«${SPACES}*`, 'g'), `«${NBSP}`)
    .replace(new RegExp(`${SPACES}*»`, 'g'), `${NBSP}»`)
    // « : » after a word (or after a space already there); "13:05", "a:b" and "C:\" stay.
    .replace(new RegExp(`(\\S)(${SPACES}*):(?=\\s|$)`, 'g'), (m, c: string, gap: string) =>
      c === '«' || (gap === '' && /\d/.test(c)) ? m : `${c}${NBSP}:`,
    )
    // ; ! ? (and runs such as « ?! ») at the end of a clause; "?lang=fr" or "!=" are not clauses.
    .replace(new RegExp(`(\\S)${SPACES}*([;!?]+)(?=\\s|$|[»)\\]’'".,…])`, 'g'), (m, c: string, p: string) =>
      c === '«' || c === '(' ? m : `${c}${NNBSP}${p}`,
    )
    // A number and its unit, and the groups of a number, are never split across lines.
    .replace(/(\d)[ \u202f]([%$])/g, `$1${NBSP}$2`)
    .replace(/(\d)[ \u202f](?=\d{3}(?!\d))/g, `$1${NBSP}`)
    // Apostrophe inside a word: l'image → l’image (a quoted shell argument 'x' is not inside a word).
    .replace(/(?<=\p{L})'(?=\p{L})/gu, '’');

/** Applies the French spacing rule to interface text; idempotent. */
export const frenchSpacing = (text: string): string => {
  // Protected spans become private-use placeholders, so the rule still sees a word before « : ».
  const kept: string[] = [];
  const masked = text.replace(PROTECTED, (m) => `\ue000${kept.push(m) - 1}\ue001`);
  const spaced = spaceProse(masked);
  return kept.length ? spaced.replace(/\ue000(\d+)\ue001/g, (_, i: string) => kept[Number(i)]!) : spaced;
};
