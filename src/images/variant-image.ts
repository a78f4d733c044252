import type { ServiceDeps } from '../deps/service-deps.js';
import { StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { shortId } from '../store/ids.js';
import { getImage } from '../store/images-repo.js';
import type { PostImage } from '../domain/image.js';
import type { Variant } from '../domain/variant.js';
import { getPost } from '../store/posts-repo.js';
import { variantsForPost } from '../store/variants-repo.js';
import { compose, saveImage } from './image-record.js';
import type { Source } from './image-source.js';
import { verifyStored } from './media-store.js';
import { createOfflineImageProvider } from './offline-image.js';
import { prepareHeadline } from './text-layout.js';

export interface FollowResult {
  /** True when a new image was set (the overlay was re-rendered for the variant). */
  changed: boolean;
  image: PostImage | undefined;
  variantIdx: number | null;
  previousImageId: string | null;
}

/**
 * The variant whose headline the post's picture must carry: the chosen one once a variant is
 * approved, else the one the picture was made for.
 */
const targetVariant = (variants: Variant[], chosenId: string | null, image: PostImage): Variant | undefined =>
  variants.find((v) => v.id === chosenId) ?? variants.find((v) => v.id === image.variantId);

/** Whether the picture carries this variant's current headline (as the layout sets it). */
export const imageMatches = (deps: ServiceDeps, image: PostImage, variant: Variant): boolean =>
  image.variantId === variant.id && image.headline === prepareHeadline(variant.headline, deps.brand.profile.language);

/**
 * The picture the image was made from, without its headline: the stored original (provider
 * answer or the owner's file), or the offline card redrawn (free and deterministic). Nothing is
 * paid again.
 */
const sourceOf = async (deps: ServiceDeps, image: PostImage, seed: string, postId: string): Promise<Source> => {
  if (image.provider === 'offline') {
    const card = await createOfflineImageProvider().generate({
      brand: deps.brand,
      seed,
      prompt: '',
      headline: '',
      size: deps.config.providers.image.size,
      quality: deps.config.providers.image.quality,
    });
    return {
      bytes: card.bytes,
      look: 'card',
      provider: 'offline',
      model: image.model,
      prompt: null,
      costUsd: 0,
      original: null,
      reusedPaid: false,
      offline: true,
    };
  }
  const bytes =
    image.originalPath && image.originalSha256
      ? await verifyStored(deps.paths.media, image.originalPath, image.originalSha256)
      : undefined;
  if (!bytes) {
    throw new StateError(
      l(
        `The picture of post ${shortId(postId)} cannot get the approved variant's headline: its original (${image.originalPath ?? 'none'}) is missing from the media folder.`,
        `L’image de la publication ${shortId(postId)} ne peut pas recevoir le titre de la variante approuvée : son original (${image.originalPath ?? 'aucun'}) manque dans le dossier media.`,
      ),
      {
        code: 'image_original_missing',
        fix: l(
          `Make a new picture: autoscale image ${shortId(postId)} --regenerate (or --file <photo>).`,
          `Créez une nouvelle image : autoscale image ${shortId(postId)} --regenerate (ou --file <photo>).`,
        ),
      },
    );
  }
  return {
    bytes,
    look: 'photo',
    provider: image.provider,
    model: image.model,
    prompt: image.prompt,
    // The picture was paid for when it was made; setting another headline on it is free.
    costUsd: 0,
    original: { sha256: image.originalSha256!, path: image.originalPath! },
    reusedPaid: false,
    offline: false,
  };
};

/**
 * Makes the post's image follow its variant: when the picture carries another variant's headline
 * (the first variant's, from generation) or an older version of it, the same picture is set again
 * with the current headline. Called on approval, after an edit and just before publishing, so the
 * photo that goes out always belongs to the text that goes out.
 */
export const imageFollowsVariant = async (
  deps: ServiceDeps,
  postId: string,
  /** The variant about to be approved (default: the chosen one, else the picture's own). */
  variantId?: string,
): Promise<FollowResult> => {
  const post = await getPost(deps.db, postId);
  const image = post?.imageId ? await getImage(deps.db, post.imageId) : undefined;
  if (!post || !image) return { changed: false, image, variantIdx: null, previousImageId: image?.id ?? null };
  const variant = targetVariant(await variantsForPost(deps.db, post.id), variantId ?? post.chosenVariantId, image);
  if (!variant || imageMatches(deps, image, variant))
    return { changed: false, image, variantIdx: variant?.idx ?? null, previousImageId: image.id };
  const seed = `${post.id}:${variant.id}`;
  const source = await sourceOf(deps, image, seed, post.id);
  const rendered = await compose(deps, source, variant.headline, seed);
  const saved = await saveImage(deps, post.id, variant.id, source, rendered, 'follow_variant');
  return { changed: true, image: saved.image, variantIdx: variant.idx, previousImageId: image.id };
};
