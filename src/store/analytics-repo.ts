import type { PublicationStatus } from '../domain/publication.js';
import type { MetricSnapshot, PublishedPost } from '../domain/metrics.js';
import type { Post } from '../domain/post.js';
import type { Publication } from '../domain/publication.js';
import type { ExportedVariant } from '../domain/variant.js';
import { sql } from 'kysely';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromRows, type Snakified } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';
import type { PostState } from '../domain/post-state.js';

export type { MetricSnapshot, PublishedPost } from '../domain/metrics.js';

const PUBLISHED_STATES = ['published', 'measured'];

/**
 * Published posts of a brand whose publication time falls in [from, to). The publication
 * time is the slot the publisher used, else when the publish call finished, else the post's
 * scheduled time (imported history has no publication row). Filtered in SQL on the brand
 * (indexed) and in SQL on the computed time, so 3 years of 20 Pages stays fast.
 */
export const publishedFacts = async (
  db: Db,
  brand: string,
  from: string | null,
  to: string | null,
): Promise<PublishedPost[]> => {
  const rows = await sql<Snakified<PublishedPost>>`
    SELECT * FROM (
      SELECT p.id, p.content_type, p.state,
        COALESCE(
          (SELECT COALESCE(pub.slot_at, pub.finished_at) FROM publications pub
            WHERE pub.post_id = p.id AND pub.deleted_at IS NULL AND (pub.status = 'published' OR pub.fb_post_id IS NOT NULL)
            ORDER BY pub.attempt_no DESC LIMIT 1),
          p.scheduled_at) AS published_at,
        v.style, v.prompt_version, v.quality_score, vv.text,
        CASE WHEN json_valid(v.quality) THEN json_extract(v.quality, '$.judge.method') END AS judge_method,
        CASE WHEN json_valid(v.quality) THEN json_extract(v.quality, '$.judge.naturalness') END AS judge_naturalness,
        CASE WHEN json_valid(v.quality) THEN json_array_length(v.quality, '$.judge.clicheSpans') END AS judge_cliche_spans
      FROM posts p
      LEFT JOIN variants v ON v.id = p.chosen_variant_id
      LEFT JOIN variant_versions vv ON vv.variant_id = v.id AND vv.version_no = v.current_version_no
      WHERE p.brand = ${brand} AND p.deleted_at IS NULL AND p.state IN (${sql.join(PUBLISHED_STATES)})
    ) f
    WHERE f.published_at IS NOT NULL
      AND (${from} IS NULL OR f.published_at >= ${from})
      AND (${to} IS NULL OR f.published_at < ${to})
    ORDER BY f.published_at, f.id
  `.execute(db);
  return fromRows(rows.rows);
};

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export const snapshotsForPosts = async (db: Db, postIds: string[]): Promise<MetricSnapshot[]> => {
  const out: MetricSnapshot[] = [];
  for (const ids of chunks(postIds, 500)) {
    out.push(
      ...fromRows(
        await db
          .selectFrom('metric_snapshots')
          .select([
            'post_id',
            'label',
            'taken_at',
            'views',
            'unique_viewers',
            'reactions',
            'comments',
            'shares',
            'clicks',
            'engagement_rate',
            'basis',
            'missing',
          ])
          .where('post_id', 'in', ids)
          .where('deleted_at', 'is', null)
          .execute(),
      ),
    );
  }
  return out;
};

export interface CostSplit {
  text: number;
  image: number;
}

/** Paid calls per post, split into image and text (everything that is not an image). */
export const costsForPosts = async (db: Db, postIds: string[]): Promise<Map<string, CostSplit>> => {
  const map = new Map<string, CostSplit>();
  for (const ids of chunks(postIds, 500)) {
    const rows = await db
      .selectFrom('llm_calls')
      .select(['post_id', 'purpose', db.fn.sum<number>('cost_usd').as('cost')])
      .where('post_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .groupBy(['post_id', 'purpose'])
      .execute();
    for (const r of rows) {
      const entry = map.get(r.post_id!) ?? { text: 0, image: 0 };
      if (r.purpose === 'image') entry.image += Number(r.cost);
      else entry.text += Number(r.cost);
      map.set(r.post_id!, entry);
    }
  }
  return map;
};

/** Everything the brand spent in [from, to), including posts that were later rejected. */
export const costsBetween = async (db: Db, brand: string, from: string, to: string): Promise<CostSplit> => {
  const rows = await sql<{ purpose: string; cost: number }>`
    SELECT c.purpose, SUM(c.cost_usd) AS cost FROM llm_calls c
    WHERE c.deleted_at IS NULL AND c.created_at >= ${from} AND c.created_at < ${to}
      AND (c.post_id IN (SELECT id FROM posts WHERE brand = ${brand})
        OR (c.post_id IS NULL AND c.run_id IN (SELECT id FROM generation_runs WHERE brand = ${brand})))
    GROUP BY c.purpose
  `.execute(db);
  const split = { text: 0, image: 0 };
  for (const r of rows.rows) {
    if (r.purpose === 'image') split.image += Number(r.cost);
    else split.text += Number(r.cost);
  }
  return split;
};

// ---------------------------------------------------------------- export

export type ExportedPost = Pick<
  Post,
  | 'id'
  | 'brand'
  | 'contentType'
  | 'topic'
  | 'targetDate'
  | 'state'
  | 'chosenVariantId'
  | 'scheduledAt'
  | 'publishMode'
  | 'createdAt'
  | 'updatedAt'
>;

export const exportPosts = async (
  db: Db,
  brand: string,
  from: string | null,
  to: string | null,
): Promise<ExportedPost[]> =>
  fromRows(
    await db
      .selectFrom('posts')
      .select([
        'id',
        'brand',
        'content_type',
        'topic',
        'target_date',
        'state',
        'chosen_variant_id',
        'scheduled_at',
        'publish_mode',
        'created_at',
        'updated_at',
      ])
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .$if(from !== null, (q) => q.where('created_at', '>=', from!))
      .$if(to !== null, (q) => q.where('created_at', '<', to!))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );

export const exportVariants = async (db: Db, postIds: string[]): Promise<ExportedVariant[]> => {
  const out: ExportedVariant[] = [];
  for (const ids of chunks(postIds, 500)) {
    out.push(
      ...fromRows(
        await db
          .selectFrom('variants as v')
          .innerJoin('variant_versions as vv', (j) =>
            j.onRef('vv.variant_id', '=', 'v.id').onRef('vv.version_no', '=', 'v.current_version_no'),
          )
          .select([
            'v.id',
            'v.post_id',
            'v.idx',
            'v.style',
            'v.current_version_no',
            'v.quality_score',
            'v.prompt_version',
            'v.provider',
            'v.model',
            'vv.headline',
            'vv.text',
            'v.created_at',
          ])
          .where('v.post_id', 'in', ids)
          .where('v.deleted_at', 'is', null)
          .orderBy('v.post_id')
          .orderBy('v.idx')
          .execute(),
      ),
    );
  }
  return out;
};

export type ExportedPublication = Pick<
  Publication,
  | 'id'
  | 'postId'
  | 'pageId'
  | 'attemptNo'
  | 'mode'
  | 'status'
  | 'slotAt'
  | 'startedAt'
  | 'finishedAt'
  | 'fbPostId'
  | 'permalink'
  | 'error'
>;

export const exportPublications = async (db: Db, postIds: string[]): Promise<ExportedPublication[]> => {
  const out: ExportedPublication[] = [];
  for (const ids of chunks(postIds, 500)) {
    out.push(
      ...fromRows(
        await db
          .selectFrom('publications')
          .select([
            'id',
            'post_id',
            'page_id',
            'attempt_no',
            'mode',
            'status',
            'slot_at',
            'started_at',
            'finished_at',
            'fb_post_id',
            'permalink',
            'error',
          ])
          .where('post_id', 'in', ids)
          .where('deleted_at', 'is', null)
          .orderBy('post_id')
          .orderBy('attempt_no')
          .execute(),
      ),
    );
  }
  return out;
};

// ---------------------------------------------------------------- import (history)

export interface NewPublication {
  postId: string;
  brand: string;
  status: PublicationStatus;
  mode: string;
  textHash: string;
  slotAt: string | null;
  finishedAt: string | null;
  fbPostId: string | null;
  permalink: string | null;
}

export const insertPublication = async (db: Db, w: WriteContext, p: NewPublication): Promise<string> => {
  const id = newId();
  await db
    .insertInto('publications')
    .values({
      id,
      post_id: p.postId,
      brand: p.brand,
      page_id: null,
      attempt_no: 1,
      mode: p.mode,
      status: p.status,
      text_hash: p.textHash,
      slot_at: p.slotAt,
      started_at: p.finishedAt ?? p.slotAt ?? w.now,
      finished_at: p.finishedAt,
      fb_post_id: p.fbPostId,
      fb_photo_id: null,
      permalink: p.permalink,
      error: null,
      dry_run_path: null,
      ...fresh(w),
    })
    .execute();
  return id;
};

export interface NewSnapshot {
  postId: string;
  publicationId: string | null;
  label: '24h' | '7d';
  takenAt: string;
  views: number | null;
  uniqueViewers: number | null;
  reactions: number | null;
  comments: number | null;
  shares: number | null;
  clicks: number | null;
  engagementRate: number | null;
  basis: string | null;
  missing: string[];
}

export const insertSnapshot = async (db: Db, w: WriteContext, s: NewSnapshot): Promise<string> => {
  const id = newId();
  await db
    .insertInto('metric_snapshots')
    .values({
      id,
      post_id: s.postId,
      publication_id: s.publicationId,
      label: s.label,
      taken_at: s.takenAt,
      views: s.views,
      unique_viewers: s.uniqueViewers,
      reactions: s.reactions,
      comments: s.comments,
      shares: s.shares,
      clicks: s.clicks,
      engagement_rate: s.engagementRate,
      basis: s.basis,
      missing: s.missing.length ? JSON.stringify(s.missing) : null,
      raw: null,
      ...fresh(w),
    })
    .execute();
  return id;
};

/** History rows skip the state machine on purpose: they describe what already happened elsewhere. */
export const setImportedPostFields = async (
  db: Db,
  w: WriteContext,
  id: string,
  fields: { state: PostState; chosenVariantId: string | null; scheduledAt: string | null; createdAt?: string },
): Promise<void> => {
  await db
    .updateTable('posts')
    .set({
      state: fields.state,
      chosen_variant_id: fields.chosenVariantId,
      scheduled_at: fields.scheduledAt,
      ...(fields.createdAt ? { created_at: fields.createdAt } : {}),
      ...bumped(w),
    })
    .where('id', '=', id)
    .execute();
};
