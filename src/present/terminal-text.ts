/**
 * Text from outside (a topic, a post, a rejection reason, a file name, an upstream error) may
 * carry escape sequences that a terminal would obey: clear the screen, rewrite the title, hide
 * or reorder what follows, or fake a prompt with a carriage return. Before such text reaches a
 * terminal, control characters are shown as visible symbols instead of being sent raw.
 *
 * Kept as they are: line feed and tab (layout), and the joiners and variation selectors that
 * emoji need. Shown as visible marks: C0 and C1 controls (ESC as ␛, CR as ␍…), DEL, and the
 * bidirectional embedding, override and isolate controls (as <U+202E>).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Our own colour codes: SGR only (ESC [ digits ; … m), which cannot move the cursor or clear. */
// eslint-disable-next-line no-control-regex -- an SGR sequence starts with ESC
const SGR = /\u001b\[[0-9;]*m/g;

const visible = (c: string): string => {
  const code = c.codePointAt(0)!;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
};

/** Every control character made visible: for text that must contain no escape at all. */
export const neutralise = (text: string): string => text.replace(CONTROLS, visible);

/**
 * For output that may carry our own colours: SGR sequences are kept, every other control
 * character (including an ESC that does not start an SGR sequence) is made visible.
 */
export const neutraliseKeepingColour = (text: string): string => {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SGR)) {
    out += neutralise(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + neutralise(text.slice(last));
};

/** True when the text holds something a terminal would interpret. */
export const hasControls = (text: string): boolean => {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text);
};

/**
 * The same, one character for one (offsets into the text stay valid: the studio highlights lint
 * findings by offset): C0 controls as their control pictures, anything else as U+FFFD.
 */
export const neutraliseSameLength = (text: string): string =>
  text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
