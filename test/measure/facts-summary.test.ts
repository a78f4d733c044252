import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildReport } from '../../src/report/report-service.js';
import { insertSnapshot } from '../../src/store/analytics-repo.js';
import type { Db } from '../../src/store/database.js';
import { computeFacts, flushFacts } from '../../src/store/facts-refresh.js';
import { factsGeneration } from '../../src/store/facts-repo.js';
import { refreshLearning } from '../../src/optimize/insights-service.js';
import { currentMark } from '../../src/optimize/learning-marks.js';
import { immediate } from '../../src/store/tx.js';
import { runSync } from '../../src/sync/sync-service.js';
import { insertFixture, WEEK_FIXTURE } from '../helpers/report-fixture.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { memoryReplica, pgliteHub, type Hub, type Replica } from '../helpers/sync.js';

let store: TestStore | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await store?.close();
  store = undefined;
  for (const close of closers.splice(0)) await close();
});

const stored = async (db: Db, id: string) =>
  db.selectFrom('post_facts').selectAll().where('post_id', '=', id).executeTakeFirst();
const queued = async (db: Db) => (await db.selectFrom('_facts_dirty').select('post_id').execute()).length;
const commit = (db: Db) => immediate(db, async () => undefined);

/** A post with its numbers written on replica a, synced through a hub to replica b. */
const syncedPair = async () => {
  const hub: Hub = await pgliteHub();
  const a: Replica = await memoryReplica('a');
  const b: Replica = await memoryReplica('b');
  closers.push(
    () => a.close(),
    () => b.close(),
    () => hub.close(),
  );
  const [id] = await insertFixture(a.deps, [WEEK_FIXTURE[0]!]);
  await commit(a.deps.db);
  await runSync(a.deps, { transport: hub.transport() });
  await runSync(b.deps, { transport: hub.transport() });
  return { hub, a, b, id };
};

describe('per-post summaries (post_facts)', () => {
  it('are queued by any write and recomputed before a write transaction commits', async () => {
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    const ids = await insertFixture(store.deps, WEEK_FIXTURE);
    // The fixture writes outside a transaction: the posts wait in the queue.
    expect(await queued(store.deps.db)).toBeGreaterThan(0);
    await commit(store.deps.db);
    expect(await queued(store.deps.db)).toBe(0);
    const p1 = await stored(store.deps.db, ids[0]!);
    expect(p1).toMatchObject({ snapshot: '7d', unique_viewers: 600, engagements: 20, question_end: 1, has_number: 1 });
    expect(p1!.rate).toBeCloseTo(20 / 600, 12);
    expect(p1!.cost_text).toBeCloseTo(0.05, 12);
    expect(p1!.cost_image).toBeCloseTo(0.04, 12);
    // The rejected draft has no summary; the unmeasured post has one with "snapshot" missing.
    expect(await stored(store.deps.db, ids[4]!)).toBeUndefined();
    expect(await stored(store.deps.db, ids[2]!)).toMatchObject({ snapshot: null, rate: null, missing: '["snapshot"]' });
    // Whatever was stored is what the source tables say.
    const fresh = await computeFacts(store.deps.db, ids);
    for (const id of ids) expect(await stored(store.deps.db, id)).toEqual(fresh.get(id));
  });

  it('follow a snapshot that is added, then replaced, and bump the brand generation', async () => {
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    const [p3] = await insertFixture(store.deps, [WEEK_FIXTURE[2]!]);
    await commit(store.deps.db);
    const g0 = (await factsGeneration(store.deps.db, store.deps.brandSlug)).generation;
    const w = store.deps.writer();
    await immediate(store.deps.db, async (trx) => {
      await insertSnapshot(trx, w, {
        postId: p3!,
        publicationId: null,
        label: '24h',
        takenAt: '2026-11-20T20:10:00.000Z',
        views: 500,
        uniqueViewers: 400,
        reactions: 6,
        comments: 2,
        shares: 0,
        clicks: 1,
        engagementRate: 8 / 400,
        basis: 'x',
        missing: [],
      });
    });
    expect(await stored(store.deps.db, p3!)).toMatchObject({ snapshot: '24h', unique_viewers: 400, engagements: 8 });
    const g1 = (await factsGeneration(store.deps.db, store.deps.brandSlug)).generation;
    expect(g1).toBeGreaterThan(g0);

    // The metrics job refreshes the snapshot in place (same row, new numbers).
    await immediate(store.deps.db, async (trx) => {
      await sql`UPDATE metric_snapshots SET unique_viewers = 800, reactions = 30, engagement_rate = NULL
        WHERE post_id = ${p3!} AND label = '24h'`.execute(trx);
    });
    const replaced = await stored(store.deps.db, p3!);
    expect(replaced).toMatchObject({ unique_viewers: 800, engagements: 32 });
    expect(replaced!.rate).toBeCloseTo(32 / 800, 12);
    expect((await factsGeneration(store.deps.db, store.deps.brandSlug)).generation).toBeGreaterThan(g1);

    // A 7-day snapshot takes over from the 24-hour one.
    await immediate(store.deps.db, async (trx) => {
      await insertSnapshot(trx, w, {
        postId: p3!,
        publicationId: null,
        label: '7d',
        takenAt: '2026-11-26T20:10:00.000Z',
        views: 900,
        uniqueViewers: 1000,
        reactions: 40,
        comments: 5,
        shares: 5,
        clicks: 3,
        engagementRate: 0.05,
        basis: 'x',
        missing: [],
      });
    });
    expect(await stored(store.deps.db, p3!)).toMatchObject({ snapshot: '7d', unique_viewers: 1000, rate: 0.05 });

    // A change that does not touch the numbers (an edit of the post's topic) leaves the generation alone.
    const g2 = (await factsGeneration(store.deps.db, store.deps.brandSlug)).generation;
    await immediate(store.deps.db, async (trx) => {
      await sql`UPDATE posts SET scheduled_at = scheduled_at WHERE id = ${p3!}`.execute(trx);
    });
    expect((await factsGeneration(store.deps.db, store.deps.brandSlug)).generation).toBe(g2);
  });

  it('carry the judge verdict of the published variant, which the natural-share KPI counts (summed in SQL or in memory alike)', async () => {
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    const ids = await insertFixture(store.deps, WEEK_FIXTURE);
    const verdict = (naturalness: number, spans: number, method = 'llm') =>
      JSON.stringify({
        judge: { method, naturalness, clicheSpans: Array.from({ length: spans }, () => ({ text: 'x' })) },
      });
    // Outside a transaction: the posts stay queued, so the first report computes them in memory.
    const verdicts = [verdict(97, 0), verdict(97, 1), verdict(80, 0, 'deterministic')];
    for (const [i, q] of verdicts.entries()) {
      await sql`UPDATE variants SET quality = ${q} WHERE id = (SELECT chosen_variant_id FROM posts WHERE id = ${ids[i]!})`.execute(
        store.deps.db,
      );
    }
    const natural = (r: Awaited<ReturnType<typeof buildReport>>) => r.kpis.find((k) => k.key === 'natural_share')!;
    const before = natural(await buildReport(store.deps));
    await flushFacts(store.deps.db);
    expect(await stored(store.deps.db, ids[0]!)).toMatchObject({
      judge_method: 'llm',
      judge_naturalness: 97,
      judge_cliche_spans: 0,
    });
    expect(await stored(store.deps.db, ids[1]!)).toMatchObject({ judge_cliche_spans: 1 });
    const after = natural(await buildReport(store.deps));
    expect(after).toEqual(before);
    // Three judged posts in the week: one natural, one with a cliché span, one below the bar.
    expect(after.value).toBeCloseTo(1 / 3, 12);
    const fresh = await computeFacts(store.deps.db, ids);
    for (const id of ids) expect(await stored(store.deps.db, id)).toEqual(fresh.get(id));
  });

  it('a reader never serves a stale summary: queued posts are computed in memory, and the report is the same before and after the flush', async () => {
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    await insertFixture(store.deps, WEEK_FIXTURE);
    const before = await buildReport(store.deps);
    expect(await queued(store.deps.db)).toBeGreaterThan(0); // the report did not write
    await flushFacts(store.deps.db);
    expect(await queued(store.deps.db)).toBe(0);
    const after = await buildReport(store.deps);
    expect(after).toEqual(before);
  });

  it('follow rows synced from another replica', async () => {
    const { hub, a, b, id } = await syncedPair();
    const onA = await stored(a.deps.db, id!);
    expect(onA).toMatchObject({ snapshot: '7d', unique_viewers: 600 });
    expect(await stored(b.deps.db, id!)).toEqual(onA);
    const reportA = await buildReport(a.deps);
    const reportB = await buildReport(b.deps);
    expect({ ...reportB, generatedAt: '' }).toEqual({ ...reportA, generatedAt: '' });

    // A replaces the 7-day numbers (the publisher's late refresh); B follows after a sync.
    await immediate(a.deps.db, async (trx) => {
      await sql`UPDATE metric_snapshots SET unique_viewers = 1200, version = version + 1
        WHERE post_id = ${id!} AND label = '7d'`.execute(trx);
    });
    await runSync(a.deps, { transport: hub.transport() });
    const pulled = await runSync(b.deps, { transport: hub.transport() });
    expect(pulled.pull?.applied).toBeGreaterThan(0);
    const onB = await stored(b.deps.db, id!);
    expect(onB).toMatchObject({ unique_viewers: 1200, engagements: 20 });
    expect(onB!.rate).toBeCloseTo(20 / 600, 12); // the stored rate is the metrics job's, not recomputed
    expect(await stored(a.deps.db, id!)).toEqual(onB);
  });

  it('let the learning loop catch up after a pull without `sync` recomputing it', async () => {
    const { hub, a, b, id } = await syncedPair();
    await refreshLearning(b.deps);
    const kinds = ['beliefs', 'guidance', 'predictor'] as const;
    const marks = () => Promise.all(kinds.map((k) => currentMark(b.deps.db, k, b.deps.brandSlug, b.deps.brand)));
    expect((await marks()).every(Boolean)).toBe(true);

    await immediate(a.deps.db, async (trx) => {
      await sql`UPDATE metric_snapshots SET unique_viewers = 1200, version = version + 1
        WHERE post_id = ${id!} AND label = '7d'`.execute(trx);
    });
    await runSync(a.deps, { transport: hub.transport() });
    const before = await factsGeneration(b.deps.db, b.deps.brandSlug);
    await runSync(b.deps, { transport: hub.transport() });
    // The pull moved the generation, so every stored result is stale until the next use recomputes it.
    expect((await factsGeneration(b.deps.db, b.deps.brandSlug)).generation).toBeGreaterThan(before.generation);
    expect((await marks()).some(Boolean)).toBe(false);
    const refreshed = await refreshLearning(b.deps);
    expect(refreshed.posts).toBe(1);
    expect((await marks()).every(Boolean)).toBe(true);
  });

  it('count posts per state with triggers, exactly', async () => {
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    await insertFixture(store.deps, WEEK_FIXTURE);
    const counts = async () =>
      Object.fromEntries(
        (
          await store!.deps.db
            .selectFrom('post_counts')
            .select(['state', 'n'])
            .where('brand', '=', store!.deps.brandSlug)
            .where('n', '>', 0)
            .execute()
        ).map((r) => [r.state, r.n]),
      );
    const truth = async () =>
      Object.fromEntries(
        (
          await sql<{ state: string; n: number }>`SELECT state, count(*) AS n FROM posts
            WHERE deleted_at IS NULL AND brand = ${store!.deps.brandSlug} GROUP BY state`.execute(store!.deps.db)
        ).rows.map((r) => [r.state, r.n]),
      );
    expect(await counts()).toEqual(await truth());
    await sql`UPDATE posts SET state = 'rejected' WHERE state = 'published'`.execute(store.deps.db);
    await sql`UPDATE posts SET deleted_at = '2026-11-24T00:00:00Z' WHERE state = 'measured' AND content_type = 'tip'`.execute(
      store.deps.db,
    );
    expect(await counts()).toEqual(await truth());
  });
});
