import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePost } from '../../src/generate/generate-service.js';
import { illustrateDraft } from '../../src/generate/illustrate.js';
import { NotFoundError } from '../../src/errors/errors.js';
import { l } from '../../src/i18n/localized.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { getPost } from '../../src/store/posts-repo.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

describe('illustrateDraft (the image step after the commit)', () => {
  it('a failing image leaves the draft without one and returns the reason, in both languages', async () => {
    const { postId } = await generatePost(store.deps, createOfflineTextProvider(), { contentType: 'tip' });
    const failed = await illustrateDraft(store.deps, postId, async () => {
      throw new NotFoundError(l('No such file.', 'Aucun fichier.'));
    });
    expect(failed).toEqual({ imageId: null, failure: { en: 'No such file.', fr: 'Aucun fichier.' } });
    const plain = await illustrateDraft(store.deps, postId, async () => {
      throw new Error('sharp exploded');
    });
    expect(plain.failure).toEqual({ en: 'sharp exploded', fr: 'sharp exploded' });
    expect((await getPost(store.deps.db, postId))?.imageId).toBeNull();
  });

  it('makes the offline card once; a post that has an image keeps it (a retried job)', async () => {
    const { postId } = await generatePost(store.deps, createOfflineTextProvider(), { contentType: 'tip' });
    const made = await illustrateDraft(store.deps, postId);
    expect(made.failure).toBeNull();
    expect(made.imageId).toEqual((await getPost(store.deps.db, postId))?.imageId);
    let calls = 0;
    const again = await illustrateDraft(store.deps, postId, async () => {
      calls += 1;
      throw new Error('must not be called');
    });
    expect(again).toEqual({ imageId: made.imageId, failure: null });
    expect(calls).toBe(0);
  });
});
