import type { Style } from '../domain/content.js';
import type { Variant, VariantVersion } from '../domain/variant.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromRows } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

export interface NewVariant {
  postId: string;
  idx: number;
  style: Style;
  text: string;
  headline: string;
  promptVersion: string;
  provider: string;
  model: string;
  qualityScore?: number | null;
  quality?: unknown;
}

export type { Variant, VariantVersion } from '../domain/variant.js';

export const insertVariant = async (db: Db, w: WriteContext, v: NewVariant): Promise<string> => {
  const id = newId();
  await db
    .insertInto('variants')
    .values({
      id,
      post_id: v.postId,
      idx: v.idx,
      style: v.style,
      current_version_no: 1,
      quality_score: v.qualityScore ?? null,
      quality: v.quality === undefined ? null : JSON.stringify(v.quality),
      prompt_version: v.promptVersion,
      provider: v.provider,
      model: v.model,
      created_at: w.now,
      ...fresh(w),
    })
    .execute();
  await insertVersion(db, w, id, 1, { text: v.text, headline: v.headline, source: 'generated' });
  return id;
};

const variantView = (db: Db) =>
  db
    .selectFrom('variants as v')
    .innerJoin('variant_versions as vv', (join) =>
      join.onRef('vv.variant_id', '=', 'v.id').onRef('vv.version_no', '=', 'v.current_version_no'),
    )
    .select([
      'v.id',
      'v.post_id',
      'v.idx',
      'v.style',
      'v.current_version_no',
      'v.quality_score',
      'v.quality',
      'v.prompt_version',
      'v.provider',
      'v.model',
      'vv.text',
      'vv.headline',
      'vv.source as version_source',
      'vv.created_at as version_at',
    ])
    .where('v.deleted_at', 'is', null);

export const variantsForPost = async (db: Db, postId: string): Promise<Variant[]> =>
  fromRows(await variantView(db).where('v.post_id', '=', postId).orderBy('v.idx').execute());

export const variantsForPosts = async (db: Db, postIds: string[]): Promise<Variant[]> =>
  postIds.length === 0
    ? []
    : fromRows(await variantView(db).where('v.post_id', 'in', postIds).orderBy('v.post_id').orderBy('v.idx').execute());

export const versionsForVariant = async (db: Db, variantId: string): Promise<VariantVersion[]> =>
  fromRows(
    await db
      .selectFrom('variant_versions')
      .select(['id', 'variant_id', 'version_no', 'text', 'headline', 'source', 'note', 'author', 'created_at'])
      .where('variant_id', '=', variantId)
      .orderBy('version_no')
      .execute(),
  );

const insertVersion = async (
  db: Db,
  w: WriteContext,
  variantId: string,
  versionNo: number,
  version: { text: string; headline: string; source: string; note?: string | null },
) => {
  await db
    .insertInto('variant_versions')
    .values({
      id: newId(),
      variant_id: variantId,
      version_no: versionNo,
      text: version.text,
      headline: version.headline,
      source: version.source,
      note: version.note ?? null,
      author: w.actor,
      created_at: w.now,
      ...fresh(w),
    })
    .execute();
};

/** Edits never overwrite: a new version row, and the variant points at it. */
export const addVersion = async (
  db: Db,
  w: WriteContext,
  variantId: string,
  version: { text: string; headline: string; source: string; note?: string | null },
): Promise<number> => {
  const last = await db
    .selectFrom('variant_versions')
    .select(db.fn.max('version_no').as('n'))
    .where('variant_id', '=', variantId)
    .executeTakeFirst();
  const versionNo = Number(last?.n ?? 0) + 1;
  await insertVersion(db, w, variantId, versionNo, version);
  await db
    .updateTable('variants')
    .set({ current_version_no: versionNo, ...bumped(w) })
    .where('id', '=', variantId)
    .execute();
  return versionNo;
};

export const setVariantQuality = async (
  db: Db,
  w: WriteContext,
  variantId: string,
  score: number | null,
  quality: unknown,
): Promise<void> => {
  await db
    .updateTable('variants')
    .set({ quality_score: score, quality: JSON.stringify(quality), ...bumped(w) })
    .where('id', '=', variantId)
    .execute();
};

/**
 * Texts of the brand's posts created since `sinceIso` (the similarity check's memory): the
 * chosen variant when one was picked, else every variant. Rejected posts do not count.
 */
export const recentPostTexts = async (
  db: Db,
  brand: string,
  sinceIso: string,
): Promise<{ postId: string; text: string }[]> => {
  const rows = await variantView(db)
    .innerJoin('posts as p', 'p.id', 'v.post_id')
    .select(['p.chosen_variant_id'])
    .where('p.brand', '=', brand)
    .where('p.created_at', '>=', sinceIso)
    .where('p.deleted_at', 'is', null)
    .where('p.state', '!=', 'rejected')
    .orderBy('p.created_at', 'desc')
    .limit(600)
    .execute();
  return rows
    .filter((r) => !r.chosen_variant_id || r.chosen_variant_id === r.id)
    .map((r) => ({ postId: r.post_id, text: r.text }));
};
