import { randomUUID } from 'node:crypto';
import { formatLocal } from '../domain/time.js';
import type { TextProvider } from '../providers/types.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { postDetail, resolvePost } from '../store/post-lookup.js';
import { regenerateVariant } from '../generate/regenerate-service.js';
import { approveVia, rejectVia } from '../approval/approval-service.js';
import { editVariant, proposeSlot, restoreVersion } from '../review/review-service.js';
import { modeFor } from '../domain/publish-mode.js';
import { listPosts } from '../store/posts-repo.js';
import type { ReviewActions, SlotView } from './actions.js';
import { toPostModel, type PostModel } from './view-model.js';
import type { Post } from '../domain/post.js';

export interface ServiceActionsOptions {
  /** Only this brand's queue (undefined: every brand). */
  brand?: string | undefined;
  provider: TextProvider;
  externalEditor?: ReviewActions['externalEditor'];
  remakeImage?: ReviewActions['remakeImage'];
  previewImage?: ReviewActions['previewImage'];
}

export interface ServiceActions extends ReviewActions {
  /** Resolves when every write started from the screen has finished (called before closing the store). */
  settle(): Promise<void>;
}

/**
 * The studio's actions on the same services as `approve`, `reject`, `edit` and `regenerate`,
 * so each writes its audit row and takes effect in the store immediately.
 */
export const createServiceActions = (deps: ServiceDeps, options: ServiceActionsOptions): ServiceActions => {
  const pending = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    void work.catch(() => undefined).finally(() => pending.delete(work));
    return work;
  };
  // The post's own brand decides its posting window and time zone, not the --brand default.
  const depsFor = (post: Pick<Post, 'brand'>): ServiceDeps => {
    const brand = deps.config.brands[post.brand];
    return brand ? { ...deps, brandSlug: post.brand, brand } : deps;
  };
  const slotView = (post: Pick<Post, 'brand'>, at: Date): SlotView => {
    const d = depsFor(post);
    return {
      at: at.toISOString(),
      local: formatLocal(at, d.brand.timezone),
      timeZone: d.brand.timezone,
      mode: modeFor(d.brand.posting.mode, at, d.clock.now()),
    };
  };
  return {
    async loadQueue() {
      const posts = await listPosts(deps.db, { brand: options.brand, states: ['in_review'], order: 'asc' });
      return posts.map((p) => p.id);
    },
    async loadPost(id: string): Promise<PostModel> {
      const post = await resolvePost(deps.db, id);
      return toPostModel(await postDetail(deps.db, post), depsFor(post).brand.timezone, deps.paths.media);
    },
    async proposeSlot(postId, seed) {
      const post = await resolvePost(deps.db, postId);
      const slot = await proposeSlot(depsFor(post), post, seed);
      return { ...slotView(post, slot.at), seed, movedFrom: slot.movedFrom };
    },
    describeSlot: (post, at) => slotView(post, at),
    approve: (postId, variant, when, override) =>
      track(
        (async () => {
          const post = await resolvePost(deps.db, postId);
          const input =
            'at' in when ? { ref: postId, variant, at: when.at } : { ref: postId, variant, slotSeed: when.seed };
          const r = await approveVia(
            depsFor(post),
            { channel: 'studio', id: deps.writer().actor },
            { ...input, gateOverride: override ? { ...override, reason: 'studio confirmation' } : undefined },
          );
          return { ...slotView(post, new Date(r.scheduledAt)), mode: r.mode, variant: r.variant.idx, drawn: r.drawn };
        })(),
      ),
    reject: (postId, reason) =>
      track(
        rejectVia(deps, { channel: 'studio', id: deps.writer().actor }, { ref: postId, reason }).then(() => undefined),
      ),
    edit: (postId, variant, text) => track(editVariant(deps, { ref: postId, variant, text })),
    regenerate: (postId, variant, instruction, progress) => {
      progress(options.provider.offline ? 'offline' : options.provider.id);
      return track(regenerateVariant(deps, options.provider, { ref: postId, variant, instruction }));
    },
    restore: (postId, variant, versionNo) => track(restoreVersion(deps, postId, variant, versionNo)),
    externalEditor: options.externalEditor,
    remakeImage: options.remakeImage ? (postId, progress) => track(options.remakeImage!(postId, progress)) : undefined,
    previewImage: options.previewImage,
    newSeed: () => randomUUID(),
    async settle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
};
