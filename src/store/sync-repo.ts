import { CompiledQuery, sql, type Kysely } from 'kysely';
import { SYNC_OUTBOX, SYNC_PARKED, SYNC_STATE, type SyncedTable } from '../sync/tables.js';

/**
 * Every SQL statement of the sync layer on the replica side: change capture (triggers into
 * `_sync_outbox`), the outbox, the sync state, and applying rows that come from the hub.
 * Table and column names come from the synced-table list and the SQLite schema, never from
 * user input, and are quoted anyway.
 */

// Kysely<any>: also called by migrations, which see an untyped database.
type AnyDb = Kysely<any>;

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
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

export const getSyncState = async (db: AnyDb, key: string): Promise<string | undefined> =>
  (await sql<{ value: string }>`SELECT value FROM _sync_state WHERE key = ${key}`.execute(db)).rows[0]?.value;

export const setSyncState = async (db: AnyDb, key: string, value: string): Promise<void> => {
  await sql`INSERT INTO _sync_state (key, value) VALUES (${key}, ${value})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(db);
};

export const getAllSyncState = async (db: AnyDb): Promise<Record<string, string>> =>
  Object.fromEntries(
    (await sql<{ key: string; value: string }>`SELECT key, value FROM _sync_state`.execute(db)).rows.map((r) => [
      r.key,
      r.value,
    ]),
  );

export const setApplying = async (db: AnyDb, on: boolean): Promise<void> =>
  setSyncState(db, 'applying', on ? '1' : '0');

// ---------------------------------------------------------------------------------------------
// Outbox

export interface OutboxGroup {
  tbl: string;
  rowId: string;
  /** Highest sequence number of the row's queued changes (the dedupe key sent to the hub). */
  seq: number;
  /** Version the first queued change was based on (0 for a row created here). */
  base: number;
  count: number;
}

export const outboxSize = async (db: AnyDb): Promise<{ entries: number; rows: number }> => {
  const r = (
    await sql<{ entries: number; rows: number }>`
    SELECT count(*) AS entries, count(DISTINCT tbl || char(31) || row_id) AS rows FROM _sync_outbox`.execute(db)
  ).rows[0];
  return { entries: Number(r?.entries ?? 0), rows: Number(r?.rows ?? 0) };
};

/** The outbox coalesced per row, ordered by each row's latest change (limit -1: all). */
export const outboxGroups = async (db: AnyDb, limit = -1): Promise<OutboxGroup[]> => {
  const rows = (
    await sql<{ tbl: string; row_id: string; seq: number; first_seq: number; n: number; base: number }>`
    SELECT g.tbl, g.row_id, g.seq, g.first_seq, g.n, o.base_version AS base
      FROM (SELECT tbl, row_id, max(seq) AS seq, min(seq) AS first_seq, count(*) AS n
              FROM _sync_outbox GROUP BY tbl, row_id) g
      JOIN _sync_outbox o ON o.seq = g.first_seq
     ORDER BY g.seq LIMIT ${limit}`.execute(db)
  ).rows;
  return rows.map((r) => ({
    tbl: r.tbl,
    rowId: r.row_id,
    seq: Number(r.seq),
    base: Number(r.base),
    count: Number(r.n),
  }));
};

const keyValues = (groups: { tbl: string; rowId: string; seq?: number }[], withSeq: boolean) =>
  sql.join(groups.map((g) => (withSeq ? sql`(${g.tbl}, ${g.rowId}, ${g.seq ?? 0})` : sql`(${g.tbl}, ${g.rowId})`)));

/** Acknowledges many rows at once: each row's queued changes up to its pushed sequence. */
export const ackOutboxBulk = async (
  db: AnyDb,
  groups: { tbl: string; rowId: string; seq: number }[],
): Promise<void> => {
  for (let i = 0; i < groups.length; i += 300) {
    const chunk = groups.slice(i, i + 300);
    await sql`DELETE FROM _sync_outbox WHERE seq IN (
      SELECT o.seq FROM (VALUES ${keyValues(chunk, true)}) v CROSS JOIN _sync_outbox o
       WHERE o.tbl = v.column1 AND o.row_id = v.column2 AND o.seq <= v.column3)`.execute(db);
  }
};

/** Which of these rows still have queued changes (made while the push was in flight). */
export const stillQueued = async (db: AnyDb, groups: { tbl: string; rowId: string }[]): Promise<Set<string>> => {
  const out = new Set<string>();
  for (let i = 0; i < groups.length; i += 300) {
    const chunk = groups.slice(i, i + 300);
    // CROSS JOIN keeps the short VALUES list as the outer loop, so each probe uses the
    // (tbl, row_id, seq) index instead of scanning the whole outbox.
    const rows = (
      await sql<{ k: string }>`SELECT DISTINCT o.tbl || char(31) || o.row_id AS k
      FROM (VALUES ${keyValues(chunk, false)}) v CROSS JOIN _sync_outbox o
     WHERE o.tbl = v.column1 AND o.row_id = v.column2`.execute(db)
    ).rows;
    for (const r of rows) out.add(r.k);
  }
  return out;
};

/** Sets many rows' versions to the hub's, without capturing the change. */
export const setVersionsQuietly = async (
  db: AnyDb,
  shape: TableShape,
  versions: { id: string; version: number }[],
): Promise<void> => {
  if (versions.length === 0 || !shape.columns.some((c) => c.name === 'version')) return;
  await setApplying(db, true);
  for (let i = 0; i < versions.length; i += 200) {
    const chunk = versions.slice(i, i + 200);
    const cases = sql.join(
      chunk.map((v) => sql`WHEN ${v.id} THEN ${v.version}`),
      sql` `,
    );
    await sql`UPDATE ${sql.table(shape.name)} SET version = CASE ${sql.ref(shape.pk)} ${cases} ELSE version END
      WHERE ${sql.ref(shape.pk)} IN (${sql.join(chunk.map((v) => v.id))})`.execute(db);
  }
  await setApplying(db, false);
};

export const pendingRowKeys = async (db: AnyDb): Promise<Set<string>> =>
  new Set(
    (await sql<{ k: string }>`SELECT DISTINCT tbl || char(31) || row_id AS k FROM _sync_outbox`.execute(db)).rows.map(
      (r) => r.k,
    ),
  );

export const rowKey = (tbl: string, id: string): string => `${tbl}\u001f${id}`;

/** Current local rows (all columns) of one table, by id. */
export const readRows = async (
  db: AnyDb,
  shape: TableShape,
  ids: string[],
): Promise<Map<string, Record<string, unknown>>> => {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = (
      await sql<
        Record<string, unknown>
      >`SELECT * FROM ${sql.table(shape.name)} WHERE ${sql.ref(shape.pk)} IN (${sql.join(chunk)})`.execute(db)
    ).rows;
    for (const row of rows) out.set(String(row[shape.pk]), row);
  }
  return out;
};

/**
 * Removes a local row without capturing it (the hub refused it and has no copy). If local rows
 * still reference it, it is tombstoned instead (deleted_at), so the foreign key holds; returns
 * which of the two happened.
 */
export const deleteRowQuietly = async (
  db: AnyDb,
  shape: TableShape,
  id: string,
  now: string,
): Promise<'deleted' | 'tombstoned'> => {
  await setApplying(db, true);
  try {
    await sql`SAVEPOINT sync_delete`.execute(db);
    try {
      await sql`DELETE FROM ${sql.table(shape.name)} WHERE ${sql.ref(shape.pk)} = ${id}`.execute(db);
      await sql`RELEASE sync_delete`.execute(db);
      return 'deleted';
    } catch (error) {
      await sql`ROLLBACK TO sync_delete`.execute(db);
      await sql`RELEASE sync_delete`.execute(db);
      if (
        (error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
        !shape.columns.some((c) => c.name === 'deleted_at')
      )
        throw error;
      await sql`UPDATE ${sql.table(shape.name)} SET deleted_at = coalesce(deleted_at, ${now}) WHERE ${sql.ref(shape.pk)} = ${id}`.execute(
        db,
      );
      return 'tombstoned';
    }
  } finally {
    await setApplying(db, false);
  }
};

// ---------------------------------------------------------------------------------------------
// Applying rows from the hub (inside the caller's transaction, with `applying` set)

export interface RemoteRow {
  tbl: string;
  id: string;
  version: number;
  data: Record<string, unknown>;
}

const sqliteValue = (value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
};

const fillValue = (column: ColumnShape): unknown => {
  if (!column.notnull) return null;
  if (column.dflt !== null) return undefined; // let SQLite apply its default
  return /INT|REAL|NUM|FLOA|DOUB/.test(column.type) ? 0 : '';
};

export interface UniqueVictim {
  tbl: string;
  id: string;
  row: Record<string, unknown>;
  by: string;
}

const isUniqueError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

// Built as text with positional parameters and run as a compiled query: hub pulls apply tens of
// thousands of rows, and assembling them through template fragments costs more than SQLite does.
const upsertStatement = (shape: TableShape, columns: string[], rows: unknown[][]): CompiledQuery => {
  const cols = columns.map(q).join(', ');
  const updates = columns
    .filter((c) => c !== shape.pk)
    .map((c) => `${q(c)} = excluded.${q(c)}`)
    .join(', ');
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const text = `INSERT INTO ${q(shape.name)} (${cols}) VALUES ${rows.map(() => placeholders).join(', ')}
    ON CONFLICT (${q(shape.pk)}) DO ${updates ? `UPDATE SET ${updates}` : 'NOTHING'}`;
  return CompiledQuery.raw(text, rows.flat());
};

const rowValues = (shape: TableShape, columns: string[], row: RemoteRow): unknown[] =>
  columns.map((c) => (c === 'version' ? row.version : c === shape.pk ? row.id : sqliteValue(row.data[c])));

const columnsFor = (shape: TableShape, row: RemoteRow): string[] =>
  shape.columns
    .filter((c) => c.name === shape.pk || c.name === 'version' || c.name in row.data || fillValue(c) !== undefined)
    .map((c) => c.name);

const withFill = (shape: TableShape, row: RemoteRow): RemoteRow => {
  const data = { ...row.data };
  for (const c of shape.columns) {
    if (!(c.name in data)) {
      const fill = fillValue(c);
      if (fill !== undefined) data[c.name] = fill;
    }
  }
  return { ...row, data };
};

/**
 * Upserts hub rows into one local table. Fast path: multi-row upserts. When a local row that the
 * hub never accepted holds the same unique key (two replicas created variant version 3 of the
 * same variant), the hub's row wins: the local one is removed and returned so the caller can
 * keep its content in the audit log.
 */
export const upsertRemoteRows = async (db: AnyDb, shape: TableShape, rows: RemoteRow[]): Promise<UniqueVictim[]> => {
  const victims: UniqueVictim[] = [];
  const filled = rows.map((r) => withFill(shape, r));
  const groups = new Map<string, RemoteRow[]>();
  for (const row of filled) {
    const columns = columnsFor(shape, row);
    const key = columns.join(',');
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  for (const [key, list] of groups) {
    const columns = key.split(',');
    const perStatement = Math.max(1, Math.floor(900 / columns.length));
    for (let i = 0; i < list.length; i += perStatement) {
      const chunk = list.slice(i, i + perStatement);
      try {
        await db.executeQuery(
          upsertStatement(
            shape,
            columns,
            chunk.map((row) => rowValues(shape, columns, row)),
          ),
        );
      } catch (error) {
        if (!isUniqueError(error)) throw error;
        for (const row of chunk) await upsertOne(db, shape, columns, row, victims);
      }
    }
  }
  return victims;
};

const upsertOne = async (db: AnyDb, shape: TableShape, columns: string[], row: RemoteRow, victims: UniqueVictim[]) => {
  for (let attempt = 0; attempt < 1 + shape.unique.length; attempt += 1) {
    try {
      await db.executeQuery(upsertStatement(shape, columns, [rowValues(shape, columns, row)]));
      return;
    } catch (error) {
      if (!isUniqueError(error)) throw error;
      for (const key of shape.unique) {
        const values = key.map((c) => sqliteValue(row.data[c]));
        if (values.some((v) => v === null)) continue;
        const where = sql.join(
          key.map((c, i) => sql`${sql.ref(c)} = ${values[i]}`),
          sql` AND `,
        );
        const others = (
          await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(shape.name)}
          WHERE ${where} AND ${sql.ref(shape.pk)} <> ${row.id}`.execute(db)
        ).rows;
        for (const other of others) {
          victims.push({ tbl: shape.name, id: String(other[shape.pk]), row: other, by: row.id });
          await sql`DELETE FROM ${sql.table(shape.name)} WHERE ${sql.ref(shape.pk)} = ${String(other[shape.pk])}`.execute(
            db,
          );
          await sql`DELETE FROM _sync_outbox WHERE tbl = ${shape.name} AND row_id = ${String(other[shape.pk])}`.execute(
            db,
          );
        }
      }
    }
  }
  throw new Error(`sync: cannot apply ${shape.name} ${row.id}: unique key still taken`);
};

export const parkRows = async (db: AnyDb, rows: RemoteRow[]): Promise<void> => {
  for (const row of rows) {
    await sql`INSERT INTO _sync_parked (tbl, id, version, data) VALUES (${row.tbl}, ${row.id}, ${row.version}, ${JSON.stringify(row.data)})
      ON CONFLICT (tbl, id) DO UPDATE SET version = excluded.version, data = excluded.data
      WHERE excluded.version > _sync_parked.version`.execute(db);
  }
};

export const parkedRowsFor = async (db: AnyDb, tables: string[]): Promise<RemoteRow[]> => {
  if (tables.length === 0) return [];
  const rows = (
    await sql<{ tbl: string; id: string; version: number; data: string }>`
    SELECT tbl, id, version, data FROM _sync_parked WHERE tbl IN (${sql.join(tables)})`.execute(db)
  ).rows;
  return rows.map((r) => ({
    tbl: r.tbl,
    id: r.id,
    version: Number(r.version),
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
};

export const unparkRows = async (db: AnyDb, tables: string[]): Promise<void> => {
  if (tables.length === 0) return;
  await sql`DELETE FROM _sync_parked WHERE tbl IN (${sql.join(tables)})`.execute(db);
};

export const existingTables = async (db: AnyDb): Promise<Set<string>> =>
  new Set(
    (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)).rows.map(
      (r) => r.name,
    ),
  );

/** Foreign keys are not enforced while hub rows are applied: the hub orders rows by version, not by dependency. */
export const setForeignKeys = async (db: AnyDb, on: boolean): Promise<void> => {
  await sql.raw(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`).execute(db);
};
