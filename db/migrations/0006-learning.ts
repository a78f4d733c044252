import { sql, type Kysely, type Migration } from 'kysely';

const syncColumns = `
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
`;

/**
 * The learning loop: optimizer beliefs and decisions, prompt guidance (versions, lines, which
 * variant saw which version) and engagement-predictor fits. All synced, so a laptop shows the
 * beliefs the server's daemon computed.
 */
const statements = [
  `CREATE TABLE optimizer_arms (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    space TEXT NOT NULL,
    arm TEXT NOT NULL,
    prior_mean REAL NOT NULL,
    prior_weight REAL NOT NULL,
    posts INTEGER NOT NULL,
    reward_sum REAL NOT NULL,
    posterior_mean REAL NOT NULL,
    posterior_sd REAL NOT NULL,
    refreshed_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (brand, space, arm)
  )`,
  `CREATE TABLE optimizer_decisions (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    post_id TEXT,
    decided_at TEXT NOT NULL,
    content_type TEXT NOT NULL,
    style_order TEXT NOT NULL,
    slot_weekday TEXT,
    slot_hour INTEGER,
    preferred_minute INTEGER,
    seed TEXT NOT NULL,
    samples TEXT NOT NULL,
    explanation TEXT NOT NULL,
    ${syncColumns}
  )`,
  `CREATE INDEX optimizer_decisions_brand ON optimizer_decisions(brand, decided_at)`,
  `CREATE TABLE guidance_lines (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    rule_key TEXT NOT NULL,
    status TEXT NOT NULL,
    text_fr TEXT NOT NULL,
    text_en TEXT NOT NULL,
    evidence TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (brand, rule_key)
  )`,
  `CREATE TABLE guidance_versions (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    version_no INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    text TEXT NOT NULL,
    line_ids TEXT NOT NULL,
    based_on_posts INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (brand, version_no)
  )`,
  `CREATE TABLE guidance_exposures (
    variant_id TEXT PRIMARY KEY,
    guidance_version_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ${syncColumns}
  )`,
  `CREATE TABLE predictor_fits (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    fitted_at TEXT NOT NULL,
    samples INTEGER NOT NULL,
    model TEXT NOT NULL,
    mae REAL,
    baseline_mae REAL,
    ${syncColumns}
  )`,
  `CREATE INDEX predictor_fits_brand ON predictor_fits(brand, fitted_at)`,
  // The report reads publications by post and snapshots by post; 0001 has neither index.
  `CREATE INDEX IF NOT EXISTS publications_post ON publications(post_id)`,
  `CREATE INDEX IF NOT EXISTS llm_calls_created ON llm_calls(created_at)`,
];

export const learning: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
