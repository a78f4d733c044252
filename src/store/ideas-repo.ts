import { sql } from 'kysely';
import type { Idea } from '../domain/plan-records.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromMaybeRow, fromRows } from './row-mapping.js';
import { bumped, fresh, type WriteContext } from './write-context.js';

const ideaColumns = [
  'id',
  'brand',
  'text',
  'content_type',
  'link',
  'origin',
  'origin_ref',
  'status',
  'created_at',
  'created_by',
  'version',
  'updated_at',
] as const;

export interface NewIdea {
  brand: string;
  text: string;
  contentType: string | null;
  link: string | null;
  origin: 'cli' | 'studio' | 'page' | 'slack' | (string & {});
  originRef?: string | null;
}

export const insertIdea = async (db: Db, w: WriteContext, idea: NewIdea): Promise<string> => {
  const id = newId();
  await db
    .insertInto('ideas')
    .values({
      id,
      brand: idea.brand,
      text: idea.text,
      content_type: idea.contentType,
      link: idea.link,
      origin: idea.origin,
      origin_ref: idea.originRef ?? null,
      status: 'open',
      created_at: w.now,
      created_by: w.actor,
      ...fresh(w),
    })
    .execute();
  return id;
};

export const listIdeas = async (db: Db, brand: string, statuses?: string[]): Promise<Idea[]> => {
  let query = db.selectFrom('ideas').select(ideaColumns).where('brand', '=', brand).where('deleted_at', 'is', null);
  if (statuses?.length) query = query.where('status', 'in', statuses);
  return fromRows(await query.orderBy('created_at').orderBy('id').execute());
};

/** Full id or the short id people see (its last characters, at least 6). */
export const findIdeasByRef = async (db: Db, brand: string, ref: string): Promise<Idea[]> => {
  if (!/^[0-9a-f-]{6,}$/i.test(ref)) return [];
  const rows = await db
    .selectFrom('ideas')
    .select(ideaColumns)
    .where('brand', '=', brand)
    .where('deleted_at', 'is', null)
    .where(sql<string>`replace(id, '-', '')`, 'like', `%${ref.toLowerCase().replace(/-/g, '')}`)
    .limit(5)
    .execute();
  return fromRows(rows);
};

/** An idea already saved from the same origin (the studio saves a variant's angle once). */
export const ideaFromOrigin = async (db: Db, origin: string, originRef: string): Promise<Idea | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('ideas')
      .select(ideaColumns)
      .where('origin', '=', origin)
      .where('origin_ref', '=', originRef)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

export const setIdeaStatus = async (db: Db, w: WriteContext, ids: string[], status: string): Promise<void> => {
  if (ids.length === 0) return;
  await db
    .updateTable('ideas')
    .set({ status, ...bumped(w) })
    .where('id', 'in', ids)
    .where('status', '!=', status)
    .execute();
};
