import type { KeyPress } from './keybindings.js';
import type { ModeKind } from './state/screen-state.js';

/**
 * Which component handles the next key. Each mode's component handles its own keys; while no
 * post is ready (loading, empty queue, error, a post without variants) the queue screen does,
 * except in the overlays, the calendar and while $EDITOR runs.
 */
export type KeyOwner = ModeKind | 'queue';

export const keyOwner = (mode: ModeKind, ready: boolean): KeyOwner =>
  ready || mode === 'help' || mode === 'preview' || mode === 'external' || mode === 'calendar' ? mode : 'queue';

/** Owners whose keys are text: there a read of several characters is typed whole (a paste). */
export const isTextOwner = (owner: KeyOwner): boolean =>
  owner === 'edit' || owner === 'regenerate' || owner === 'reject' || owner === 'approveTime';

/** One read from the terminal, as Ink reports it: one key, or several characters at once. */
export interface Read {
  input: string;
  key: KeyPress;
}

/** A key press to handle, with the characters of the read it came from. */
export interface Press extends Read {
  raw: string;
}

const isDel = (ch: string) => ch === '\u007f' || ch === '\b';

/**
 * The key presses in one read. Several command keys in one read (fast typing over SSH, a
 * `tmux send-keys`) are several commands; in a text field a burst is text (a paste) and goes in
 * whole. Held-down Backspace arrives as one read of several DEL bytes: that is several
 * Backspaces everywhere.
 */
export const splitRead = (read: Read, text: boolean): Press[] => {
  const chars = [...read.input];
  if (chars.length > 1 && chars.every(isDel)) {
    return chars.map((raw) => ({ input: '', key: { ...read.key, backspace: true }, raw }));
  }
  if (!text && chars.length > 1 && !read.key.ctrl && !read.key.meta && chars.every((ch) => ch >= ' ')) {
    return chars.map((raw) => ({ input: raw, key: { ...read.key }, raw }));
  }
  return [{ ...read, raw: read.input }];
};

/** What is left of a read once its first `taken` presses were handled (then the owner changed). */
export const restOf = (read: Read, presses: Press[], taken: number): Read | undefined => {
  if (taken >= presses.length) return undefined;
  if (taken === 0) return read;
  return {
    input: presses
      .slice(taken)
      .map((p) => p.raw)
      .join(''),
    key: read.key,
  };
};
