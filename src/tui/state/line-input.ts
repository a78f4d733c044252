/** A one-line text field (instruction, reason, time) as pure state. */
export interface LineState {
  value: string;
  cursor: number;
}

export type LineAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' };

export const createLine = (value = ''): LineState => ({ value, cursor: value.length });

export const lineReducer = (s: LineState, action: LineAction): LineState => {
  switch (action.type) {
    case 'insert': {
      // One line only: a pasted newline becomes a space.
      const text = action.text.replace(/[\r\n]+/g, ' ');
      return { value: s.value.slice(0, s.cursor) + text + s.value.slice(s.cursor), cursor: s.cursor + text.length };
    }
    case 'backspace':
      return s.cursor === 0
        ? s
        : { value: s.value.slice(0, s.cursor - 1) + s.value.slice(s.cursor), cursor: s.cursor - 1 };
    case 'delete':
      return { ...s, value: s.value.slice(0, s.cursor) + s.value.slice(s.cursor + 1) };
    case 'left':
      return { ...s, cursor: Math.max(0, s.cursor - 1) };
    case 'right':
      return { ...s, cursor: Math.min(s.value.length, s.cursor + 1) };
    case 'home':
      return { ...s, cursor: 0 };
    case 'end':
      return { ...s, cursor: s.value.length };
  }
};
