import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { installSyncTriggers, tablesMissingTriggers } from '../../src/store/sync-repo.js';
import { SYNCED_TABLES } from '../../db/synced-tables.js';
import { hubSchemaScript, hubMigrations } from '../../src/sync/setup.js';
import { createPost, outboxCount } from '../helpers/sync-fixtures.js';
import { memoryReplica, pgliteHub } from '../helpers/sync.js';

describe('change capture is data-driven and re-runnable', () => {
  it('installs triggers on every synced table and none on local-only tables', async () => {
    const r = await memoryReplica('a');
    const triggers = (
      await sql<{
        tbl_name: string;
      }>`SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '_sync_%'`.execute(r.deps.db)
    ).rows
      .map((t) => t.tbl_name)
      .sort();
    expect(triggers).toEqual(SYNCED_TABLES.map((t) => t.name).sort());
    expect(await tablesMissingTriggers(r.deps.db, SYNCED_TABLES)).toEqual([]);
    await sql`INSERT INTO jobs (id, kind, run_at, state, idempotency_key, created_at, updated_at) VALUES ('j', 'k', 'now', 'queued', 'key', 'now', 'now')`.execute(
      r.deps.db,
    );
    expect(await outboxCount(r)).toBe(0);
    await r.close();
  });

  it('picks up a table added by a later migration, queueing its existing rows once', async () => {
    const r = await memoryReplica('a');
    await sql
      .raw(
        `CREATE TABLE optimizer_state (id TEXT PRIMARY KEY, key TEXT NOT NULL, value TEXT, version INTEGER NOT NULL DEFAULT 1, updated_at TEXT, updated_by TEXT, deleted_at TEXT)`,
      )
      .execute(r.deps.db);
    await sql
      .raw(`INSERT INTO optimizer_state (id, key, value) VALUES ('o1', 'style', 'question'), ('o2', 'slot', '14:00')`)
      .execute(r.deps.db);
    const tables = [...SYNCED_TABLES, { name: 'optimizer_state', pk: 'id' }];
    expect((await tablesMissingTriggers(r.deps.db, tables)).map((t) => t.name)).toEqual(['optimizer_state']);
    await installSyncTriggers(r.deps.db, tables);
    expect(await outboxCount(r)).toBe(2);
    await installSyncTriggers(r.deps.db, tables); // again: triggers refreshed, rows not queued twice
    expect(await outboxCount(r)).toBe(2);
    await sql.raw(`UPDATE optimizer_state SET value = 'story' WHERE id = 'o1'`).execute(r.deps.db);
    const last = await sql<{
      tbl: string;
      row_id: string;
      base_version: number;
    }>`SELECT tbl, row_id, base_version FROM _sync_outbox ORDER BY seq DESC LIMIT 1`.execute(r.deps.db);
    expect(last.rows[0]).toEqual({ tbl: 'optimizer_state', row_id: 'o1', base_version: 1 });
    await r.close();
  });

  it('skips capture while remote rows are applied (the applying flag)', async () => {
    const r = await memoryReplica('a');
    await sql`UPDATE _sync_state SET value = '1' WHERE key = 'applying'`.execute(r.deps.db);
    await createPost(r);
    expect(await outboxCount(r)).toBe(0);
    await sql`UPDATE _sync_state SET value = '0' WHERE key = 'applying'`.execute(r.deps.db);
    await createPost(r);
    expect(await outboxCount(r)).toBe(7);
    await r.close();
  });
});

describe('hub schema', () => {
  it('ships as ordered migrations and one pasteable script', () => {
    const names = hubMigrations().map((m) => m.name);
    expect(names).toEqual([...names].sort());
    const script = hubSchemaScript();
    for (const fn of [
      'apply_mutations',
      'pull_changes',
      'acquire_publisher_lease',
      'renew_publisher_lease',
      'release_publisher_lease',
    ])
      expect(script).toContain(`function ${fn}(`);
  });

  it('enables row-level security on every table it creates', async () => {
    const hub = await pgliteHub();
    const tables = await hub.pg.query<{ relname: string; relrowsecurity: boolean }>(
      `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
    );
    expect(tables.rows.length).toBeGreaterThanOrEqual(6);
    expect(tables.rows.filter((t) => !t.relrowsecurity)).toEqual([]);
    // Applying the schema again is harmless.
    for (const m of hubMigrations()) await hub.pg.exec(m.sql);
    await hub.close();
  });
});
