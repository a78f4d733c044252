import type { Style } from './style.js';
import { displayWidth, truncate, wrapText } from './text.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /**
   * Which columns give way first when the table is too wide: the highest number shrinks first,
   * down to its `min`; then optional columns are dropped, the highest number first.
   */
  priority: number;
  /** The narrowest this column may become (default: its header's width). */
  min?: number;
  /** A long value is wrapped onto more lines, or cut with an ellipsis (one line per row). */
  overflow?: 'wrap' | 'truncate';
  /** May be left out entirely when the minimum widths still do not fit. */
  optional?: boolean;
  /** Colour for a cell's text (after fitting, so widths count the text only). */
  paint?: (text: string, row: number) => string;
}

export interface TableOptions {
  /** Columns to fit into; undefined keeps every value whole (piped output, --wide). */
  width?: number | undefined;
  style: Style;
  unicode?: boolean;
  /** Spaces before every line. */
  indent?: number;
}

const GAP = 2;

/** The width of each column (0 = left out) so that the table fits `width`. */
export const fitColumns = (
  columns: readonly Column[],
  natural: readonly number[],
  width: number,
  indent = 0,
): number[] => {
  const widths = [...natural];
  const total = () =>
    indent + widths.reduce((sum, w) => sum + w, 0) + GAP * Math.max(0, widths.filter((w) => w > 0).length - 1);
  const byPriority = columns.map((c, i) => ({ c, i })).sort((a, b) => b.c.priority - a.c.priority);
  for (const { c, i } of byPriority) {
    const excess = total() - width;
    if (excess <= 0) break;
    const floor = Math.min(natural[i]!, c.min ?? displayWidth(c.header));
    widths[i] = Math.max(floor, widths[i]! - excess);
  }
  for (const { c, i } of byPriority) {
    if (total() <= width) break;
    if (c.optional) widths[i] = 0;
  }
  return widths;
};

/**
 * A plain table for the terminal: a bold header, a rule, rows; columns two spaces apart. Fitted to
 * the width by priority (wrap or ellipsis per column); with no width every value stays whole.
 */
export const renderTable = (columns: readonly Column[], rows: readonly string[][], o: TableOptions): string => {
  const indent = ' '.repeat(o.indent ?? 0);
  const cellWidth = (cell: string) => Math.max(0, ...cell.split('\n').map(displayWidth));
  const natural = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => cellWidth(r[i] ?? ''))));
  const widths = o.width === undefined ? natural : fitColumns(columns, natural, o.width, o.indent ?? 0);
  const shown = columns.map((c, i) => ({ c, i, w: widths[i]! })).filter((x) => x.w > 0);
  const lastShown = shown.at(-1)?.i;
  const fit = (c: Column, text: string, w: number): string[] =>
    text
      .split('\n')
      .flatMap((line) =>
        displayWidth(line) <= w ? [line] : c.overflow === 'wrap' ? wrapText(line, w) : [truncate(line, w)],
      );
  const line = (cells: { c: Column; i: number; text: string; w: number; row: number }[]) =>
    (
      indent +
      cells
        .map(({ c, i, text, w, row }) => {
          const painted = c.paint && text ? c.paint(text, row) : text;
          // The last column is not padded: no trailing spaces.
          if (i === lastShown && c.align !== 'right') return painted;
          const gap = ' '.repeat(Math.max(0, w - displayWidth(text)));
          return c.align === 'right' ? gap + painted : painted + gap;
        })
        .join(' '.repeat(GAP))
    ).trimEnd();
  const out: string[] = [];
  out.push(
    line(
      shown.map(({ c, i, w }) => ({
        c: { ...c, paint: (t: string) => o.style.bold(t) },
        i,
        text: truncate(c.header, w),
        w,
        row: -1,
      })),
    ),
  );
  const rule = o.unicode === false ? '-' : '─';
  out.push(o.style.dim(indent + shown.map(({ w }) => rule.repeat(w)).join(' '.repeat(GAP))));
  rows.forEach((row, r) => {
    const cells = shown.map(({ c, i, w }) => ({ c, i, w, lines: fit(c, row[i] ?? '', w) }));
    const height = Math.max(1, ...cells.map((x) => x.lines.length));
    for (let k = 0; k < height; k += 1)
      out.push(line(cells.map(({ c, i, w, lines }) => ({ c, i, w, text: lines[k] ?? '', row: r }))));
  });
  return out.join('\n');
};
