import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePostImage } from '../../src/images/image-service.js';
import { platformImage } from '../../src/images/platform-images.js';
import { mediaUrlFor } from '../../src/publish/media-url.js';
import { pageServerMediaUrl } from '../../src/services/page-media-url.js';
import { getPost } from '../../src/store/posts-repo.js';
import type { TestStore } from '../helpers/store.js';
import { approvalStore, draft } from '../approval/fixtures.js';
import { serve, type Served } from '../approval/server-helpers.js';

let store: TestStore;
let served: Served;

beforeEach(async () => {
  store = await approvalStore({}, (c) => {
    c.quality.threshold = 0;
  });
  served = await serve(store);
});

afterEach(async () => {
  await served.server.close();
  await store.close();
});

describe('the review page server as the public image URL for Instagram', () => {
  it('is used first when approval.publicUrl is set, and serves the Instagram JPEG until it expires', async () => {
    store.deps.config.approval.publicUrl = served.url;
    store.deps.config.instagram.mediaBaseUrl = 'https://media.example.com';
    const id = await draft(store);
    await makePostImage(store.deps, id, {});
    const ig = (await platformImage(store.deps, (await getPost(store.deps.db, id))!, 'instagram'))!;
    const chosen = mediaUrlFor(store.deps, pageServerMediaUrl(store.deps));
    expect(chosen.ok && chosen.via).toBe('pageServer');
    if (!chosen.ok) throw chosen.error;
    const url = await chosen.url({ data: ig.data, sha256: ig.row.sha256, contentType: 'image/jpeg' });
    expect(url.startsWith(`${served.url}/m/`)).toBe(true);
    const r = await fetch(url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await r.arrayBuffer()).equals(ig.data)).toBe(true);
    // Valid instagram.mediaUrlTtlSeconds, then gone.
    store.clock.set(
      new Date(
        store.deps.clock.now().getTime() + (store.deps.config.instagram.mediaUrlTtlSeconds + 1) * 1000,
      ).toISOString(),
    );
    expect((await fetch(url)).status).toBe(410);
  });

  it('is not used without approval.publicUrl or without a signing secret', async () => {
    store.deps.config.approval.publicUrl = undefined;
    expect(pageServerMediaUrl(store.deps)).toBeUndefined();
    const fallback = mediaUrlFor(store.deps, pageServerMediaUrl(store.deps));
    expect(fallback.ok).toBe(false);
    const noSecret = await approvalStore({ APPROVAL_SIGNING_SECRET: '' });
    try {
      noSecret.deps.config.approval.publicUrl = 'https://review.example.com';
      expect(pageServerMediaUrl(noSecret.deps)).toBeUndefined();
    } finally {
      await noSecret.close();
    }
  });
});
