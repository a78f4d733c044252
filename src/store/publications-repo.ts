import type { Publication, PublicationStatus } from '../domain/publication.js';
import { sql } from 'kysely';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

export type { Publication, PublicationStatus } from '../domain/publication.js';

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
export const insertPublication = async (db: Db, w: WriteContext, p: NewPublication): Promise<Publication> => {
  const last = await db
    .selectFrom('publications')
    .select(sql<number>`coalesce(max(attempt_no), 0)`.as('n'))
    .where('post_id', '=', p.postId)
    .executeTakeFirst();
  const row: Publication = {
    id: newId(),
    postId: p.postId,
    brand: p.brand,
    pageId: p.pageId,
    attemptNo: Number(last?.n ?? 0) + 1,
    mode: p.mode,
    status: p.status,
    textHash: p.textHash,
    slotAt: p.slotAt,
    startedAt: w.now,
    finishedAt: p.status === 'pending' ? null : w.now,
    fbPostId: null,
    fbPhotoId: null,
    permalink: null,
    error: null,
    dryRunPath: p.dryRunPath ?? null,
  };
  await db
    .insertInto('publications')
    .values({ ...toRow(row), ...fresh(w) })
    .execute();
  return row;
};

export type PublicationPatch = Partial<
  Pick<
    Publication,
    'status' | 'fbPostId' | 'fbPhotoId' | 'permalink' | 'error' | 'finishedAt' | 'slotAt' | 'dryRunPath'
  >
>;

/** Compare-and-set on the status, like posts: a stale writer changes nothing. */
export const updatePublication = async (
  db: Db,
  w: WriteContext,
  id: string,
  fromStatus: PublicationStatus,
  patch: PublicationPatch,
): Promise<boolean> => {
  const result = await db
    .updateTable('publications')
    .set({ ...toRow(patch), ...bumped(w) })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const publicationsForPost = async (db: Db, postId: string): Promise<Publication[]> =>
  fromRows(
    await db
      .selectFrom('publications')
      .select(columns)
      .where('post_id', '=', postId)
      .where('deleted_at', 'is', null)
      .orderBy('attempt_no')
      .execute(),
  );

export const latestPublication = async (db: Db, postId: string): Promise<Publication | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('publications')
      .select(columns)
      .where('post_id', '=', postId)
      .where('deleted_at', 'is', null)
      .orderBy('attempt_no', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );

/** The live publication (published or scheduled on the Page) of a post, if any. */
export const livePublication = async (db: Db, postId: string): Promise<Publication | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('publications')
      .select(columns)
      .where('post_id', '=', postId)
      .where('status', 'in', ['published', 'scheduled'])
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

/**
 * A publication that forbids a new attempt: the post is on (or held by) the Page, or an attempt
 * is still unresolved. Whatever path leads to an intent, such a post is never sent again.
 */
export const blockingPublication = async (
  db: Db,
  postId: string,
): Promise<Pick<Publication, 'status' | 'fbPostId'> | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('publications')
      .select(['status', 'fb_post_id'])
      .where('post_id', '=', postId)
      .where('status', 'in', ['published', 'scheduled', 'pending', 'unknown'])
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

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
