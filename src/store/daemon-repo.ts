import type { Db } from './database.js';

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

export const completedRun = async (db: Db, runId: string) =>
  db.selectFrom('generation_runs').select(['id', 'status', 'post_id']).where('id', '=', runId).executeTakeFirst();
