import { sql, type Kysely, type Migration } from 'kysely';

const syncColumns = `
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted_at TEXT
`;

/**
 * The editorial calendar: the plan (one entry per posting day of each platform), the ideas
 * inbox, news sources and the items read from them. All synced, so an entry the owner fixes on
 * a laptop is the one the server's daemon writes, and the news the daemon fetched shows on the
 * laptop's plan.
 */
const statements = [
  `CREATE TABLE plan_entries (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    platform TEXT NOT NULL,
    date TEXT NOT NULL,
    content_type TEXT,
    topic TEXT,
    angle TEXT,
    source_kind TEXT NOT NULL,
    source_ref TEXT,
    source_title TEXT,
    source_url TEXT,
    reason TEXT NOT NULL,
    fixed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    post_id TEXT,
    seed TEXT,
    created_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (brand, platform, date)
  )`,
  `CREATE INDEX plan_entries_post ON plan_entries(post_id) WHERE post_id IS NOT NULL`,
  `CREATE TABLE ideas (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    text TEXT NOT NULL,
    content_type TEXT,
    link TEXT,
    origin TEXT NOT NULL,
    origin_ref TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    ${syncColumns}
  )`,
  `CREATE INDEX ideas_brand ON ideas(brand, status, created_at)`,
  `CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    brand TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    last_fetched_at TEXT,
    last_status TEXT,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (brand, url)
  )`,
  `CREATE TABLE source_items (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    brand TEXT NOT NULL,
    item_key TEXT NOT NULL,
    title_key TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    published_at TEXT,
    summary TEXT,
    score REAL NOT NULL,
    score_basis TEXT NOT NULL,
    judgement TEXT,
    status TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    ${syncColumns},
    UNIQUE (brand, item_key)
  )`,
  `CREATE INDEX source_items_title ON source_items(brand, title_key)`,
  `CREATE INDEX source_items_fresh ON source_items(brand, status, published_at)`,
];

export const plan: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
