import type { Font, Glyph, PathCommand } from 'opentype.js';
import { frenchTypography, NBSP, NNBSP } from '../domain/typography.js';

/**
 * Text set as vector paths with our own glyph layout. opentype.js's shaper throws on Inter's
 * contextual substitutions (ccmp lookup 6.2), and the headline needs no shaping beyond
 * one glyph per character: accented letters are precomposed in Inter once text is NFC.
 */

const BREAKABLE = ' ';

/**
 * Quebec French typography for a headline: no-break spaces before : ; ! ? and inside « »,
 * and a dash never starts a line. English headlines only get the whitespace clean-up.
 */
export const prepareHeadline = (text: string, language: 'fr-CA' | 'en-CA' = 'fr-CA'): string => {
  let out = text
    .normalize('NFC')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (language === 'fr-CA') {
    out = frenchTypography(out).replace(/ ([—–])/g, `${NBSP}$1`);
  }
  return out;
};

export interface TextStyle {
  font: Font;
  size: number;
  /** Extra space between glyphs, in em (negative tightens display sizes, as Inter recommends). */
  tracking?: number;
}

const glyphFor = (font: Font, ch: string): Glyph | undefined => {
  const g = font.charToGlyph(ch);
  return g && g.index !== 0 ? g : undefined;
};

/** Widths of spaces that Inter may not carry as glyphs, in em. */
const SPACE_EM: Record<string, number> = { [NBSP]: 0.28, [NNBSP]: 0.16, ' ': 0.28, '\u2060': 0 };

const advance = (font: Font, ch: string, size: number): number => {
  const g = glyphFor(font, ch);
  if (g && g.advanceWidth !== undefined && !(ch in SPACE_EM && ch !== ' '))
    return (g.advanceWidth / font.unitsPerEm) * size;
  if (ch in SPACE_EM) return SPACE_EM[ch]! * size;
  return 0.5 * size;
};

export const measure = (text: string, style: TextStyle): number => {
  const chars = [...text];
  let width = 0;
  for (const ch of chars) width += advance(style.font, ch, style.size);
  return width + Math.max(0, chars.length - 1) * (style.tracking ?? 0) * style.size;
};

/** Characters the font cannot draw (a golden test asserts none for French headlines). */
export const missingGlyphs = (font: Font, text: string): string[] =>
  [...new Set([...text.normalize('NFC')])].filter((ch) => !(ch in SPACE_EM) && !glyphFor(font, ch));

/** Words separated at ordinary spaces only: no-break spaces keep their neighbours together. */
const words = (text: string): string[] => text.split(BREAKABLE).filter((w) => w.length > 0);

const greedy = (ws: string[], style: TextStyle, maxWidth: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const w of ws) {
    const candidate = line ? `${line} ${w}` : w;
    if (!line || measure(candidate, style) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
};

/**
 * Same number of lines as the greedy wrap, but with the narrowest width that keeps it: lines
 * come out even instead of a long line over a lonely last word.
 */
const balanced = (ws: string[], style: TextStyle, maxWidth: number): string[] => {
  const base = greedy(ws, style, maxWidth);
  if (base.length <= 1) return base;
  let lo = Math.max(...ws.map((w) => measure(w, style)));
  let hi = maxWidth;
  let best = base;
  while (hi - lo > 2) {
    const mid = (lo + hi) / 2;
    const trial = greedy(ws, style, mid);
    if (trial.length <= base.length) {
      best = trial;
      hi = mid;
    } else lo = mid;
  }
  return best;
};

const ellipsize = (line: string, style: TextStyle, maxWidth: number): string => {
  let out = line;
  while (out.length > 1 && measure(`${out}…`, style) > maxWidth) out = out.slice(0, -1).trimEnd();
  return `${out.replace(/[\s,;:.\u00a0\u202f—–-]+$/u, '')}…`;
};

export interface WrapOptions {
  maxWidth: number;
  maxLines: number;
  maxSize: number;
  minSize: number;
  lineHeight: number;
  tracking?: number;
  /** Height available for the block; sizes whose block is taller are skipped. */
  maxHeight?: number;
}

export interface WrappedText {
  lines: string[];
  size: number;
  lineHeight: number;
  width: number;
  height: number;
  truncated: boolean;
  tracking: number;
}

const builder =
  (font: Font, o: WrapOptions) =>
  (lines: string[], size: number, truncated: boolean): WrappedText => {
    const tracking = o.tracking ?? 0;
    const style = { font, size, tracking };
    return {
      lines,
      size,
      lineHeight: size * o.lineHeight,
      width: Math.max(0, ...lines.map((ln) => measure(ln, style))),
      height: lines.length ? size * o.lineHeight * (lines.length - 1) + size : 0,
      truncated,
      tracking,
    };
  };

/** The largest size (in 2 px steps) at which every word of the text fits the box, if any. */
export const fitText = (text: string, font: Font, o: WrapOptions): WrappedText | undefined => {
  const ws = words(text);
  const tracking = o.tracking ?? 0;
  const build = builder(font, o);
  for (let size = o.maxSize; size >= o.minSize; size -= 2) {
    const style = { font, size, tracking };
    if (ws.some((w) => measure(w, style) > o.maxWidth)) continue;
    const lines = balanced(ws, style, o.maxWidth);
    const height = size * o.lineHeight * (lines.length - 1) + size;
    if (lines.length <= o.maxLines && (o.maxHeight === undefined || height <= o.maxHeight))
      return build(lines, size, false);
  }
  return undefined;
};

/** The largest size (in 2 px steps) at which the text fits the box; truncates at the smallest. */
export const wrapText = (text: string, font: Font, o: WrapOptions): WrappedText => {
  const fitted = fitText(text, font, o);
  if (fitted) return fitted;
  const ws = words(text);
  const tracking = o.tracking ?? 0;
  const build = builder(font, o);
  const style = { font, size: o.minSize, tracking };
  const lines = greedy(ws, style, o.maxWidth).flatMap((ln) =>
    measure(ln, style) > o.maxWidth ? [ellipsize(ln, style, o.maxWidth)] : [ln],
  );
  if (lines.length <= o.maxLines)
    return build(
      lines,
      o.minSize,
      lines.some((ln) => ln.endsWith('…')),
    );
  const kept = lines.slice(0, o.maxLines);
  kept[kept.length - 1] = ellipsize(`${kept[kept.length - 1] ?? ''} ${lines[o.maxLines] ?? ''}`, style, o.maxWidth);
  return build(kept, o.minSize, true);
};

/** Punctuation that closes a phrase: a headline may stop after it without cutting a thought. */
const PHRASE_END = /[,;:.!?…»)—–]$/u;

/**
 * Shorter wordings of a headline that stop at the end of a phrase, longest first: "A : B, C" gives
 * "A : B" and "A". Trailing joiners (, ; : —) are dropped; a closing ? ! or . is kept.
 */
export const phrasePrefixes = (text: string): string[] => {
  const ws = words(text);
  const out: string[] = [];
  for (let i = ws.length - 2; i >= 0; i -= 1) {
    if (!PHRASE_END.test(ws[i]!) && !/^[—–]/u.test(ws[i + 1]!)) continue;
    const prefix = ws
      .slice(0, i + 1)
      .join(' ')
      .replace(/[\s\u00a0\u202f]*[,;:—–]$/u, '')
      .trim();
    if (prefix && !out.includes(prefix)) out.push(prefix);
  }
  return out;
};

export interface FittedHeadline extends WrappedText {
  /** The words set on the picture (a shorter wording when the whole headline did not fit). */
  shown: string;
  shortened: boolean;
}

/**
 * The headline on the card, readable at feed size and never cut inside a phrase: up to four lines
 * at the largest size that fits (40 px at least, readable on a phone), else the longest wording
 * that stops at the end of a phrase ("Clinique dentaire à Québec : les rendez-vous…" becomes
 * "Clinique dentaire à Québec"), else smaller type over more lines. Only a single phrase too long
 * for all of that (hundreds of characters without punctuation) ends in an ellipsis.
 */
export const fitHeadline = (
  text: string,
  font: Font,
  o: Omit<WrapOptions, 'maxLines' | 'minSize'> & { maxHeight: number; maxLines?: number; minSize?: number },
): FittedHeadline => {
  // A canvas larger than the feed card (Instagram, LinkedIn) scales the floor and the line count.
  const maxLines = o.maxLines ?? 4;
  const minSize = o.minSize ?? 40;
  const attempt = (candidate: string) => fitText(candidate, font, { ...o, maxLines, minSize });
  const whole = attempt(text);
  if (whole) return { ...whole, shown: text, shortened: false };
  for (const prefix of phrasePrefixes(text)) {
    const fitted = attempt(prefix);
    if (fitted) return { ...fitted, shown: prefix, shortened: true };
  }
  const smallMax = Math.round(minSize * 0.8);
  const smallMin = Math.round(minSize * 0.7);
  const small = fitText(text, font, { ...o, maxLines: maxLines * 3, maxSize: smallMax, minSize: smallMin });
  if (small) return { ...small, shown: text, shortened: false };
  const cut = wrapText(text, font, { ...o, maxLines: maxLines * 3, maxSize: smallMin, minSize: smallMin });
  return { ...cut, shown: cut.lines.join(' '), shortened: true };
};

const num = (v: number | undefined): string => {
  const n = Math.round((v ?? 0) * 100) / 100;
  return Number.isFinite(n) ? String(n) : '0';
};

/**
 * Our own serialiser: opentype.js's `toPathData` "optimize" pass emits NaN for some composite
 * glyphs (é at certain positions), and librsvg drops everything after the first bad number.
 */
const pathData = (commands: PathCommand[]): string => {
  let d = '';
  for (const c of commands) {
    if (c.type === 'M' || c.type === 'L') d += `${c.type}${num(c.x)} ${num(c.y)}`;
    else if (c.type === 'Q') d += `Q${num(c.x1)} ${num(c.y1)} ${num(c.x)} ${num(c.y)}`;
    else if (c.type === 'C') d += `C${num(c.x1)} ${num(c.y1)} ${num(c.x2)} ${num(c.y2)} ${num(c.x)} ${num(c.y)}`;
    else if (c.type === 'Z') d += 'Z';
  }
  return d;
};

/** SVG path data for one line of text, left edge at x, baseline at y. */
export const textPathData = (text: string, style: TextStyle, x: number, y: number): string => {
  const parts: string[] = [];
  let pen = x;
  const track = (style.tracking ?? 0) * style.size;
  for (const ch of text) {
    const g = ch in SPACE_EM ? undefined : glyphFor(style.font, ch);
    if (g) parts.push(pathData(g.getPath(pen, y, style.size).commands));
    pen += advance(style.font, ch, style.size) + track;
  }
  return parts.join('');
};
