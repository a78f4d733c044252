import { sql } from 'kysely';
import type { Source, SourceItem } from '../domain/plan-records.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromMaybeRow, fromRows } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

const sourceColumns = [
  'id',
  'brand',
  'url',
  'title',
  'etag',
  'last_modified',
  'last_fetched_at',
  'last_status',
  'last_error',
  'failures',
  'created_at',
  'version',
  'updated_at',
] as const;

const itemColumns = [
  'id',
  'source_id',
  'brand',
  'item_key',
  'title_key',
  'title',
  'url',
  'published_at',
  'summary',
  'score',
  'score_basis',
  'judgement',
  'status',
  'fetched_at',
] as const;

/** Adds a feed to a brand, or brings back one that was removed (same id, state kept). */
export const addSource = async (
  db: Db,
  w: WriteContext,
  brand: string,
  url: string,
  title: string | null,
): Promise<{ id: string; created: boolean }> => {
  const existing = await db
    .selectFrom('sources')
    .select(['id', 'deleted_at'])
    .where('brand', '=', brand)
    .where('url', '=', url)
    .executeTakeFirst();
  if (existing) {
    if (existing.deleted_at !== null)
      await db
        .updateTable('sources')
        .set({ deleted_at: null, ...(title ? { title } : {}), ...bumped(w) })
        .where('id', '=', existing.id)
        .execute();
    return { id: existing.id, created: existing.deleted_at !== null };
  }
  const id = newId();
  await db
    .insertInto('sources')
    .values({
      id,
      brand,
      url,
      title,
      etag: null,
      last_modified: null,
      last_fetched_at: null,
      last_status: null,
      last_error: null,
      failures: 0,
      created_at: w.now,
      ...fresh(w),
    })
    .execute();
  return { id, created: true };
};

export const listSources = async (db: Db, brand: string): Promise<Source[]> =>
  fromRows(
    await db
      .selectFrom('sources')
      .select(sourceColumns)
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );

export const removeSource = async (db: Db, w: WriteContext, id: string): Promise<void> => {
  await db
    .updateTable('sources')
    .set({ deleted_at: w.now, ...bumped(w) })
    .where('id', '=', id)
    .execute();
};

export interface FetchRecord {
  title?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  status: 'ok' | 'not_modified' | 'error';
  error?: string | null;
}

/** The outcome of one fetch: validators for the next conditional request, or the error. */
export const recordFetch = async (db: Db, w: WriteContext, id: string, r: FetchRecord): Promise<void> => {
  await db
    .updateTable('sources')
    .set({
      last_fetched_at: w.now,
      last_status: r.status,
      last_error: r.error ?? null,
      failures: r.status === 'error' ? sql<number>`failures + 1` : 0,
      ...(r.title ? { title: r.title } : {}),
      // A 304 keeps the validators; a 200 replaces them (absent ones are cleared).
      ...(r.status === 'ok' ? { etag: r.etag ?? null, last_modified: r.lastModified ?? null } : {}),
      ...bumped(w),
    })
    .where('id', '=', id)
    .execute();
};

/** A story as the fetch keeps it: the item before its id, status and feed name are known. */
export type NewSourceItem = Omit<SourceItem, 'id' | 'status' | 'fetchedAt' | 'sourceTitle' | 'scoreBasis'> & {
  scoreBasis: 'keywords' | 'model';
};

/** The values of `column` among `keys` that the brand's items already hold (400 per query). */
const heldKeys = async (db: Db, brand: string, column: 'item_key' | 'title_key', keys: string[]) => {
  const held = new Set<string>();
  for (let i = 0; i < keys.length; i += 400) {
    const rows = await db
      .selectFrom('source_items')
      .select(`${column} as key`)
      .where('brand', '=', brand)
      .where(column, 'in', keys.slice(i, i + 400))
      .execute();
    for (const r of rows) held.add(r.key);
  }
  return held;
};

/** Which of these keys the brand already holds (by link key or by title), to skip duplicates. */
export const knownItemKeys = async (
  db: Db,
  brand: string,
  itemKeys: string[],
  titleKeys: string[],
): Promise<{ items: Set<string>; titles: Set<string> }> => ({
  items: await heldKeys(db, brand, 'item_key', itemKeys),
  titles: await heldKeys(db, brand, 'title_key', titleKeys),
});

export const insertSourceItem = async (db: Db, w: WriteContext, item: NewSourceItem): Promise<string> => {
  const id = newId();
  await db
    .insertInto('source_items')
    .values({
      id,
      source_id: item.sourceId,
      brand: item.brand,
      item_key: item.itemKey,
      title_key: item.titleKey,
      title: item.title,
      url: item.url,
      published_at: item.publishedAt,
      summary: item.summary,
      score: item.score,
      score_basis: item.scoreBasis,
      judgement: item.judgement,
      status: 'new',
      fetched_at: w.now,
      ...fresh(w),
    })
    .onConflict((oc) => oc.columns(['brand', 'item_key']).doNothing())
    .execute();
  return id;
};

export const judgeSourceItem = async (
  db: Db,
  w: WriteContext,
  id: string,
  judged: { score: number; judgement: string },
): Promise<void> => {
  await db
    .updateTable('source_items')
    .set({ score: judged.score, score_basis: 'model', judgement: judged.judgement, ...bumped(w) })
    .where('id', '=', id)
    .execute();
};

/** Items a plan may offer: not used or dismissed, published (or fetched) since `since`. */
export const offerableItems = async (db: Db, brand: string, since: string, minScore: number): Promise<SourceItem[]> =>
  fromRows(
    await itemsWithSource(db)
      .where('i.brand', '=', brand)
      .where('i.deleted_at', 'is', null)
      .where('i.status', 'in', ['new', 'planned'])
      .where('i.score', '>=', minScore)
      .where(sql<string>`coalesce(i.published_at, i.fetched_at)`, '>=', since)
      .orderBy('i.score', 'desc')
      .orderBy(sql`coalesce(i.published_at, i.fetched_at)`, 'desc')
      .limit(100)
      .execute(),
  );

/** Items with the name of the feed they came from. */
const itemsWithSource = (db: Db) =>
  db
    .selectFrom('source_items as i')
    .leftJoin('sources as s', 's.id', 'i.source_id')
    .select([...itemColumns.map((c) => `i.${c}` as const), 's.title as source_title']);

export const recentSourceItems = async (db: Db, brand: string, limit = 50): Promise<SourceItem[]> =>
  fromRows(
    await itemsWithSource(db)
      .where('i.brand', '=', brand)
      .where('i.deleted_at', 'is', null)
      .orderBy(sql`coalesce(i.published_at, i.fetched_at)`, 'desc')
      .limit(limit)
      .execute(),
  );

export const sourceItemById = async (db: Db, id: string): Promise<SourceItem | undefined> =>
  fromMaybeRow(await itemsWithSource(db).where('i.id', '=', id).executeTakeFirst());

export const setItemStatus = async (db: Db, w: WriteContext, ids: string[], status: string): Promise<void> => {
  if (ids.length === 0) return;
  await db
    .updateTable('source_items')
    .set({ status, ...bumped(w) })
    .where('id', 'in', ids)
    .where('status', '!=', status)
    .execute();
};
