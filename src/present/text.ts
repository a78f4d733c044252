import { createRequire } from 'node:module';

// string-width and wrap-ansi take ~30 ms to load (a large Unicode emoji pattern compiled, an
// Intl.Segmenter built), on every command, before anything is printed. Most of what autoscale
// prints is Latin script without escape codes, where a character is one column: that text is
// measured and wrapped here, with wrap-ansi's own rules, and the libraries load on the first
// text that needs them (colour codes, emoji, CJK, combining marks).
const load = createRequire(import.meta.url);
let libraries: { stringWidth: (s: string) => number; wrapAnsi: WrapAnsi } | undefined;
type WrapAnsi = (s: string, columns: number, options: { hard: boolean; trim: boolean; wordWrap: boolean }) => string;
const lib = () =>
  (libraries ??= {
    stringWidth: (load('string-width') as { default: (s: string) => number }).default,
    wrapAnsi: (load('wrap-ansi') as { default: WrapAnsi }).default,
  });

/**
 * One column per character, nothing to normalise: printable ASCII, Latin-1 and Latin Extended
 * (not the soft hyphen, which is invisible), general punctuation (dashes, quotes, ellipsis,
 * the narrow no-break space; not the zero-width and direction marks) and the euro sign.
 */
const SINGLE_COLUMN = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u202f-\u205e\u20ac]*$/;

const singleColumn = (text: string): boolean => SINGLE_COLUMN.test(text);

/** Columns a string takes on a terminal (accents 1, emoji and CJK 2, ANSI escapes 0). */
export const displayWidth = (text: string): number => (singleColumn(text) ? text.length : lib().stringWidth(text));

/**
 * Wraps at ordinary spaces only: a no-break space (« 13 h 05 », « 1 000 », « titre : ») never
 * becomes a line end. A word longer than the width is cut.
 */
export const wrapText = (text: string, width: number): string[] => {
  const columns = Math.max(1, width);
  const lines = String(text).replaceAll('\r\n', '\n').split('\n');
  if (!lines.every(singleColumn)) {
    return lib().wrapAnsi(text, columns, { hard: true, trim: true, wordWrap: true }).split('\n');
  }
  return lines.flatMap((line) => wrapLine(line, columns));
};

/** wrap-ansi's `exec` with { hard, trim, wordWrap } for one line of single-column text. */
const wrapLine = (line: string, columns: number): string[] => {
  if (line.trim() === '') return [''];
  const rows = [''];
  const last = () => rows[rows.length - 1]!;
  for (const [index, word] of line.split(' ').entries()) {
    rows[rows.length - 1] = last().trimStart();
    let rowLength = last().length;
    if (index !== 0 && rowLength > 0) {
      rows[rows.length - 1] += ' ';
      rowLength += 1;
    }
    if (word.length > columns) {
      const breaksStartingThisLine = 1 + Math.floor((word.length - (columns - rowLength) - 1) / columns);
      const breaksStartingNextLine = Math.floor((word.length - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) rows.push('');
      cutWord(rows, word, columns);
      continue;
    }
    if (rowLength + word.length > columns && rowLength > 0 && word.length > 0) rows.push('');
    rows[rows.length - 1] += word;
  }
  return rows.map((row) => row.replace(/ +$/, ''));
};

/** wrap-ansi's `wrapWord` for single-column text: fills the row, then whole rows. */
const cutWord = (rows: string[], word: string, columns: number): void => {
  let visible = rows[rows.length - 1]!.length;
  for (let i = 0; i < word.length; i += 1) {
    const ch = word.charAt(i);
    if (visible + 1 <= columns) rows[rows.length - 1] += ch;
    else {
      rows.push(ch);
      visible = 0;
    }
    visible += 1;
    if (visible === columns && i < word.length - 1) {
      rows.push('');
      visible = 0;
    }
  }
  if (!visible && rows[rows.length - 1]!.length > 0 && rows.length > 1) rows[rows.length - 2] += rows.pop()!;
};

/** Cuts to `width` columns with an ellipsis, on a character boundary. */
export const truncate = (text: string, width: number): string => {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out.trimEnd()}…`;
};

/** Pads to `width` columns (left or right aligned), counting display width. */
export const pad = (text: string, width: number, align: 'left' | 'right' = 'left'): string => {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? gap + text : text + gap;
};

/**
 * Fits a line of prose to the width: wrapped at ordinary spaces, continuation lines indented to
 * `hang` columns. Without a width (piped output, --wide) the line is kept whole.
 */
export const fitLine = (line: string, width: number | undefined, hang = 0): string => {
  if (width === undefined || displayWidth(line) <= width) return line;
  const lead = /^ */.exec(line)![0].length;
  const [first = '', ...rest] = wrapText(line.slice(lead), width - lead);
  const indent = ' '.repeat(Math.max(lead, hang));
  const tail = rest.length ? wrapText(rest.join(' '), width - indent.length) : [];
  return [' '.repeat(lead) + first, ...tail.map((x) => indent + x)].join('\n');
};
