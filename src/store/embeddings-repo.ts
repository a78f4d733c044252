import type { Db } from './database.js';

/** Cached embeddings of texts (migration 0012), by model and text hash. */
export const cachedVectors = async (db: Db, model: string, hashes: string[]): Promise<Map<string, number[]>> => {
  const out = new Map<string, number[]>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('embedding_cache')
      .select(['sha256', 'vector'])
      .where('model', '=', model)
      .where('sha256', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const v = new Float32Array(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength / 4);
      out.set(r.sha256, Array.from(v));
    }
  }
  return out;
};

export const cacheVectors = async (
  db: Db,
  model: string,
  entries: { sha256: string; vector: number[] }[],
  now: string,
): Promise<void> => {
  for (let i = 0; i < entries.length; i += 200) {
    await db
      .insertInto('embedding_cache')
      .values(
        entries.slice(i, i + 200).map((e) => ({
          model,
          sha256: e.sha256,
          vector: Buffer.from(Float32Array.from(e.vector).buffer),
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['model', 'sha256']).doNothing())
      .execute();
  }
};
