import type { PostModel, VariantModel } from '../view-model.js';
import type { QueueState } from './queue-state.js';
import type { ScreenState } from './screen-state.js';

/** The post and variant on screen, derived from the queue and the screen state. */
export interface StudioView {
  post: PostModel | undefined;
  variant: VariantModel | undefined;
  /** A post with variants is loaded and current: the modes can act on it. */
  ready: boolean;
}

export const studioView = (queue: QueueState, screen: ScreenState): StudioView => {
  const post = queue.status === 'ready' || queue.status === 'loading' ? queue.post : undefined;
  const variant = post?.variants.find((v) => v.idx === screen.variant) ?? post?.variants[0];
  return { post, variant, ready: queue.status === 'ready' && post !== undefined && variant !== undefined };
};
