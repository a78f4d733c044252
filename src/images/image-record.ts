import { rm } from 'node:fs/promises';
import type { ServiceDeps } from '../deps/service-deps.js';
import { ExternalError, StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { newId, shortId } from '../store/ids.js';
import { imageShaReferenced, insertImage } from '../store/images-repo.js';
import { getPost, patchPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { loadFonts, parsedFonts } from './fonts.js';
import type { Source } from './image-source.js';
import { storeContentAddressed, type StoredFile } from './media-store.js';
import { renderOnCard, renderOnCrop, renderOnPhoto, type Rendered } from './render.js';
import type { PostImage } from '../domain/image.js';
import type { BrandProfile } from '../config/schema.js';

// A generation crops its picture as soon as it arrives, through this module (already loaded).
export { cropPhoto } from './render.js';

/** Once a publication exists the content is frozen, picture included. */
const FROZEN = new Set(['scheduled', 'publishing', 'published', 'measured', 'unconfirmed']);

export const isFrozen = (state: string): boolean => FROZEN.has(state);

/**
 * A paid picture still in memory (the original stored under this sha256) and its crop, started
 * before the headline was known: the image step neither reads the original back nor crops again.
 */
export interface CroppedPhoto {
  sha256: string;
  bytes: Buffer;
  base: Promise<Buffer>;
  /** The crop once `base` has resolved. */
  ready?: Buffer;
  /** The picture composed ahead with a headline (the photo look's text layer needs no seed). */
  composed?: Map<string, Promise<ComposedAhead>>;
}

/** A composition made ahead, with the files it was written to (feed, JPEG). */
type ComposedAhead = Rendered & { stored: readonly [StoredFile, StoredFile] };

/** The feed and JPEG files of a composition (one file for a photo): those written ahead, else written now. */
const storeRendered = async (mediaRoot: string, rendered: Rendered): Promise<readonly [StoredFile, StoredFile]> => {
  const ahead = (rendered as Partial<ComposedAhead>).stored;
  if (ahead) return ahead;
  const feed = storeContentAddressed(mediaRoot, '', rendered.feed, rendered.feedFormat === 'png' ? 'png' : 'jpg');
  const jpeg = rendered.jpeg === rendered.feed ? feed : storeContentAddressed(mediaRoot, '', rendered.jpeg, 'jpg');
  return Promise.all([feed, jpeg]);
};

/**
 * Composes the photo with a headline before the post exists, and writes its files (content
 * addressed, so the image step finds them written): the image step then only records them.
 */
export const composeAhead = (profile: BrandProfile, mediaRoot: string, photo: CroppedPhoto, headline: string): void => {
  const composed = (photo.composed ??= new Map());
  if (composed.has(headline)) return;
  const fonts = parsedFonts();
  // The headline usually arrives with the drafts, whose checks then hold the thread for tens
  // of milliseconds: with the crop and the fonts at hand, the composition is on sharp's thread
  // before they start.
  const rendered = (
    fonts && photo.ready
      ? renderOnCrop(fonts, profile, headline, photo.ready, '')
      : Promise.all([loadFonts(), photo.base]).then(([f, base]) => renderOnCrop(f, profile, headline, base, ''))
  ).then(async (r): Promise<ComposedAhead> => ({ ...r, stored: await storeRendered(mediaRoot, r) }));
  rendered.catch(() => undefined);
  composed.set(headline, rendered);
};

/**
 * Removes the files of pictures composed ahead with a headline the post did not keep (the
 * writer's first headline was reworded, or another variant was kept): written before the post
 * existed, they are named by no image row once the image step has saved its own.
 */
export const discardUnusedAhead = async (
  deps: ServiceDeps,
  photo: CroppedPhoto | undefined,
  kept: Rendered,
): Promise<void> => {
  for (const rendered of photo?.composed?.values() ?? []) {
    const r = await rendered.catch(() => undefined);
    if (!r || r === kept) continue;
    for (const file of r.stored) {
      if (await imageShaReferenced(deps.db, file.sha256)) continue;
      await rm(file.absolute, { force: true });
    }
  }
};

/** The source cropped to 1200×630 with the headline set by our layout engine. */
export const compose = async (
  deps: ServiceDeps,
  source: Source,
  headline: string,
  seed: string,
  cropped?: CroppedPhoto,
): Promise<Rendered> => {
  const fonts = await loadFonts();
  // A crop made from other bytes (a remade or uploaded picture) is never used.
  const held = cropped && cropped.sha256 === source.original?.sha256 ? cropped : undefined;
  const ahead = source.look === 'photo' ? held?.composed?.get(headline) : undefined;
  // A composition made ahead that failed is redone here, which reports the failure.
  const early = ahead ? await ahead.catch(() => undefined) : undefined;
  if (early) return early;
  const base = held?.base;
  try {
    return source.look === 'card'
      ? await renderOnCard(fonts, deps.brand.profile, headline, source.bytes, seed)
      : await renderOnPhoto(fonts, deps.brand.profile, headline, source.bytes, seed, base);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new ExternalError(
      source.provider,
      l(
        `The picture could not be processed: ${(error as Error).message}`,
        `L’image n’a pas pu être traitée : ${(error as Error).message}`,
      ),
      {
        code: 'image_unprocessable',
        cause: error,
        fix: l(
          'The post keeps its previous image. Try --regenerate, or --file with another picture.',
          'La publication garde son image précédente. Essayez --regenerate, ou --file avec une autre image.',
        ),
      },
    );
  }
};

export interface SavedImage {
  image: PostImage;
  feed: StoredFile;
  jpeg: StoredFile;
}

/**
 * Stores the feed image and its JPEG twin (the same file for a photo), then, in one
 * transaction, records both rows, points the post at the new image and writes the audit row.
 * Until that transaction the post keeps the image it had; a post frozen meanwhile refuses the
 * change.
 */
export const saveImage = async (
  deps: ServiceDeps,
  postId: string,
  variantId: string,
  source: Source,
  rendered: Rendered,
  reason: 'file' | 'regenerate' | 'follow_variant' | null,
): Promise<SavedImage> => {
  const { db, paths } = deps;
  // A composition made ahead is already on disk: its files are not hashed and written again.
  const [feed, jpeg] = await storeRendered(paths.media, rendered);

  const imageId = newId();
  const image: PostImage = await immediate(db, async (trx) => {
    const w = deps.writer();
    const fresh = await getPost(trx, postId);
    if (!fresh || isFrozen(fresh.state)) {
      throw new StateError(
        l(
          `Post ${shortId(postId)} changed state while its image was made.`,
          `La publication ${shortId(postId)} a changé d’état pendant la création de l’image.`,
        ),
        { code: 'image_frozen' },
      );
    }
    const common = {
      postId,
      variantId,
      width: rendered.width,
      height: rendered.height,
      originalSha256: source.original?.sha256 ?? null,
      originalPath: source.original?.path ?? null,
      provider: source.provider,
      model: source.model,
      prompt: source.prompt,
      headline: rendered.overlay.text,
      createdAt: w.now,
    };
    const row: PostImage = {
      ...common,
      id: imageId,
      kind: 'feed',
      sha256: feed.sha256,
      path: feed.path,
      format: rendered.feedFormat,
      bytes: feed.bytes,
      costUsd: source.costUsd,
    };
    await insertImage(trx, w, row);
    // The JPEG twin (Instagram later); cost stays on the feed row so ledgers never double count.
    await insertImage(trx, w, {
      ...common,
      id: newId(),
      kind: 'jpeg',
      sha256: jpeg.sha256,
      path: jpeg.path,
      format: 'jpeg',
      bytes: jpeg.bytes,
      costUsd: 0,
    });
    await patchPost(trx, w, postId, { imageId: imageId });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: postId,
      action: 'image',
      reason,
      data: {
        imageId,
        previous: fresh.imageId,
        provider: source.provider,
        model: source.model,
        sha256: feed.sha256,
        costUsd: source.costUsd,
        reusedPaid: source.reusedPaid,
      },
    });
    return row;
  });
  return { image, feed, jpeg };
};
