import type { PublicationStatus } from '../domain/publication.js';
import { sql } from 'kysely';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { bumped, fresh, type WriteContext } from './write-context.js';
import { fromRows } from './row-mapping.js';
import { exportSnapshots } from './transfer-repo.js';
import type { MetricSnapshot } from '../domain/metrics.js';
import type { PostState } from '../domain/post-state.js';

/** The metric snapshots of these posts, by post then time. */
export const snapshotsForPosts = async (db: Db, postIds: string[]): Promise<MetricSnapshot[]> =>
  fromRows(await exportSnapshots(db, postIds));

export interface CostSplit {
  text: number;
  image: number;
}

/** Everything the brand spent in [from, to), including posts that were later rejected. */
export const costsBetween = async (db: Db, brand: string, from: string, to: string): Promise<CostSplit> => {
  // The period's calls by their time index, each joined to its post or run by key: the cost of
  // the read follows the calls of the period, not the size of the brand's history.
  const rows = await sql<{ purpose: string; cost: number }>`
    SELECT c.purpose, SUM(c.cost_usd) AS cost FROM llm_calls c
      LEFT JOIN posts p ON p.id = c.post_id
      LEFT JOIN generation_runs r ON c.post_id IS NULL AND r.id = c.run_id
    WHERE c.deleted_at IS NULL AND c.created_at >= ${from} AND c.created_at < ${to}
      AND (p.brand = ${brand} OR (c.post_id IS NULL AND r.brand = ${brand}))
    GROUP BY c.purpose
  `.execute(db);
  const split = { text: 0, image: 0 };
  for (const r of rows.rows) {
    if (r.purpose === 'image') split.image += Number(r.cost);
    else split.text += Number(r.cost);
  }
  return split;
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
