import type { Db } from '../store/database.js';
import { recordAudit } from '../store/audit-repo.js';
import { keepConflictingVersion, variantPlaces } from '../store/variants-repo.js';
import type { WriteContext } from '../store/write-context.js';

/**
 * Two replicas edited the same variant while apart: both wrote version N. The hub keeps the
 * first one to arrive (the unique key variant_id + version_no), and the other replica would only
 * find its text in the audit log. Instead, the losing text becomes the variant's next version on
 * the replica that wrote it, is pushed like any edit, and so reaches every replica: both texts
 * are in the history, the first one stays current, and the owner is told (sync output, studio).
 */
export interface KeptConflict {
  variantId: string;
  versionNo: number;
  /** Who wrote the kept text. */
  author: string;
  /** Filled by `placeConflicts` for messages. */
  postId?: string | undefined;
  variantIdx?: number | undefined;
}

/** Adds the post and the variant's position to each conflict, for the owner's message. */
export const placeConflicts = async (db: Db, conflicts: KeptConflict[]): Promise<KeptConflict[]> => {
  const places = await variantPlaces(
    db,
    conflicts.map((c) => c.variantId),
  );
  return conflicts.map((c) => ({
    ...c,
    postId: places.get(c.variantId)?.postId,
    variantIdx: places.get(c.variantId)?.idx,
  }));
};

/** A refusal or a superseded local row that is a version lost to the same edit elsewhere. */
export const isLostVersion = (tbl: string, reason: string | undefined): boolean =>
  tbl === 'variant_versions' && (reason === undefined || reason.startsWith('unique_conflict:'));

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Keeps a lost version row (as pushed, or as it was locally) as a new version; audited. */
export const keepLostVersion = async (
  trx: Db,
  w: WriteContext,
  row: Record<string, unknown> | null | undefined,
  why: string,
): Promise<KeptConflict | undefined> => {
  if (!row || typeof row.variant_id !== 'string' || typeof row.text !== 'string' || row.deleted_at) return undefined;
  const author = text(row.author) || w.actor;
  const versionNo = await keepConflictingVersion(trx, w, {
    variantId: row.variant_id,
    versionNo: Number(row.version_no) || 0,
    text: row.text,
    headline: text(row.headline),
    author,
  });
  if (versionNo === undefined) return undefined;
  await recordAudit(trx, w, {
    entity: 'variant',
    entityId: row.variant_id,
    action: 'sync_conflict_kept',
    reason: why,
    data: { versionNo, lostVersionNo: Number(row.version_no) || null, author },
  });
  return { variantId: row.variant_id, versionNo, author };
};
