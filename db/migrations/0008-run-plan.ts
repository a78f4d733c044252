import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What the optimizer chose for a `generate` request (type, style order, decision), kept on the
 * run under a key of the user's request. A re-run of the same command after a crash finds the
 * interrupted run by that key and writes the same post instead of asking the optimizer again,
 * whose new draw could pick another type and orphan what was already paid for.
 */
export const runPlan: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE generation_runs ADD COLUMN plan_key TEXT`.execute(db);
    await sql`ALTER TABLE generation_runs ADD COLUMN plan TEXT`.execute(db);
    await sql`CREATE INDEX IF NOT EXISTS generation_runs_plan ON generation_runs(plan_key, status)`.execute(db);
  },
};
