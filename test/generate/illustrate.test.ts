import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePost } from '../../src/generate/generate-service.js';
import { illustrateDraft } from '../../src/generate/illustrate.js';
import { NotFoundError } from '../../src/errors/errors.js';
import { l } from '../../src/i18n/localized.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { getPost } from '../../src/store/posts-repo.js';
import type { CroppedPhoto } from '../../src/images/image-record.js';
import { pictureAhead } from '../../src/generate/picture-ahead.js';
import { makePostImage } from '../../src/images/image-service.js';
import { sha256 } from '../../src/images/media-store.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import { FAKE_OPENAI_KEY, startOpenAIImagesFake, type OpenAIImagesFake } from '../fakes/openai-images-fake.js';
import { syntheticPhoto } from '../helpers/images.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

/** A store whose image provider is OpenAI on the loopback fake; both are closed after `run`. */
const withImagesFake = async (run: (local: TestStore, fake: OpenAIImagesFake) => Promise<void>) => {
  const fake = await startOpenAIImagesFake(await syntheticPhoto());
  const local = await testStore({
    now: '2026-11-24T15:00:00Z',
    env: { OPENAI_API_KEY: FAKE_OPENAI_KEY, OPENAI_BASE_URL: fake.url },
  });
  try {
    await run(local, fake);
  } finally {
    await local.close();
    await fake.close();
  }
};

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

describe('the picture alongside the writing', () => {
  it('is asked for while the variants are written, paid once, and composed after the commit', async () => {
    await withImagesFake(async (local, fake) => {
      const offline = createOfflineTextProvider();
      // The writer answers only once the image provider has been asked: without the overlap the
      // picture would be requested after the commit and this would never finish.
      const asked = () => fake.requests.length > 0;
      const writer = {
        ...offline,
        generate: async (request: Parameters<typeof offline.generate>[0]) => {
          for (let i = 0; i < 500 && !asked(); i += 1) await new Promise((r) => setTimeout(r, 10));
          if (!asked()) throw new Error('the picture was not requested alongside the text');
          return offline.generate(request);
        },
      };
      const ahead = pictureAhead(local.deps, { contentType: 'tip', topic: 'appels manqués' })!;
      expect(ahead.prompt).toContain('appels manqués');
      const { postId } = await generatePost(local.deps, writer, { contentType: 'tip' }, undefined, {
        alongside: ahead.start,
      });
      const made = await illustrateDraft(local.deps, postId, (id) =>
        ahead.make(id, (pid, prompt) => makePostImage(local.deps, pid, { prompt })),
      );
      expect(made.failure).toBeNull();
      expect(fake.requests).toHaveLength(1); // paid once: the image step reused the ledger's picture
      const image = await local.deps.db
        .selectFrom('images')
        .select(['provider', 'original_sha256', 'width', 'height'])
        .where('id', '=', made.imageId!)
        .executeTakeFirstOrThrow();
      expect(image).toMatchObject({ provider: 'openai', width: 1200, height: 630 });
      const ledger = await local.deps.db
        .selectFrom('llm_calls')
        .select(['post_id', 'response'])
        .where('purpose', '=', 'image')
        .execute();
      expect(ledger).toHaveLength(1);
      expect(ledger[0]!.post_id).toBe(postId);
      expect(JSON.parse(ledger[0]!.response!)).toMatchObject({ originalSha256: image.original_sha256 });
    });
  });
});

describe('the picture arriving with the texts', () => {
  it('is read and handed to sharp before the drafts are checked', async () => {
    await withImagesFake(async (local, fake) => {
      // The answer's headers first, its megabyte of JSON 150 ms later.
      fake.script({ kind: 'success', bodyAfterMs: 150 });
      const ahead = pictureAhead(local.deps, { contentType: 'tip', topic: null })!;
      const offline = createOfflineTextProvider();
      // The texts arrive while the picture's answer is being read.
      const writer = {
        ...offline,
        generate: async (request: Parameters<typeof offline.generate>[0]) => {
          for (let i = 0; i < 400 && !ahead.arriving(); i += 1) await new Promise((r) => setTimeout(r, 5));
          if (!ahead.arriving()) throw new Error('the picture’s answer was never seen arriving');
          return offline.generate(request);
        },
      };
      const order: string[] = [];
      const { postId } = await generatePost(local.deps, writer, { contentType: 'tip' }, undefined, {
        alongside: ahead.start,
        priority: () => {
          const reading = ahead.arriving();
          if (reading) order.push('wait');
          return reading?.then(() => order.push('picture handed over'));
        },
      });
      // Each draft that arrived during the read waited, and none went on before the hand-over.
      const waited = order.filter((step) => step === 'wait').length;
      expect(waited).toBeGreaterThanOrEqual(1);
      expect(order).toEqual([
        ...Array<string>(waited).fill('wait'),
        ...Array<string>(waited).fill('picture handed over'),
      ]);
      expect(ahead.arriving()).toBeUndefined();
      const made = await illustrateDraft(local.deps, postId, (id) =>
        ahead.make(id, (pid, prompt, cropped) => makePostImage(local.deps, pid, { prompt, cropped })),
      );
      expect(made.failure).toBeNull();
      expect(fake.requests).toHaveLength(1);
    });
  });
});

describe('the picture composed before the commit', () => {
  it('is composed with the first variant’s headline as it arrives, and a stale headline is never saved', async () => {
    await withImagesFake(async (local) => {
      const illustrate = async (contentType: 'tip' | 'case_study', staleHeadline?: string) => {
        const ahead = pictureAhead(local.deps, { contentType })!;
        const headlines: string[] = [];
        const { postId } = await generatePost(local.deps, createOfflineTextProvider(), { contentType }, undefined, {
          alongside: ahead.start,
          onHeadline: (h) => {
            headlines.push(h);
            ahead.headline(staleHeadline ?? h);
          },
        });
        let held: CroppedPhoto | undefined;
        const made = await illustrateDraft(local.deps, postId, (id) =>
          ahead.make(id, (pid, prompt, cropped) => {
            held = cropped;
            return makePostImage(local.deps, pid, { prompt, cropped });
          }),
        );
        expect(made.failure).toBeNull();
        const first = (await variantsForPost(local.deps.db, postId))[0]!;
        const image = await local.deps.db
          .selectFrom('images')
          .select(['sha256', 'headline', 'original_sha256'])
          .where('id', '=', made.imageId!)
          .executeTakeFirstOrThrow();
        return { headlines, first, image, held: held! };
      };
      const fresh = await illustrate('tip');
      // Told the first variant's headline before the commit; the saved picture is that composition.
      expect(fresh.headlines).toContain(fresh.first.headline);
      expect(fresh.held.sha256).toBe(fresh.image.original_sha256);
      const early = await fresh.held.composed!.get(fresh.first.headline)!;
      expect(sha256(early.feed)).toBe(fresh.image.sha256);
      expect(fresh.image.headline).toBe(early.overlay.text);

      // Composed ahead with a headline the post does not keep: the picture carries the saved one.
      const stale = await illustrate('case_study', 'Un titre que la publication ne garde pas');
      expect(stale.held.composed!.has('Un titre que la publication ne garde pas')).toBe(true);
      expect(stale.held.composed!.has(stale.first.headline)).toBe(false);
      expect(stale.image.headline).not.toContain('ne garde pas');
      expect(stale.image.headline!.replace(/\s/g, '')).toBe(stale.first.headline.replace(/\s/g, ''));
      // Its files were written ahead, and removed once the post's own picture was saved.
      const unused = await stale.held.composed!.get('Un titre que la publication ne garde pas')!;
      const media = local.deps.paths.media;
      // A photo's feed image is its JPEG: one file.
      expect(unused.feed).toBe(unused.jpeg);
      expect(existsSync(join(media, `${sha256(unused.feed)}.jpg`))).toBe(false);
      expect(existsSync(join(media, `${stale.image.sha256}.jpg`))).toBe(true);
      expect(existsSync(join(media, `${fresh.image.sha256}.jpg`))).toBe(true);
    });
  });
});

describe('embeddings of past posts', () => {
  it('are fetched alongside the writing, once per text: each generation embeds only what it has not seen', async () => {
    const offline = createOfflineTextProvider();
    const calls: number[] = [];
    const vector = (t: string) => Array.from({ length: 8 }, (_, i) => (t.charCodeAt(i % t.length) % 13) + i);
    const embeddings = {
      id: 'openai',
      model: 'text-embedding-3-small',
      offline: false,
      embed: async (texts: string[]) => {
        calls.push(texts.length);
        return {
          vectors: texts.map(vector),
          usage: { inputTokens: 10, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 },
        };
      },
    };
    for (const [i, type] of ['tip', 'faq', 'case_study'].entries())
      await generatePost(store.deps, offline, { contentType: type, topic: `sujet ${i}` });
    await generatePost(store.deps, offline, { contentType: 'poll', topic: 'a' }, undefined, { embeddings });
    // One call for the 3 earlier posts' texts (their chosen, else every, variant), then one
    // candidate per style.
    const [past, ...candidates] = calls;
    expect(past).toBeGreaterThan(3);
    expect(candidates).toEqual([1, 1, 1]);
    calls.length = 0;
    await generatePost(store.deps, offline, { contentType: 'myth_busting', topic: 'b' }, undefined, { embeddings });
    // Only the texts of the post made since are new.
    expect(calls.slice(0, -3)).toEqual([3]);
    expect(calls.slice(-3)).toEqual([1, 1, 1]);
    const ledger = await store.deps.db
      .selectFrom('llm_calls')
      .select('step_key')
      .where('purpose', '=', 'embedding')
      .execute();
    expect(ledger.filter((r) => r.step_key.startsWith('embed:past')).length).toBe(2);
  });
});
