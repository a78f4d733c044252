import { join } from 'node:path';
import type { ServiceDeps } from '../deps/service-deps.js';
import { StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { PostImage } from '../domain/image.js';
import { imagesForPost, insertImage } from '../store/images-repo.js';
import { newId, shortId } from '../store/ids.js';
import { immediate } from '../store/tx.js';
import { loadFonts } from './fonts.js';
import { canvasFor, type Canvas } from './layout.js';
import { storeContentAddressed, verifyStored } from './media-store.js';
import { cardBackground, MAX_JPEG_BYTES, renderForCanvas } from './render.js';

/**
 * Each platform's image, made from the same source as the feed image (the provider's original,
 * the user's file, or the branded card) with the text laid out again for the platform's size:
 *
 * - Instagram: 1080×1350 (4:5, the tallest ratio Instagram accepts, the most room in the feed),
 *   JPEG, sRGB, under 8 MB;
 * - LinkedIn: 1200×627 (LinkedIn's recommended shared-image size), JPEG.
 *
 * Rows of kind `instagram` / `linkedin` beside the feed image; made once per feed image
 * (content-addressed, so a crash and a retry write the same file).
 */
export type ImagePlatform = 'instagram' | 'linkedin';

export const PLATFORM_CANVAS: Record<ImagePlatform, Canvas> = {
  instagram: canvasFor(1080, 1350),
  linkedin: canvasFor(1200, 627),
};

export interface PlatformImage {
  row: PostImage;
  absolute: string;
  data: Buffer;
}

export const platformImage = async (
  deps: ServiceDeps,
  post: { id: string; imageId: string | null },
  platform: ImagePlatform,
): Promise<PlatformImage | undefined> => {
  if (!post.imageId) return undefined;
  const rows = await imagesForPost(deps.db, post.id);
  const feed = rows.find((r) => r.id === post.imageId);
  if (!feed) return undefined;
  // A derived row shares the feed image's variant and creation time: that identifies its source.
  const existing = rows.find(
    (r) => r.kind === platform && r.createdAt === feed.createdAt && r.variantId === feed.variantId,
  );
  if (existing) {
    const data = await verifyStored(deps.paths.media, existing.path, existing.sha256);
    if (data) return { row: existing, absolute: join(deps.paths.media, existing.path), data };
  }
  const original =
    feed.originalPath && feed.originalSha256
      ? await verifyStored(deps.paths.media, feed.originalPath, feed.originalSha256)
      : undefined;
  const look: 'card' | 'photo' = feed.provider === 'offline' ? 'card' : 'photo';
  const seed = `${post.id}:${feed.variantId ?? ''}`;
  const source = original ?? (look === 'card' ? await cardBackground(deps.brand.profile, seed) : undefined);
  if (!source)
    throw new StateError(
      l(
        `The original picture of post ${shortId(post.id)} is missing, so its ${platform} image cannot be made.`,
        `L’image d’origine de la publication ${shortId(post.id)} est introuvable : son image ${platform} ne peut pas être faite.`,
      ),
      {
        code: 'image_source_missing',
        fix: l(
          `Make the image again: \`autoscale image ${shortId(post.id)} --regenerate\`.`,
          `Refaites l’image : \`autoscale image ${shortId(post.id)} --regenerate\`.`,
        ),
      },
    );
  const fonts = await loadFonts();
  const canvas = PLATFORM_CANVAS[platform];
  const rendered = await renderForCanvas(fonts, deps.brand.profile, feed.headline ?? '', source, look, seed, canvas);
  if (rendered.jpeg.length > MAX_JPEG_BYTES)
    throw new StateError(l('The platform image is over 8 MB.', 'L’image de la plateforme dépasse 8 Mo.'));
  const stored = await storeContentAddressed(deps.paths.media, '', rendered.jpeg, 'jpg');
  const row: PostImage = {
    id: newId(),
    postId: post.id,
    variantId: feed.variantId,
    kind: platform,
    sha256: stored.sha256,
    path: stored.path,
    format: 'jpeg',
    width: canvas.width,
    height: canvas.height,
    bytes: stored.bytes,
    originalSha256: feed.originalSha256,
    originalPath: feed.originalPath,
    provider: feed.provider,
    model: feed.model,
    prompt: null,
    headline: rendered.overlay.text,
    costUsd: 0,
    createdAt: feed.createdAt,
  };
  await immediate(deps.db, async (trx) => {
    const again = (await imagesForPost(trx, post.id)).find(
      (r) => r.kind === platform && r.createdAt === feed.createdAt && r.variantId === feed.variantId,
    );
    if (!again) await insertImage(trx, deps.writer(), row);
  });
  return { row, absolute: stored.absolute, data: rendered.jpeg };
};
