import type { Platform } from '../domain/platform.js';
import type { VariantPlatformText } from '../domain/platform-post.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromRows } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

export type { VariantPlatformText } from '../domain/platform-post.js';

/** The live own texts of a post's variants, every platform. */
export const variantPlatformTexts = async (db: Db, postId: string): Promise<VariantPlatformText[]> =>
  fromRows(
    await db
      .selectFrom('platform_texts')
      .select(['variant_id', 'platform', 'text'])
      .where('post_id', '=', postId)
      .where('deleted_at', 'is', null)
      .execute(),
  );

/**
 * Sets (text) or clears (null) a variant's own text for a platform. One row per variant ×
 * platform, revived on a new text after a reset, so sync sees one history. True when it changed.
 */
export const putVariantPlatformText = async (
  db: Db,
  w: WriteContext,
  input: { postId: string; variantId: string; platform: Platform; text: string | null },
): Promise<boolean> => {
  const existing = await db
    .selectFrom('platform_texts')
    .select(['id', 'text', 'deleted_at'])
    .where('variant_id', '=', input.variantId)
    .where('platform', '=', input.platform)
    .executeTakeFirst();
  if (input.text === null) {
    if (!existing || existing.deleted_at !== null) return false;
    await db
      .updateTable('platform_texts')
      .set({ deleted_at: w.now, ...bumped(w) })
      .where('id', '=', existing.id)
      .execute();
    return true;
  }
  if (!existing) {
    await db
      .insertInto('platform_texts')
      .values({
        id: newId(),
        post_id: input.postId,
        variant_id: input.variantId,
        platform: input.platform,
        text: input.text,
        created_at: w.now,
        ...fresh(w),
      })
      .execute();
    return true;
  }
  if (existing.deleted_at === null && existing.text === input.text) return false;
  await db
    .updateTable('platform_texts')
    .set({ text: input.text, deleted_at: null, ...bumped(w) })
    .where('id', '=', existing.id)
    .execute();
  return true;
};
