/**
 * Text charts for the terminal. Unicode block glyphs when the terminal speaks UTF-8, plain
 * ASCII otherwise; missing values get their own glyph so a gap never reads as a zero.
 */
export interface Glyphs {
  unicode: boolean;
}

const SPARK_UNICODE = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const SPARK_ASCII = ['_', '.', ':', '-', '=', '+', '*', '#'];
const PARTIAL = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const SHADES_UNICODE = ['░', '▒', '▓', '█'];
const SHADES_ASCII = ['.', 'o', 'O', '@'];

export const gapGlyph = (g: Glyphs) => (g.unicode ? '·' : '~');

export const sparkline = (values: (number | null)[], g: Glyphs): string => {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return values.map(() => gapGlyph(g)).join('');
  const min = Math.min(...present);
  const max = Math.max(...present);
  const ramp = g.unicode ? SPARK_UNICODE : SPARK_ASCII;
  return values
    .map((v) => {
      if (v === null) return gapGlyph(g);
      // A flat series of zeros is the lowest glyph (nothing happened), not a full bar.
      if (max === min) return max === 0 ? ramp[0]! : ramp[ramp.length - 1]!;
      const i = Math.round(((v - min) / (max - min)) * (ramp.length - 1));
      return ramp[i]!;
    })
    .join('');
};

/** A horizontal bar of at most `width` cells, eighth-cell precision in Unicode. */
export const bar = (value: number | null, max: number, width: number, g: Glyphs): string => {
  if (value === null) return gapGlyph(g);
  if (max <= 0 || value <= 0) return '';
  const cells = (Math.min(value, max) / max) * width;
  if (!g.unicode) return '#'.repeat(Math.max(1, Math.round(cells)));
  const full = Math.floor(cells);
  const part = PARTIAL[Math.round((cells - full) * 8) % 8]!;
  return '█'.repeat(full) + part || '▏';
};

/** Shade for a heatmap cell relative to the best cell. */
export const shade = (value: number | null, max: number, g: Glyphs): string => {
  if (value === null) return gapGlyph(g);
  const ramp = g.unicode ? SHADES_UNICODE : SHADES_ASCII;
  if (max <= 0) return ramp[0]!;
  return ramp[Math.min(ramp.length - 1, Math.floor((value / max) * ramp.length))]!;
};

/** True when the locale promises UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as libc reads them). */
export const unicodeFromEnv = (env: NodeJS.ProcessEnv): boolean => {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  if (!locale) return process.platform === 'win32';
  return /utf-?8/i.test(locale);
};

const ASCII_MAP: Record<string, string> = {
  '→': '->',
  '≥': '>=',
  '≤': '<=',
  '−': '-',
  '±': '+/-',
  '…': '...',
  '—': '-',
  '–': '-',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '×': 'x',
  '•': '*',
  '·': '.',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** For a terminal that is not UTF-8: punctuation to ASCII, accents dropped, anything else as '?'. */
export const toAscii = (s: string): string =>
  s
    .replace(/[→≥≤−±…—–’‘“”«»×•·\u00a0\u202f]/g, (c) => ASCII_MAP[c] ?? '?')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{ASCII}]/gu, '?');
