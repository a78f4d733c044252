/**
 * French typography as the OQLF recommends: a no-break space before « : » and inside
 * guillemets, a narrow no-break space before ; ! ?, no-break spaces inside numbers with their
 * units (22 %, 19 h 30, 2 400 $, 5 k$), a typographic apostrophe, and no capital after a colon.
 *
 * The fixer never touches what is not prose: links, e-mail addresses, hashtags, @mentions,
 * emoticons (;) :-) :D <3), code between backticks, clock times (10:30) and runs such as
 * « !! » or « ?! » (spaced as one mark). It is idempotent: fixing a fixed text changes nothing.
 */
export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

export type TypographyKind = 'space-before' | 'quotes' | 'apostrophe' | 'number-space' | 'colon-capital';

export interface TypographyEdit {
  start: number;
  end: number;
  replacement: string;
  kind: TypographyKind;
}

const PROTECTED = new RegExp(
  [
    '`{3}[\\s\\S]*?`{3}',
    '`[^`\\n]+`',
    String.raw`(?:https?:\/\/|www\.)[^\s<>«»"]*[^\s<>«»".,;:!?)]`,
    String.raw`\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:ca|com|org|net|io|ai|co|qc\.ca|gouv\.qc\.ca|fr|info|biz|app|dev|quebec)(?:\/[^\s<>«»"]*[^\s<>«»".,;:!?)])?`,
    String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`,
    String.raw`(?<![\p{L}\p{N}_])[#@][\p{L}\p{N}_][\p{L}\p{N}_.]*`,
    String.raw`[;:=][-^'o]?[)(\]\[DPp3|\/\\*]+(?![\p{L}\p{N}])`,
    String.raw`\^\^|<3|(?<![\p{L}])[xX]D(?![\p{L}])`,
    String.raw`\d{1,2}:\d{2}(?::\d{2})?`,
  ].join('|'),
  'gu',
);

/** Spans the fixer must leave exactly as they are. */
export const protectedRanges = (text: string): [number, number][] =>
  [...text.matchAll(PROTECTED)].map((m) => [m.index, m.index + m[0].length]);

const inside = (ranges: [number, number][], start: number, end: number) =>
  ranges.some(([a, b]) => start < b && end > a);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// Words that open an ordinary clause: after a colon they take no capital. A capitalised word
// outside this list keeps its capital (it may be a name: « Notre client : Garage Tremblay »),
// except an imperative (« Appelez-nous »).
const CLAUSE_STARTS = new Set(
  'le la les l un une des du de d au aux à a il elle ils elles on nous vous je j tu ce c cet cette ces ça cela chaque tout toute tous toutes plus moins pas aucun aucune en dans pour avec sans quand si et mais ou donc car son sa ses leur leurs mon ma mes votre vos notre nos qui que quoi comment pourquoi où voici voilà y trois deux quatre cinq dix zéro personne rien jamais seulement juste même encore aussi puis ensuite enfin bref oui non résultat'.split(
    ' ',
  ),
);

const clauseStart = (word: string): boolean => {
  if (word.length > 1 && word === word.toUpperCase()) return false; // PME, IA, DÉMO
  const lower = word.toLowerCase();
  if (CLAUSE_STARTS.has(lower.replace(/['’].*$/, ''))) return true;
  // An imperative (« Appelez », « Écrivez ») or a word the text also writes in lower case.
  return /ez$/.test(lower) && lower.length > 4;
};

/** The corrections French typography asks for, without applying them. */
export const typographyEdits = (text: string): TypographyEdit[] => {
  const guard = protectedRanges(text);
  const edits: TypographyEdit[] = [];
  const add = (e: TypographyEdit) => {
    if (text.slice(e.start, e.end) === e.replacement || inside(guard, e.start, e.end)) return;
    if (edits.some((x) => e.start < x.end && e.end > x.start)) return;
    edits.push(e);
  };

  // Spaces before ; : ! ? (a run such as "!!" or "?!" is one mark).
  for (const m of text.matchAll(/[ \t\u00a0\u202f]*([!?]+|;|:)/gu)) {
    const mark = m[1]!;
    const markStart = m.index + m[0].length - mark.length;
    const spaceStart = m.index;
    const before = text[spaceStart - 1];
    const after = text[markStart + mark.length];
    if (before === undefined || before === '\n' || /[!?;:]/.test(before)) continue;
    if (mark === ':') {
      if (/\d/.test(before) && after !== undefined && /\d/.test(after)) continue;
      if (after !== undefined && !/\s/.test(after)) continue;
    } else if (after !== undefined && (LETTER_OR_DIGIT.test(after) || /[=&/_\-'’.]/.test(after))) continue;
    if (inside(guard, markStart, markStart + mark.length)) continue;
    const current = text.slice(spaceStart, markStart);
    if (mark !== ':' && (current === NBSP || current === NNBSP)) continue;
    add({
      start: spaceStart,
      end: markStart,
      replacement: mark === ':' ? NBSP : NNBSP,
      kind: 'space-before',
    });
  }

  // Guillemets: "x" and “x” become « x », with no-break spaces inside.
  for (const m of text.matchAll(/(["“])([^"“”\n]+)(["”])/gu)) {
    if (m[1] === '”' || inside(guard, m.index, m.index + m[0].length)) continue;
    add({
      start: m.index,
      end: m.index + m[0].length,
      replacement: `«${NBSP}${m[2]!.trim()}${NBSP}»`,
      kind: 'quotes',
    });
  }
  for (const m of text.matchAll(/«([ \t\u00a0\u202f]*)/gu)) {
    if (m[1] === NBSP) continue;
    add({ start: m.index + 1, end: m.index + m[0].length, replacement: NBSP, kind: 'quotes' });
  }
  for (const m of text.matchAll(/([ \t\u00a0\u202f]*)»/gu)) {
    if (m[1] === NBSP || m.index === 0 || text[m.index - 1] === '\n') continue;
    add({ start: m.index, end: m.index + m[1]!.length, replacement: NBSP, kind: 'quotes' });
  }

  // Typographic apostrophe between letters.
  for (const m of text.matchAll(/(?<=\p{L})'(?=\p{L})/gu))
    add({ start: m.index, end: m.index + 1, replacement: '’', kind: 'apostrophe' });

  // Numbers: groups of thousands, then units (%, $, k$, M$, €, h and minutes).
  for (const m of text.matchAll(/(?<=(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})*)[ \u202f](?=\d{3}(?![\d]))/gu))
    add({ start: m.index, end: m.index + 1, replacement: NBSP, kind: 'number-space' });
  for (const m of text.matchAll(/(?<=\d)[ \u202f]?(?=(?:%|[kKMG]?\$|€)(?![\p{L}\p{N}]))/gu))
    add({ start: m.index, end: m.index + m[0].length, replacement: NBSP, kind: 'number-space' });
  for (const m of text.matchAll(/(?<=(?<![\d.,])\d{1,2})[ \u202f]?(?=h(?:[ \u00a0\u202f]?\d{2})?(?![\p{L}\p{N}]))/gu)) {
    add({ start: m.index, end: m.index + m[0].length, replacement: NBSP, kind: 'number-space' });
    const after = /^h([ \u00a0\u202f]?)(?=\d{2}(?!\d))/u.exec(text.slice(m.index + m[0].length));
    if (after) {
      const at = m.index + m[0].length + 1;
      add({ start: at, end: at + after[1]!.length, replacement: NBSP, kind: 'number-space' });
    }
  }

  // No capital after a colon (an ordinary clause starts in lower case).
  for (const m of text.matchAll(/:[ \u00a0](\p{Lu}[\p{L}'’]*)/gu)) {
    const word = m[1]!;
    const at = m.index + m[0].length - word.length;
    if (text[m.index - 1] === undefined || /\d/.test(text[m.index - 1]!)) continue;
    if (!clauseStart(word)) continue;
    add({ start: at, end: at + 1, replacement: word[0]!.toLowerCase(), kind: 'colon-capital' });
  }
  return edits.sort((a, b) => a.start - b.start);
};

export const applyEdits = (text: string, edits: readonly TypographyEdit[]): string => {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return out;
};

/** Applies French typography; stable after one pass (a second pass changes nothing). */
export const frenchTypography = (text: string): string => {
  let out = text;
  // Some corrections enable others (a quote converted, then the space before its colon):
  // a few passes reach the fixed point.
  for (let i = 0; i < 4; i += 1) {
    const edits = typographyEdits(out);
    if (edits.length === 0) break;
    out = applyEdits(out, edits);
  }
  return out;
};
