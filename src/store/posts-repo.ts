import { sql } from 'kysely';
import type { Post, PostSummary } from '../domain/post.js';
import type { Db } from './database.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';
import type { ContentType } from '../domain/content.js';
import type { PostState } from '../domain/post-state.js';

export type { Post, PostSummary } from '../domain/post.js';

const postColumns = [
  'id',
  'brand',
  'content_type',
  'topic',
  'target_date',
  'state',
  'chosen_variant_id',
  'image_id',
  'scheduled_at',
  'slot_seed',
  'publish_mode',
  'failure_reason',
  'generation_run_id',
  'created_at',
  'created_by',
  'version',
  'updated_at',
] as const;

export interface NewPost {
  id: string;
  brand: string;
  contentType: ContentType;
  topic: string | null;
  targetDate: string;
  state: PostState;
  generationRunId?: string | null;
}

export const insertPost = async (db: Db, w: WriteContext, post: NewPost): Promise<void> => {
  await db
    .insertInto('posts')
    .values({
      id: post.id,
      brand: post.brand,
      content_type: post.contentType,
      topic: post.topic,
      target_date: post.targetDate,
      state: post.state,
      chosen_variant_id: null,
      image_id: null,
      scheduled_at: null,
      slot_seed: null,
      publish_mode: null,
      failure_reason: null,
      generation_run_id: post.generationRunId ?? null,
      created_at: w.now,
      created_by: w.actor,
      ...fresh(w),
    })
    .execute();
};

export const getPost = async (db: Db, id: string): Promise<Post | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('posts')
      .select(postColumns)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

/** Full id, or the short id people see (the id's last characters, at least 6). */
export const findPostsByRef = async (db: Db, ref: string): Promise<Post[]> => {
  const exact = await getPost(db, ref);
  if (exact) return [exact];
  if (!/^[0-9a-f-]{6,}$/i.test(ref)) return [];
  return fromRows(
    await db
      .selectFrom('posts')
      .select(postColumns)
      .where(sql<string>`replace(id, '-', '')`, 'like', `%${ref.toLowerCase().replace(/-/g, '')}`)
      .where('deleted_at', 'is', null)
      .limit(5)
      .execute(),
  );
};

export interface ListFilter {
  brand?: string | undefined;
  states?: PostState[] | undefined;
  limit?: number | undefined;
  order?: 'asc' | 'desc';
}

export const listPosts = async (db: Db, filter: ListFilter = {}): Promise<Post[]> => {
  let query = db.selectFrom('posts').select(postColumns).where('deleted_at', 'is', null);
  if (filter.brand) query = query.where('brand', '=', filter.brand);
  if (filter.states && filter.states.length > 0) query = query.where('state', 'in', filter.states);
  query = query.orderBy('created_at', filter.order ?? 'desc').orderBy('id', filter.order ?? 'desc');
  if (filter.limit) query = query.limit(filter.limit);
  return fromRows(await query.execute());
};

export type PostPatch = Partial<
  Pick<Post, 'chosenVariantId' | 'imageId' | 'scheduledAt' | 'slotSeed' | 'publishMode' | 'failureReason'>
>;

/**
 * Compare-and-set on the state: returns false when another process moved the post first,
 * so two writers can never both apply a transition.
 */
export const transitionPost = async (
  db: Db,
  w: WriteContext,
  id: string,
  from: PostState,
  to: PostState,
  patch: PostPatch = {},
): Promise<boolean> => {
  const result = await db
    .updateTable('posts')
    .set({ ...toRow(patch), state: to, ...bumped(w) })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const patchPost = async (db: Db, w: WriteContext, id: string, patch: PostPatch): Promise<void> => {
  await db
    .updateTable('posts')
    .set({ ...toRow(patch), ...bumped(w) })
    .where('id', '=', id)
    .execute();
};

export const countPostsByState = async (db: Db, brand?: string): Promise<Record<string, number>> => {
  let query = db
    .selectFrom('posts')
    .select(['state', db.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy('state');
  if (brand) query = query.where('brand', '=', brand);
  const rows = await query.execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
};

export const scheduledPosts = async (
  db: Db,
  options: { brand?: string; after?: string; limit?: number } = {},
): Promise<Post[]> => {
  let query = db
    .selectFrom('posts')
    .select(postColumns)
    .where('deleted_at', 'is', null)
    .where('scheduled_at', 'is not', null)
    .where('state', 'in', ['approved', 'scheduled', 'publishing', 'unconfirmed']);
  if (options.brand) query = query.where('brand', '=', options.brand);
  if (options.after) query = query.where('scheduled_at', '>=', options.after);
  return fromRows(
    await query
      .orderBy('scheduled_at')
      .limit(options.limit ?? 50)
      .execute(),
  );
};

/** Every slot already taken on a brand's Page, to keep the minimum gap between posts. */
export const takenSlots = async (
  db: Db,
  brand: string,
  from: string,
  to: string,
  excludeId?: string,
): Promise<string[]> => {
  let query = db
    .selectFrom('posts')
    .select('scheduled_at')
    .where('brand', '=', brand)
    .where('deleted_at', 'is', null)
    .where('scheduled_at', '>=', from)
    .where('scheduled_at', '<=', to)
    .where('state', 'in', ['approved', 'scheduled', 'publishing', 'published', 'measured', 'unconfirmed']);
  if (excludeId) query = query.where('id', '!=', excludeId);
  const rows = await query.execute();
  return rows.map((r) => r.scheduled_at).filter((v): v is string => v !== null);
};

/**
 * One query for the list view: each post with its variant count, best score and the headline of
 * its chosen (else first) variant. Avoids an IN list of every id, which is slow at 10,000 posts.
 */
export const listPostSummaries = async (db: Db, filter: ListFilter = {}): Promise<PostSummary[]> => {
  let query = db
    .selectFrom('posts as p')
    .select([
      'p.id',
      'p.brand',
      'p.state',
      'p.content_type',
      'p.target_date',
      'p.scheduled_at',
      'p.created_at',
      sql<number>`(SELECT count(*) FROM variants v WHERE v.post_id = p.id AND v.deleted_at IS NULL)`.as(
        'variant_count',
      ),
      sql<
        number | null
      >`(SELECT max(v.quality_score) FROM variants v WHERE v.post_id = p.id AND v.deleted_at IS NULL)`.as(
        'best_quality',
      ),
      sql<
        string | null
      >`(SELECT vv.headline FROM variants v JOIN variant_versions vv ON vv.variant_id = v.id AND vv.version_no = v.current_version_no
        WHERE v.post_id = p.id AND v.deleted_at IS NULL ORDER BY (v.id = p.chosen_variant_id) DESC, v.idx LIMIT 1)`.as(
        'headline',
      ),
    ])
    .where('p.deleted_at', 'is', null);
  if (filter.brand) query = query.where('p.brand', '=', filter.brand);
  if (filter.states && filter.states.length > 0) query = query.where('p.state', 'in', filter.states);
  query = query.orderBy('p.created_at', filter.order ?? 'desc').orderBy('p.id', filter.order ?? 'desc');
  if (filter.limit) query = query.limit(filter.limit);
  return fromRows(await query.execute());
};
