import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceDeps } from '../../src/deps/service-deps.js';
import { newId } from '../../src/store/ids.js';
import { insertImage } from '../../src/store/images-repo.js';
import { insertPost, patchPost, transitionPost } from '../../src/store/posts-repo.js';
import { insertVariant } from '../../src/store/variants-repo.js';

/** An approved post with one variant (and optionally an image), straight through the repositories. */
export const approvedPost = async (
  deps: ServiceDeps,
  options: { text: string; at: string; mode?: 'native' | 'queue'; image?: boolean; brand?: string },
): Promise<string> => {
  const w = deps.writer();
  const id = newId();
  await insertPost(deps.db, w, {
    id,
    brand: options.brand ?? deps.brandSlug,
    contentType: 'tip',
    topic: null,
    targetDate: options.at.slice(0, 10),
    state: 'in_review',
  });
  const variantId = await insertVariant(deps.db, w, {
    postId: id,
    idx: 1,
    style: 'professional',
    text: options.text,
    headline: 'Titre',
    promptVersion: 'test',
    provider: 'offline',
    model: 'test',
  });
  let imageId: string | null = null;
  if (options.image) {
    imageId = newId();
    mkdirSync(join(deps.paths.media, 'cards'), { recursive: true });
    const rel = join('cards', `${id}.png`);
    const data = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(256, 7)]);
    writeFileSync(join(deps.paths.media, rel), data);
    await insertImage(deps.db, w, {
      id: imageId,
      postId: id,
      variantId: variantId,
      kind: 'card',
      sha256: 'x',
      path: rel,
      format: 'png',
      width: 1200,
      height: 630,
      bytes: data.length,
      originalSha256: null,
      originalPath: null,
      provider: 'offline',
      model: null,
      prompt: null,
      headline: 'Titre',
      costUsd: 0,
      createdAt: w.now,
    });
  }
  await transitionPost(deps.db, w, id, 'in_review', 'approved', {
    chosenVariantId: variantId,
    scheduledAt: options.at,
    publishMode: options.mode ?? 'queue',
    imageId: imageId,
  });
  if (imageId) await patchPost(deps.db, w, id, { imageId: imageId });
  return id;
};
