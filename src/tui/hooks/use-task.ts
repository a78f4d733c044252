import { useCallback, useRef, type Dispatch } from 'react';
import type { Lang, Localized } from '../../i18n/localized.js';
import type { ProgressFn } from '../actions.js';
import { describeError } from '../describe-error.js';
import type { ScreenAction } from '../state/screen-state.js';

export type RunTask = <T>(
  label: Localized,
  work: (progress: ProgressFn) => Promise<T>,
  done: (result: T) => void,
  failed?: () => void,
) => void;

/**
 * Runs one action at a time with a progress line; a failure becomes a message on the screen
 * (the service left the post as it was) instead of ending the app.
 */
export const useTask = (dispatch: Dispatch<ScreenAction>, lang: Lang): { run: RunTask; busy: () => boolean } => {
  const busy = useRef(false);
  const run: RunTask = useCallback(
    (label, work, done, failed) => {
      if (busy.current) return;
      busy.current = true;
      dispatch({ type: 'busy', label: label[lang], now: Date.now() });
      work((detail) => dispatch({ type: 'progress', detail }))
        .then((result) => {
          busy.current = false;
          dispatch({ type: 'idle' });
          done(result);
        })
        .catch((error: unknown) => {
          busy.current = false;
          dispatch({ type: 'idle' });
          dispatch({ type: 'notice', notice: { tone: 'error', text: describeError(error, lang) } });
          failed?.();
        });
    },
    [dispatch, lang],
  );
  return { run, busy: useCallback(() => busy.current, []) };
};
