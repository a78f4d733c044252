/**
 * The inline multi-line editor as pure state: a text, a cursor (string index) and the first
 * visible row. Rows are the text soft-wrapped at word boundaries to the editor's width.
 */

export interface EditorState {
  text: string;
  cursor: number;
  /** Column kept while moving up and down through shorter rows. */
  goal?: number | undefined;
  scroll: number;
  /** Text when editing started, to tell whether there is anything to save. */
  original: string;
}

export interface Row {
  start: number;
  end: number;
  /** Last row of its paragraph: the cursor may sit at `end`. */
  last: boolean;
}

export const createEditor = (text: string): EditorState => ({ text, cursor: text.length, scroll: 0, original: text });

export const rowsOf = (text: string, width: number): Row[] => {
  const w = Math.max(4, width);
  const rows: Row[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lineEnd = lineStart + line.length;
    let s = lineStart;
    while (lineEnd - s > w) {
      const space = text.lastIndexOf(' ', s + w - 1);
      const e = space >= s ? space + 1 : s + w;
      rows.push({ start: s, end: e, last: false });
      s = e;
    }
    rows.push({ start: s, end: lineEnd, last: true });
    lineStart = lineEnd + 1;
  }
  return rows;
};

export const cursorRow = (rows: Row[], cursor: number): number => {
  const i = rows.findIndex((r) => cursor >= r.start && (cursor < r.end || (r.last && cursor === r.end)));
  return i === -1 ? rows.length - 1 : i;
};

export type EditorAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'home' }
  | { type: 'end' };

export interface EditorView {
  width: number;
  height: number;
}

const follow = (s: EditorState, view: EditorView): EditorState => {
  const rows = rowsOf(s.text, view.width);
  const row = cursorRow(rows, s.cursor);
  let scroll = Math.min(s.scroll, Math.max(0, rows.length - 1));
  if (row < scroll) scroll = row;
  if (row >= scroll + view.height) scroll = row - view.height + 1;
  return scroll === s.scroll ? s : { ...s, scroll };
};

export const editorReducer = (s: EditorState, action: EditorAction, view: EditorView): EditorState => {
  const rows = rowsOf(s.text, view.width);
  const row = cursorRow(rows, s.cursor);
  const col = s.cursor - rows[row]!.start;
  let next: EditorState;
  switch (action.type) {
    case 'insert': {
      // Terminals send Enter as \r; pasted text may carry \r\n.
      const text = action.text.replace(/\r\n?/g, '\n');
      next = {
        ...s,
        text: s.text.slice(0, s.cursor) + text + s.text.slice(s.cursor),
        cursor: s.cursor + text.length,
        goal: undefined,
      };
      break;
    }
    case 'backspace':
      next =
        s.cursor === 0
          ? s
          : {
              ...s,
              text: s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor),
              cursor: s.cursor - 1,
              goal: undefined,
            };
      break;
    case 'delete':
      next =
        s.cursor >= s.text.length
          ? s
          : { ...s, text: s.text.slice(0, s.cursor) + s.text.slice(s.cursor + 1), goal: undefined };
      break;
    case 'left':
      next = { ...s, cursor: Math.max(0, s.cursor - 1), goal: undefined };
      break;
    case 'right':
      next = { ...s, cursor: Math.min(s.text.length, s.cursor + 1), goal: undefined };
      break;
    case 'home':
      next = { ...s, cursor: rows[row]!.start, goal: undefined };
      break;
    case 'end': {
      const r = rows[row]!;
      next = { ...s, cursor: r.last ? r.end : Math.max(r.start, r.end - 1), goal: undefined };
      break;
    }
    case 'up':
    case 'down': {
      const target = action.type === 'up' ? row - 1 : row + 1;
      if (target < 0 || target >= rows.length) {
        next = { ...s, cursor: action.type === 'up' ? 0 : s.text.length };
        break;
      }
      const goal = s.goal ?? col;
      const r = rows[target]!;
      const maxCol = r.last ? r.end - r.start : Math.max(0, r.end - r.start - 1);
      next = { ...s, cursor: r.start + Math.min(goal, maxCol), goal };
      break;
    }
  }
  return follow(next, view);
};

export const isDirty = (s: EditorState): boolean => s.text.trim() !== s.original.trim();
