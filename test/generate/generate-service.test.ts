import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePost } from '../../src/generate/generate-service.js';
import { postDetail, resolvePost } from '../../src/store/post-lookup.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { listPosts } from '../../src/store/posts-repo.js';
import { UsageError } from '../../src/errors/errors.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
const offline = createOfflineTextProvider();

beforeEach(async () => {
  // Tuesday 2026-11-24, 10:00 in Toronto.
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

/** A paid writer (offline texts, billed tokens) whose `failOn` style breaks its connection. */
const paidFake = (usage: { inputTokens: number; outputTokens: number }) => {
  const fake = {
    id: 'paid-fake',
    model: 'claude-sonnet-4-6',
    offline: false,
    calls: 0,
    failOn: 'question' as string | undefined,
    async generate(req: Parameters<typeof offline.generate>[0]) {
      if (req.style === fake.failOn) throw new Error('connection reset');
      fake.calls += 1;
      const r = await offline.generate(req);
      return { ...r, model: 'claude-sonnet-4-6', usage: { ...usage, cacheWriteTokens: 0, cacheReadTokens: 0 } };
    },
  };
  return fake;
};

describe('generate (offline)', () => {
  it('writes three variants of distinct styles, in review, with prompt versions', async () => {
    const result = await generatePost(store.deps, offline, { contentType: 'case_study' });
    const detail = await postDetail(store.deps.db, await resolvePost(store.deps.db, result.postId));
    expect(detail.post.state).toBe('in_review');
    expect(detail.post.targetDate).toBe('2026-11-24');
    expect(detail.variants.map((v) => v.style)).toEqual(['professional', 'storytelling', 'question']);
    expect(new Set(detail.variants.map((v) => v.text)).size).toBe(3);
    for (const v of detail.variants) {
      expect(v.promptVersion).toMatch(
        /^brand-voice@2#[0-9a-f]{6}\+examples@1#[0-9a-f]{6}\+type\/case_study@1#[0-9a-f]{6}\+style\//,
      );
      expect(v.provider).toBe('offline');
      expect(v.text.length).toBeGreaterThan(200);
      expect(v.text).not.toMatch(/\{\w+\}/);
    }
    expect(
      detail.variants[2]!.text.trim()
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .pop(),
    ).toMatch(/\?\s*$/);
    expect(detail.history.map((h) => h.action)).toEqual(['create', 'submit_for_review']);
    expect(result.offline).toBe(true);
  });

  it('is deterministic for the same request, writes all nine content types, and never repeats a post', async () => {
    const types = [
      'case_study',
      'tip',
      'faq',
      'myth_busting',
      'behind_the_scenes',
      'testimonial',
      'industry_news',
      'announcement',
      'poll',
    ];
    const read = async (s: TestStore, id: string) =>
      (await postDetail(s.deps.db, await resolvePost(s.deps.db, id))).variants.map((v) => v.text);
    for (const contentType of types) {
      // Same request, same history (a fresh home each): the same draft.
      const fresh = await testStore({ now: '2026-11-24T15:00:00Z' });
      const again = await testStore({ now: '2026-11-24T15:00:00Z' });
      try {
        const a = await generatePost(fresh.deps, offline, { contentType, date: '2026-12-01' });
        const b = await generatePost(again.deps, offline, { contentType, date: '2026-12-01' });
        expect(await read(fresh, a.postId)).toEqual(await read(again, b.postId));
      } finally {
        await fresh.close();
        await again.close();
      }
      // Another date after it, in the same home: not the same post again.
      const first = await generatePost(store.deps, offline, { contentType, date: '2026-12-01' });
      const next = await generatePost(store.deps, offline, { contentType, date: '2026-12-08' });
      const [t1, t2] = await Promise.all([read(store, first.postId), read(store, next.postId)]);
      expect(t2.some((t) => !t1.includes(t))).toBe(true);
    }
  });

  it('uses the topic in announcements and honours --variants', async () => {
    const r = await generatePost(store.deps, offline, {
      contentType: 'announcement',
      topic: 'La prise de rendez-vous par texto',
      variants: 2,
    });
    const d = await postDetail(store.deps.db, await resolvePost(store.deps.db, r.postId));
    expect(d.variants).toHaveLength(2);
    expect(d.variants[0]!.text).toContain('prise de rendez-vous par texto');
  });

  it('rejects bad input before writing anything', async () => {
    await expect(generatePost(store.deps, offline, { contentType: 'nope' })).rejects.toThrow(UsageError);
    await expect(generatePost(store.deps, offline, { contentType: 'tip', date: '2026-13-01' })).rejects.toThrow(
      /Invalid date/,
    );
    await expect(generatePost(store.deps, offline, { contentType: 'tip', variants: 4 })).rejects.toThrow(/--variants/);
    expect(await listPosts(store.deps.db)).toHaveLength(0);
  });

  it('resumes an interrupted paid run without paying again', async () => {
    const paid = paidFake({ inputTokens: 1000, outputTokens: 300 });
    await expect(generatePost(store.deps, paid, { contentType: 'tip' })).rejects.toThrow(/paid-fake/);
    expect(paid.calls).toBe(2);
    expect(await listPosts(store.deps.db)).toHaveLength(0);
    paid.failOn = undefined;
    const result = await generatePost(store.deps, paid, { contentType: 'tip' });
    expect(paid.calls).toBe(3);
    expect(result.resumed).toBe(true);
    expect(result.reusedSteps).toBe(2);
    const d = await postDetail(store.deps.db, await resolvePost(store.deps.db, result.postId));
    // 3 calls × (1000 × $3 + 300 × $15) / 1M
    expect(d.cost.text).toBeCloseTo(3 * (0.003 + 0.0045), 6);
    expect(d.cost.calls).toBe(3);
  });
});

describe('work the draft checks let through first', () => {
  it('no draft is checked while the priority work is pending; the post is written once it is done', async () => {
    const writer = paidFake({ inputTokens: 10, outputTokens: 20 });
    writer.failOn = undefined;
    let release = () => undefined as void;
    const pending = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    let done = false;
    const run = generatePost(store.deps, writer, { contentType: 'tip' }, undefined, {
      priority: () => {
        asked += 1;
        return done ? undefined : pending;
      },
    }).then((result) => {
      expect(done).toBe(true);
      return result;
    });
    // Every draft is written and waits: none is checked, so no post exists yet.
    for (let i = 0; i < 200 && writer.calls < 3; i += 1) await new Promise((r) => setTimeout(r, 5));
    expect(writer.calls).toBe(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(asked).toBeGreaterThanOrEqual(3);
    expect(await listPosts(store.deps.db, {})).toHaveLength(0);
    done = true;
    release();
    const result = await run;
    expect(result.quality).toHaveLength(3);
    expect(await listPosts(store.deps.db, {})).toHaveLength(1);
  });
});

describe('named runs (daemon jobs)', () => {
  it('resume only their own run: two jobs with the same request never share a post', async () => {
    const paid = paidFake({ inputTokens: 10, outputTokens: 10 });
    await expect(generatePost(store.deps, paid, { contentType: 'tip', runId: 'job-a' })).rejects.toThrow(/paid-fake/);
    paid.failOn = undefined;
    const b = await generatePost(store.deps, paid, { contentType: 'tip', runId: 'job-b' });
    expect(b.runId).toBe('job-b');
    expect(b.resumed).toBe(false);
    const a = await generatePost(store.deps, paid, { contentType: 'tip', runId: 'job-a' });
    expect(a.runId).toBe('job-a');
    expect(a.resumed).toBe(true);
    expect(a.reusedSteps).toBe(2);
    expect(a.postId).not.toBe(b.postId);
    await expect(generatePost(store.deps, paid, { contentType: 'tip', runId: 'job-a' })).rejects.toThrow(
      /already produced post/,
    );
  });
});
