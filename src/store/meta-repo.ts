import type { Db } from './database.js';
import { newId } from './ids.js';

export const getMeta = async (db: Db, key: string): Promise<string | undefined> =>
  (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;

export const setMeta = async (db: Db, key: string, value: string): Promise<void> => {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
};

/** Each SQLite file is one replica; its id is minted once and kept. */
export const replicaId = async (db: Db): Promise<string> => {
  const existing = await getMeta(db, 'replica_id');
  if (existing) return existing;
  const id = newId();
  await db
    .insertInto('meta')
    .values({ key: 'replica_id', value: id })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getMeta(db, 'replica_id')) ?? id;
};

export const deleteMeta = async (db: Db, key: string): Promise<void> => {
  await db.deleteFrom('meta').where('key', '=', key).execute();
};

/** Key of a learning mark (src/optimize/learning-marks.ts) in meta. */
export const learningMarkKey = (kind: string, brand: string): string => `learning:${kind}:${brand}`;

/** Forgets every learning mark: the next read or refresh recomputes from the summaries. */
export const clearLearningMarks = async (db: Db): Promise<void> => {
  await db.deleteFrom('meta').where('key', 'like', 'learning:%').execute();
};
