import { sql, type Insertable } from 'kysely';
import type {
  AuditLogTable,
  MetricSnapshotsTable,
  PostsTable,
  PublicationsTable,
  VariantVersionsTable,
  VariantsTable,
} from '../../db/schema.js';
import type { Db } from './database.js';
import { postColumns } from './posts-repo.js';

/**
 * Export and import of a brand's posts with their variants, publications and snapshots, page by
 * page (keyset on created_at, id), so neither direction holds more than one page in memory.
 */

export interface ExportRange {
  brand: string;
  from: string | null;
  to: string | null;
}

const postsOf = (db: Db, r: ExportRange) =>
  db
    .selectFrom('posts')
    .where('brand', '=', r.brand)
    .where('deleted_at', 'is', null)
    .$if(r.from !== null, (q) => q.where('created_at', '>=', r.from!))
    .$if(r.to !== null, (q) => q.where('created_at', '<', r.to!));

export const countExportPosts = async (db: Db, r: ExportRange): Promise<number> =>
  Number((await postsOf(db, r).select(db.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);

export const exportPostsPage = async (
  db: Db,
  r: ExportRange,
  after: { createdAt: string; id: string } | null,
  limit: number,
) =>
  postsOf(db, r)
    .select(postColumns)
    // A row-value comparison: SQLite walks the (brand, created_at) index from the last row read.
    .$if(after !== null, (q) =>
      q.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after!.createdAt, after!.id))),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();

export type ExportedPostRecord = Awaited<ReturnType<typeof exportPostsPage>>[number];

/** Variants of the posts; with `chosenOf`, only each post's chosen variant (all of a post without one). */
export const exportVariants = async (
  db: Db,
  postIds: string[],
  chosenOf?: { id: string; chosen_variant_id: string | null }[],
) =>
  postIds.length === 0
    ? []
    : db
        .selectFrom('variants as v')
        .innerJoin('variant_versions as vv', (j) =>
          j.onRef('vv.variant_id', '=', 'v.id').onRef('vv.version_no', '=', 'v.current_version_no'),
        )
        .select([
          'v.id',
          'v.post_id',
          'v.idx',
          'v.style',
          'v.current_version_no',
          'vv.id as version_id',
          'v.quality_score',
          'v.prompt_version',
          'v.provider',
          'v.model',
          'vv.headline',
          'vv.text',
          'v.created_at',
        ])
        .$if(chosenOf === undefined, (q) => q.where('v.post_id', 'in', postIds))
        .$if(chosenOf !== undefined, (q) => {
          const chosen = chosenOf!.flatMap((p) => (p.chosen_variant_id ? [p.chosen_variant_id] : []));
          const open = chosenOf!.filter((p) => !p.chosen_variant_id).map((p) => p.id);
          return q.where((eb) =>
            eb.or([
              ...(chosen.length ? [eb('v.id', 'in', chosen)] : []),
              ...(open.length ? [eb('v.post_id', 'in', open)] : []),
            ]),
          );
        })
        .where('v.deleted_at', 'is', null)
        .orderBy('v.post_id')
        .orderBy('v.idx')
        .execute();

export const exportPublications = async (db: Db, postIds: string[]) =>
  postIds.length === 0
    ? []
    : db
        .selectFrom('publications')
        .select([
          'id',
          'post_id',
          'page_id',
          'attempt_no',
          'mode',
          'status',
          'text_hash',
          'slot_at',
          'started_at',
          'finished_at',
          'fb_post_id',
          'permalink',
          'error',
        ])
        .where('post_id', 'in', postIds)
        .where('deleted_at', 'is', null)
        .orderBy('post_id')
        .orderBy('attempt_no')
        .execute();

export const exportSnapshots = async (db: Db, postIds: string[], labels?: string[]) =>
  postIds.length === 0
    ? []
    : db
        .selectFrom('metric_snapshots')
        .select([
          'id',
          'post_id',
          'publication_id',
          'label',
          'taken_at',
          'views',
          'unique_viewers',
          'reactions',
          'comments',
          'shares',
          'clicks',
          'engagement_rate',
          'basis',
          'missing',
        ])
        .where('post_id', 'in', postIds)
        .$if(labels !== undefined, (q) => q.where('label', 'in', labels!))
        .where('deleted_at', 'is', null)
        .orderBy('post_id')
        .orderBy('taken_at')
        .execute();

// ---------------------------------------------------------------- import

type IdTable = 'posts' | 'variants' | 'variant_versions' | 'publications' | 'metric_snapshots';

/** Which of these ids a table already has (any brand, deleted or not: ids are global). */
export const existingIds = async (db: Db, table: IdTable, ids: string[]): Promise<Set<string>> => {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE id IN (${sql.join(part)})`.execute(
      db,
    );
    for (const r of rows.rows) out.add(r.id);
  }
  return out;
};

export interface ImportBatch {
  posts: Insertable<PostsTable>[];
  variants: Insertable<VariantsTable>[];
  versions: Insertable<VariantVersionsTable>[];
  publications: Insertable<PublicationsTable>[];
  snapshots: Insertable<MetricSnapshotsTable>[];
  audit: Insertable<AuditLogTable>[];
}

/** Multi-row inserts, sized under SQLite's parameter limit; parents before children. */
export const insertImportBatch = async (db: Db, batch: ImportBatch): Promise<void> => {
  const insert = async <T extends Record<string, unknown>>(table: Parameters<Db['insertInto']>[0], rows: T[]) => {
    if (rows.length === 0) return;
    const perRow = Object.keys(rows[0]!).length;
    const size = Math.max(1, Math.floor(30_000 / perRow));
    for (let i = 0; i < rows.length; i += size) {
      await db
        .insertInto(table)
        .values(rows.slice(i, i + size))
        .execute();
    }
  };
  await insert('posts', batch.posts);
  await insert('variants', batch.variants);
  await insert('variant_versions', batch.versions);
  await insert('publications', batch.publications);
  await insert('metric_snapshots', batch.snapshots);
  await insert('audit_log', batch.audit);
};

/**
 * Ids met so far in an import's file, kept in a TEMP table (this connection only, no write
 * lock, spilled to disk when large) so that checking a million ids for duplicates costs no memory.
 */
export const openSeenIds = async (db: Db) => {
  await sql`CREATE TEMP TABLE IF NOT EXISTS _import_seen (kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID`.execute(
    db,
  );
  await sql`DELETE FROM temp._import_seen`.execute(db);
  return {
    /** Records the ids; returns those recorded before (duplicates). */
    async add(kind: string, ids: string[]): Promise<Set<string>> {
      const seen = new Set<string>();
      for (let i = 0; i < ids.length; i += 400) {
        const part = ids.slice(i, i + 400);
        const rows = await sql<{ id: string }>`SELECT id FROM temp._import_seen
          WHERE kind = ${kind} AND id IN (${sql.join(part)})`.execute(db);
        for (const r of rows.rows) seen.add(r.id);
        await sql`INSERT INTO temp._import_seen (kind, id)
          VALUES ${sql.join(part.map((x) => sql`(${kind}, ${x})`))} ON CONFLICT DO NOTHING`.execute(db);
      }
      return seen;
    },
    async close(): Promise<void> {
      await sql`DROP TABLE IF EXISTS temp._import_seen`.execute(db);
    },
  };
};
