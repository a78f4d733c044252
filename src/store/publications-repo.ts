import type { Selectable } from 'kysely';
import type { PublicationsTable } from '../../db/schema.js';
import { sql } from 'kysely';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

/**
 * pending: intent committed, outcome not known yet; published / scheduled: Meta has it (ids
 * stored); absent: reconciled, not on the Page (superseded by a later attempt); unknown: could
 * not be reconciled (post is unconfirmed); failed: Meta refused it; dry_run: written to the
 * outbox only; cancelled: a scheduled post deleted from the Page.
 */
export type PublicationStatus =
  'pending' | 'published' | 'scheduled' | 'absent' | 'unknown' | 'failed' | 'dry_run' | 'cancelled';

export type PublicationRow = Omit<
  Selectable<PublicationsTable>,
  'version' | 'updated_at' | 'updated_by' | 'deleted_at'
>;

const columns = [
  'id',
  'post_id',
  'brand',
  'page_id',
  'attempt_no',
  'mode',
  'status',
  'text_hash',
  'slot_at',
  'started_at',
  'finished_at',
  'fb_post_id',
  'fb_photo_id',
  'permalink',
  'error',
  'dry_run_path',
] as const;

/**
 * When a publication went out on the Page: a natively scheduled post at its slot (Meta held it),
 * or earlier when it was published at once; anything published by a call, when the call
 * finished (`publish --now` before the slot, or a late queue run, is not its slot). The same
 * rule as SQL for the report's queries: `wentOutAtSql`.
 */
export const wentOutAt = (pub: Pick<PublicationRow, 'mode' | 'slot_at' | 'finished_at'>): string | null =>
  pub.mode === 'native' && pub.slot_at && (!pub.finished_at || pub.slot_at < pub.finished_at)
    ? pub.slot_at
    : pub.finished_at;

/** `wentOutAt` over a publications row aliased `pub` in raw SQL. */
export const wentOutAtSql = sql.raw(
  `CASE WHEN pub.mode = 'native' AND pub.slot_at IS NOT NULL AND (pub.finished_at IS NULL OR pub.slot_at < pub.finished_at) THEN pub.slot_at ELSE pub.finished_at END`,
);

export interface NewPublication {
  postId: string;
  brand: string;
  pageId: string | null;
  mode: string;
  status: PublicationStatus;
  textHash: string;
  slotAt: string | null;
  dryRunPath?: string | null;
}

/** Inserts the next attempt for a post (attempt numbers are per post, from 1). */
export const insertPublication = async (db: Db, w: WriteContext, p: NewPublication): Promise<PublicationRow> => {
  const last = await db
    .selectFrom('publications')
    .select(sql<number>`coalesce(max(attempt_no), 0)`.as('n'))
    .where('post_id', '=', p.postId)
    .executeTakeFirst();
  const row: PublicationRow = {
    id: newId(),
    post_id: p.postId,
    brand: p.brand,
    page_id: p.pageId,
    attempt_no: Number(last?.n ?? 0) + 1,
    mode: p.mode,
    status: p.status,
    text_hash: p.textHash,
    slot_at: p.slotAt,
    started_at: w.now,
    finished_at: p.status === 'pending' ? null : w.now,
    fb_post_id: null,
    fb_photo_id: null,
    permalink: null,
    error: null,
    dry_run_path: p.dryRunPath ?? null,
  };
  await db
    .insertInto('publications')
    .values({ ...row, ...fresh(w) })
    .execute();
  return row;
};

export type PublicationPatch = Partial<
  Pick<
    PublicationRow,
    'status' | 'fb_post_id' | 'fb_photo_id' | 'permalink' | 'error' | 'finished_at' | 'slot_at' | 'dry_run_path'
  >
>;

/** Compare-and-set on the status, like posts: a stale writer changes nothing. */
export const updatePublication = async (
  db: Db,
  w: WriteContext,
  id: string,
  fromStatus: string,
  patch: PublicationPatch,
): Promise<boolean> => {
  const result = await db
    .updateTable('publications')
    .set({ ...patch, ...bumped(w) })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const publicationsForPost = async (db: Db, postId: string): Promise<PublicationRow[]> =>
  db
    .selectFrom('publications')
    .select(columns)
    .where('post_id', '=', postId)
    .where('deleted_at', 'is', null)
    .orderBy('attempt_no')
    .execute();

export const latestPublication = async (db: Db, postId: string): Promise<PublicationRow | undefined> =>
  db
    .selectFrom('publications')
    .select(columns)
    .where('post_id', '=', postId)
    .where('deleted_at', 'is', null)
    .orderBy('attempt_no', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The live publication (published or scheduled on the Page) of a post, if any. */
export const livePublication = async (db: Db, postId: string): Promise<PublicationRow | undefined> =>
  db
    .selectFrom('publications')
    .select(columns)
    .where('post_id', '=', postId)
    .where('status', 'in', ['published', 'scheduled'])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/**
 * A publication that forbids a new attempt: the post is on (or held by) the Page, or an attempt
 * is still unresolved. Whatever path leads to an intent, such a post is never sent again.
 */
export const blockingPublication = async (
  db: Db,
  postId: string,
): Promise<Pick<PublicationRow, 'status' | 'fb_post_id'> | undefined> =>
  db
    .selectFrom('publications')
    .select(['status', 'fb_post_id'])
    .where('post_id', '=', postId)
    .where('status', 'in', ['published', 'scheduled', 'pending', 'unknown'])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** Facebook ids already claimed by some publication: reconciliation never matches them again. */
export const claimedFacebookIds = async (db: Db, pageId: string): Promise<Set<string>> => {
  const rows = await db
    .selectFrom('publications')
    .select(['fb_post_id', 'fb_photo_id'])
    .where('page_id', '=', pageId)
    .where('status', 'in', ['published', 'scheduled'])
    .where('deleted_at', 'is', null)
    .execute();
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.fb_post_id) ids.add(r.fb_post_id);
    if (r.fb_photo_id) ids.add(r.fb_photo_id);
  }
  return ids;
};

/** Which of these Facebook post ids a publication already holds (import skips them). */
export const knownFacebookPostIds = async (db: Db, ids: string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('publications').select('fb_post_id').where('fb_post_id', 'in', ids).execute();
  return new Set(rows.flatMap((r) => (r.fb_post_id ? [r.fb_post_id] : [])));
};
