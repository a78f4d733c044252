import type { PostState } from '../../src/domain/post-state.js';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pullChanges, pushChanges, runSync } from '../../src/sync/sync-service.js';
import type { SyncTransport } from '../../src/sync/transport.js';
import { createPost, editVariant, movePost, outboxCount, snapshot } from '../helpers/sync-fixtures.js';
import { memoryReplica, pgliteHub, type Hub, type Replica } from '../helpers/sync.js';

let hub: Hub;
const open: Replica[] = [];
const replica = async (name: string) => {
  const r = await memoryReplica(name);
  open.push(r);
  return r;
};

beforeAll(async () => {
  hub = await pgliteHub();
});
afterAll(async () => {
  await hub.close();
});
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
  await hub.reset();
});

const sync = (r: Replica, transport: SyncTransport = hub.transport()) => runSync(r.deps, { transport });
/** Two replicas that both have one post created on `a`. */
const twoWithPost = async (state?: PostState) => {
  const a = await replica('a');
  const b = await replica('b');
  const created = await createPost(a, state);
  await sync(a);
  await sync(b);
  return { a, b, ...created };
};
const postState = async (r: Replica, id: string) =>
  (await r.deps.db.selectFrom('posts').select('state').where('id', '=', id).executeTakeFirst())?.state;

describe('change capture', () => {
  it('queues every write to a synced table and coalesces them per row on push', async () => {
    const a = await replica('a');
    const { postId, variantIds } = await createPost(a);
    await editVariant(a, variantIds[0]!, 'second');
    await movePost(a, postId, 'approved');
    // 1 post + 3 variants + 3 first versions, then 1 version insert + 1 variant update + 1 post update
    expect(await outboxCount(a)).toBe(10);
    const push = await pushChanges(a.deps, hub.transport());
    expect(push.sent).toBe(8); // coalesced per row: post, 3 variants, 4 versions
    expect(push.accepted).toBe(8);
    expect(await outboxCount(a)).toBe(0);
  });

  it('does not capture rows applied from the hub (no echo)', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await createPost(a);
    await sync(a);
    const report = await sync(b);
    expect(report.pull?.applied).toBe(7);
    expect(await outboxCount(b)).toBe(0);
  });
});

describe('push and pull', () => {
  it('bootstraps a new replica from zero and converges', async () => {
    const a = await replica('a');
    for (let i = 0; i < 5; i += 1) await createPost(a);
    await sync(a);
    const b = await replica('b');
    const report = await sync(b);
    expect(report.ok).toBe(true);
    expect(report.pull?.received).toBe(35);
    await sync(a);
    expect(await snapshot(b)).toEqual(await snapshot(a));
    expect(report.cursor).toBeGreaterThan(0);
  });

  it('pages through pull_changes and applies everything in one transaction', async () => {
    const a = await replica('a');
    for (let i = 0; i < 7; i += 1) await createPost(a);
    await sync(a);
    const b = await replica('b');
    b.deps.config.sync.pageSize = 3;
    let applied = 0;
    await expect(
      pullChanges(b.deps, hub.transport(), {
        hooks: {
          duringApply: (n) => {
            applied = n;
            if (n > 10) throw new Error('crash mid-pull');
          },
        },
      }),
    ).rejects.toThrow('crash mid-pull');
    expect(applied).toBeGreaterThan(10);
    // Rolled back: nothing applied, cursor unchanged.
    expect(await b.deps.db.selectFrom('posts').select('id').execute()).toHaveLength(0);
    expect(
      (await sql<{ value: string }>`SELECT value FROM _sync_state WHERE key = 'cursor'`.execute(b.deps.db)).rows[0]
        ?.value,
    ).toBe('0');
    const ok = await pullChanges(b.deps, hub.transport());
    expect(ok.applied).toBe(49);
  });

  it('does not move a replica back when two processes pull at once', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await createPost(a);
    await sync(a);
    let other: Promise<unknown> | undefined;
    const slow = hub.transport();
    const racing: SyncTransport = {
      ...slow,
      kind: slow.kind,
      target: slow.target,
      pullChanges: async (cursor, limit) => {
        const page = await slow.pullChanges(cursor, limit);
        other ??= pullChanges(b.deps, hub.transport()); // the daemon pulls while the CLI waits
        await other;
        return page;
      },
    };
    const report = await pullChanges(b.deps, racing);
    expect(report.raced).toBe(true);
    expect(report.applied).toBe(0);
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('replays a push whose acknowledgement was lost without applying it twice', async () => {
    const { a, b, postId } = await twoWithPost();
    await movePost(a, postId, 'approved');
    await expect(
      pushChanges(a.deps, hub.transport(), {
        hooks: {
          beforeAck: () => {
            throw new Error('crash before ack');
          },
        },
      }),
    ).rejects.toThrow();
    expect(await outboxCount(a)).toBe(1);
    // Meanwhile b moves the post forward; a's replay must not override it.
    await movePost(b, postId, 'scheduled');
    await sync(b);
    const replay = await pushChanges(a.deps, hub.transport());
    expect(replay.duplicates).toBe(1);
    expect(replay.accepted).toBe(0);
    await sync(a);
    await sync(b);
    expect(await postState(a, postId)).toBe('scheduled');
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });
});

describe('hub rules', () => {
  it('last writer wins in server order and records the override in audit_log', async () => {
    const { a, b, postId } = await twoWithPost();
    await a.deps.db
      .updateTable('posts')
      .set({ topic: 'from a', version: sql`version + 1` })
      .where('id', '=', postId)
      .execute();
    await b.deps.db
      .updateTable('posts')
      .set({ topic: 'from b', version: sql`version + 1` })
      .where('id', '=', postId)
      .execute();
    await sync(a);
    await sync(b); // b was based on the old version: it wins (later at the hub) with a conflict entry
    await sync(a);
    const topic = await a.deps.db.selectFrom('posts').select('topic').where('id', '=', postId).executeTakeFirst();
    expect(topic?.topic).toBe('from b');
    const conflicts = await a.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'sync_conflict')
      .execute();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.entity_id).toBe(postId);
    expect(conflicts[0]!.data).toContain('from a');
  });

  it('never lets a stale write move a post backwards, and says why', async () => {
    const { a, b, postId } = await twoWithPost();
    await movePost(a, postId, 'approved');
    await movePost(a, postId, 'scheduled');
    await sync(a);
    await movePost(b, postId, 'rejected'); // b has not seen the schedule
    const report = await sync(b);
    expect(report.push?.rejected).toEqual([{ tbl: 'posts', id: postId, reason: 'lifecycle_regression' }]);
    expect(await postState(b, postId)).toBe('scheduled');
    expect(await outboxCount(b)).toBe(0);
    const audit = await b.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'sync_rejected').execute();
    expect(audit[0]?.reason).toBe('lifecycle_regression');
  });

  it('allows a legitimate step back by the replica that saw the current row', async () => {
    const a = await replica('a');
    const { postId } = await createPost(a, 'approved');
    await sync(a);
    await movePost(a, postId, 'in_review');
    const report = await sync(a);
    expect(report.push?.rejected).toEqual([]);
    expect(await postState(a, postId)).toBe('in_review');
  });

  it('freezes the content of a published post', async () => {
    const { a, b, postId, variantIds } = await twoWithPost('scheduled');
    await movePost(a, postId, 'published');
    await sync(a);
    expect(await editVariant(b, variantIds[1]!, 'late edit')).toBe(true);
    await b.deps.db.updateTable('posts').set({ topic: 'changed' }).where('id', '=', postId).execute();
    const report = await sync(b);
    const reasons = report.push!.rejected.map((r) => `${r.tbl}:${r.reason}`).sort();
    // b had not seen the publication: its post write is stale and would move the post back.
    expect(reasons).toEqual([
      'posts:lifecycle_regression',
      'variant_versions:published_frozen',
      'variants:published_frozen',
    ]);
    await sync(a);
    expect(await snapshot(b)).toEqual(await snapshot(a));
    expect(await postState(b, postId)).toBe('published');
    // Now up to date, b still cannot change the published post's content.
    await b.deps.db.updateTable('posts').set({ topic: 'changed again' }).where('id', '=', postId).execute();
    expect((await sync(b)).push?.rejected).toEqual([{ tbl: 'posts', id: postId, reason: 'published_frozen' }]);
    await movePost(b, postId, 'measured');
    expect((await sync(b)).push?.rejected).toEqual([]);
    expect(await postState(b, postId)).toBe('measured');
    const versions = await b.deps.db
      .selectFrom('variant_versions')
      .select('text')
      .where('variant_id', '=', variantIds[1]!)
      .execute();
    expect(versions.map((v) => v.text)).toEqual(['storytelling text']);
    // The refused edit is kept in the audit log, not lost.
    const audit = await b.deps.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'sync_rejected')
      .execute();
    expect(audit.some((r) => r.data?.includes('late edit'))).toBe(true);
  });

  it('refuses a second row with the same unique key (two replicas edited the same variant)', async () => {
    const { a, b, variantIds } = await twoWithPost();
    await editVariant(a, variantIds[0]!, 'edit on a');
    await editVariant(b, variantIds[0]!, 'edit on b');
    await sync(a);
    const report = await sync(b);
    expect(report.push?.rejected.map((r) => r.reason)).toEqual(['unique_conflict:variant_id,version_no']);
    await sync(a);
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });

  it('drops a refused new row even when the refusal was lost in a crash (replayed later)', async () => {
    const { a, b, postId, variantIds } = await twoWithPost('scheduled');
    await movePost(a, postId, 'published');
    await sync(a);
    await editVariant(b, variantIds[2]!, 'too late');
    await expect(
      pushChanges(b.deps, hub.transport(), {
        hooks: {
          beforeAck: () => {
            throw new Error('crash');
          },
        },
      }),
    ).rejects.toThrow('crash');
    const replay = await sync(b);
    expect(replay.push?.duplicates).toBe(2);
    await sync(a);
    expect(await snapshot(b)).toEqual(await snapshot(a));
    expect(await outboxCount(b)).toBe(0);
  });

  it('refuses a hub whose counter is behind its cursor, and can seed a new hub after a reset', async () => {
    const a = await replica('a');
    await createPost(a);
    await sync(a);
    await hub.reset(); // a different, empty hub
    await expect(pullChanges(a.deps, hub.transport())).rejects.toMatchObject({ code: 'sync_hub_changed' });
    await sql`UPDATE _sync_state SET value = '0' WHERE key = 'cursor'`.execute(a.deps.db);
    await sql`DELETE FROM _sync_state WHERE key LIKE 'table:%'`.execute(a.deps.db);
    const seeded = await sync(a);
    expect(seeded.push?.accepted).toBe(7);
    const b = await replica('b');
    await sync(b);
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('keeps rows of tables this replica does not know and applies them after an upgrade', async () => {
    const a = await replica('a');
    const t = hub.transport();
    await t.applyMutations('replica-future', [
      { seq: 1, tbl: 'optimizer_state', id: 'o1', op: 'upsert', base: 0, data: { id: 'o1', key: 'k', value: 'v' } },
    ]);
    const report = await pullChanges(a.deps, t);
    expect(report.parked).toBe(1);
    await sql
      .raw(
        `CREATE TABLE optimizer_state (id TEXT PRIMARY KEY, key TEXT NOT NULL, value TEXT, version INTEGER NOT NULL DEFAULT 1, updated_at TEXT, updated_by TEXT, deleted_at TEXT)`,
      )
      .execute(a.deps.db);
    const again = await pullChanges(a.deps, t, { tables: [{ name: 'optimizer_state', pk: 'id' }] });
    expect(again.applied).toBe(1);
    const row = await sql<{ value: string }>`SELECT value FROM optimizer_state WHERE id = 'o1'`.execute(a.deps.db);
    expect(row.rows[0]?.value).toBe('v');
  });
});
