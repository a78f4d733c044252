import type { Dispatch, RefObject } from 'react';
import { initialScreen, screenReducer, type ScreenAction, type ScreenState } from '../state/screen-state.js';
import { useLatestReducer } from './use-latest-reducer.js';

const init = (): ScreenState => initialScreen;

/** The screen reducer, with the latest state in a ref for the key handlers (see useLatestReducer). */
export const useScreenState = (): [ScreenState, Dispatch<ScreenAction>, RefObject<ScreenState>] =>
  useLatestReducer(screenReducer, init);
