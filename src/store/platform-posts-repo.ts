import type {
  PlatformPerformance,
  PlatformPost,
  PlatformPostState,
  PlatformPublication,
  PlatformSlotSample,
  PlatformSnapshot,
} from '../domain/platform-post.js';
import type { Platform } from '../domain/platform.js';
import type { Post } from '../domain/post.js';
import type { Db } from './database.js';
import { listPosts } from './posts-repo.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

/** Instagram and LinkedIn publications (migration 0013); Facebook stays in posts/publications. */

export type {
  PlatformPerformance,
  PlatformPost,
  PlatformPostState,
  PlatformPublication,
  PlatformSlotSample,
  PlatformSnapshot,
} from '../domain/platform-post.js';

export type PlatformPostPatch = Partial<Omit<PlatformPost, 'id' | 'postId' | 'platform'>>;

const postColumns = [
  'id',
  'post_id',
  'brand',
  'platform',
  'account_id',
  'state',
  'text',
  'slot_at',
  'slot_seed',
  'attempts',
  'next_attempt_at',
  'remote_id',
  'permalink',
  'published_at',
  'failure_reason',
  'created_at',
] as const;

const publicationColumns = [
  'id',
  'platform_post_id',
  'post_id',
  'platform',
  'account_id',
  'attempt_no',
  'status',
  'text_hash',
  'image_sha256',
  'started_at',
  'finished_at',
  'remote_id',
  'permalink',
  'error',
] as const;

const snapshotColumns = [
  'id',
  'platform_post_id',
  'post_id',
  'platform',
  'label',
  'taken_at',
  'reach',
  'impressions',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'interactions',
  'engagement_rate',
  'basis',
  'missing',
  'raw',
] as const;

export const platformPostsOf = async (db: Db, postId: string): Promise<PlatformPost[]> =>
  fromRows(
    await db
      .selectFrom('platform_posts')
      .select(postColumns)
      .where('post_id', '=', postId)
      .where('deleted_at', 'is', null)
      .orderBy('slot_at')
      .execute(),
  );

export const platformPost = async (db: Db, postId: string, platform: Platform): Promise<PlatformPost | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('platform_posts')
      .select(postColumns)
      .where('post_id', '=', postId)
      .where('platform', '=', platform)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

/** Creates the row unless it exists (unique post × platform): true when created. */
export const insertPlatformPost = async (db: Db, w: WriteContext, row: PlatformPost): Promise<boolean> => {
  const result = await db
    .insertInto('platform_posts')
    .values({ ...toRow(row), ...fresh(w) })
    .onConflict((oc) => oc.columns(['post_id', 'platform']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
};

/** Compare-and-set on the state: false when another process moved the row first. */
export const transitionPlatformPost = async (
  db: Db,
  w: WriteContext,
  id: string,
  from: PlatformPostState,
  to: PlatformPostState,
  patch: PlatformPostPatch = {},
): Promise<boolean> => {
  const result = await db
    .updateTable('platform_posts')
    .set({ ...toRow(patch), state: to, ...bumped(w) })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const patchPlatformPost = async (
  db: Db,
  w: WriteContext,
  id: string,
  patch: PlatformPostPatch,
): Promise<void> => {
  await db
    .updateTable('platform_posts')
    .set({ ...toRow(patch), ...bumped(w) })
    .where('id', '=', id)
    .execute();
};

/** Rows with work to do: scheduled (due or not: the caller compares times), in flight, unconfirmed. */
export const platformPostsWithWork = async (db: Db, brand: string): Promise<PlatformPost[]> =>
  fromRows(
    await db
      .selectFrom('platform_posts')
      .select(postColumns)
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .where('state', 'in', ['scheduled', 'publishing', 'unconfirmed'])
      .orderBy('slot_at')
      .execute(),
  );

/** Published platform posts of a brand since a time (metrics jobs). */
export const platformPostsPublishedSince = async (db: Db, brand: string, since: string): Promise<PlatformPost[]> =>
  fromRows(
    await db
      .selectFrom('platform_posts')
      .select(postColumns)
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .where('state', '=', 'published')
      .where('published_at', '>=', since)
      .execute(),
  );

export const platformAttempts = async (db: Db, platformPostId: string): Promise<PlatformPublication[]> =>
  fromRows(
    await db
      .selectFrom('platform_publications')
      .select(publicationColumns)
      .where('platform_post_id', '=', platformPostId)
      .where('deleted_at', 'is', null)
      .orderBy('attempt_no')
      .execute(),
  );

export const insertPlatformPublication = async (db: Db, w: WriteContext, row: PlatformPublication): Promise<void> => {
  await db
    .insertInto('platform_publications')
    .values({ ...toRow(row), ...fresh(w) })
    .execute();
};

export const updatePlatformPublication = async (
  db: Db,
  w: WriteContext,
  id: string,
  patch: Partial<Pick<PlatformPublication, 'status' | 'finishedAt' | 'remoteId' | 'permalink' | 'error'>>,
): Promise<void> => {
  await db
    .updateTable('platform_publications')
    .set({ ...toRow(patch), ...bumped(w) })
    .where('id', '=', id)
    .execute();
};

/** Remote ids already owned by publications on an account (never claimed twice by reconciliation). */
export const ownedRemoteIds = async (db: Db, platform: Platform, accountId: string): Promise<Set<string>> => {
  const rows = await db
    .selectFrom('platform_posts')
    .select('remote_id')
    .where('platform', '=', platform)
    .where('account_id', '=', accountId)
    .where('remote_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.remote_id!));
};

export const upsertPlatformSnapshot = async (db: Db, w: WriteContext, snapshot: PlatformSnapshot): Promise<void> => {
  const row = toRow(snapshot);
  await db
    .insertInto('platform_metric_snapshots')
    .values({ ...row, ...fresh(w) })
    .onConflict((oc) =>
      oc.columns(['platform_post_id', 'label']).doUpdateSet({
        taken_at: row.taken_at,
        reach: row.reach,
        impressions: row.impressions,
        likes: row.likes,
        comments: row.comments,
        shares: row.shares,
        saves: row.saves,
        clicks: row.clicks,
        interactions: row.interactions,
        engagement_rate: row.engagement_rate,
        basis: row.basis,
        missing: row.missing,
        raw: row.raw,
        ...bumped(w),
      }),
    )
    .execute();
};

export const platformSnapshotsOf = async (db: Db, postId: string): Promise<PlatformSnapshot[]> =>
  fromRows(
    await db
      .selectFrom('platform_metric_snapshots')
      .select(snapshotColumns)
      .where('post_id', '=', postId)
      .where('deleted_at', 'is', null)
      .orderBy('taken_at')
      .execute(),
  );

/** Published platform posts of a brand in [from, to) with their latest snapshot per label. */
export const platformPerformance = async (
  db: Db,
  brand: string,
  from: string,
  to: string,
): Promise<PlatformPerformance[]> =>
  fromRows(
    await db
      .selectFrom('platform_posts as pp')
      .innerJoin('posts as p', 'p.id', 'pp.post_id')
      .leftJoin('platform_metric_snapshots as s', (join) =>
        join.onRef('s.platform_post_id', '=', 'pp.id').on('s.deleted_at', 'is', null),
      )
      .select([
        'pp.post_id',
        'pp.platform',
        'pp.published_at',
        'pp.slot_at',
        'p.content_type',
        's.label',
        's.reach',
        's.interactions',
        's.engagement_rate',
        's.basis',
      ])
      .where('pp.brand', '=', brand)
      .where('pp.deleted_at', 'is', null)
      .where('pp.state', '=', 'published')
      .where('pp.published_at', '>=', from)
      .where('pp.published_at', '<', to)
      .execute(),
  );

/** Approved posts not yet out on Facebook: the ones that get their other platforms' rows. */
export const postsAwaitingPlatforms = async (db: Db, brand: string): Promise<Post[]> =>
  (await listPosts(db, { brand, states: ['approved', 'scheduled', 'publishing', 'unconfirmed'], order: 'asc' })).filter(
    (p) => p.chosenVariantId !== null,
  );

/** Platform rows of many posts at once (status, schedule, report). */
export const platformPostsOfPosts = async (db: Db, postIds: readonly string[]): Promise<PlatformPost[]> =>
  postIds.length === 0
    ? []
    : fromRows(
        await db
          .selectFrom('platform_posts')
          .select(postColumns)
          .where('post_id', 'in', [...postIds])
          .where('deleted_at', 'is', null)
          .execute(),
      );

/** Platform rows `status` and `schedule` show: pending ones, and failures of the last 14 days. */
export const platformRowsForStatus = async (
  db: Db,
  brand: string | undefined,
  since: string,
): Promise<PlatformPost[]> => {
  let q = db
    .selectFrom('platform_posts')
    .select(postColumns)
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('state', 'in', ['scheduled', 'publishing', 'unconfirmed']),
        eb.and([eb('state', '=', 'failed'), eb('updated_at', '>=', since)]),
      ]),
    )
    .orderBy('slot_at');
  if (brand) q = q.where('brand', '=', brand);
  return fromRows(await q.execute());
};

/** Published platform posts of a brand with their slot and latest engagement rate (the per-platform slot learner). */
export const platformSlotHistory = async (db: Db, brand: string, platform: Platform): Promise<PlatformSlotSample[]> =>
  fromRows(
    (await db
      .selectFrom('platform_posts as pp')
      .leftJoin('platform_metric_snapshots as s', (join) =>
        join.onRef('s.platform_post_id', '=', 'pp.id').on('s.deleted_at', 'is', null),
      )
      .select(['pp.published_at as published_at', 's.engagement_rate as engagement_rate', 's.label as label'])
      .where('pp.brand', '=', brand)
      .where('pp.platform', '=', platform)
      .where('pp.state', '=', 'published')
      .where('pp.published_at', 'is not', null)
      .execute()) as { published_at: string; engagement_rate: number | null; label: string | null }[],
  );
