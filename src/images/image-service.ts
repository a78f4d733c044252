import { stateLabel } from '../present/labels.js';
import { loadFonts } from './fonts.js';
import { join } from 'node:path';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import { StateError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ImageProvider } from '../providers/types.js';
import { shortId } from '../store/ids.js';
import { getImage, imagesForPost } from '../store/images-repo.js';
import { resolvePost, variantByIndex } from '../store/post-lookup.js';
import { variantsForPost } from '../store/variants-repo.js';
import { compose, discardUnusedAhead, isFrozen, saveImage, type CroppedPhoto } from './image-record.js';
import { providerSource } from './image-source.js';
import { warmPhotoPath, warmSharp } from './render.js';
import type { BrandProfile } from '../config/schema.js';
import { uploadSource } from './upload.js';
import type { PostImage } from '../domain/image.js';
import type { Variant } from '../domain/variant.js';

export interface MakeImageOptions {
  /** Make a new image even when the post has one. */
  regenerate?: boolean | undefined;
  /** Replaces the prompt built from the brand profile and the variant. */
  prompt?: string | undefined;
  /** Variant index whose headline and subject are used (default: the chosen one, else 1). */
  variant?: number | undefined;
  /** Bring your own picture instead of calling a provider. */
  file?: string | undefined;
  /** Overrides the configured provider (tests, the review screen). */
  provider?: ImageProvider | undefined;
  progress?: ProgressSink | undefined;
  /** Told which provider was chosen and why (only when one is about to be called). */
  onProvider?: ((reason: Localized) => void) | undefined;
  /** The paid picture's crop, started when it arrived (a generation's picture asked ahead). */
  cropped?: CroppedPhoto | undefined;
}

export interface MakeImageResult {
  image: PostImage;
  /** Absolute paths. */
  path: string;
  jpegPath: string | null;
  originalPath: string | null;
  /** True when the post already had this image and nothing was made. */
  unchanged: boolean;
  /** True when a paid answer from an interrupted run was reused instead of paying again. */
  reusedPaid: boolean;
  previousImageId: string | null;
  provider: string;
  offline: boolean;
  costUsd: number;
  headline: string;
  headlineLines: string[];
  /** The whole headline did not fit the picture: it shows a shorter wording (`headlineLines`). */
  headlineShortened: boolean;
}

const pickVariant = (
  variants: Variant[],
  chosenId: string | null,
  index: number | undefined,
  postId: string,
): Variant => {
  if (index !== undefined) return variantByIndex(variants, index, postId);
  const variant = variants.find((v) => v.id === chosenId) ?? variants[0];
  if (!variant) {
    throw new StateError(
      l(
        `Post ${shortId(postId)} has no variant to illustrate.`,
        `La publication ${shortId(postId)} n’a aucune variante à illustrer.`,
      ),
      { code: 'no_variant' },
    );
  }
  return variant;
};

/**
 * Makes (or remakes) a post's image: provider picture, offline card or the user's own file,
 * cropped to 1200×630 with the headline set by our layout engine, saved as JPEG (a photo) or
 * PNG with a JPEG twin (the card).
 *
 * Durable: a paid answer is written to a content-addressed original and recorded in the ledger
 * before any post-processing, so a crash afterwards is resumed by the next call without paying
 * again. The post's image changes only in the final transaction: on any failure it keeps the
 * image it had.
 */
export const makePostImage = async (
  deps: ServiceDeps,
  postRef: string,
  options: MakeImageOptions = {},
): Promise<MakeImageResult> => {
  const { db, paths } = deps;
  const progress = options.progress ?? (() => undefined);
  const post = await resolvePost(db, postRef);
  const wantsNew = Boolean(options.regenerate || options.prompt || options.file || options.variant !== undefined);
  const current = post.imageId ? await getImage(db, post.imageId) : undefined;
  if (isFrozen(post.state) && (wantsNew || !current)) {
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: its image can no longer change.`,
        `La publication ${shortId(post.id)} est ${stateLabel(post.state, 'fr')} : son image ne peut plus changer.`,
      ),
      {
        code: 'image_frozen',
        fix: l(
          'Images can change until the post is scheduled.',
          'L’image peut changer jusqu’à ce que la publication soit planifiée.',
        ),
      },
    );
  }
  const variants = await variantsForPost(db, post.id);
  const variant = pickVariant(variants, post.chosenVariantId, options.variant, post.id);
  const headline = variant.headline;

  if (current && !wantsNew) {
    const twin = (await imagesForPost(db, post.id)).find(
      (i) => i.kind === 'jpeg' && i.createdAt === current.createdAt && i.variantId === current.variantId,
    );
    return {
      image: current,
      path: join(paths.media, current.path),
      jpegPath: twin ? join(paths.media, twin.path) : null,
      originalPath: current.originalPath ? join(paths.media, current.originalPath) : null,
      unchanged: true,
      reusedPaid: false,
      previousImageId: current.id,
      provider: current.provider,
      offline: current.provider === 'offline',
      costUsd: 0,
      headline: current.headline ?? headline,
      headlineLines: [],
      headlineShortened: false,
    };
  }

  const seed = `${post.id}:${variant.id}`;
  const source = options.file
    ? await uploadSource(paths.media, options.file)
    : await providerSource(
        deps,
        {
          postId: post.id,
          contentType: post.contentType,
          variant,
          headline,
          seed,
          provider: options.provider,
          prompt: options.prompt,
          onProvider: options.onProvider,
          arrived: options.cropped,
        },
        progress,
      );

  progress({ step: 'compose', detail: headline });
  const rendered = await compose(deps, source, headline, seed, options.cropped);
  progress({ step: 'save' });
  const { image, feed, jpeg } = await saveImage(
    deps,
    post.id,
    variant.id,
    source,
    rendered,
    options.file ? 'file' : options.regenerate ? 'regenerate' : null,
  );
  // Tidying only: the post's picture is saved, so a file that cannot be removed is left behind.
  await discardUnusedAhead(deps, options.cropped, rendered).catch(() => undefined);

  return {
    image,
    path: feed.absolute,
    jpegPath: jpeg.absolute,
    originalPath: source.original ? join(paths.media, source.original.path) : null,
    unchanged: false,
    reusedPaid: source.reusedPaid,
    previousImageId: post.imageId,
    provider: source.provider,
    offline: source.offline,
    costUsd: source.costUsd,
    headline: rendered.overlay.text,
    headlineLines: rendered.overlay.headline.lines,
    headlineShortened: rendered.overlay.headline.shortened,
  };
};

/**
 * Loads what composing a picture needs (sharp, the parsed fonts) while something else is waited
 * for, so the image step after a generation starts at once; with `photo` (a provider's picture is
 * coming, of that size), runs the photo's path once on a blank picture too.
 */
export const warmImageStep = (photo?: { profile: BrandProfile; size: string }): void => {
  void Promise.all([warmSharp(), loadFonts()])
    .then(([, fonts]) => (photo ? warmPhotoPath(fonts, photo.profile, photo.size) : undefined))
    .catch(() => undefined);
};
