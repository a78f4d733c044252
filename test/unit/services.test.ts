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
import { StateError, StoreError, UsageError, NotFoundError } from '../../src/errors/errors.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
const offline = createOfflineTextProvider();

beforeEach(async () => {
  // Tuesday 2026-11-24, 10:00 in Toronto.
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

describe('generate (offline)', () => {
  it('writes three variants of distinct styles, in review, with prompt versions', async () => {
    const result = await generatePost(store.deps, offline, { contentType: 'case_study' });
    const detail = await postDetail(store.deps.db, await resolvePost(store.deps.db, result.postId));
    expect(detail.post.state).toBe('in_review');
    expect(detail.post.target_date).toBe('2026-11-24');
    expect(detail.variants.map((v) => v.style)).toEqual(['professional', 'storytelling', 'question']);
    expect(new Set(detail.variants.map((v) => v.text)).size).toBe(3);
    for (const v of detail.variants) {
      expect(v.prompt_version).toMatch(/^brand-voice@1#[0-9a-f]{6}\+type\/case_study@1#[0-9a-f]{6}\+style\//);
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

  it('is deterministic for the same request and writes all nine content types', async () => {
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
    for (const contentType of types) {
      const a = await generatePost(store.deps, offline, { contentType, date: '2026-12-01' });
      const b = await generatePost(store.deps, offline, { contentType, date: '2026-12-01' });
      const [va, vb] = await Promise.all(
        [a, b].map(async (r) =>
          (await postDetail(store.deps.db, await resolvePost(store.deps.db, r.postId))).variants.map((v) => v.text),
        ),
      );
      expect(va).toEqual(vb);
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
    let calls = 0;
    let failOn: string | undefined = 'question';
    const paid = {
      id: 'paid-fake',
      model: 'claude-sonnet-4-6',
      offline: false,
      async generate(req: Parameters<typeof offline.generate>[0]) {
        if (req.style === failOn) throw new Error('connection reset');
        calls += 1;
        const r = await offline.generate(req);
        return {
          ...r,
          model: 'claude-sonnet-4-6',
          usage: { inputTokens: 1000, outputTokens: 300, cacheWriteTokens: 0, cacheReadTokens: 0 },
        };
      },
    };
    await expect(generatePost(store.deps, paid, { contentType: 'tip' })).rejects.toThrow(/paid-fake/);
    expect(calls).toBe(2);
    expect(await listPosts(store.deps.db)).toHaveLength(0);
    failOn = undefined;
    const result = await generatePost(store.deps, paid, { contentType: 'tip' });
    expect(calls).toBe(3);
    expect(result.resumed).toBe(true);
    expect(result.reusedSteps).toBe(2);
    const d = await postDetail(store.deps.db, await resolvePost(store.deps.db, result.postId));
    // 3 calls × (1000 × $3 + 300 × $15) / 1M
    expect(d.cost.text).toBeCloseTo(3 * (0.003 + 0.0045), 6);
    expect(d.cost.calls).toBe(3);
  });
});

describe('named runs (daemon jobs)', () => {
  it('resume only their own run: two jobs with the same request never share a post', async () => {
    let failOn: string | undefined = 'question';
    const paid = {
      id: 'paid-fake',
      model: 'claude-sonnet-4-6',
      offline: false,
      async generate(req: Parameters<typeof offline.generate>[0]) {
        if (req.style === failOn) throw new Error('connection reset');
        const r = await offline.generate(req);
        return {
          ...r,
          model: 'claude-sonnet-4-6',
          usage: { inputTokens: 10, outputTokens: 10, cacheWriteTokens: 0, cacheReadTokens: 0 },
        };
      },
    };
    await expect(generatePost(store.deps, paid, { contentType: 'tip', runId: 'job-a' })).rejects.toThrow(/paid-fake/);
    failOn = undefined;
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

describe('review actions', () => {
  const generate = async () => (await generatePost(store.deps, offline, { contentType: 'tip' })).postId;

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
      chosen_variant_id: result.variant.id,
      scheduled_at: result.scheduledAt,
    });
    expect(post.slot_seed).toBeTruthy();
  });

  it('moves to the next posting day when the target day is not one, and keeps the gap', async () => {
    store.clock.set('2026-11-27T15:00:00Z'); // Friday
    const a = await generate();
    const b = await generate();
    const ra = await approvePost(store.deps, { ref: a });
    const rb = await approvePost(store.deps, { ref: b });
    expect(ra.local.slice(0, 10)).toBe('2026-12-01');
    expect(ra.movedFrom).toBe('2026-11-27');
    expect(Math.abs(new Date(ra.scheduledAt).getTime() - new Date(rb.scheduledAt).getTime())).toBeGreaterThanOrEqual(
      3 * 3_600_000,
    );
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
      from_state: 'in_review',
      to_state: 'rejected',
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
