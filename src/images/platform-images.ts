import { join } from 'node:path';
import type { ServiceDeps } from '../deps/service-deps.js';
import { StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { imagesForPost, insertImage, type ImageRow } from '../store/images-repo.js';
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
  row: ImageRow;
  absolute: string;
  data: Buffer;
}

export const platformImage = async (
  deps: ServiceDeps,
  post: { id: string; image_id: string | null },
  platform: ImagePlatform,
): Promise<PlatformImage | undefined> => {
  if (!post.image_id) return undefined;
  const rows = await imagesForPost(deps.db, post.id);
  const feed = rows.find((r) => r.id === post.image_id);
  if (!feed) return undefined;
  // A derived row shares the feed image's variant and creation time: that identifies its source.
  const existing = rows.find(
    (r) => r.kind === platform && r.created_at === feed.created_at && r.variant_id === feed.variant_id,
  );
  if (existing) {
    const data = await verifyStored(deps.paths.media, existing.path, existing.sha256);
    if (data) return { row: existing, absolute: join(deps.paths.media, existing.path), data };
  }
  const original =
    feed.original_path && feed.original_sha256
      ? await verifyStored(deps.paths.media, feed.original_path, feed.original_sha256)
      : undefined;
  const look: 'card' | 'photo' = feed.provider === 'offline' ? 'card' : 'photo';
  const seed = `${post.id}:${feed.variant_id ?? ''}`;
  const source = original ?? (look === 'card' ? await cardBackground(deps.brand.profile, seed) : undefined);
  if (!source)
    throw new StateError(
      l(
        `The original picture of post ${shortId(post.id)} is missing, so its ${platform} image cannot be made.`,
        `L’image d’origine du post ${shortId(post.id)} est introuvable : son image ${platform} ne peut pas être faite.`,
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
  const row: ImageRow = {
    id: newId(),
    post_id: post.id,
    variant_id: feed.variant_id,
    kind: platform,
    sha256: stored.sha256,
    path: stored.path,
    format: 'jpeg',
    width: canvas.width,
    height: canvas.height,
    bytes: stored.bytes,
    original_sha256: feed.original_sha256,
    original_path: feed.original_path,
    provider: feed.provider,
    model: feed.model,
    prompt: null,
    headline: rendered.overlay.text,
    cost_usd: 0,
    created_at: feed.created_at,
  };
  await immediate(deps.db, async (trx) => {
    const again = (await imagesForPost(trx, post.id)).find(
      (r) => r.kind === platform && r.created_at === feed.created_at && r.variant_id === feed.variant_id,
    );
    if (!again) await insertImage(trx, deps.writer(), row);
  });
  return { row, absolute: stored.absolute, data: rendered.jpeg };
};
