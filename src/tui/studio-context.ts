import { createContext, useContext, type Dispatch } from 'react';
import type { Localized } from '../i18n/localized.js';
import type { ReviewActions } from './actions.js';
import type { ReviewQueue } from './hooks/use-review-queue.js';
import type { VersionDiffFn } from './hooks/use-version-diff.js';
import type { RunTask } from './hooks/use-task.js';
import type { KeyOwner } from './key-routing.js';
import type { FrameLayout } from './layout.js';
import type { Notice, ScreenAction, ScreenState } from './state/screen-state.js';
import type { StudioView } from './state/studio-view.js';

/**
 * What every mode's component shares: the actions on the world, the queue and screen state
 * (rendered, and the latest for key handlers), the running task and the frame's layout. Built
 * once per render by the root (ReviewApp) and read with `useStudio()`.
 */
export interface Studio {
  actions: ReviewActions;
  exit: () => void;
  queue: ReviewQueue;
  /** The screen as rendered. */
  screen: ScreenState;
  dispatch: Dispatch<ScreenAction>;
  /** The post and variant as rendered. */
  view: StudioView;
  /** Screen and view after every key handled so far: key handlers read these. */
  latest: () => { screen: ScreenState; view: StudioView };
  owner: KeyOwner;
  layout: FrameLayout;
  run: RunTask;
  /** Whether an action is still running (one at a time). */
  busy: () => boolean;
  notify: (tone: Notice['tone'], text: Localized) => void;
  /** The history's word diff, loaded after the first frame (undefined until then). */
  versionDiff: VersionDiffFn | undefined;
}

const StudioContext = createContext<Studio | undefined>(undefined);
export const StudioProvider = StudioContext.Provider;

export const useStudio = (): Studio => {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio needs a StudioProvider (ReviewApp)');
  return studio;
};
