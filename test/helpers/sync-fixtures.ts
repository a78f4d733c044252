import { STYLES } from '../../src/domain/content.js';
import type { PostState } from '../../src/domain/post-state.js';
import { sql } from 'kysely';
import { insertPost, transitionPost } from '../../src/store/posts-repo.js';
import { addVersion, insertVariant } from '../../src/store/variants-repo.js';
import { newId } from '../../src/store/ids.js';
import { SYNCED_TABLES } from '../../db/synced-tables.js';
import type { Replica } from './sync.js';

/** A post with its three variants, created on one replica through the real repositories. */
export const createPost = async (
  r: Replica,
  state: PostState = 'in_review',
): Promise<{ postId: string; variantIds: string[] }> => {
  const w = r.deps.writer();
  const postId = newId();
  await insertPost(r.deps.db, w, {
    id: postId,
    brand: 'autoscale-ai',
    contentType: 'tip',
    topic: `topic ${postId.slice(-4)}`,
    targetDate: '2026-11-26',
    state,
  });
  const variantIds: string[] = [];
  for (const [idx, style] of STYLES.entries()) {
    variantIds.push(
      await insertVariant(r.deps.db, w, {
        postId,
        idx,
        style,
        text: `${style} text`,
        headline: `${style} headline`,
        promptVersion: 'p1',
        provider: 'offline',
        model: 'offline',
      }),
    );
  }
  return { postId, variantIds };
};

export const editVariant = async (r: Replica, variantId: string, text: string): Promise<boolean> => {
  try {
    await addVersion(r.deps.db, r.deps.writer(), variantId, { text, headline: 'h', source: 'edit' });
    return true;
  } catch {
    return false;
  }
};

export const movePost = async (r: Replica, postId: string, to: PostState): Promise<boolean> => {
  const row = await r.deps.db.selectFrom('posts').select('state').where('id', '=', postId).executeTakeFirst();
  if (!row) return false;
  return transitionPost(r.deps.db, r.deps.writer(), postId, row.state, to);
};

/** Every synced row of a replica, sorted, for convergence checks. */
export const snapshot = async (r: Replica): Promise<Record<string, unknown[]>> => {
  const out: Record<string, unknown[]> = {};
  for (const t of SYNCED_TABLES) {
    out[t.name] = (
      await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t.name)} ORDER BY ${sql.ref(t.pk)}`.execute(
        r.deps.db,
      )
    ).rows;
  }
  return out;
};

export const outboxCount = async (r: Replica): Promise<number> =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM _sync_outbox`.execute(r.deps.db)).rows[0]?.n ?? 0);
