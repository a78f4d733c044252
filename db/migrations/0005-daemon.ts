import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Indexes the daemon's hot queries: reclaiming expired leases (state + lease_until) and
 * `autoscale retry <post>` / per-subject lookups (kind + subject). The `jobs` table itself
 * comes from 0001.
 */
const statements = [
  `CREATE INDEX IF NOT EXISTS jobs_lease ON jobs(state, lease_until) WHERE state = 'running'`,
  `CREATE INDEX IF NOT EXISTS jobs_subject ON jobs(subject_id, kind)`,
  `CREATE INDEX IF NOT EXISTS jobs_kind_state ON jobs(kind, state, run_at)`,
];

export const daemon: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
