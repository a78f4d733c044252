import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { generatePost } from '../../src/generate/generate-service.js';
import { approvePost, editVariant, rejectPost, restoreVersion, proposeSlot } from '../../src/review/review-service.js';
import { modeFor } from '../../src/domain/publish-mode.js';
import { regenerateVariant } from '../../src/generate/regenerate-service.js';
import { postDetail, resolvePost } from '../../src/store/post-lookup.js';
import { statusReport } from '../../src/services/status-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { openDatabase } from '../../src/store/database.js';
import { listPosts } from '../../src/store/posts-repo.js';
import { shortId } from '../../src/store/ids.js';
import { formatLocal } from '../../src/domain/time.js';
import { movedReason } from '../../src/present/dates.js';
import { StateError, StoreError, UsageError, NotFoundError } from '../../src/errors/errors.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
const offline = createOfflineTextProvider();

beforeEach(async () => {
  // Tuesday 2026-11-24, 10:00 in Toronto.
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

describe('review actions', () => {
  // Distinct content types: two posts of one type on one day are (rightly) too similar to approve.
  const types = ['tip', 'faq', 'case_study', 'myth_busting', 'behind_the_scenes'];
  let n = 0;
  const generate = async () =>
    (await generatePost(store.deps, offline, { contentType: types[n++ % types.length]! })).postId;

  it('approves at a slot drawn in the window of the next posting day', async () => {
    const id = await generate();
    const result = await approvePost(store.deps, { ref: shortId(id), variant: 2 });
    const local = formatLocal(new Date(result.scheduledAt), 'America/Toronto');
    expect(local.slice(0, 10)).toBe('2026-11-24');
    expect(local.slice(11) >= '13:00' && local.slice(11) < '16:00').toBe(true);
    expect(result.mode).toBe('native');
    const post = await resolvePost(store.deps.db, id);
    expect(post).toMatchObject({
      state: 'approved',
      chosenVariantId: result.variant.id,
      scheduledAt: result.scheduledAt,
    });
    expect(post.slotSeed).toBeTruthy();
  });

  it('moves to the next posting day when the target day is not one, and keeps the gap', async () => {
    store.clock.set('2026-11-27T15:00:00Z'); // Friday
    const a = await generate();
    const b = await generate();
    const ra = await approvePost(store.deps, { ref: a });
    const rb = await approvePost(store.deps, { ref: b });
    expect(ra.local.slice(0, 10)).toBe('2026-12-01');
    expect(ra.movedFrom).toBe('2026-11-27');
    expect(ra.movedBecause).toBe('not_posting_day');
    expect(movedReason(ra.movedFrom!, ra.movedBecause).en).toBe(
      'The target date 2026-11-27 is a Friday, not a posting day; moved to the next posting day.',
    );
    expect(Math.abs(new Date(ra.scheduledAt).getTime() - new Date(rb.scheduledAt).getTime())).toBeGreaterThanOrEqual(
      3 * 3_600_000,
    );
  });

  it('says a target date in the past is in the past, not that it had no free slot', async () => {
    const id = (await generatePost(store.deps, offline, { contentType: 'tip', date: '2026-11-25' })).postId;
    store.clock.set('2026-11-27T15:00:00Z');
    const r = await approvePost(store.deps, { ref: id });
    expect(r).toMatchObject({ movedFrom: '2026-11-25', movedBecause: 'past' });
    expect(movedReason(r.movedFrom!, r.movedBecause).en).toMatch(/2026-11-25 is in the past/);
    expect(movedReason(r.movedFrom!, r.movedBecause).fr).not.toMatch(/créneau libre/);
  });

  it('accepts a typed local time, refuses the past, and queues when too near for native', async () => {
    const id = await generate();
    await expect(approvePost(store.deps, { ref: id, at: '2026-11-20 14:00' })).rejects.toThrow(/past/);
    await expect(approvePost(store.deps, { ref: id, at: 'soon' })).rejects.toThrow(UsageError);
    const r = await approvePost(store.deps, { ref: id, variant: 1, at: '2026-11-24 10:05' });
    expect(r.scheduledAt).toBe('2026-11-24T15:05:00.000Z');
    expect(r.mode).toBe('queue');
    expect(modeFor('native', new Date('2026-11-25T15:00:00Z'), store.clock.now())).toBe('native');
    expect(modeFor('native', new Date('2027-01-25T15:00:00Z'), store.clock.now())).toBe('queue');
  });

  it('refuses illegal transitions and unknown variants without changing anything', async () => {
    const id = await generate();
    await approvePost(store.deps, { ref: id, variant: 1 });
    await expect(approvePost(store.deps, { ref: id, variant: 1 })).rejects.toThrow(StateError);
    const other = await generate();
    await expect(approvePost(store.deps, { ref: other, variant: 7 })).rejects.toThrow(/no variant 7/);
    expect((await resolvePost(store.deps.db, other)).state).toBe('in_review');
    await expect(resolvePost(store.deps.db, 'ffffffff')).rejects.toThrow(NotFoundError);
  });

  it('keeps every version on edit and restores an old one', async () => {
    const id = await generate();
    const original = (await postDetail(store.deps.db, await resolvePost(store.deps.db, id))).variants[0]!.text;
    const e1 = await editVariant(store.deps, { ref: id, variant: 1, text: 'Version modifiée.' });
    expect(e1).toMatchObject({ versionNo: 2, changed: true });
    const same = await editVariant(store.deps, { ref: id, variant: 1, text: 'Version modifiée.' });
    expect(same.changed).toBe(false);
    await expect(editVariant(store.deps, { ref: id, variant: 1, text: '   ' })).rejects.toThrow(/empty/);
    const restored = await restoreVersion(store.deps, id, 1, 1);
    expect(restored.versionNo).toBe(3);
    const d = await postDetail(store.deps.db, await resolvePost(store.deps.db, id));
    expect(d.variants[0]!.text).toBe(original);
    expect(d.variants[0]!.versions.map((v) => v.source)).toEqual(['generated', 'edit', 'restore']);
    expect(d.history.filter((h) => h.entity === 'variant').map((h) => h.action)).toEqual(['edit', 'restore']);
  });

  it('regenerates with an instruction as a new version', async () => {
    const id = await generate();
    const r = await regenerateVariant(store.deps, offline, { ref: id, variant: 2, instruction: 'plus court' });
    expect(r.versionNo).toBe(2);
    const d = await postDetail(store.deps.db, await resolvePost(store.deps.db, id));
    expect(d.variants[1]!.text.length).toBeLessThan(d.variants[1]!.versions[0]!.text.length);
    expect(d.variants[1]!.versions[1]).toMatchObject({ source: 'regenerate', note: 'plus court' });
    await expect(regenerateVariant(store.deps, offline, { ref: id, variant: 2, instruction: ' ' })).rejects.toThrow(
      UsageError,
    );
  });

  it('freezes content once publishing started and needs a reason to reject', async () => {
    const id = await generate();
    await expect(rejectPost(store.deps, id, '  ')).rejects.toThrow(/reason/);
    await store.deps.db.updateTable('posts').set({ state: 'published' }).where('id', '=', id).execute();
    await expect(editVariant(store.deps, { ref: id, variant: 1, text: 'x' })).rejects.toThrow(/can no longer change/);
    const other = await generate();
    const rejected = await rejectPost(store.deps, other, 'trop générique');
    expect(rejected.state).toBe('rejected');
    const d = await postDetail(store.deps.db, rejected);
    expect(d.history.at(-1)).toMatchObject({
      action: 'reject',
      fromState: 'in_review',
      toState: 'rejected',
      reason: 'trop générique',
      actor: 'tester@test',
    });
  });

  it('status counts states and lists what is next', async () => {
    const a = await generate();
    await generate();
    await approvePost(store.deps, { ref: a });
    const report = await statusReport(store.deps.db, 'autoscale-ai', store.clock.now());
    expect(report.counts).toEqual({ approved: 1, in_review: 1 });
    expect(report.next).toHaveLength(1);
    expect(report.next[0]!.id).toBe(a);
  });

  it('proposes a slot without writing anything', async () => {
    const id = await generate();
    const post = await resolvePost(store.deps.db, id);
    const slot = await proposeSlot(store.deps, post, 'fixed-seed');
    const again = await proposeSlot(store.deps, post, 'fixed-seed');
    expect(slot.at.toISOString()).toBe(again.at.toISOString());
    expect((await resolvePost(store.deps.db, id)).state).toBe('in_review');
  });
});

describe('database file safety', () => {
  it('refuses a corrupt file and a foreign SQLite database', async () => {
    const bad = join(store.home, 'garbage.db');
    writeFileSync(bad, 'this is not a database at all, really not');
    await expect(openDatabase(bad)).rejects.toThrow(StoreError);
    const foreign = join(store.home, 'foreign.db');
    const raw = new BetterSqlite3(foreign);
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    raw.close();
    await expect(openDatabase(foreign)).rejects.toThrow(/not an autoscale database/);
  });

  it('lets two connections share the file (WAL, busy timeout)', async () => {
    const second = await openDatabase(store.deps.paths.database);
    await generatePost(store.deps, offline, { contentType: 'faq' });
    expect(await listPosts(second.db)).toHaveLength(1);
    expect(second.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    await second.close();
  });
});
