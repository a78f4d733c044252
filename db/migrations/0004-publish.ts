import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Exactly-once guards in the database itself, so a bug in the service cannot record two live
 * publications of one post or two open intents at once (the daemon and the CLI may race).
 */
const statements = [
  `CREATE UNIQUE INDEX publications_one_live ON publications(post_id)
     WHERE status IN ('published', 'scheduled') AND deleted_at IS NULL`,
  `CREATE UNIQUE INDEX publications_one_open ON publications(post_id)
     WHERE status = 'pending' AND deleted_at IS NULL`,
  `CREATE INDEX publications_post ON publications(post_id, attempt_no)`,
  `CREATE INDEX publications_fb_post ON publications(fb_post_id) WHERE fb_post_id IS NOT NULL`,
];

export const publish: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
