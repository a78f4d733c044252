import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePost } from '../../src/generate/generate-service.js';
import { makePostImage } from '../../src/images/image-service.js';
import { PLATFORM_CANVAS, platformImage } from '../../src/images/platform-images.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { getPost } from '../../src/store/posts-repo.js';
import { syntheticPhoto } from '../helpers/images.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
beforeEach(async () => {
  store = await testStore();
});
afterEach(async () => store.close());

const newPost = async () =>
  (await generatePost(store.deps, createOfflineTextProvider(), { contentType: 'tip', date: '2026-12-15', topic: 'x' }))
    .postId;

describe('per-platform images', () => {
  for (const source of ['card', 'photo'] as const) {
    it(`${source}: Instagram 4:5 JPEG sRGB under 8 MB and LinkedIn 1200×627, the headline laid out again`, async () => {
      const postId = await newPost();
      if (source === 'photo') {
        const { writeFileSync } = await import('node:fs');
        const file = `${store.home}/photo.jpg`;
        writeFileSync(file, await syntheticPhoto(1600, 1200, 'jpeg'));
        await makePostImage(store.deps, postId, { file });
      } else await makePostImage(store.deps, postId);
      const post = (await getPost(store.deps.db, postId))!;
      const ig = (await platformImage(store.deps, post, 'instagram'))!;
      const meta = await sharp(ig.data).metadata();
      expect([meta.format, meta.width, meta.height, meta.space]).toEqual(['jpeg', 1080, 1350, 'srgb']);
      expect(ig.data.length).toBeLessThan(8 * 1024 * 1024);
      const ratio = meta.width / meta.height;
      expect(ratio).toBeGreaterThanOrEqual(0.8);
      const li = (await platformImage(store.deps, post, 'linkedin'))!;
      const liMeta = await sharp(li.data).metadata();
      expect([liMeta.format, liMeta.width, liMeta.height]).toEqual(['jpeg', 1200, 627]);
      // Same headline as the feed image, whole (never cut by a crop).
      expect(ig.row.headline).toBe(li.row.headline);
      expect(ig.row.headline!.length).toBeGreaterThan(10);
      // Made once: a second call returns the stored row.
      expect((await platformImage(store.deps, post, 'instagram'))!.row.id).toBe(ig.row.id);
      // The headline box sits inside the canvas with its safe margins.
      const box = PLATFORM_CANVAS.instagram.headlineBox;
      expect(box.x + box.width).toBeLessThanOrEqual(1080 - 72);
      expect(box.y + box.height).toBeLessThanOrEqual(1350 - 64);
    });
  }
});
