import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Summaries that keep reads bounded by what is shown, whatever the size of the history.
 *
 * - `post_facts`: one row per published post with what the report and the optimizer read (the
 *   publication time, the chosen variant's type, style, prompt version, score and judge verdict, the best of the
 *   +24 h and +7 d snapshots, the post's AI cost, and the text features). SQLite triggers on the
 *   source tables queue the post in `_facts_dirty` whatever writes the row (a command, the
 *   daemon, an import, rows applied by sync); the store recomputes queued posts before each
 *   write transaction commits (src/store/facts-refresh.ts), and a reader that finds posts still
 *   queued (written outside a transaction) computes those few in memory, so a summary is never
 *   served stale. The features need JavaScript, which is why triggers only queue.
 * - `_facts_state`: a generation per brand, bumped whenever one of its summaries changes; the
 *   learning loop records the generation it was computed from and is refreshed only when it moved.
 * - `post_counts`: posts per brand and state, kept exact by triggers, so `status` does not count.
 *
 * Local, derived data: never synced (each replica derives its own from synced rows).
 */
const PUBLISHED = `('published', 'measured')`;

// Plain inserts guarded by NOT EXISTS, not INSERT OR IGNORE / upserts: a trigger's conflict
// clause is overridden by the statement that fired it, and sync applies rows with upserts.
const queue = (expr: string, when = '') =>
  `INSERT INTO _facts_dirty (post_id) SELECT ${expr} WHERE ${when ? `${when} AND ` : ''}${expr} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM _facts_dirty WHERE post_id = ${expr});`;
const queueVariants = (ids: string) =>
  `INSERT INTO _facts_dirty (post_id) SELECT DISTINCT v.post_id FROM variants v WHERE v.id IN (${ids})
    AND NOT EXISTS (SELECT 1 FROM _facts_dirty d WHERE d.post_id = v.post_id);`;
const countUp = (brand: string, state: string) =>
  `UPDATE post_counts SET n = n + 1 WHERE brand = ${brand} AND state = ${state};
   INSERT INTO post_counts (brand, state, n) SELECT ${brand}, ${state}, 1
    WHERE NOT EXISTS (SELECT 1 FROM post_counts WHERE brand = ${brand} AND state = ${state});`;

const statements = [
  `CREATE TABLE post_facts (
    post_id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    published_at TEXT NOT NULL,
    content_type TEXT NOT NULL,
    style TEXT,
    prompt_version TEXT,
    quality_score REAL,
    judge_method TEXT,
    judge_naturalness REAL,
    judge_cliche_spans INTEGER,
    snapshot TEXT,
    unique_viewers INTEGER,
    views INTEGER,
    engagements INTEGER,
    rate REAL,
    missing TEXT NOT NULL,
    cost_text REAL NOT NULL,
    cost_image REAL NOT NULL,
    text_length INTEGER NOT NULL,
    question_end INTEGER NOT NULL,
    has_number INTEGER NOT NULL,
    story INTEGER NOT NULL,
    emojis INTEGER NOT NULL,
    hashtags INTEGER NOT NULL,
    opening TEXT NOT NULL,
    ending TEXT NOT NULL
  )`,
  `CREATE INDEX post_facts_brand_time ON post_facts(brand, published_at, post_id)`,
  `CREATE TABLE _facts_dirty (post_id TEXT PRIMARY KEY) WITHOUT ROWID`,
  `CREATE TABLE _facts_state (brand TEXT PRIMARY KEY, generation INTEGER NOT NULL) WITHOUT ROWID`,

  `CREATE TRIGGER _facts_posts_ins AFTER INSERT ON posts WHEN NEW.state IN ${PUBLISHED} BEGIN ${queue('NEW.id')} END`,
  `CREATE TRIGGER _facts_posts_upd AFTER UPDATE OF state, brand, content_type, chosen_variant_id, scheduled_at, deleted_at ON posts
    WHEN OLD.state IN ${PUBLISHED} OR NEW.state IN ${PUBLISHED} BEGIN ${queue('NEW.id')} END`,
  `CREATE TRIGGER _facts_posts_del AFTER DELETE ON posts WHEN OLD.state IN ${PUBLISHED} BEGIN ${queue('OLD.id')} END`,
  `CREATE TRIGGER _facts_variants_ins AFTER INSERT ON variants BEGIN ${queue('NEW.post_id')} END`,
  `CREATE TRIGGER _facts_variants_upd AFTER UPDATE OF post_id, style, prompt_version, quality_score, quality, current_version_no, deleted_at ON variants
    BEGIN ${queue('NEW.post_id')} ${queue('OLD.post_id', 'OLD.post_id IS NOT NEW.post_id')} END`,
  `CREATE TRIGGER _facts_variants_del AFTER DELETE ON variants BEGIN ${queue('OLD.post_id')} END`,
  `CREATE TRIGGER _facts_versions_ins AFTER INSERT ON variant_versions BEGIN ${queueVariants('NEW.variant_id')} END`,
  `CREATE TRIGGER _facts_versions_upd AFTER UPDATE OF text, version_no, variant_id, deleted_at ON variant_versions
    BEGIN ${queueVariants('NEW.variant_id, OLD.variant_id')} END`,
  `CREATE TRIGGER _facts_versions_del AFTER DELETE ON variant_versions BEGIN ${queueVariants('OLD.variant_id')} END`,
  ...['publications', 'metric_snapshots'].flatMap((t) => [
    `CREATE TRIGGER _facts_${t}_ins AFTER INSERT ON ${t} BEGIN ${queue('NEW.post_id')} END`,
    `CREATE TRIGGER _facts_${t}_upd AFTER UPDATE ON ${t}
      BEGIN ${queue('NEW.post_id')} ${queue('OLD.post_id', 'OLD.post_id IS NOT NEW.post_id')} END`,
    `CREATE TRIGGER _facts_${t}_del AFTER DELETE ON ${t} BEGIN ${queue('OLD.post_id')} END`,
  ]),
  `CREATE TRIGGER _facts_llm_calls_ins AFTER INSERT ON llm_calls WHEN NEW.post_id IS NOT NULL BEGIN ${queue('NEW.post_id')} END`,
  `CREATE TRIGGER _facts_llm_calls_upd AFTER UPDATE OF post_id, purpose, cost_usd, deleted_at ON llm_calls
    BEGIN ${queue('NEW.post_id', 'NEW.post_id IS NOT NULL')} ${queue('OLD.post_id', 'OLD.post_id IS NOT NULL AND OLD.post_id IS NOT NEW.post_id')} END`,
  `CREATE TRIGGER _facts_llm_calls_del AFTER DELETE ON llm_calls WHEN OLD.post_id IS NOT NULL BEGIN ${queue('OLD.post_id')} END`,

  `CREATE TABLE post_counts (
    brand TEXT NOT NULL,
    state TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (brand, state)
  ) WITHOUT ROWID`,
  `CREATE TRIGGER _counts_posts_ins AFTER INSERT ON posts WHEN NEW.deleted_at IS NULL BEGIN
    ${countUp('NEW.brand', 'NEW.state')}
  END`,
  `CREATE TRIGGER _counts_posts_upd AFTER UPDATE OF brand, state, deleted_at ON posts
    WHEN OLD.brand IS NOT NEW.brand OR OLD.state IS NOT NEW.state OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
  BEGIN
    UPDATE post_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND brand = OLD.brand AND state = OLD.state;
    UPDATE post_counts SET n = n + 1 WHERE NEW.deleted_at IS NULL AND brand = NEW.brand AND state = NEW.state;
    INSERT INTO post_counts (brand, state, n) SELECT NEW.brand, NEW.state, 1 WHERE NEW.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM post_counts WHERE brand = NEW.brand AND state = NEW.state);
  END`,
  `CREATE TRIGGER _counts_posts_del AFTER DELETE ON posts WHEN OLD.deleted_at IS NULL BEGIN
    UPDATE post_counts SET n = n - 1 WHERE brand = OLD.brand AND state = OLD.state;
  END`,
  `INSERT INTO post_counts (brand, state, n)
    SELECT brand, state, count(*) FROM posts WHERE deleted_at IS NULL GROUP BY brand, state`,
  // Existing history: summarised when the migration commits (openDatabase flushes the queue).
  `INSERT INTO _facts_dirty (post_id) SELECT id FROM posts WHERE state IN ${PUBLISHED}`,

  // Embeddings of past texts for the similarity check, by model and text hash: each text is
  // embedded (and paid for) once, not once per generation (local, derived: never synced).
  `CREATE TABLE embedding_cache (
    model TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    vector BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (model, sha256)
  ) WITHOUT ROWID`,
  // `status` lists the brand's posts that need attention and its next slots: a handful of posts in
  // a few states, found by state instead of reading every post of the brand.
  `CREATE INDEX IF NOT EXISTS posts_brand_state ON posts(brand, state, created_at)`,
  // `status` lists interrupted generations; without this it reads every run.
  `CREATE INDEX IF NOT EXISTS generation_runs_open ON generation_runs(created_at) WHERE status IN ('running', 'failed')`,
];

export const facts: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
