import { describe, expect, it } from 'vitest';
import { BROWSE_BINDINGS, EDITOR_BINDINGS, LINE_BINDINGS, OVERLAY_BINDINGS } from '../../src/tui/keybindings.js';
import { barBindings, editorAction, lineAction, typedText } from '../../src/tui/key-resolve.js';
import { isTextOwner, keyOwner, restOf, splitRead } from '../../src/tui/key-routing.js';

describe('text field keys', () => {
  it('maps the editor keys from the table: arrows, Home/End (and Ctrl+A/E), Backspace, Enter', () => {
    expect(editorAction('', { leftArrow: true })).toEqual({ type: 'left' });
    expect(editorAction('', { upArrow: true })).toEqual({ type: 'up' });
    expect(editorAction('a', { ctrl: true })).toEqual({ type: 'home' });
    expect(editorAction('', { end: true })).toEqual({ type: 'end' });
    // Terminals send Backspace as DEL, which Ink reports as `delete`.
    expect(editorAction('', { delete: true })).toEqual({ type: 'backspace' });
    expect(editorAction('\r', { return: true })).toEqual({ type: 'insert', text: '\n' });
    expect(editorAction('é', {})).toEqual({ type: 'insert', text: 'é' });
    expect(editorAction('x', { ctrl: true })).toBeUndefined();
    expect(editorAction('', { pageDown: true })).toBeUndefined();
  });

  it('keeps one-line fields on one line: no up, down or new line', () => {
    expect(lineAction('', { rightArrow: true })).toEqual({ type: 'right' });
    expect(lineAction('e', { ctrl: true })).toEqual({ type: 'end' });
    expect(lineAction('', { upArrow: true })).toBeUndefined();
    expect(lineAction('\r', { return: true })).toBeUndefined();
    expect(lineAction('plus court', {})).toEqual({ type: 'insert', text: 'plus court' });
  });

  it('types printable text and drops control bytes Ink did not recognise (tab only in the editor)', () => {
    expect(typedText('a\u0000b\u0007c\u007f', {}, true)).toBe('abc');
    expect(typedText('a\tb\nc', {}, true)).toBe('a\tb\nc');
    expect(typedText('a\tb\nc', {}, false)).toBe('ab\nc');
    expect(typedText('\u0001', {}, true)).toBeUndefined();
    expect(typedText('x', { meta: true }, true)).toBeUndefined();
  });

  it('lists the commands of each mode in its help bar', () => {
    expect(barBindings('browse')).toBe(BROWSE_BINDINGS);
    expect(barBindings('external')).toBe(BROWSE_BINDINGS);
    expect(barBindings('edit')).toBe(EDITOR_BINDINGS);
    expect(barBindings('reject')).toBe(LINE_BINDINGS);
    expect(barBindings('approveTime')).toBe(LINE_BINDINGS);
    expect(barBindings('preview')).toBe(OVERLAY_BINDINGS);
  });
});

describe('key routing', () => {
  it('gives the keys to the queue screen while no post is ready, except in overlays and $EDITOR', () => {
    expect(keyOwner('browse', true)).toBe('browse');
    expect(keyOwner('edit', true)).toBe('edit');
    expect(keyOwner('browse', false)).toBe('queue');
    expect(keyOwner('approve', false)).toBe('queue');
    expect(keyOwner('help', false)).toBe('help');
    expect(keyOwner('preview', false)).toBe('preview');
    expect(keyOwner('external', false)).toBe('external');
    expect(['edit', 'regenerate', 'reject', 'approveTime'].every((o) => isTextOwner(o as never))).toBe(true);
    expect(isTextOwner('browse') || isTextOwner('approve') || isTextOwner('queue')).toBe(false);
  });

  it('splits a burst of command keys, keeps a burst of text whole, and repeats Backspace', () => {
    expect(splitRead({ input: '2a', key: {} }, false).map((p) => p.input)).toEqual(['2', 'a']);
    expect(splitRead({ input: '2a', key: {} }, true).map((p) => p.input)).toEqual(['2a']);
    // A control character or a modifier: not typing, one key.
    expect(splitRead({ input: 'ab', key: { ctrl: true } }, false)).toHaveLength(1);
    expect(splitRead({ input: 'a\u0001', key: {} }, false)).toHaveLength(1);
    const dels = splitRead({ input: '\u007f\u007f\u007f', key: { delete: true } }, true);
    expect(dels.map((p) => [p.input, p.key.backspace])).toEqual([
      ['', true],
      ['', true],
      ['', true],
    ]);
  });

  it('hands the untaken rest of a read to the next mode as one read', () => {
    const read = { input: 'rqs', key: {} };
    const presses = splitRead(read, false);
    expect(restOf(read, presses, 0)).toBe(read);
    expect(restOf(read, presses, 1)).toEqual({ input: 'qs', key: {} });
    expect(restOf(read, presses, 3)).toBeUndefined();
    const dels = { input: '\u007f\u007f', key: {} };
    expect(restOf(dels, splitRead(dels, true), 1)).toEqual({ input: '\u007f', key: {} });
  });
});
