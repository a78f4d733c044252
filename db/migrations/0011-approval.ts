import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Approval channels (issue 16). Local bookkeeping of the replica that serves the review page and
 * holds the Slack connection; neither table syncs.
 *
 * - `approval_links`: one row per signed review link. A link is single use for state changes:
 *   `used_at` is set by a compare-and-set (`used_at IS NULL`), so two requests carrying the same
 *   link can never both act. A link made on another replica has no row yet: consuming it inserts
 *   the row (`ON CONFLICT DO UPDATE … WHERE used_at IS NULL`), with the same guarantee.
 * - `slack_messages`: the interactive message posted for a post (channel + ts), so it can be
 *   updated in place when the post is approved or rejected from any channel.
 * - `review_moves`: the reminder job's record of a draft moved to the next posting day, one per
 *   post and original date, so a daemon restart never moves it twice.
 */
const statements = [
  `CREATE TABLE IF NOT EXISTS approval_links (
     id TEXT PRIMARY KEY,
     post_id TEXT NOT NULL,
     review_version TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     used_at TEXT,
     used_action TEXT
   )`,
  `CREATE INDEX IF NOT EXISTS approval_links_post ON approval_links(post_id, created_at)`,
  `CREATE TABLE IF NOT EXISTS slack_messages (
     channel TEXT NOT NULL,
     ts TEXT NOT NULL,
     post_id TEXT NOT NULL,
     review_version TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     outcome TEXT,
     PRIMARY KEY (channel, ts)
   )`,
  `CREATE INDEX IF NOT EXISTS slack_messages_post ON slack_messages(post_id)`,
  `CREATE TABLE IF NOT EXISTS review_moves (
     post_id TEXT NOT NULL,
     from_date TEXT NOT NULL,
     to_date TEXT NOT NULL,
     moved_at TEXT NOT NULL,
     PRIMARY KEY (post_id, from_date)
   )`,
];

export const approval: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
