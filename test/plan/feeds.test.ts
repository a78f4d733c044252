import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/errors/errors.js';
import { fetchFeed, itemKey, linkKey } from '../../src/plan/feeds.js';
import { addFeedSource, fetchAllSources, feedSources, removeFeedSource } from '../../src/plan/sources-service.js';
import { recentSourceItems } from '../../src/store/sources-repo.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { testStore, type TestStore } from '../helpers/store.js';

const ITEMS = [
  {
    title: 'Pénurie de main-d’œuvre : les PME québécoises manquent des appels',
    link: 'https://news.test/penurie?utm_source=rss',
    guid: 'n-1',
    description: '<p>Selon un sondage, les <b>petites entreprises</b> laissent sonner le téléphone.</p>',
    pubDate: '2026-11-20T13:00:00Z',
  },
  {
    title: 'La Loi 25 et les enregistrements d’appels',
    link: 'https://news.test/loi-25',
    guid: 'n-2',
    description: 'Ce que les cliniques doivent savoir.',
    pubDate: '2026-11-21T13:00:00Z',
  },
  {
    title: 'Résultats trimestriels d’une grande banque',
    link: 'https://news.test/banque',
    guid: 'n-3',
    description: 'Rien à voir.',
    pubDate: '2026-11-22T13:00:00Z',
  },
];

describe('news feeds', () => {
  let server: FeedServer;
  let store: TestStore;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await store?.close();
    server.requests.length = 0;
  });
  const open = async () => {
    store = await testStore({ now: '2026-11-23T12:00:00Z' });
    store.deps.brand.plan.sources.timeoutMs = 400;
    return store.deps;
  };

  it('reads a feed, keeps its items scored, and asks again with If-None-Match: 304, nothing new', async () => {
    const deps = await open();
    const url = server.set('/pme.xml', { title: 'Les Affaires — PME', items: ITEMS });
    const added = await addFeedSource(deps, url, { check: true });
    expect(added).toMatchObject({ status: 'ok', newItems: 3, duplicates: 0, title: 'Les Affaires — PME' });
    const items = await recentSourceItems(deps.db, deps.brandSlug);
    const byTitle = Object.fromEntries(items.map((i) => [i.title, i]));
    expect(byTitle[ITEMS[0]!.title]!.score).toBeGreaterThanOrEqual(0.35);
    expect(byTitle[ITEMS[0]!.title]!.summary).toBe(
      'Selon un sondage, les petites entreprises laissent sonner le téléphone.',
    );
    expect(byTitle[ITEMS[2]!.title]!.score).toBe(0);
    const [again] = await fetchAllSources(deps);
    expect(again).toMatchObject({ status: 'not_modified', newItems: 0 });
    const conditional = server.requests.filter((r) => r.path === '/pme.xml');
    expect(conditional[1]).toMatchObject({ status: 304 });
    expect(conditional[1]!.ifNoneMatch).toMatch(/^"[0-9a-f]+"$/);
    expect(conditional[1]!.ifModifiedSince).toBe('Fri, 20 Nov 2026 12:00:00 GMT');
  });

  it('skips duplicates: the same story by link (tracking parameters aside), by feed id, or by title under another link', async () => {
    const deps = await open();
    const url = server.set('/a.xml', { title: 'A', items: ITEMS });
    await addFeedSource(deps, url, { check: true });
    const other = server.set('/b.atom', {
      kind: 'atom',
      title: 'B',
      items: [
        { ...ITEMS[0]!, link: 'https://www.news.test/penurie/?utm_medium=social#top' },
        { title: 'LA LOI 25 ET LES ENREGISTREMENTS D’APPELS !', link: 'https://other.test/mirror', guid: 'm-1' },
        {
          title: 'Nouvelle vraiment nouvelle : les réceptionnistes et l’IA',
          link: 'https://other.test/new',
          guid: 'm-2',
          pubDate: '2026-11-22T15:00:00Z',
        },
        {
          title: 'Nouvelle vraiment nouvelle : les réceptionnistes et l’IA',
          link: 'https://other.test/new',
          guid: 'm-2',
        },
      ],
    });
    const added = await addFeedSource(deps, other, { check: true });
    expect(added).toMatchObject({ newItems: 1, duplicates: 3 });
    expect(linkKey('https://www.news.test/penurie/?utm_medium=social#top')).toBe(
      linkKey('https://news.test/penurie?utm_source=rss'),
    );
    expect(itemKey({ guid: 'x', title: 'T', url: null, publishedAt: null, summary: null })).toBe('id:x');
  });

  it('refuses a malformed feed or a web page when adding, writing nothing; a broken feed later fails alone', async () => {
    const deps = await open();
    const broken = server.set('/broken.xml', { title: 'Broken', items: [], fault: 'malformed' });
    await expect(addFeedSource(deps, broken, { check: true })).rejects.toMatchObject({
      code: 'feed_malformed',
      exitCode: 7,
    });
    const page = server.set('/page.html', { title: 'Page', items: [], fault: 'not-xml' });
    await expect(addFeedSource(deps, page, { check: true })).rejects.toBeInstanceOf(ExternalError);
    await expect(addFeedSource(deps, 'ftp://news.test/feed', { check: true })).rejects.toMatchObject({
      code: 'bad_feed_url',
      exitCode: 2,
    });
    expect(await feedSources(deps)).toEqual([]);
    // Added unchecked, then broken at fetch time: recorded on the source; the good feed still reads.
    await addFeedSource(deps, broken, { check: false });
    await addFeedSource(deps, server.set('/good.xml', { title: 'Good', items: ITEMS }), { check: false });
    await addFeedSource(deps, server.set('/down.xml', { title: 'Down', items: [], fault: '500' }), { check: false });
    const results = await fetchAllSources(deps);
    expect(results.map((r) => r.status)).toEqual(['error', 'ok', 'error']);
    expect(results[2]!.error).toBe('HTTP 500');
    const sources = await feedSources(deps);
    expect(sources.map((s) => s.failures)).toEqual([1, 0, 1]);
    expect(sources[0]!.lastError).toMatch(/not a readable RSS or Atom feed/);
    await removeFeedSource(deps, sources[0]!.shortId);
    expect((await feedSources(deps)).length).toBe(2);
  });

  it('stops reading a huge feed at the size limit, with memory bounded', async () => {
    const deps = await open();
    deps.brand.plan.sources.maxBytes = 1024 * 1024;
    deps.brand.plan.sources.timeoutMs = 30_000;
    const url = server.set('/huge.xml', { title: 'Huge', items: [], fault: 'huge', hugeBytes: 256 * 1024 * 1024 });
    const before = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    const [result] = await (async () => {
      await addFeedSource(deps, url, { check: false });
      return fetchAllSources(deps);
    })();
    expect(result).toMatchObject({ status: 'error' });
    expect(result!.error).toMatch(/1048576-byte limit/);
    const after = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    // 256 MiB were on offer; what was kept is about the 1 MiB limit.
    expect(after - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives up on a feed that hangs, before the headers or in the middle of the body', async () => {
    const deps = await open();
    for (const fault of ['hang', 'hang-body'] as const) {
      const url = server.set(`/${fault}.xml`, { title: fault, items: ITEMS, fault });
      await expect(
        fetchFeed(url, { timeoutMs: 300, maxBytes: 1_000_000, maxItems: 50, now: new Date() }),
      ).rejects.toMatchObject({ problem: 'timeout' });
    }
    await addFeedSource(deps, server.set('/slow.xml', { title: 'Slow', items: [], fault: 'hang' }), { check: false });
    const [r] = await fetchAllSources(deps);
    expect(r).toMatchObject({ status: 'error' });
    expect(r!.error).toMatch(/no complete answer within 400 ms/);
  });

  it('keeps the newest items of a long feed, follows a redirect, and reads a server without validators in full each time', async () => {
    const deps = await open();
    deps.brand.plan.sources.maxItems = 5;
    const many = Array.from({ length: 40 }, (_, i) => ({
      title: `Article ${i}`,
      link: `https://news.test/${i}`,
      pubDate: new Date(Date.UTC(2026, 10, 1 + (i % 20), 12)).toISOString(),
    }));
    server.set('/many.xml', { title: 'Many', items: many, noValidators: true });
    const added = await addFeedSource(deps, `${server.url}/moved/many.xml`, { check: true });
    expect(added.newItems).toBe(5);
    const kept = await recentSourceItems(deps.db, deps.brandSlug);
    expect(kept.map((i) => i.publishedAt!.slice(0, 10))).toEqual([
      '2026-11-20',
      '2026-11-20',
      '2026-11-19',
      '2026-11-19',
      '2026-11-18',
    ]);
    const [again] = await fetchAllSources(deps);
    expect(again).toMatchObject({ status: 'ok', newItems: 0, duplicates: 5 });
    expect(server.requests.filter((r) => r.path === '/many.xml').every((r) => r.ifNoneMatch === undefined)).toBe(true);
  });
});

describe('relevance judged by the text model', () => {
  it('asks the model about the best new items, records each answer in the cost ledger, and keeps keywords when it fails', async () => {
    const { startAnthropicFake } = await import('../fakes/anthropic-fake.js');
    const { createAnthropicTextProvider } = await import('../../src/providers/anthropic-text.js');
    const server = await startFeedServer();
    const judged: string[] = [];
    const fake = await startAnthropicFake({
      answer: (body: { messages: { content: string | { text: string }[] }[] }) => {
        const first = body.messages[0]!.content;
        const text = typeof first === 'string' ? first : first.map((c) => c.text).join('');
        judged.push(text);
        return text.includes('Loi 25')
          ? { score: 92, reason: 'Les cliniques doivent savoir quoi faire des enregistrements.' }
          : { score: 15, reason: 'Trop général pour des PME.' };
      },
    });
    const store = await testStore({ now: '2026-11-23T12:00:00Z' });
    try {
      const deps = store.deps;
      deps.brand.plan.news.judgeTop = 2;
      const provider = createAnthropicTextProvider({
        id: 'anthropic',
        model: 'claude-sonnet-4-6',
        baseURL: fake.url,
        apiKey: 'sk-test',
        timeoutMs: 5_000,
        retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1, maxRetryAfterMs: 1 },
        structuredMode: 'json_schema',
      });
      fake.enqueue({ kind: 'status', status: 400, type: 'invalid_request_error', message: 'bad' });
      const warnings: string[] = [];
      const added = await addFeedSource(
        deps,
        server.set('/judged.xml', { title: 'Les Affaires', items: ITEMS }),
        { check: true },
        { provider, warn: (m) => warnings.push(m) },
      );
      // Two items scored above zero by keywords were sent; the first call failed (400).
      expect(added).toMatchObject({ newItems: 3, judged: 1 });
      expect(warnings).toHaveLength(1);
      const items = await recentSourceItems(deps.db, deps.brandSlug);
      const loi = items.find((i) => i.title.includes('Loi 25'))!;
      const penurie = items.find((i) => i.title.includes('Pénurie'))!;
      const judgedItem = [loi, penurie].find((i) => i.scoreBasis === 'model')!;
      const keywordItem = [loi, penurie].find((i) => i.scoreBasis === 'keywords')!;
      expect(judgedItem.judgement).toBeTruthy();
      expect(keywordItem.judgement).toBeNull();
      const ledger = store.opened.raw
        .prepare(`SELECT purpose, step_key, cost_usd FROM llm_calls WHERE purpose = 'relevance'`)
        .all() as { step_key: string; cost_usd: number }[];
      expect(ledger).toHaveLength(1);
      expect(ledger[0]!.step_key).toBe(`relevance:${judgedItem.id}`);
      expect(ledger[0]!.cost_usd).toBeGreaterThan(0);
    } finally {
      await store.close();
      await fake.close();
      await server.close();
    }
  });
});
