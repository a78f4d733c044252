import type { Post } from '../domain/post.js';
import type { LivePublication } from '../domain/publication.js';
import type { Db } from './database.js';
import { fromMaybeRow, fromRows } from './row-mapping.js';

/** The last post's content type for a brand (the generator avoids repeating it). */
export const lastContentType = async (db: Db, brand: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom('posts')
      .select('content_type')
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
  )?.content_type;

/** Posts whose publishing work the daemon turns into jobs: approved (with a slot) and in flight. */
export const postsToPublish = async (
  db: Db,
  brand: string,
): Promise<Pick<Post, 'id' | 'state' | 'scheduledAt' | 'publishMode'>[]> =>
  fromRows(
    await db
      .selectFrom('posts')
      .select(['id', 'state', 'scheduled_at', 'publish_mode'])
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .where('state', 'in', ['approved', 'publishing', 'unconfirmed', 'scheduled'])
      .where('scheduled_at', 'is not', null)
      .orderBy('scheduled_at')
      .limit(500)
      .execute(),
  );

/**
 * How many real publication attempts a post has (the next job's attempt number). Dry-run
 * records do not count: without credentials one job per slot writes one record, not one a pass.
 */
export const publicationAttempts = async (db: Db, postId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('publications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('post_id', '=', postId)
        .where('status', '!=', 'dry_run')
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** Posts joined to their live (published) publication: what metrics and verification work on. */
const publishedRows = (db: Db) =>
  db
    .selectFrom('posts')
    .innerJoin('publications', 'publications.post_id', 'posts.id')
    .select([
      'posts.id as post_id',
      'posts.state as state',
      'posts.scheduled_at as scheduled_at',
      'publications.id as publication_id',
      'publications.mode as mode',
      'publications.finished_at as finished_at',
      'publications.fb_post_id as fb_post_id',
      'publications.page_id as page_id',
      'publications.permalink as permalink',
    ])
    .where('publications.status', '=', 'published')
    .where('publications.deleted_at', 'is', null);

/**
 * Posts published on Facebook since `since` (by the publication's finish), with their live
 * publication: the metrics jobs are derived from these. Older posts have had their pulls.
 */
export const recentlyPublished = async (db: Db, brand: string, since: string): Promise<LivePublication[]> =>
  fromRows(
    await publishedRows(db)
      .where('posts.brand', '=', brand)
      .where('posts.deleted_at', 'is', null)
      .where('posts.state', 'in', ['published', 'measured'])
      .where('publications.fb_post_id', 'is not', null)
      .where('publications.finished_at', '>=', since)
      .execute(),
  );

export const livePublishedRow = async (db: Db, postId: string): Promise<LivePublication | undefined> =>
  fromMaybeRow(await publishedRows(db).where('posts.id', '=', postId).executeTakeFirst());

export const snapshotExists = async (db: Db, postId: string, label: string): Promise<boolean> =>
  Boolean(
    await db
      .selectFrom('metric_snapshots')
      .select('id')
      .where('post_id', '=', postId)
      .where('label', '=', label)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

/** The brand's best engagement rate at a label, other posts only (record detection). */
export const bestEngagement = async (
  db: Db,
  brand: string,
  label: string,
  excludePost: string,
): Promise<number | null> => {
  const row = await db
    .selectFrom('metric_snapshots')
    .innerJoin('posts', 'posts.id', 'metric_snapshots.post_id')
    .select((eb) => eb.fn.max<number | null>('metric_snapshots.engagement_rate').as('best'))
    .where('posts.brand', '=', brand)
    .where('metric_snapshots.label', '=', label)
    .where('metric_snapshots.post_id', '!=', excludePost)
    .where('metric_snapshots.deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.best ?? null;
};
