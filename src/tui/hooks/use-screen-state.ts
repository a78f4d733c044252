import { useCallback, useRef, useState, type Dispatch, type MutableRefObject } from 'react';
import { initialScreen, screenReducer, type ScreenAction, type ScreenState } from '../state/screen-state.js';

/**
 * The screen reducer with its latest state also kept in a ref: keys that arrive in one burst
 * (typing fast, a paste, `tmux send-keys`) are handled before React re-renders, and each must
 * see the state the previous key left, not the last rendered one.
 */
export const useScreenState = (): [ScreenState, Dispatch<ScreenAction>, MutableRefObject<ScreenState>] => {
  const ref = useRef<ScreenState>(initialScreen);
  const [state, setState] = useState<ScreenState>(initialScreen);
  const dispatch = useCallback((action: ScreenAction) => {
    ref.current = screenReducer(ref.current, action);
    setState(ref.current);
  }, []);
  return [state, dispatch, ref];
};
