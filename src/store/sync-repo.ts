import { CompiledQuery, sql } from 'kysely';
import { q, type AnyDb, type ColumnShape, type TableShape } from '../../db/sync-ddl.js';

// The capture DDL lives in db/ (migrations use it); the app reaches it through the store.
export {
  existingTables,
  installSyncTriggers,
  queueUnseenTables,
  shapesOf,
  tablesMissingTriggers,
  type TableShape,
} from '../../db/sync-ddl.js';

/**
 * Every SQL statement of the sync layer on the replica side after migrations: the outbox, the
 * sync state, and applying rows that come from the hub (the capture triggers are in
 * db/sync-ddl.ts).
 */

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

export interface RemoteRecord {
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

const rowValues = (shape: TableShape, columns: string[], row: RemoteRecord): unknown[] =>
  columns.map((c) => (c === 'version' ? row.version : c === shape.pk ? row.id : sqliteValue(row.data[c])));

const columnsFor = (shape: TableShape, row: RemoteRecord): string[] =>
  shape.columns
    .filter((c) => c.name === shape.pk || c.name === 'version' || c.name in row.data || fillValue(c) !== undefined)
    .map((c) => c.name);

const withFill = (shape: TableShape, row: RemoteRecord): RemoteRecord => {
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
export const upsertRemoteRows = async (db: AnyDb, shape: TableShape, rows: RemoteRecord[]): Promise<UniqueVictim[]> => {
  const victims: UniqueVictim[] = [];
  const filled = rows.map((r) => withFill(shape, r));
  const groups = new Map<string, RemoteRecord[]>();
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

const upsertOne = async (
  db: AnyDb,
  shape: TableShape,
  columns: string[],
  row: RemoteRecord,
  victims: UniqueVictim[],
) => {
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

export const parkRows = async (db: AnyDb, rows: RemoteRecord[]): Promise<void> => {
  for (const row of rows) {
    await sql`INSERT INTO _sync_parked (tbl, id, version, data) VALUES (${row.tbl}, ${row.id}, ${row.version}, ${JSON.stringify(row.data)})
      ON CONFLICT (tbl, id) DO UPDATE SET version = excluded.version, data = excluded.data
      WHERE excluded.version > _sync_parked.version`.execute(db);
  }
};

export const parkedRowsFor = async (db: AnyDb, tables: string[]): Promise<RemoteRecord[]> => {
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

/** Foreign keys are not enforced while hub rows are applied: the hub orders rows by version, not by dependency. */
export const setForeignKeys = async (db: AnyDb, on: boolean): Promise<void> => {
  await sql.raw(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`).execute(db);
};
