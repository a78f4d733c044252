import { suggestionText } from '../content/lint/suggestion-text.js';
import { labelOf, SEVERITY_LABELS } from '../present/labels.js';
import type { Localized } from '../i18n/localized.js';
import type { LintFinding, Severity } from './view-model.js';

/**
 * Word-wraps a variant's text to a column width, keeping lint spans as tagged segments so
 * the screen can colour them, and inserting visible markers (⟦…⟧¹) that survive NO_COLOR.
 * Wrapping here (not in Ink) is what lets the screen know how many lines the text takes.
 */

export interface Segment {
  text: string;
  /** 1-based number of the finding this segment belongs to (0: plain text). */
  finding: number;
  severity?: Severity | undefined;
  /** For diffs: an inserted or deleted run. */
  change?: 'add' | 'del' | undefined;
  marker: boolean;
}

export type Line = Segment[];

interface Cell {
  ch: string;
  finding: number;
  severity?: Severity | undefined;
  change?: 'add' | 'del' | undefined;
  marker: boolean;
}

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
export const superscript = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT[Number(d)] ?? d).join('');

/** A finding's footnote line: number, rule, severity, message in the screen's language, suggestion. */
export const findingLine = (f: LintFinding, i: number, t: (text: Localized) => string): string =>
  `${superscript(i + 1)} ${f.ruleId} (${f.severity ? t(labelOf(SEVERITY_LABELS, f.severity)) : ''}): ${typeof f.message === 'string' ? f.message : t(f.message)}${f.suggestion ? ` → ${t(suggestionText(f.ruleId, f.suggestion))}` : ''}`;
export const OPEN_MARK = '⟦';
export const CLOSE_MARK = '⟧';

/** Findings that can be drawn (overlaps after the first are listed but not bracketed). */
export const drawableFindings = (findings: LintFinding[]): Set<number> => {
  const drawn = new Set<number>();
  let lastEnd = -1;
  findings.forEach((f, i) => {
    if (f.start >= lastEnd) {
      drawn.add(i);
      lastEnd = f.end;
    }
  });
  return drawn;
};

const toCells = (text: string, findings: LintFinding[], markers: boolean): Cell[] => {
  const drawn = drawableFindings(findings);
  const opens = new Map<number, number>();
  const closes = new Map<number, number>();
  findings.forEach((f, i) => {
    if (!drawn.has(i)) return;
    opens.set(f.start, i);
    closes.set(f.end, i);
  });
  const cells: Cell[] = [];
  let current = -1;
  let pos = 0;
  const closeAt = (at: number) => {
    const i = closes.get(at);
    if (i !== undefined && i === current) {
      const sev = findings[i]!.severity;
      if (markers)
        for (const ch of `${CLOSE_MARK}${superscript(i + 1)}`)
          cells.push({ ch, finding: i + 1, severity: sev, marker: true });
      current = -1;
    }
  };
  for (const ch of text) {
    closeAt(pos);
    const o = opens.get(pos);
    if (o !== undefined && current === -1) {
      current = o;
      if (markers) cells.push({ ch: OPEN_MARK, finding: o + 1, severity: findings[o]!.severity, marker: true });
    }
    cells.push(
      current === -1
        ? { ch, finding: 0, marker: false }
        : { ch, finding: current + 1, severity: findings[current]!.severity, marker: false },
    );
    pos += ch.length;
  }
  closeAt(pos);
  return cells;
};

const toSegments = (cells: Cell[]): Line => {
  const line: Line = [];
  for (const c of cells) {
    const last = line[line.length - 1];
    if (last && last.finding === c.finding && last.marker === c.marker && last.change === c.change) last.text += c.ch;
    else line.push({ text: c.ch, finding: c.finding, severity: c.severity, change: c.change, marker: c.marker });
  }
  return line;
};

const wrapCells = (cells: Cell[], width: number): Cell[][] => {
  const lines: Cell[][] = [];
  let start = 0;
  while (cells.length - start > width) {
    let cut = -1;
    for (let i = start + width; i > start; i -= 1) {
      if (cells[i]!.ch === ' ' && !cells[i]!.marker) {
        cut = i;
        break;
      }
    }
    if (cut === -1) {
      lines.push(cells.slice(start, start + width));
      start += width;
    } else {
      lines.push(cells.slice(start, cut));
      start = cut + 1;
    }
  }
  lines.push(cells.slice(start));
  return lines;
};

const layoutCells = (cells: Cell[], width: number): Line[] => {
  const w = Math.max(8, width);
  const paragraphs: Cell[][] = [[]];
  for (const c of cells) {
    if (c.ch === '\n' && !c.marker) paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]!.push(c);
  }
  return paragraphs.flatMap((p) => wrapCells(p, w)).map(toSegments);
};

export const layoutText = (
  text: string,
  findings: LintFinding[],
  width: number,
  options: { markers?: boolean } = {},
): Line[] => layoutCells(toCells(text, findings, options.markers ?? true), width);

export interface DiffPart {
  value: string;
  added?: boolean | undefined;
  removed?: boolean | undefined;
}

/** A word diff as wrapped lines; [-deleted-] and {+inserted+} stay readable without colour. */
export const layoutDiff = (parts: DiffPart[], width: number): Line[] => {
  const cells: Cell[] = [];
  for (const p of parts) {
    const change = p.added ? 'add' : p.removed ? 'del' : undefined;
    const [open, close] = change === 'add' ? ['{+', '+}'] : change === 'del' ? ['[-', '-]'] : ['', ''];
    for (const ch of open) cells.push({ ch, finding: 0, change, marker: true });
    for (const ch of p.value) cells.push({ ch, finding: 0, change, marker: false });
    for (const ch of close) cells.push({ ch, finding: 0, change, marker: true });
  }
  return layoutCells(cells, width);
};

/** Plain word wrap for short strings (reasons, messages). */
export const wrapPlain = (text: string, width: number): string[] =>
  layoutText(text, [], width, { markers: false }).map((line) => line.map((s) => s.text).join(''));

export const truncate = (text: string, width: number): string => {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`;
};
