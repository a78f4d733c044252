import type { Lang, Localized } from '../i18n/localized.js';
import { l } from '../i18n/localized.js';

/**
 * Every key of the review studio, in one place: the help bar, the `?` screen and the input
 * handlers all read these tables, so a key never does something the help does not say.
 */

/** The subset of Ink's `Key` the studio looks at (kept structural so tests need no Ink). */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export type BrowseCommand =
  | 'variant1'
  | 'variant2'
  | 'variant3'
  | 'prevVariant'
  | 'nextVariant'
  | 'scrollUp'
  | 'scrollDown'
  | 'edit'
  | 'editExternal'
  | 'regenerate'
  | 'image'
  | 'preview'
  | 'platforms'
  | 'history'
  | 'approve'
  | 'reject'
  | 'skip'
  | 'calendar'
  | 'saveIdea'
  | 'quit'
  | 'help';

export interface Binding<C extends string> {
  command: C;
  /** Shown in the help bar and the `?` screen. */
  keys: string;
  label: Localized;
  /** Only listed and active when the capability exists (e.g. image remake wired in). */
  requires?: keyof Capabilities;
  /** Shown in the one-line help bar (the rest only in `?`). */
  bar?: boolean;
  match: (input: string, key: KeyPress) => boolean;
}

/** Key names as a French keyboard labels them (the help text already says « Entrée », « Échap »). */
const FRENCH_KEY_NAMES: Record<string, string> = { Enter: 'Entrée', Esc: 'Échap', Home: 'Début', End: 'Fin' };

/** A binding's keys as shown to the user, in the interface language. */
export const keysLabel = (keys: string, lang: Lang): string =>
  lang === 'fr' ? keys.replace(/\b(Enter|Esc|Home|End)\b/g, (name) => FRENCH_KEY_NAMES[name] ?? name) : keys;

const plain = (key: KeyPress) => !key.ctrl && !key.meta;

/** ↑/↓ (and PgUp/PgDn) scroll whatever the mode shows. */
const scrollKeys = (up: Localized, down: Localized): Binding<'scrollUp' | 'scrollDown'>[] => [
  { command: 'scrollUp', keys: '↑', label: up, match: (_i, k) => Boolean(k.upArrow) || Boolean(k.pageUp) },
  { command: 'scrollDown', keys: '↓', label: down, match: (_i, k) => Boolean(k.downArrow) || Boolean(k.pageDown) },
];
const char = (c: string) => (input: string, key: KeyPress) => plain(key) && input === c;

export const BROWSE_BINDINGS: Binding<BrowseCommand>[] = [
  { command: 'variant1', keys: '1', label: l('variant 1', 'variante 1'), match: char('1') },
  { command: 'variant2', keys: '2', label: l('variant 2', 'variante 2'), match: char('2') },
  { command: 'variant3', keys: '3', label: l('variant 3', 'variante 3'), match: char('3') },
  {
    command: 'prevVariant',
    keys: '←',
    label: l('previous variant', 'variante précédente'),
    match: (_i, k) => Boolean(k.leftArrow),
  },
  {
    command: 'nextVariant',
    keys: '→',
    label: l('next variant', 'variante suivante'),
    match: (_i, k) => Boolean(k.rightArrow) || Boolean(k.tab),
  },
  ...scrollKeys(l('scroll the text up', 'remonter le texte'), l('scroll the text down', 'descendre le texte')),
  { command: 'edit', keys: 'e', label: l('edit', 'modifier'), bar: true, match: char('e') },
  {
    command: 'editExternal',
    keys: 'E',
    label: l('edit in $EDITOR', 'modifier dans $EDITOR'),
    requires: 'externalEditor',
    match: char('E'),
  },
  { command: 'regenerate', keys: 'g', label: l('regenerate', 'régénérer'), bar: true, match: char('g') },
  {
    command: 'image',
    keys: 'i',
    label: l('remake image', 'refaire l’image'),
    bar: true,
    requires: 'image',
    match: char('i'),
  },
  { command: 'preview', keys: 'v', label: l('view image', 'voir l’image'), requires: 'preview', match: char('v') },
  {
    command: 'platforms',
    keys: 'p',
    label: l('per platform', 'par plateforme'),
    requires: 'platforms',
    match: char('p'),
  },
  { command: 'history', keys: 'h', label: l('history', 'historique'), bar: true, match: char('h') },
  { command: 'approve', keys: 'a', label: l('approve', 'approuver'), bar: true, match: char('a') },
  { command: 'reject', keys: 'r', label: l('reject', 'rejeter'), bar: true, match: char('r') },
  { command: 'skip', keys: 's', label: l('skip', 'passer'), bar: true, match: char('s') },
  {
    command: 'calendar',
    keys: 'c',
    label: l('calendar', 'calendrier'),
    bar: true,
    requires: 'calendar',
    match: char('c'),
  },
  {
    command: 'saveIdea',
    keys: 'I',
    label: l('keep this angle as an idea', 'garder cet angle comme idée'),
    requires: 'ideas',
    match: char('I'),
  },
  {
    command: 'quit',
    keys: 'q',
    label: l('quit', 'quitter'),
    bar: true,
    match: (i, k) => char('q')(i, k) || (Boolean(k.ctrl) && i === 'c'),
  },
  { command: 'help', keys: '?', label: l('help', 'aide'), bar: true, match: char('?') },
];

export type PlatformsCommand = 'prevTab' | 'nextTab' | 'editPlatform' | 'resetPlatform' | 'close';

/** The platforms view: a tab per platform, ←/→ (or Tab) to switch, Esc to go back. */
export const PLATFORMS_BINDINGS: Binding<PlatformsCommand>[] = [
  {
    command: 'prevTab',
    keys: '←',
    label: l('previous platform', 'plateforme précédente'),
    bar: true,
    match: (_i, k) => Boolean(k.leftArrow),
  },
  {
    command: 'nextTab',
    keys: '→/Tab',
    label: l('next platform', 'plateforme suivante'),
    bar: true,
    match: (_i, k) => Boolean(k.rightArrow) || Boolean(k.tab),
  },
  { command: 'editPlatform', keys: 'e', label: l('edit this text', 'modifier ce texte'), bar: true, match: char('e') },
  {
    command: 'resetPlatform',
    keys: 'u',
    label: l('back to the adapted text', 'revenir au texte adapté'),
    bar: true,
    match: char('u'),
  },
  {
    command: 'close',
    keys: 'Esc',
    label: l('back', 'retour'),
    bar: true,
    match: (i, k) => Boolean(k.escape) || char('q')(i, k) || char('p')(i, k),
  },
];

export type EditorCommand = 'save' | 'cancel';

/** The inline editor takes every other key as text or cursor movement. */
export const EDITOR_BINDINGS: Binding<EditorCommand>[] = [
  {
    command: 'save',
    keys: 'Ctrl+S',
    label: l('save as a new version', 'enregistrer (nouvelle version)'),
    bar: true,
    match: (i, k) => Boolean(k.ctrl) && i === 's',
  },
  { command: 'cancel', keys: 'Esc', label: l('cancel', 'annuler'), bar: true, match: (_i, k) => Boolean(k.escape) },
];

/**
 * Cursor movement and deletion in the inline editor. Any other key that is not a command is
 * typed as text (`typedText`). Not listed one by one in `?`: the editor's section title names
 * them.
 */
export type TextCommand = 'left' | 'right' | 'up' | 'down' | 'home' | 'end' | 'backspace' | 'newline';

export const EDITOR_TEXT_BINDINGS: Binding<TextCommand>[] = [
  { command: 'left', keys: '←', label: l('cursor left', 'curseur à gauche'), match: (_i, k) => Boolean(k.leftArrow) },
  {
    command: 'right',
    keys: '→',
    label: l('cursor right', 'curseur à droite'),
    match: (_i, k) => Boolean(k.rightArrow),
  },
  { command: 'up', keys: '↑', label: l('line up', 'ligne au-dessus'), match: (_i, k) => Boolean(k.upArrow) },
  { command: 'down', keys: '↓', label: l('line down', 'ligne au-dessous'), match: (_i, k) => Boolean(k.downArrow) },
  {
    command: 'home',
    keys: 'Home',
    label: l('start of the line', 'début de la ligne'),
    match: (i, k) => Boolean(k.home) || (Boolean(k.ctrl) && i === 'a'),
  },
  {
    command: 'end',
    keys: 'End',
    label: l('end of the line', 'fin de la ligne'),
    match: (i, k) => Boolean(k.end) || (Boolean(k.ctrl) && i === 'e'),
  },
  {
    command: 'backspace',
    keys: 'Backspace',
    label: l('delete before the cursor', 'effacer avant le curseur'),
    // Terminals send Backspace as DEL (0x7f), which Ink reports as `delete`.
    match: (_i, k) => Boolean(k.backspace) || Boolean(k.delete),
  },
  { command: 'newline', keys: 'Enter', label: l('new line', 'nouvelle ligne'), match: (_i, k) => Boolean(k.return) },
];

/** The one-line fields: the editor's keys without the ones that need several lines. */
export const LINE_TEXT_BINDINGS: Binding<TextCommand>[] = EDITOR_TEXT_BINDINGS.filter(
  (b) => b.command !== 'up' && b.command !== 'down' && b.command !== 'newline',
);

export type LineCommand = 'submit' | 'cancel';

export const LINE_BINDINGS: Binding<LineCommand>[] = [
  { command: 'submit', keys: 'Enter', label: l('confirm', 'valider'), bar: true, match: (_i, k) => Boolean(k.return) },
  { command: 'cancel', keys: 'Esc', label: l('cancel', 'annuler'), bar: true, match: (_i, k) => Boolean(k.escape) },
];

export type ApproveCommand = 'accept' | 'earlier' | 'later' | 'prevDay' | 'nextDay' | 'redraw' | 'typeTime' | 'cancel';

export const APPROVE_BINDINGS: Binding<ApproveCommand>[] = [
  {
    command: 'accept',
    keys: 'Enter',
    label: l('accept', 'accepter'),
    bar: true,
    match: (i, k) => Boolean(k.return) || char('y')(i, k),
  },
  {
    command: 'earlier',
    keys: '←',
    label: l('15 min earlier', '15 min plus tôt'),
    bar: true,
    match: (_i, k) => Boolean(k.leftArrow),
  },
  {
    command: 'later',
    keys: '→',
    label: l('15 min later', '15 min plus tard'),
    bar: true,
    match: (_i, k) => Boolean(k.rightArrow),
  },
  {
    command: 'prevDay',
    keys: '↑',
    label: l('a day earlier', 'un jour plus tôt'),
    match: (_i, k) => Boolean(k.upArrow),
  },
  {
    command: 'nextDay',
    keys: '↓',
    label: l('a day later', 'un jour plus tard'),
    match: (_i, k) => Boolean(k.downArrow),
  },
  {
    command: 'redraw',
    keys: 'd',
    label: l('draw another slot', 'tirer un autre créneau'),
    bar: true,
    match: char('d'),
  },
  { command: 'typeTime', keys: 't', label: l('type a time', 'taper une heure'), bar: true, match: char('t') },
  {
    command: 'cancel',
    keys: 'Esc',
    label: l('back', 'retour'),
    bar: true,
    match: (i, k) => Boolean(k.escape) || char('q')(i, k),
  },
];

export type HistoryCommand = 'up' | 'down' | 'restore' | 'cancel';

export const HISTORY_BINDINGS: Binding<HistoryCommand>[] = [
  { command: 'up', keys: '↑', label: l('older', 'plus ancienne'), bar: true, match: (_i, k) => Boolean(k.upArrow) },
  { command: 'down', keys: '↓', label: l('newer', 'plus récente'), bar: true, match: (_i, k) => Boolean(k.downArrow) },
  {
    command: 'restore',
    keys: 'Enter',
    label: l('restore this version', 'restaurer cette version'),
    bar: true,
    match: (i, k) => Boolean(k.return) || char('R')(i, k),
  },
  {
    command: 'cancel',
    keys: 'Esc',
    label: l('back', 'retour'),
    bar: true,
    match: (i, k) => Boolean(k.escape) || char('q')(i, k) || char('h')(i, k),
  },
];

export type OverlayCommand = 'close' | 'scrollUp' | 'scrollDown';

export const OVERLAY_BINDINGS: Binding<OverlayCommand>[] = [
  {
    command: 'close',
    keys: 'Esc',
    label: l('close', 'fermer'),
    bar: true,
    match: (i, k) => Boolean(k.escape) || char('q')(i, k) || char('?')(i, k) || char('v')(i, k) || Boolean(k.return),
  },
  // The help is taller than a 24-row terminal.
  ...scrollKeys(l('scroll up', 'remonter'), l('scroll down', 'descendre')),
];

export interface Capabilities {
  image: boolean;
  preview: boolean;
  externalEditor: boolean;
  /** The brand publishes to more than Facebook (the platforms view). */
  platforms?: boolean;
  /** The calendar screen and saving an angle as an idea need the store (absent in tests' fakes). */
  calendar?: boolean | undefined;
  ideas?: boolean | undefined;
}

export type CalendarCommand =
  'left' | 'right' | 'up' | 'down' | 'platform' | 'pick' | 'earlier' | 'later' | 'cancel' | 'close';

/** The calendar: move the cursor, pick up a planned entry or an approved slot, drop it. */
export const CALENDAR_BINDINGS: Binding<CalendarCommand>[] = [
  { command: 'left', keys: '←', label: l('previous day', 'jour précédent'), match: (_i, k) => Boolean(k.leftArrow) },
  { command: 'right', keys: '→', label: l('next day', 'jour suivant'), match: (_i, k) => Boolean(k.rightArrow) },
  { command: 'up', keys: '↑', label: l('previous week', 'semaine précédente'), match: (_i, k) => Boolean(k.upArrow) },
  { command: 'down', keys: '↓', label: l('next week', 'semaine suivante'), match: (_i, k) => Boolean(k.downArrow) },
  {
    command: 'platform',
    keys: 'Tab',
    label: l('next platform', 'plateforme suivante'),
    match: (_i, k) => Boolean(k.tab),
  },
  {
    command: 'pick',
    keys: 'Enter',
    label: l('move (pick up / put down)', 'déplacer (prendre / poser)'),
    bar: true,
    match: (i, k) => Boolean(k.return) || char('m')(i, k),
  },
  { command: 'earlier', keys: '-', label: l('15 min earlier', '15 min plus tôt'), bar: true, match: char('-') },
  {
    command: 'later',
    keys: '+',
    label: l('15 min later', '15 min plus tard'),
    bar: true,
    match: (i, k) => char('+')(i, k) || char('=')(i, k),
  },
  {
    command: 'cancel',
    keys: 'Esc',
    label: l('cancel / back', 'annuler / retour'),
    bar: true,
    match: (_i, k) => Boolean(k.escape),
  },
  {
    command: 'close',
    keys: 'c',
    label: l('back to the review', 'retour à la révision'),
    bar: true,
    match: (i, k) => char('c')(i, k) || char('q')(i, k),
  },
];
