import { halfBlockPreview, supportsTrueColour } from '../../images/preview.js';
import type { ServiceDeps } from '../../deps/service-deps.js';
import type { ReviewActions } from '../../tui/actions.js';

/** The studio's image capabilities; without them it shows the image's path and size and hides `i` and `v`. */
export type ImageHooks = Pick<ReviewActions, 'remakeImage' | 'previewImage'>;

/**
 * The studio's `i` (remake the image) and its inline preview, on the image service. The image
 * service loads when `i` is first pressed, not before the studio's first frame.
 */
export const reviewImageHooks = (deps: ServiceDeps, env: Record<string, string | undefined>): ImageHooks => ({
  remakeImage: async (postId, progress) => {
    const { makePostImage } = await import('../../images/image-service.js');
    await makePostImage(deps, postId, { regenerate: true, progress: (event) => progress(event.detail ?? event.step) });
  },
  previewImage: supportsTrueColour(env) ? async (image, box) => halfBlockPreview(image.path, box) : undefined,
});
