import { useCallback, useEffect, useRef } from 'react';
import type { Lang } from '../../i18n/localized.js';
import type { ReviewActions } from '../actions.js';
import { describeError } from '../describe-error.js';
import { currentId, initialQueue, queueReducer, type QueueState } from '../state/queue-state.js';
import type { PostModel } from '../view-model.js';
import { useLatestReducer } from './use-latest-reducer.js';

export interface ReviewQueue {
  state: QueueState;
  /** The state after every action so far (key handlers read it; see useLatestReducer). */
  latest: () => QueueState;
  /** Reload the current post (after an edit, a regeneration, a restore). */
  reload: () => void;
  skip: () => void;
  /** The current post was approved or rejected: it leaves the queue. */
  decided: () => void;
}

/** What the handler may load before the first render, so the first frame is already complete. */
export interface PreloadedQueue {
  ids: string[];
  post: PostModel | undefined;
}

const fromPreload = (p: PreloadedQueue | undefined): QueueState =>
  p
    ? p.ids.length === 0
      ? { ...initialQueue, status: 'empty' }
      : { ...initialQueue, status: p.post ? 'ready' : 'loading', ids: p.ids, post: p.post }
    : initialQueue;

/** Loads the queue (oldest first) once, then the current post whenever it changes. */
export const useReviewQueue = (
  actions: ReviewActions,
  lang: Lang,
  startId?: string,
  preloaded?: PreloadedQueue,
): ReviewQueue => {
  const [state, dispatch, latest] = useLatestReducer(queueReducer, () => fromPreload(preloaded));
  // The post already loaded for this id and revision (by the preload) is not fetched again.
  const loaded = useRef(preloaded?.post ? `${preloaded.post.id}:0` : '');
  useEffect(() => {
    if (preloaded) return;
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
  }, [actions, startId, lang, preloaded, dispatch]);
  const id = currentId(state);
  useEffect(() => {
    if (!id) return;
    const key = `${id}:${state.revision}`;
    if (loaded.current === key) return;
    loaded.current = key;
    let live = true;
    actions
      .loadPost(id)
      .then((post) => live && dispatch({ type: 'loaded', id, post }))
      .catch((error: unknown) => live && dispatch({ type: 'failed', error: describeError(error, lang) }));
    return () => {
      live = false;
      if (loaded.current === key) loaded.current = '';
    };
  }, [actions, id, state.revision, lang, dispatch]);
  return {
    state,
    latest: useCallback(() => latest.current, [latest]),
    reload: useCallback(() => dispatch({ type: 'reload' }), [dispatch]),
    skip: useCallback(() => dispatch({ type: 'skip' }), [dispatch]),
    decided: useCallback(() => dispatch({ type: 'decided' }), [dispatch]),
  };
};
