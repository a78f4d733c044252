import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/** Columns a string takes on a terminal (accents 1, emoji and CJK 2, ANSI escapes 0). */
export const displayWidth = (text: string): number => stringWidth(text);

/**
 * Wraps at ordinary spaces only: a no-break space (« 13 h 05 », « 1 000 », « titre : ») never
 * becomes a line end. A word longer than the width is cut.
 */
export const wrapText = (text: string, width: number): string[] =>
  wrapAnsi(text, Math.max(1, width), { hard: true, trim: true, wordWrap: true }).split('\n');

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
