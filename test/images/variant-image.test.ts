import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors/errors.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { makePostImage } from '../../src/images/image-service.js';
import { imageFollowsVariant } from '../../src/images/variant-image.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { approvePost, editVariant } from '../../src/review/review-service.js';
import { getImage } from '../../src/store/images-repo.js';
import { getPost } from '../../src/store/posts-repo.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import { startOpenAIImagesFake, type OpenAIImagesFake } from '../fakes/openai-images-fake.js';
import { fakeOpenAIImageProvider, syntheticPhoto } from '../helpers/images.js';
import { testStore, type TestStore } from '../helpers/store.js';

let fake: OpenAIImagesFake;
let store: TestStore;

const openai = () => fakeOpenAIImageProvider(fake.url);

const newPost = async () =>
  (
    await generatePost(store.deps, createOfflineTextProvider(), {
      contentType: 'case_study',
      date: '2026-12-02',
    })
  ).postId;

const currentImage = async (postId: string) =>
  getImage(store.deps.db, (await getPost(store.deps.db, postId))!.imageId!);

beforeAll(async () => {
  fake = await startOpenAIImagesFake(await syntheticPhoto());
});
afterAll(async () => fake.close());
beforeEach(async () => {
  store = await testStore();
  fake.requests.length = 0;
});
afterEach(async () => store.close());

describe('the picture follows the approved variant', () => {
  it('a paid photo gets variant 3’s headline on approval, from the stored original, without paying again', async () => {
    const postId = await newPost();
    const made = await makePostImage(store.deps, postId, { provider: openai() });
    expect(fake.requests).toHaveLength(1);
    const variants = await variantsForPost(store.deps.db, postId);
    const v3 = variants.find((v) => v.idx === 3)!;

    const approved = await approvePost(store.deps, { ref: postId, variant: 3, at: '2026-12-02 14:00' });
    expect(approved.image).toMatchObject({ changed: true });
    const image = (await currentImage(postId))!;
    expect(image.variantId).toBe(v3.id);
    expect(image.originalSha256).toBe(made.image.originalSha256);
    expect(image.provider).toBe('openai');
    expect(image.costUsd).toBe(0); // the picture was paid once, on the first row
    expect(image.sha256).not.toBe(made.image.sha256);
    expect(fake.requests).toHaveLength(1);
  });

  it('leaves a matching picture alone, and follows a later edit of the approved headline', async () => {
    const postId = await newPost();
    await makePostImage(store.deps, postId, { variant: 2 });
    const before = (await currentImage(postId))!;
    const approved = await approvePost(store.deps, { ref: postId, variant: 2, at: '2026-12-02 14:00' });
    expect(approved.image).toMatchObject({ id: before.id, changed: false });

    const v2 = (await variantsForPost(store.deps.db, postId)).find((v) => v.idx === 2)!;
    const edited = await editVariant(store.deps, { ref: postId, variant: 2, text: v2.text, headline: 'Titre revu' });
    expect(edited.imageChanged).toBe(true);
    expect((await currentImage(postId))!.headline).toBe('Titre revu');
    // An edit of another variant does not touch the approved picture.
    const v1 = (await variantsForPost(store.deps.db, postId)).find((v) => v.idx === 1)!;
    const other = await editVariant(store.deps, { ref: postId, variant: 1, text: v1.text, headline: 'Autre' });
    expect(other.imageChanged).toBe(false);
  });

  it('a photo whose original is gone refuses approval with a fix, and the post stays in review', async () => {
    const postId = await newPost();
    const made = await makePostImage(store.deps, postId, { provider: openai() });
    rmSync(join(store.deps.paths.media, made.image.originalPath!));
    const refused = await approvePost(store.deps, { ref: postId, variant: 3, at: '2026-12-02 14:00' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(StateError);
    expect((refused as StateError).code).toBe('image_original_missing');
    expect((await getPost(store.deps.db, postId))!.state).toBe('in_review');
    await expect(imageFollowsVariant(store.deps, postId)).resolves.toMatchObject({ changed: false });
  });
});
