import { sql, type Kysely, type Migration } from 'kysely';

/** The SQL function openDatabase registers: the one redactor, with this run's secret values. */
export const REDACT_FUNCTION = 'autoscale_redact';

/**
 * Columns where an upstream error or a request echo could have stored a secret before every
 * write went through the redactor: errors, failure reasons, audit reasons and data, job
 * payloads and results, the sync layer's last error and parked hub rows.
 */
const SCRUBBED: readonly [table: string, column: string, where?: string][] = [
  ['generation_runs', 'error'],
  ['jobs', 'last_error'],
  ['jobs', 'payload'],
  ['jobs', 'result'],
  ['llm_calls', 'error'],
  ['publications', 'error'],
  ['posts', 'failure_reason'],
  ['audit_log', 'reason'],
  ['audit_log', 'data'],
  ['_sync_state', 'value', `key = 'last_error'`],
  ['_sync_parked', 'data'],
];

/**
 * Two guards added together:
 * - `posts.approved_text_hash`: the hash of the text a person approved. An edit of the chosen
 *   variant sends the post back to review, and publishing refuses a text whose hash differs
 *   (an edit that arrived by sync after the approval), so no unreviewed text reaches the Page.
 * - Rows written before the redactor guarded every write are scrubbed in place (only the rows
 * that change are rewritten, so the sync outbox carries just those). With secure_delete on,
 * SQLite zeroes the old bytes of each rewritten cell; openDatabase then VACUUMs and truncates
 * the WAL once the migration has committed, so no freed page keeps an old secret.
 */
export const hardening: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE posts ADD COLUMN approved_text_hash TEXT`.execute(db);
    await sql`PRAGMA secure_delete = ON`.execute(db);
    for (const [table, column, where] of SCRUBBED) {
      const t = sql.table(table);
      const c = sql.ref(column);
      const f = sql.raw(REDACT_FUNCTION);
      await sql`UPDATE ${t} SET ${c} = ${f}(${c})
        WHERE ${c} IS NOT NULL AND ${f}(${c}) IS NOT ${c} ${where ? sql.raw(`AND ${where}`) : sql``}`.execute(db);
    }
  },
};
