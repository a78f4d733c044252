import type { EditorAction } from './state/editor-state.js';
import type { LineAction } from './state/line-input.js';
import type { ModeKind } from './state/screen-state.js';
import {
  APPROVE_BINDINGS,
  BROWSE_BINDINGS,
  CALENDAR_BINDINGS,
  EDITOR_BINDINGS,
  EDITOR_TEXT_BINDINGS,
  HISTORY_BINDINGS,
  LINE_BINDINGS,
  LINE_TEXT_BINDINGS,
  OVERLAY_BINDINGS,
  PLATFORMS_BINDINGS,
  type Binding,
  type Capabilities,
  type KeyPress,
} from './keybindings.js';

/* How a key press becomes a command: the tables are in keybindings.ts, the resolution here. */

export const available = <C extends string>(bindings: Binding<C>[], caps: Capabilities): Binding<C>[] =>
  bindings.filter((b) => !b.requires || caps[b.requires]);

/** The first binding of the table that claims this key press, if any. */
export const resolveKey = <C extends string>(
  bindings: Binding<C>[],
  caps: Capabilities,
  input: string,
  key: KeyPress,
): C | undefined => available(bindings, caps).find((b) => b.match(input, key))?.command;

/** Characters a text field keeps: printable ones, and in the editor tab and line breaks. */
const keepChar = (ch: string, multiline: boolean): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x7f) return false;
  if (code >= 0x20) return true;
  return code === 0x0a || code === 0x0d || (multiline && code === 0x09);
};

/**
 * The text a key press types into a field, or undefined when it types nothing (a key that is
 * neither a command nor text, or only control bytes Ink did not recognise as a key). A paste
 * arrives as one press and is typed whole.
 */
export const typedText = (input: string, key: KeyPress, multiline: boolean): string | undefined => {
  if (key.ctrl || key.meta || key.escape || key.tab || key.pageUp || key.pageDown) return undefined;
  if (key.upArrow || key.downArrow || key.return) return undefined;
  const text = [...input].filter((ch) => keepChar(ch, multiline)).join('');
  return text || undefined;
};

const NO_CAPS: Capabilities = { image: false, preview: false, externalEditor: false };

/** What a key does in the inline editor once its commands (save, cancel) are ruled out. */
export const editorAction = (input: string, key: KeyPress): EditorAction | undefined => {
  const command = resolveKey(EDITOR_TEXT_BINDINGS, NO_CAPS, input, key);
  if (command === 'newline') return { type: 'insert', text: '\n' };
  if (command) return { type: command };
  const text = typedText(input, key, true);
  return text ? { type: 'insert', text } : undefined;
};

/** What a key does in a one-line field once its commands (submit, cancel) are ruled out. */
export const lineAction = (input: string, key: KeyPress): LineAction | undefined => {
  const command = resolveKey(LINE_TEXT_BINDINGS, NO_CAPS, input, key);
  if (command === 'left' || command === 'right' || command === 'home' || command === 'end' || command === 'backspace')
    return { type: command };
  const text = typedText(input, key, false);
  return text ? { type: 'insert', text } : undefined;
};

/** The table the help bar shows in each mode (the mode's component handles the same keys). */
export const barBindings = (mode: ModeKind): Binding<string>[] => {
  switch (mode) {
    case 'edit':
      return EDITOR_BINDINGS;
    case 'history':
      return HISTORY_BINDINGS;
    case 'approve':
      return APPROVE_BINDINGS;
    case 'regenerate':
    case 'reject':
    case 'approveTime':
      return LINE_BINDINGS;
    case 'help':
    case 'preview':
      return OVERLAY_BINDINGS;
    case 'platforms':
      return PLATFORMS_BINDINGS;
    case 'calendar':
      return CALENDAR_BINDINGS;
    case 'browse':
    case 'external':
      return BROWSE_BINDINGS;
  }
};
