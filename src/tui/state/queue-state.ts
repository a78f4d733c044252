import type { PostModel } from '../view-model.js';

/** The session's queue: which posts, which one is current, and its loaded data. */
export interface QueueState {
  status: 'loading' | 'ready' | 'empty' | 'error';
  ids: string[];
  index: number;
  /** Bumped to reload the current post after an action changed it. */
  revision: number;
  post?: PostModel | undefined;
  error?: string | undefined;
  /** Posts decided (approved or rejected) in this session. */
  decided: number;
}

export const initialQueue: QueueState = { status: 'loading', ids: [], index: 0, revision: 0, decided: 0 };

export type QueueAction =
  | { type: 'queue'; ids: string[] }
  | { type: 'loaded'; id: string; post: PostModel }
  | { type: 'failed'; error: string }
  | { type: 'reload' }
  | { type: 'skip' }
  | { type: 'decided' };

export const currentId = (s: QueueState): string | undefined => s.ids[s.index];

export const queueReducer = (s: QueueState, a: QueueAction): QueueState => {
  switch (a.type) {
    case 'queue':
      return a.ids.length === 0
        ? { ...s, status: 'empty', ids: [], index: 0, post: undefined }
        : { ...s, status: 'loading', ids: a.ids, index: 0 };
    case 'loaded':
      // A late answer for a post the user already skipped past is dropped.
      return a.id === currentId(s) ? { ...s, status: 'ready', post: a.post, error: undefined } : s;
    case 'failed':
      return { ...s, status: 'error', error: a.error };
    case 'reload':
      return { ...s, revision: s.revision + 1 };
    case 'skip':
      return s.ids.length <= 1 ? s : { ...s, index: (s.index + 1) % s.ids.length, status: 'loading', post: undefined };
    case 'decided': {
      const ids = s.ids.filter((_, i) => i !== s.index);
      if (ids.length === 0) return { ...s, status: 'empty', ids, index: 0, post: undefined, decided: s.decided + 1 };
      return { ...s, ids, index: s.index % ids.length, status: 'loading', post: undefined, decided: s.decided + 1 };
    }
  }
};
