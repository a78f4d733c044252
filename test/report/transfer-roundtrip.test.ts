import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/report-service.js';
import { exportPosts, importPosts, type ExportFormat } from '../../src/report/transfer-service.js';
import type { ServiceDeps } from '../../src/deps/service-deps.js';
import { insertFixture, WEEK_FIXTURE } from '../helpers/report-fixture.js';
import { testStore, type TestStore } from '../helpers/store.js';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const exported = async (deps: ServiceDeps, format: ExportFormat = 'json') => {
  let text = '';
  await exportPosts(deps, { format }, async (t) => {
    text += t;
  });
  return text;
};

const rows = async (deps: ServiceDeps, table: string, columns: string) =>
  (await sql.raw<Record<string, unknown>>(`SELECT ${columns} FROM ${table} ORDER BY id`).execute(deps.db)).rows;

describe('export → import round trip', () => {
  it('keeps ids, states, variants, publications and snapshots, and a second import changes nothing', async () => {
    const a = await testStore({ now: '2026-11-24T15:00:00Z' });
    const b = await testStore({ now: '2026-11-24T15:00:00Z' });
    stores.push(a, b);
    const ids = await insertFixture(a.deps, WEEK_FIXTURE);
    // One post approved for a slot: it must come back for review, never be published by an import.
    await sql`UPDATE posts SET state = 'approved', scheduled_at = '2026-11-26T19:00:00.000Z' WHERE id = ${ids[4]!}`.execute(
      a.deps.db,
    );
    const text = await exported(a.deps);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    const file = join(a.home, 'export.json');
    writeFileSync(file, text);

    const first = await importPosts(b.deps, file);
    expect(first).toMatchObject({ imported: 7, skipped: 0, returnedToReview: 1, history: 6, snapshots: 6 });
    const columns = {
      posts: 'id, content_type, state, chosen_variant_id, scheduled_at, target_date, created_at',
      variants: 'id, post_id, idx, style, current_version_no, quality_score, prompt_version',
      variant_versions: 'id, variant_id, version_no, text, headline',
      publications: 'id, post_id, attempt_no, status, slot_at, finished_at, fb_post_id, text_hash',
      metric_snapshots:
        'id, post_id, publication_id, label, taken_at, views, unique_viewers, reactions, comments, shares, engagement_rate',
    };
    for (const [table, cols] of Object.entries(columns)) {
      const mine = await rows(a.deps, table, cols);
      const theirs = await rows(b.deps, table, cols);
      if (table === 'posts') {
        const approved = mine.find((r) => r.id === ids[4]);
        Object.assign(approved!, { state: 'in_review', scheduled_at: null });
      }
      expect(theirs, table).toEqual(mine);
    }
    // Same numbers in both homes (the AI-call ledger is not part of the export).
    const ra = await buildReport(a.deps);
    const rb = await buildReport(b.deps);
    const measured = (r: typeof ra) => r.kpis.filter((k) => !k.key.startsWith('cost'));
    expect(measured(rb)).toEqual(measured(ra));
    expect(rb.trend).toEqual(ra.trend);

    const again = await importPosts(b.deps, file);
    expect(again).toMatchObject({ imported: 0, skipped: 7 });
    expect((await rows(b.deps, 'posts', 'id')).length).toBe(7);
    // Exporting the copy gives the same posts back (the approved one now in review).
    const copy = JSON.parse(await exported(b.deps)) as { posts: { id: string; state: string }[] };
    const original = JSON.parse(text) as { posts: { id: string; state: string }[] };
    expect(copy.posts.map((p) => p.id)).toEqual(original.posts.map((p) => p.id));
  });

  it('the CSV export round-trips by id too, and is idempotent', async () => {
    const a = await testStore({ now: '2026-11-24T15:00:00Z' });
    const b = await testStore({ now: '2026-11-24T15:00:00Z' });
    stores.push(a, b);
    await insertFixture(a.deps, WEEK_FIXTURE);
    const file = join(a.home, 'export.csv');
    writeFileSync(file, await exported(a.deps, 'csv'));
    expect(await importPosts(b.deps, file)).toMatchObject({ imported: 7, skipped: 0 });
    expect(await importPosts(b.deps, file)).toMatchObject({ imported: 0, skipped: 7 });
    expect((await rows(b.deps, 'posts', 'id, state')).map((r) => r.id)).toEqual(
      (await rows(a.deps, 'posts', 'id, state')).map((r) => r.id),
    );
    expect((await buildReport(b.deps)).kpis.map((k) => k.value).slice(0, 3)).toEqual(
      (await buildReport(a.deps)).kpis.map((k) => k.value).slice(0, 3),
    );
  });

  it('refuses a file whose nested ids belong to other posts of the store, writing nothing', async () => {
    const a = await testStore({ now: '2026-11-24T15:00:00Z' });
    stores.push(a);
    await insertFixture(a.deps, WEEK_FIXTURE.slice(0, 2));
    const text = await exported(a.deps);
    const data = JSON.parse(text) as { posts: { id: string }[] };
    data.posts[0]!.id = 'another-post-id';
    const file = join(a.home, 'clash.json');
    writeFileSync(file, JSON.stringify(data, null, 1));
    await expect(importPosts(a.deps, file)).rejects.toThrow(/already belongs to another post in the store/);
    expect((await rows(a.deps, 'posts', 'id')).length).toBe(2);
  });
});
