import type { Lang } from '../i18n/localized.js';
import { keysLabel, type Binding, type Capabilities } from './keybindings.js';
import { available } from './key-resolve.js';
import type { ModeKind, Notice } from './state/screen-state.js';
import { truncate, wrapPlain } from './text-layout.js';

/**
 * The frame's geometry, as pure functions of the terminal size and the state: the root lays
 * out the fixed lines, the mode's component the main area.
 */

/** Side by side from this width; below it, one variant at a time with tabs. */
export const WIDE_COLUMNS = 150;
/** The approve panel under the variants. */
export const APPROVE_PANEL_ROWS = 4;
/** A one-line prompt under the variants: label, field, hint. */
export const LINE_PROMPT_ROWS = 3;

/** The notice wrapped to at most three lines, so an error's fix is readable at 80 columns. */
export const noticeLines = (notice: Notice | undefined, width: number): string[] => {
  if (!notice) return [''];
  const mark = notice.tone === 'error' ? '✖' : notice.tone === 'success' ? '✔' : '›';
  const lines = wrapPlain(`${mark} ${notice.text}`, width);
  return lines.length > 3 ? [...lines.slice(0, 2), truncate(lines.slice(2).join(' '), width)] : lines;
};

/** Lays the bindings out on as few lines as the width allows. */
export const helpBarLines = <C extends string>(
  bindings: Binding<C>[],
  lang: Lang,
  width: number,
  caps: Capabilities,
  extra: string[] = [],
): string[] => {
  const items = [
    ...extra,
    ...available(bindings, caps)
      .filter((b) => b.bar)
      .map((b) => `${keysLabel(b.keys, lang)} ${b.label[lang]}`),
  ];
  const lines: string[] = [];
  let current = '';
  for (const item of items) {
    const next = current ? `${current} · ${item}` : item;
    if (next.length > width && current) {
      lines.push(current);
      current = item;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines.map((line) => truncate(line, width));
};

/** Modes that keep the variants on screen, with their panel (if any) underneath. */
const PANEL_ROWS: Partial<Record<ModeKind, number>> = {
  browse: 0,
  approve: APPROVE_PANEL_ROWS,
  approveTime: LINE_PROMPT_ROWS,
  reject: LINE_PROMPT_ROWS,
  regenerate: LINE_PROMPT_ROWS,
};

export interface FrameLayout {
  /** The frame's width, one column short of the terminal's. */
  width: number;
  /** One line short of the terminal so Ink redraws in place instead of clearing. */
  frameHeight: number;
  wide: boolean;
  showTabs: boolean;
  helpLines: string[];
  /** Height left for the mode's own area. */
  mainHeight: number;
}

export const frameLayout = (f: {
  size: { columns: number; rows: number };
  mode: ModeKind;
  hasPost: boolean;
  busy: boolean;
  notice: Notice | undefined;
  help: { bindings: Binding<string>[]; lang: Lang; caps: Capabilities; extra: string[] };
}): FrameLayout => {
  const width = Math.max(20, f.size.columns - 1);
  const frameHeight = Math.max(8, f.size.rows - 1);
  const wide = f.size.columns >= WIDE_COLUMNS;
  const helpLines = helpBarLines(f.help.bindings, f.help.lang, width, f.help.caps, f.help.extra);
  const showTabs = !wide && f.hasPost && PANEL_ROWS[f.mode] !== undefined;
  const statusRows = f.busy ? 1 : noticeLines(f.notice, width).length;
  const fixedRows = 1 + (showTabs ? 1 : 0) + 1 + statusRows + helpLines.length;
  return { width, frameHeight, wide, showTabs, helpLines, mainHeight: Math.max(3, frameHeight - fixedRows) };
};

export interface PaneLayout {
  paneHeight: number;
  paneWidth: number;
  /** Width of a variant's text inside its pane (boxed panes lose their borders). */
  textWidth: number;
}

/** The variant panes above the mode's panel: side by side when wide, else the selected one. */
export const paneLayout = (frame: FrameLayout, mode: ModeKind, count: number): PaneLayout => {
  const paneHeight = Math.max(3, frame.mainHeight - (PANEL_ROWS[mode] ?? 0));
  const paneCount = Math.max(1, count);
  const paneWidth = frame.wide ? Math.floor((frame.width - (paneCount - 1)) / paneCount) : frame.width;
  return { paneHeight, paneWidth, textWidth: frame.wide ? paneWidth - 2 : paneWidth };
};
