import type { GenerationRun } from '../domain/generation-run.js';
import type { Db } from './database.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';

export type { GenerationRun } from '../domain/generation-run.js';

/** The latest interrupted (running or failed) run whose `column` is `value`. */
const latestOpenRun = async (
  db: Db,
  column: 'request_key' | 'plan_key',
  value: string,
): Promise<GenerationRun | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('generation_runs')
      .selectAll()
      .where(column, '=', value)
      .where('status', 'in', ['running', 'failed'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
  );

export const findOpenRun = (db: Db, requestKey: string) => latestOpenRun(db, 'request_key', requestKey);

/** The latest interrupted run of a user's request (by plan key), to resume with its plan. */
export const findOpenRunByPlanKey = (db: Db, planKey: string) => latestOpenRun(db, 'plan_key', planKey);

export const getRun = async (db: Db, id: string): Promise<GenerationRun | undefined> =>
  fromMaybeRow(await db.selectFrom('generation_runs').selectAll().where('id', '=', id).executeTakeFirst());

export const insertRun = async (db: Db, run: GenerationRun): Promise<void> => {
  await db.insertInto('generation_runs').values(toRow(run)).execute();
};

export const updateRun = async (
  db: Db,
  id: string,
  patch: Partial<Pick<GenerationRun, 'status' | 'postId' | 'error' | 'updatedAt'>>,
): Promise<void> => {
  await db.updateTable('generation_runs').set(toRow(patch)).where('id', '=', id).execute();
};

export const listOpenRuns = async (db: Db): Promise<GenerationRun[]> =>
  fromRows(
    await db
      .selectFrom('generation_runs')
      .selectAll()
      .where('status', 'in', ['running', 'failed'])
      .orderBy('created_at')
      .execute(),
  );
