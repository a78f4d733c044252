import { createContext, useContext } from 'react';
import type { Lang, Localized } from '../i18n/localized.js';
import type { Capabilities } from './keybindings.js';
import type { Severity } from './view-model.js';

/**
 * Colours are only ever set through this theme: with colour off (NO_COLOR, --no-color, a dumb
 * terminal) every colour is undefined and the screen relies on its text markers alone.
 */
export interface Theme {
  colour: boolean;
  accent: string | undefined;
  success: string | undefined;
  error: string | undefined;
  warning: string | undefined;
  info: string | undefined;
  muted: string | undefined;
}

export const createTheme = (colour: boolean): Theme =>
  colour
    ? { colour, accent: 'cyan', success: 'green', error: 'red', warning: 'yellow', info: 'blue', muted: 'gray' }
    : {
        colour,
        accent: undefined,
        success: undefined,
        error: undefined,
        warning: undefined,
        info: undefined,
        muted: undefined,
      };

export const severityColour = (theme: Theme, severity: Severity | undefined): string | undefined =>
  severity === 'error' ? theme.error : severity === 'info' ? theme.info : theme.warning;

export interface Ui {
  lang: Lang;
  theme: Theme;
  caps: Capabilities;
  t: (text: Localized) => string;
}

export const makeUi = (lang: Lang, colour: boolean, caps: Capabilities): Ui => ({
  lang,
  theme: createTheme(colour),
  caps,
  t: (text) => text[lang],
});

export const UiContext = createContext<Ui>(
  makeUi('en', false, { image: false, preview: false, externalEditor: false }),
);

export const useUi = (): Ui => useContext(UiContext);
