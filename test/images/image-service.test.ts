import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExternalError, StateError, UsageError } from '../../src/errors/errors.js';
import { makePostImage } from '../../src/images/image-service.js';
import { MAX_UPLOAD_BYTES } from '../../src/images/upload.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { postDetail, resolvePost } from '../../src/store/post-lookup.js';
import { getPost } from '../../src/store/posts-repo.js';
import { startOpenAIImagesFake, type OpenAIImagesFake } from '../fakes/openai-images-fake.js';
import { fakeOpenAIImageProvider, syntheticPhoto } from '../helpers/images.js';
import { testStore, type TestStore } from '../helpers/store.js';

let fake: OpenAIImagesFake;
let photo: Buffer;
let store: TestStore;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const openai = () => fakeOpenAIImageProvider(fake.url, 2);

const newPost = async () =>
  (
    await generatePost(store.deps, createOfflineTextProvider(), {
      contentType: 'case_study',
      date: `2026-12-${String(10 + Math.floor(Math.random() * 18))}`,
      topic: `t${Math.random()}`,
    })
  ).postId;

const rows = async (postId: string) => ({
  images: await store.deps.db
    .selectFrom('images')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('created_at')
    .execute(),
  calls: await store.deps.db
    .selectFrom('llm_calls')
    .selectAll()
    .where('post_id', '=', postId)
    .where('purpose', '=', 'image')
    .execute(),
  audit: await store.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', postId).execute(),
});

beforeAll(async () => {
  photo = await syntheticPhoto();
  fake = await startOpenAIImagesFake(photo);
});
afterAll(async () => fake.close());
beforeEach(async () => {
  store = await testStore();
  fake.requests.length = 0;
});
afterEach(async () => store.close());

describe('makePostImage: offline card', () => {
  it('writes content-addressed PNG and JPEG, records both rows and points the post at the PNG', async () => {
    const postId = await newPost();
    const result = await makePostImage(store.deps, postId);
    expect(result.provider).toBe('offline');
    expect(result.costUsd).toBe(0);
    const png = readFileSync(result.path);
    expect(result.path).toBe(join(store.deps.paths.media, `${sha(png)}.png`));
    expect(result.jpegPath).toBe(join(store.deps.paths.media, `${sha(readFileSync(result.jpegPath!))}.jpg`));
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([1200, 630, 'png']);
    const { images, calls, audit } = await rows(postId);
    expect(images.map((i) => [i.kind, i.format, i.width, i.height])).toEqual([
      ['feed', 'png', 1200, 630],
      ['jpeg', 'jpeg', 1200, 630],
    ]);
    expect(images[0]).toMatchObject({ provider: 'offline', sha256: sha(png), bytes: png.length, cost_usd: 0 });
    expect(calls).toHaveLength(0); // free and offline: nothing in the cost ledger
    expect(audit.some((a) => a.action === 'image')).toBe(true);
    expect((await getPost(store.deps.db, postId))!.imageId).toBe(result.image.id);
    // No temp files left behind.
    expect(readdirSync(store.deps.paths.media).filter((f) => f.startsWith('.tmp'))).toEqual([]);
  });

  it('returns the current image unchanged unless asked for a new one', async () => {
    const postId = await newPost();
    const first = await makePostImage(store.deps, postId);
    const again = await makePostImage(store.deps, postId);
    expect(again.unchanged).toBe(true);
    expect(again.image.id).toBe(first.image.id);
    expect(again.jpegPath).toBe(first.jpegPath);
    const v2 = await makePostImage(store.deps, postId, { variant: 2 });
    expect(v2.image.id).not.toBe(first.image.id);
    expect(v2.previousImageId).toBe(first.image.id);
  });

  it('refuses to change the image of a scheduled post', async () => {
    const postId = await newPost();
    await store.deps.db.updateTable('posts').set({ state: 'scheduled' }).where('id', '=', postId).execute();
    await expect(makePostImage(store.deps, postId)).rejects.toBeInstanceOf(StateError);
  });
});

describe('makePostImage: OpenAI through the real client and the loopback fake', () => {
  it('keeps the original, overlays it, and writes the cost to the ledger and the images row', async () => {
    const postId = await newPost();
    const result = await makePostImage(store.deps, postId, { provider: openai() });
    expect(fake.requests).toHaveLength(1);
    expect(String(fake.requests[0]!.body.prompt)).toMatch(/No text in the picture/);
    const answered = fake.served.at(-1)!;
    expect(result.originalPath).toBe(join(store.deps.paths.media, 'originals', `${sha(answered)}.jpg`));
    expect(readFileSync(result.originalPath!).equals(answered)).toBe(true);
    const { images, calls } = await rows(postId);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      purpose: 'image',
      provider: 'openai',
      model: 'gpt-image-2',
      status: 'succeeded',
      cost_usd: 0.04,
    });
    expect(images[0]).toMatchObject({
      kind: 'feed',
      provider: 'openai',
      model: 'gpt-image-2',
      cost_usd: 0.04,
      original_sha256: sha(answered),
      width: 1200,
      height: 630,
    });
    expect(images[1]).toMatchObject({ kind: 'jpeg', cost_usd: 0 });
    const detail = await postDetail(store.deps.db, await resolvePost(store.deps.db, postId));
    expect(detail.cost.image).toBeCloseTo(0.04);
  });

  it('on a provider error the post keeps its previous image, and the failure is recorded', async () => {
    const postId = await newPost();
    const before = await makePostImage(store.deps, postId);
    fake.script({ kind: 'content_policy' });
    const error = await makePostImage(store.deps, postId, { provider: openai(), regenerate: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExternalError);
    expect((error as ExternalError).code).toBe('image_content_policy');
    expect((await getPost(store.deps.db, postId))!.imageId).toBe(before.image.id);
    const { calls, audit } = await rows(postId);
    expect(calls.map((c) => [c.status, c.cost_usd])).toEqual([['failed', 0]]);
    expect(audit.some((a) => a.action === 'image_failed')).toBe(true);
  });

  it('after 429 and 500 it still succeeds (backoff), paying once', async () => {
    const postId = await newPost();
    fake.script({ kind: 'rate_limit' }, { kind: 'server_error' });
    await makePostImage(store.deps, postId, { provider: openai() });
    expect(fake.requests).toHaveLength(3);
    expect((await rows(postId)).calls.filter((c) => c.status === 'succeeded')).toHaveLength(1);
  });

  it('a crash after the paid answer is resumed without paying again', async () => {
    const postId = await newPost();
    const crash = makePostImage(store.deps, postId, {
      provider: openai(),
      progress: (e) => {
        if (e.step === 'compose') throw new Error('simulated crash after the provider answered');
      },
    });
    await expect(crash).rejects.toThrow(/simulated crash/);
    expect((await getPost(store.deps.db, postId))!.imageId).toBeNull();
    expect(existsSync(join(store.deps.paths.media, 'originals', `${sha(fake.served.at(-1)!)}.jpg`))).toBe(true);
    expect(fake.requests).toHaveLength(1);

    const resumed = await makePostImage(store.deps, postId, { provider: openai(), regenerate: true });
    expect(resumed.reusedPaid).toBe(true);
    expect(fake.requests).toHaveLength(1); // not called again
    const { calls, images } = await rows(postId);
    expect(calls.filter((c) => c.status === 'succeeded')).toHaveLength(1);
    expect(images[0]!.cost_usd).toBe(0.04);

    // Once used, a regenerate pays for a new picture.
    await makePostImage(store.deps, postId, { provider: openai(), regenerate: true });
    expect(fake.requests).toHaveLength(2);
  });

  it('an undecodable answer is kept as evidence but never reused', async () => {
    const postId = await newPost();
    fake.script({ kind: 'not_an_image' });
    const error = await makePostImage(store.deps, postId, { provider: openai() }).catch((e: unknown) => e);
    expect((error as ExternalError).code).toBe('image_undecodable');
    await makePostImage(store.deps, postId, { provider: openai() });
    expect(fake.requests).toHaveLength(2);
  });
});

describe('makePostImage: bring your own image', () => {
  it('resizes and overlays the file, cost 0', async () => {
    const postId = await newPost();
    const file = join(store.home, 'equipe.jpg');
    writeFileSync(file, await syntheticPhoto(2400, 1600, 'jpeg'));
    const result = await makePostImage(store.deps, postId, { file });
    expect(result.provider).toBe('file');
    expect(result.originalPath).toMatch(/originals\/[0-9a-f]{64}\.jpg$/);
    const meta = await sharp(result.path).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([1200, 630, undefined]);
  });

  it('gives clear usage errors for a missing, non-image, too-small or too-large file, keeping the image', async () => {
    const postId = await newPost();
    const before = await makePostImage(store.deps, postId);
    const text = join(store.home, 'notes.png');
    writeFileSync(text, 'not a picture');
    const tiny = join(store.home, 'tiny.png');
    writeFileSync(
      tiny,
      await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888' } })
        .png()
        .toBuffer(),
    );
    const big = join(store.home, 'big.png');
    writeFileSync(big, Buffer.alloc(MAX_UPLOAD_BYTES + 1));
    const cases: [string, string][] = [
      [join(store.home, 'nope.png'), 'file_unreadable'],
      [store.home, 'file_unreadable'],
      [text, 'not_an_image'],
      [tiny, 'image_too_small'],
      [big, 'file_too_large'],
    ];
    for (const [file, code] of cases) {
      const error = await makePostImage(store.deps, postId, { file }).catch((e: unknown) => e);
      expect(error, file).toBeInstanceOf(UsageError);
      expect((error as UsageError).code).toBe(code);
      expect((error as UsageError).fix).toBeDefined();
    }
    expect((await getPost(store.deps.db, postId))!.imageId).toBe(before.image.id);
  });
});
