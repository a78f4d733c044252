import { sql, type Kysely, type Migration } from 'kysely';

const syncColumns = `
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
`;

/**
 * Instagram and LinkedIn (issue 19). Facebook keeps the post's own lifecycle (posts.state and
 * publications); every other platform a brand publishes to gets:
 *
 * - `platform_posts`: one row per (post, platform): its state, slot, adapted text (null while it
 *   follows the approved text; set when a person edits it), remote id and permalink;
 * - `platform_publications`: one row per attempt, committed *before* the platform call (the
 *   intent), with the hash of the text sent: the marker reconciliation matches;
 * - `platform_metric_snapshots`: the +24 h and +7 d metrics with each platform's own figures;
 * - `platform_texts`: a person's own text for one platform of one variant, written in the review
 *   studio before approval (deleted_at set when they go back to the adapted text); copied into
 *   `platform_posts.text` when that variant is approved.
 *
 * All synced (db/synced-tables.ts).
 */
const statements = [
  `CREATE TABLE platform_posts (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id),
    brand TEXT NOT NULL,
    platform TEXT NOT NULL,
    account_id TEXT,
    state TEXT NOT NULL,
    text TEXT,
    slot_at TEXT NOT NULL,
    slot_seed TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    remote_id TEXT,
    permalink TEXT,
    published_at TEXT,
    failure_reason TEXT,
    created_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (post_id, platform)
  )`,
  `CREATE INDEX platform_posts_due ON platform_posts(brand, state, slot_at)`,
  `CREATE TABLE platform_publications (
    id TEXT PRIMARY KEY,
    platform_post_id TEXT NOT NULL REFERENCES platform_posts(id),
    post_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    account_id TEXT NOT NULL,
    attempt_no INTEGER NOT NULL,
    status TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    image_sha256 TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    remote_id TEXT,
    permalink TEXT,
    error TEXT,
    ${syncColumns},
    UNIQUE (platform_post_id, attempt_no)
  )`,
  `CREATE TABLE platform_texts (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id),
    variant_id TEXT NOT NULL REFERENCES variants(id),
    platform TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (variant_id, platform)
  )`,
  `CREATE INDEX platform_texts_post ON platform_texts(post_id)`,
  `CREATE INDEX platform_publications_post ON platform_publications(post_id, platform)`,
  `CREATE TABLE platform_metric_snapshots (
    id TEXT PRIMARY KEY,
    platform_post_id TEXT NOT NULL REFERENCES platform_posts(id),
    post_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    label TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    reach INTEGER,
    impressions INTEGER,
    likes INTEGER,
    comments INTEGER,
    shares INTEGER,
    saves INTEGER,
    clicks INTEGER,
    interactions INTEGER,
    engagement_rate REAL,
    basis TEXT,
    missing TEXT,
    raw TEXT,
    ${syncColumns},
    UNIQUE (platform_post_id, label)
  )`,
];

export const platforms: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
