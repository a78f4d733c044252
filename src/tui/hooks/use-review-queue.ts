import { useCallback, useEffect, useReducer } from 'react';
import type { Lang } from '../../i18n/localized.js';
import type { ReviewActions } from '../actions.js';
import { describeError } from '../describe-error.js';
import { currentId, initialQueue, queueReducer, type QueueState } from '../state/queue-state.js';

export interface ReviewQueue {
  state: QueueState;
  /** Reload the current post (after an edit, a regeneration, a restore). */
  reload(): void;
  skip(): void;
  /** The current post was approved or rejected: it leaves the queue. */
  decided(): void;
}

/** Loads the queue (oldest first) once, then the current post whenever it changes. */
export const useReviewQueue = (actions: ReviewActions, lang: Lang, startId?: string): ReviewQueue => {
  const [state, dispatch] = useReducer(queueReducer, initialQueue);
  useEffect(() => {
    let live = true;
    actions
      .loadQueue()
      .then((ids) => {
        if (!live) return;
        dispatch({ type: 'queue', ids: startId ? [startId, ...ids.filter((id) => id !== startId)] : ids });
      })
      .catch((error: unknown) => live && dispatch({ type: 'failed', error: describeError(error, lang) }));
    return () => {
      live = false;
    };
  }, [actions, startId, lang]);
  const id = currentId(state);
  useEffect(() => {
    if (!id) return;
    let live = true;
    actions
      .loadPost(id)
      .then((post) => live && dispatch({ type: 'loaded', id, post }))
      .catch((error: unknown) => live && dispatch({ type: 'failed', error: describeError(error, lang) }));
    return () => {
      live = false;
    };
  }, [actions, id, state.revision, lang]);
  return {
    state,
    reload: useCallback(() => dispatch({ type: 'reload' }), []),
    skip: useCallback(() => dispatch({ type: 'skip' }), []),
    decided: useCallback(() => dispatch({ type: 'decided' }), []),
  };
};
