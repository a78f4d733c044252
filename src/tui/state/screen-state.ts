import type { SlotProposal } from '../actions.js';
import { createEditor, editorReducer, type EditorAction, type EditorState, type EditorView } from './editor-state.js';
import { createLine, lineReducer, type LineAction, type LineState } from './line-input.js';

/** What the screen shows and which keys mean what: pure state, no data loading. */

export type Mode =
  | { kind: 'browse' }
  | { kind: 'help' }
  | { kind: 'preview'; lines?: string[] | undefined }
  /** A tab per platform: the text each one publishes from the selected variant. */
  | { kind: 'platforms'; tab: number }
  /** `platform`: a platform's own text of the variant (from the platforms view, back to its tab). */
  | { kind: 'edit'; editor: EditorState; platform?: { name: 'instagram' | 'linkedin'; tab: number } | undefined }
  /** What is being edited is fixed when $EDITOR opens, so a reload meanwhile cannot change it. */
  | { kind: 'external'; postId: string; variant: number; text: string }
  | { kind: 'regenerate'; input: LineState }
  /** The version shown, by number (undefined: the current one), so a reload cannot shift it. */
  | { kind: 'history'; versionNo?: number | undefined }
  | { kind: 'approve'; proposal?: SlotProposal | undefined; shift: number }
  | { kind: 'approveTime'; input: LineState; proposal?: SlotProposal | undefined }
  | { kind: 'reject'; input: LineState }
  /** The editorial calendar: its cursor and a move in progress are the screen's own state. */
  | { kind: 'calendar' };

export type ModeKind = Mode['kind'];

export interface Notice {
  tone: 'info' | 'success' | 'error';
  text: string;
}

export interface Busy {
  label: string;
  detail?: string | undefined;
  startedAt: number;
}

export interface ScreenState {
  mode: Mode;
  /** Selected variant number (1-based, as people and the services count). */
  variant: number;
  scroll: number;
  notice?: Notice | undefined;
  busy?: Busy | undefined;
}

export const initialScreen: ScreenState = { mode: { kind: 'browse' }, variant: 1, scroll: 0 };

export type ScreenAction =
  | { type: 'selectVariant'; variant: number; count: number }
  | { type: 'shiftVariant'; delta: number; count: number }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'mode'; mode: Mode }
  | { type: 'browse' }
  | { type: 'startEdit'; text: string; platform?: { name: 'instagram' | 'linkedin'; tab: number } | undefined }
  | { type: 'editor'; action: EditorAction; view: EditorView }
  | { type: 'line'; action: LineAction }
  | { type: 'history'; delta: number; versions: number[]; current: number }
  | { type: 'proposal'; proposal: SlotProposal }
  | { type: 'shiftSlot'; minutes: number }
  /** `initial`: the slot as shown (moved or not), so the prompt starts from what the owner sees. */
  | { type: 'typeTime'; initial?: string | undefined }
  | { type: 'notice'; notice: Notice | undefined }
  | { type: 'busy'; label: string; now: number }
  | { type: 'progress'; detail: string }
  | { type: 'idle' }
  | { type: 'postChanged'; keepVariant: boolean };

const clampVariant = (n: number, count: number) => Math.min(Math.max(1, n), Math.max(1, count));

export const screenReducer = (s: ScreenState, a: ScreenAction): ScreenState => {
  switch (a.type) {
    case 'selectVariant':
      return a.variant > a.count ? s : { ...s, variant: clampVariant(a.variant, a.count), scroll: 0 };
    case 'shiftVariant':
      return { ...s, variant: ((s.variant - 1 + a.delta + a.count * 2) % Math.max(1, a.count)) + 1, scroll: 0 };
    case 'scroll':
      return { ...s, scroll: Math.min(Math.max(0, s.scroll + a.delta), Math.max(0, a.max)) };
    case 'mode':
      return { ...s, mode: a.mode };
    case 'browse':
      return { ...s, mode: { kind: 'browse' } };
    case 'startEdit':
      return { ...s, mode: { kind: 'edit', editor: createEditor(a.text), platform: a.platform }, notice: undefined };
    case 'editor':
      return s.mode.kind === 'edit'
        ? { ...s, mode: { ...s.mode, editor: editorReducer(s.mode.editor, a.action, a.view) } }
        : s;
    case 'line':
      if (s.mode.kind === 'regenerate' || s.mode.kind === 'reject' || s.mode.kind === 'approveTime') {
        return { ...s, mode: { ...s.mode, input: lineReducer(s.mode.input, a.action) } };
      }
      return s;
    case 'history': {
      if (s.mode.kind !== 'history' || a.versions.length === 0) return s;
      const at = Math.max(0, a.versions.indexOf(s.mode.versionNo ?? a.current));
      return {
        ...s,
        mode: { kind: 'history', versionNo: a.versions[Math.min(Math.max(0, at + a.delta), a.versions.length - 1)] },
      };
    }
    case 'proposal':
      return s.mode.kind === 'approve' ? { ...s, mode: { kind: 'approve', proposal: a.proposal, shift: 0 } } : s;
    case 'shiftSlot':
      return s.mode.kind === 'approve' && s.mode.proposal
        ? { ...s, mode: { ...s.mode, shift: s.mode.shift + a.minutes } }
        : s;
    case 'typeTime':
      return s.mode.kind === 'approve'
        ? {
            ...s,
            mode: {
              kind: 'approveTime',
              input: createLine(a.initial ?? s.mode.proposal?.local ?? ''),
              proposal: s.mode.proposal,
            },
          }
        : s;
    case 'notice':
      return { ...s, notice: a.notice };
    case 'busy':
      return { ...s, busy: { label: a.label, startedAt: a.now }, notice: undefined };
    case 'progress':
      return s.busy ? { ...s, busy: { ...s.busy, detail: a.detail } } : s;
    case 'idle':
      return { ...s, busy: undefined };
    case 'postChanged':
      return { ...s, mode: { kind: 'browse' }, scroll: 0, variant: a.keepVariant ? s.variant : 1 };
  }
};
