import { sql } from 'kysely';
import type { CalendarPost, PlanEntry, PlanEntryContent } from '../domain/plan-records.js';
import type { Db } from './database.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';
import { newId } from './ids.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

const entryColumns = [
  'id',
  'brand',
  'platform',
  'date',
  'content_type',
  'topic',
  'angle',
  'source_kind',
  'source_ref',
  'source_title',
  'source_url',
  'reason',
  'fixed',
  'skipped',
  'post_id',
  'seed',
  'created_at',
  'version',
  'updated_at',
] as const;

export type { PlanEntryContent };

/** A brand's entries from `from` to `to` (local dates, inclusive), by date then platform. */
export const listPlanEntries = async (
  db: Db,
  brand: string,
  from: string,
  to: string,
  platform?: string,
): Promise<PlanEntry[]> => {
  let query = db
    .selectFrom('plan_entries')
    .select(entryColumns)
    .where('brand', '=', brand)
    .where('deleted_at', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to);
  if (platform) query = query.where('platform', '=', platform);
  return fromRows(await query.orderBy('date').orderBy('platform').execute());
};

export const getPlanEntry = async (
  db: Db,
  brand: string,
  platform: string,
  date: string,
): Promise<PlanEntry | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('plan_entries')
      .select(entryColumns)
      .where('brand', '=', brand)
      .where('platform', '=', platform)
      .where('date', '=', date)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

export const planEntryById = async (db: Db, id: string): Promise<PlanEntry | undefined> =>
  fromMaybeRow(await db.selectFrom('plan_entries').select(entryColumns).where('id', '=', id).executeTakeFirst());

export const planEntryForPost = async (db: Db, postId: string): Promise<PlanEntry | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('plan_entries')
      .select(entryColumns)
      .where('post_id', '=', postId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

/**
 * Writes an entry's content for a slot: a new row, a revived one (a slot whose entry was
 * withdrawn keeps its id), or an update in place. Returns the entry's id.
 */
export const putPlanEntry = async (
  db: Db,
  w: WriteContext,
  slot: { brand: string; platform: string; date: string },
  content: PlanEntryContent,
): Promise<string> => {
  const existing = await db
    .selectFrom('plan_entries')
    .select(['id'])
    .where('brand', '=', slot.brand)
    .where('platform', '=', slot.platform)
    .where('date', '=', slot.date)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('plan_entries')
      .set({ ...toRow(content), deleted_at: null, ...bumped(w) })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const id = newId();
  await db
    .insertInto('plan_entries')
    .values({ id, ...slot, ...toRow(content), post_id: null, created_at: w.now, ...fresh(w) })
    .execute();
  return id;
};

/** Withdraws entries (soft delete): slots that no longer exist after a schedule change. */
export const withdrawPlanEntries = async (db: Db, w: WriteContext, ids: string[]): Promise<void> => {
  if (ids.length === 0) return;
  await db
    .updateTable('plan_entries')
    .set({ deleted_at: w.now, ...bumped(w) })
    .where('id', 'in', ids)
    .execute();
};

/** The entry a post was written from: set in the post's own commit. */
export const markPlanEntryUsed = async (db: Db, w: WriteContext, id: string, postId: string): Promise<void> => {
  await db
    .updateTable('plan_entries')
    .set({ post_id: postId, ...bumped(w) })
    .where('id', '=', id)
    .execute();
};

/** Refs (idea, item, post ids) of a kind held by live entries, with their dates. */
export const planRefsInUse = async (
  db: Db,
  brand: string,
  kind: string,
  options: { from?: string; to?: string; unwritten?: boolean } = {},
): Promise<{ ref: string; date: string }[]> => {
  let query = db
    .selectFrom('plan_entries')
    .select(['source_ref', 'date'])
    .where('brand', '=', brand)
    .where('source_kind', '=', kind)
    .where('source_ref', 'is not', null)
    .where('deleted_at', 'is', null);
  if (options.from) query = query.where('date', '>=', options.from);
  if (options.to) query = query.where('date', '<=', options.to);
  if (options.unwritten) query = query.where('post_id', 'is', null);
  const rows = await query.execute();
  return rows.map((r) => ({ ref: r.source_ref!, date: r.date }));
};

/**
 * A brand's posts whose target date falls in [from, to] (local dates) or whose slot falls in
 * [fromIso, toIso) (the same days as instants), with the headline people see.
 */
export const postsForCalendar = async (
  db: Db,
  brand: string,
  days: { from: string; to: string; fromIso: string; toIso: string },
): Promise<CalendarPost[]> =>
  fromRows(
    await db
      .selectFrom('posts as p')
      .select([
        'p.id',
        'p.content_type',
        'p.topic',
        'p.target_date',
        'p.state',
        'p.scheduled_at',
        sql<
          string | null
        >`(SELECT vv.headline FROM variants v JOIN variant_versions vv ON vv.variant_id = v.id AND vv.version_no = v.current_version_no
        WHERE v.post_id = p.id AND v.deleted_at IS NULL ORDER BY (v.id = p.chosen_variant_id) DESC, v.idx LIMIT 1)`.as(
          'headline',
        ),
      ])
      .where('p.brand', '=', brand)
      .where('p.deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('p.target_date', '>=', days.from), eb('p.target_date', '<=', days.to)]),
          // A slot moved to another day still shows on the day it goes out.
          eb.and([eb('p.scheduled_at', '>=', days.fromIso), eb('p.scheduled_at', '<', days.toIso)]),
        ]),
      )
      .orderBy('p.target_date')
      .orderBy('p.created_at')
      .execute(),
  );

/**
 * The post is written: its entry records it, and the idea or news item the entry came from is
 * used. Part of the post's own commit, so a crash never leaves one without the other.
 */
export const consumePlanEntry = async (db: Db, w: WriteContext, entryId: string, postId: string): Promise<void> => {
  const entry = await planEntryById(db, entryId);
  if (!entry) return;
  await markPlanEntryUsed(db, w, entryId, postId);
  if (!entry.sourceRef) return;
  const table = entry.sourceKind === 'idea' ? 'ideas' : entry.sourceKind === 'news' ? 'source_items' : undefined;
  if (table)
    await db
      .updateTable(table)
      .set({ status: 'used', ...bumped(w) })
      .where('id', '=', entry.sourceRef)
      .execute();
};

/** Whether the brand has ever been planned (the daemon keeps only such plans rolling). */
export const hasPlanEntries = async (db: Db, brand: string): Promise<boolean> =>
  (await db.selectFrom('plan_entries').select('id').where('brand', '=', brand).limit(1).executeTakeFirst()) !==
  undefined;
