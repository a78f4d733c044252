import { sql, type Kysely } from 'kysely';
import { SYNC_OUTBOX, SYNC_PARKED, SYNC_STATE, type SyncedTable } from './synced-tables.js';

/**
 * The replica side of sync that migrations need too: the bookkeeping tables, the change-capture
 * triggers into `_sync_outbox`, and the table shapes they are built from. It lives in db/ so a
 * migration never imports the store. Table and column names come from the synced-table list and
 * the SQLite schema, never from user input, and are quoted anyway.
 */

// Migrations see an untyped database, so these helpers take any schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

export const existingTables = async (db: AnyDb): Promise<Set<string>> =>
  new Set(
    (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)).rows.map(
      (r) => r.name,
    ),
  );

export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const lit = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export interface ColumnShape {
  name: string;
  notnull: boolean;
  dflt: string | null;
  type: string;
}

export interface TableShape {
  name: string;
  pk: string;
  columns: ColumnShape[];
  /** Unique keys other than the primary key, as column lists (SQLite enforces them per replica). */
  unique: string[][];
}

/** Shapes of many tables in two queries (cheap enough to run on every sync). */
export const shapesOf = async (db: AnyDb, tables: readonly SyncedTable[]): Promise<Map<string, TableShape>> => {
  const out = new Map<string, TableShape>();
  if (tables.length === 0) return out;
  const names = tables.map((t) => t.name);
  const cols = (
    await sql<{ tbl: string; name: string; notnull: number; dflt_value: string | null; type: string; pk: number }>`
    SELECT m.name AS tbl, p.name, p."notnull", p.dflt_value, p.type, p.pk
      FROM sqlite_master m JOIN pragma_table_info(m.name) p
     WHERE m.type = 'table' AND m.name IN (${sql.join(names)}) ORDER BY m.name, p.cid`.execute(db)
  ).rows;
  const keys = (
    await sql<{ tbl: string; idx: string; origin: string; col: string | null }>`
    SELECT m.name AS tbl, il.name AS idx, il.origin, ii.name AS col
      FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
     WHERE m.type = 'table' AND m.name IN (${sql.join(names)}) AND il."unique" = 1 AND il.origin <> 'pk' AND il.partial = 0
     ORDER BY m.name, il.name, ii.seqno`.execute(db)
  ).rows;
  for (const t of tables) {
    const own = cols.filter((c) => c.tbl === t.name);
    if (own.length === 0) continue;
    const byIndex = new Map<string, (string | null)[]>();
    for (const k of keys.filter((k) => k.tbl === t.name)) byIndex.set(k.idx, [...(byIndex.get(k.idx) ?? []), k.col]);
    const unique = [...byIndex.values()]
      .filter((c): c is string[] => c.every((n) => n !== null))
      .filter((c) => !(c.length === 1 && c[0] === t.pk));
    out.set(t.name, {
      name: t.name,
      pk: t.pk,
      columns: own.map((c) => ({
        name: c.name,
        notnull: c.notnull === 1 && c.pk === 0,
        dflt: c.dflt_value,
        type: c.type.toUpperCase(),
      })),
      unique,
    });
  }
  return out;
};

/** The bookkeeping tables (created by migration 0007). */
export const createSyncTables = async (db: AnyDb): Promise<void> => {
  // AUTOINCREMENT: a sequence number is never reused after acknowledged rows are deleted, so the
  // hub's per-replica high-water mark stays a safe dedupe key.
  await sql
    .raw(
      `CREATE TABLE IF NOT EXISTS ${SYNC_OUTBOX} (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL,
    base_version INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`,
    )
    .execute(db);
  await sql.raw(`CREATE INDEX IF NOT EXISTS ${SYNC_OUTBOX}_row ON ${SYNC_OUTBOX}(tbl, row_id, seq)`).execute(db);
  await sql.raw(`CREATE TABLE IF NOT EXISTS ${SYNC_STATE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`).execute(db);
  await sql
    .raw(`INSERT OR IGNORE INTO ${SYNC_STATE} (key, value) VALUES ('applying', '0'), ('cursor', '0')`)
    .execute(db);
  // Rows of tables this replica does not have yet (a newer replica synced them); applied once a
  // migration creates the table.
  await sql
    .raw(
      `CREATE TABLE IF NOT EXISTS ${SYNC_PARKED} (
    tbl TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (tbl, id)
  )`,
    )
    .execute(db);
};

const triggerNames = (table: string) => ({
  ins: `_sync_${table}_ins`,
  upd: `_sync_${table}_upd`,
  del: `_sync_${table}_del`,
});

/**
 * Installs (or refreshes) the change-capture triggers of the given tables. Re-runnable: call it
 * after any migration. A table seen for the first time has its existing rows queued once, so a
 * replica that had data before sync existed pushes it all on its first sync. Tables that do not
 * exist (yet) are skipped. Capture is skipped while `_sync_state.applying` is '1' (rows arriving
 * from the hub must not echo back).
 */
export const installSyncTriggers = async (db: AnyDb, tables: readonly SyncedTable[]): Promise<string[]> => {
  const installed: string[] = [];
  const shapes = await shapesOf(db, tables);
  for (const table of tables) {
    const shape = shapes.get(table.name);
    if (!shape) continue;
    const hasVersion = shape.columns.some((c) => c.name === 'version');
    const names = triggerNames(table.name);
    const when = `WHEN coalesce((SELECT value FROM ${SYNC_STATE} WHERE key = 'applying'), '0') <> '1'`;
    const t = q(table.name);
    const pk = q(table.pk);
    const name = lit(table.name);
    const base = (ref: string) => (hasVersion ? `coalesce(${ref}.version, 0)` : '0');
    for (const trigger of Object.values(names)) await sql.raw(`DROP TRIGGER IF EXISTS ${q(trigger)}`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${q(names.ins)} AFTER INSERT ON ${t} ${when} BEGIN
      INSERT INTO ${SYNC_OUTBOX} (tbl, row_id, op, base_version) VALUES (${name}, NEW.${pk}, 'upsert', 0); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${q(names.upd)} AFTER UPDATE ON ${t} ${when} BEGIN
      INSERT INTO ${SYNC_OUTBOX} (tbl, row_id, op, base_version) VALUES (${name}, NEW.${pk}, 'upsert', ${base('OLD')}); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${q(names.del)} AFTER DELETE ON ${t} ${when} BEGIN
      INSERT INTO ${SYNC_OUTBOX} (tbl, row_id, op, base_version) VALUES (${name}, OLD.${pk}, 'delete', ${base('OLD')}); END`,
      )
      .execute(db);
    installed.push(table.name);
  }
  await queueUnseenTables(db, tables);
  return installed;
};

/**
 * Queues every row of synced tables this replica has never queued as a whole (marker
 * `table:<name>` in _sync_state): at first install, and again after the markers are cleared to
 * seed a new hub (docs/SYNC.md).
 */
export const queueUnseenTables = async (db: AnyDb, tables: readonly SyncedTable[]): Promise<string[]> => {
  const markers = new Set(
    (await sql<{ key: string }>`SELECT key FROM _sync_state WHERE key LIKE 'table:%'`.execute(db)).rows.map(
      (r) => r.key,
    ),
  );
  const existing = await existingTables(db);
  const queued: string[] = [];
  for (const table of tables) {
    const marker = `table:${table.name}`;
    if (markers.has(marker) || !existing.has(table.name)) continue;
    await sql
      .raw(
        `INSERT INTO ${SYNC_OUTBOX} (tbl, row_id, op, base_version)
      SELECT ${lit(table.name)}, ${q(table.pk)}, 'upsert', 0 FROM ${q(table.name)} ORDER BY rowid`,
      )
      .execute(db);
    await sql`INSERT INTO _sync_state (key, value) VALUES (${marker}, 'installed')`.execute(db);
    queued.push(table.name);
  }
  return queued;
};

/** Synced tables whose capture triggers are missing (a migration rebuilt or added a table). */
export const tablesMissingTriggers = async (db: AnyDb, tables: readonly SyncedTable[]): Promise<SyncedTable[]> => {
  const present = new Set(
    (
      await sql<{
        name: string;
      }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\_sync\_%' ESCAPE '\\'`.execute(db)
    ).rows.map((r) => r.name),
  );
  const existing = await existingTables(db);
  return tables.filter((t) => existing.has(t.name) && Object.values(triggerNames(t.name)).some((n) => !present.has(n)));
};

// ---------------------------------------------------------------------------------------------
// Sync state
