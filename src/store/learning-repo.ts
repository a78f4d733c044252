import type {
  ArmRecord,
  DecisionRecord,
  GuidanceLineRecord,
  GuidanceVersionRecord,
  PredictorFitRecord,
} from '../domain/learning.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

// ---------------------------------------------------------------- optimizer

export const armColumns = [
  'space',
  'arm',
  'prior_mean',
  'prior_weight',
  'posts',
  'reward_sum',
  'posterior_mean',
  'posterior_sd',
  'refreshed_at',
] as const;
export type {
  ArmRecord,
  DecisionRecord,
  GuidanceLineRecord,
  GuidanceVersionRecord,
  PredictorFitRecord,
} from '../domain/learning.js';

export const upsertArms = async (
  db: Db,
  w: WriteContext,
  brand: string,
  arms: Omit<ArmRecord, 'refreshedAt'>[],
): Promise<void> => {
  for (const a of arms) {
    await db
      .insertInto('optimizer_arms')
      .values({
        id: `${brand}:${a.space}:${a.arm}`,
        brand,
        ...toRow(a),
        refreshed_at: w.now,
        ...fresh(w),
      })
      .onConflict((oc) =>
        oc.columns(['brand', 'space', 'arm']).doUpdateSet({
          prior_mean: a.priorMean,
          prior_weight: a.priorWeight,
          posts: a.posts,
          reward_sum: a.rewardSum,
          posterior_mean: a.posteriorMean,
          posterior_sd: a.posteriorSd,
          refreshed_at: w.now,
          deleted_at: null,
          ...bumped(w),
        }),
      )
      .execute();
  }
};

const decisionColumns = [
  'id',
  'brand',
  'post_id',
  'decided_at',
  'content_type',
  'style_order',
  'slot_weekday',
  'slot_hour',
  'preferred_minute',
  'seed',
  'samples',
  'explanation',
] as const;

export const insertDecision = async (
  db: Db,
  w: WriteContext,
  d: Omit<DecisionRecord, 'id' | 'decidedAt'>,
): Promise<string> => {
  const id = newId();
  await db
    .insertInto('optimizer_decisions')
    .values({ id, ...toRow(d), decided_at: w.now, ...fresh(w) })
    .execute();
  return id;
};

export const listDecisions = async (db: Db, brand: string, limit = 10): Promise<DecisionRecord[]> =>
  fromRows(
    await db
      .selectFrom('optimizer_decisions')
      .select(decisionColumns)
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .orderBy('decided_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  );

/** The optimizer's decision behind a post (its preferred slot is used when approving). */
export const preferredMinuteForPost = async (db: Db, postId: string): Promise<number | undefined> => {
  const row = await db
    .selectFrom('optimizer_decisions')
    .select('preferred_minute')
    .where('post_id', '=', postId)
    .where('deleted_at', 'is', null)
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  return row?.preferred_minute ?? undefined;
};

export const countDecisions = async (db: Db, brand: string): Promise<number> => {
  const row = await db
    .selectFrom('optimizer_decisions')
    .select(db.fn.countAll<number>().as('n'))
    .where('brand', '=', brand)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

export const attachDecisionToPost = async (
  db: Db,
  w: WriteContext,
  decisionId: string,
  postId: string,
): Promise<void> => {
  await db
    .updateTable('optimizer_decisions')
    .set({ post_id: postId, ...bumped(w) })
    .where('id', '=', decisionId)
    .execute();
};

// ---------------------------------------------------------------- guidance

const guidanceLineColumns = [
  'id',
  'brand',
  'rule_key',
  'status',
  'text_fr',
  'text_en',
  'evidence',
  'created_at',
  'updated_at',
] as const;

export const listGuidanceLines = async (db: Db, brand: string): Promise<GuidanceLineRecord[]> =>
  fromRows(
    await db
      .selectFrom('guidance_lines')
      .select(guidanceLineColumns)
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .orderBy('rule_key')
      .execute(),
  );

export const insertGuidanceLine = async (
  db: Db,
  w: WriteContext,
  line: { brand: string; ruleKey: string; status: string; textFr: string; textEn: string; evidence: unknown },
): Promise<string> => {
  const id = newId();
  await db
    .insertInto('guidance_lines')
    .values({
      id,
      brand: line.brand,
      rule_key: line.ruleKey,
      status: line.status,
      text_fr: line.textFr,
      text_en: line.textEn,
      evidence: JSON.stringify(line.evidence),
      created_at: w.now,
      ...fresh(w),
    })
    .execute();
  return id;
};

export const updateGuidanceLine = async (
  db: Db,
  w: WriteContext,
  id: string,
  patch: { status?: string; textFr?: string; textEn?: string; evidence?: unknown },
): Promise<void> => {
  await db
    .updateTable('guidance_lines')
    .set({
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.textFr !== undefined ? { text_fr: patch.textFr } : {}),
      ...(patch.textEn !== undefined ? { text_en: patch.textEn } : {}),
      ...(patch.evidence !== undefined ? { evidence: JSON.stringify(patch.evidence) } : {}),
      ...bumped(w),
    })
    .where('id', '=', id)
    .execute();
};

const guidanceVersionColumns = [
  'id',
  'brand',
  'version_no',
  'sha256',
  'text',
  'line_ids',
  'based_on_posts',
  'created_at',
] as const;

export const latestGuidanceVersion = async (db: Db, brand: string): Promise<GuidanceVersionRecord | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('guidance_versions')
      .select(guidanceVersionColumns)
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .orderBy('version_no', 'desc')
      .executeTakeFirst(),
  );

export const insertGuidanceVersion = async (
  db: Db,
  w: WriteContext,
  v: { brand: string; versionNo: number; sha256: string; text: string; lineIds: string[]; basedOnPosts: number },
): Promise<string> => {
  const id = newId();
  await db
    .insertInto('guidance_versions')
    .values({
      id,
      brand: v.brand,
      version_no: v.versionNo,
      sha256: v.sha256,
      text: v.text,
      line_ids: JSON.stringify(v.lineIds),
      based_on_posts: v.basedOnPosts,
      created_at: w.now,
      ...fresh(w),
    })
    .execute();
  return id;
};

/** Which guidance version a variant was generated with (the content engine calls this). */
export const recordGuidanceExposure = async (
  db: Db,
  w: WriteContext,
  variantId: string,
  guidanceVersionId: string,
): Promise<void> => {
  await db
    .insertInto('guidance_exposures')
    .values({ variant_id: variantId, guidance_version_id: guidanceVersionId, created_at: w.now, ...fresh(w) })
    .onConflict((oc) => oc.column('variant_id').doUpdateSet({ guidance_version_id: guidanceVersionId, ...bumped(w) }))
    .execute();
};

export const guidanceExposure = async (db: Db, variantId: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom('guidance_exposures')
      .select('guidance_version_id')
      .where('variant_id', '=', variantId)
      .executeTakeFirst()
  )?.guidance_version_id;

// ---------------------------------------------------------------- predictor

const predictorFitColumns = ['id', 'fitted_at', 'samples', 'model', 'mae', 'baseline_mae'] as const;

export const insertPredictorFit = async (
  db: Db,
  w: WriteContext,
  fit: { brand: string; samples: number; model: unknown; mae: number | null; baselineMae: number | null },
): Promise<string> => {
  const id = newId();
  await db
    .insertInto('predictor_fits')
    .values({
      id,
      brand: fit.brand,
      fitted_at: w.now,
      samples: fit.samples,
      model: JSON.stringify(fit.model),
      mae: fit.mae,
      baseline_mae: fit.baselineMae,
      ...fresh(w),
    })
    .execute();
  return id;
};

export const latestPredictorFit = async (db: Db, brand: string): Promise<PredictorFitRecord | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('predictor_fits')
      .select(predictorFitColumns)
      .where('brand', '=', brand)
      .where('deleted_at', 'is', null)
      .orderBy('fitted_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  );
