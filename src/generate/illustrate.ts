import { isAutoscaleError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { getPost } from '../store/posts-repo.js';
import type { ServiceDeps } from '../deps/service-deps.js';

/** Makes a post's image; the CLI passes its own, which shows progress. */
export type ImageMaker = (postId: string) => Promise<{ image: { id: string } }>;

/**
 * The image step, once the post is saved. A post that already has an image (a retried job)
 * keeps it. A failing image never undoes the draft: the post stays without one (`autoscale
 * image <id>` or the studio makes it) and the reason is returned for the caller to report.
 */
export const illustrateDraft = async (
  deps: ServiceDeps,
  postId: string,
  make: ImageMaker = async (id) => (await import('../images/image-service.js')).makePostImage(deps, id, {}),
): Promise<{ imageId: string | null; failure: Localized | null }> => {
  const post = await getPost(deps.db, postId);
  if (!post || post.imageId) return { imageId: post?.imageId ?? null, failure: null };
  try {
    return { imageId: (await make(postId)).image.id, failure: null };
  } catch (error) {
    const failure = isAutoscaleError(error) ? error.localized : l((error as Error).message, (error as Error).message);
    return { imageId: null, failure };
  }
};
