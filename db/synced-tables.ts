/**
 * The one list of tables that sync. Columns and unique keys are not listed here: they are read
 * from the SQLite schema (PRAGMA table_info / index_list) when triggers are installed and when
 * rows are pushed or applied, so a column added by a later migration syncs without code changes.
 *
 * To sync a table added by a later migration: give it `id TEXT PRIMARY KEY` and the sync columns
 * (version, updated_at, updated_by, deleted_at), add it below, and it is picked up by
 * `installSyncTriggers` the next time migrations run (existing rows are queued once).
 * Order matters only for readability; the hub orders everything by its own counter.
 */
export interface SyncedTable {
  name: string;
  /** Primary key column (client-generated id). */
  pk: string;
}

export const SYNCED_TABLES: readonly SyncedTable[] = [
  { name: 'posts', pk: 'id' },
  { name: 'variants', pk: 'id' },
  { name: 'variant_versions', pk: 'id' },
  { name: 'images', pk: 'id' },
  { name: 'publications', pk: 'id' },
  { name: 'metric_snapshots', pk: 'id' },
  { name: 'llm_calls', pk: 'id' },
  { name: 'audit_log', pk: 'id' },
  // 0006-learning: the daemon's beliefs and guidance, so a laptop shows what the server learned.
  { name: 'optimizer_arms', pk: 'id' },
  { name: 'optimizer_decisions', pk: 'id' },
  { name: 'guidance_lines', pk: 'id' },
  { name: 'guidance_versions', pk: 'id' },
  { name: 'guidance_exposures', pk: 'variant_id' },
  { name: 'predictor_fits', pk: 'id' },
  // 0013-platforms: Instagram and LinkedIn publications and metrics.
  { name: 'platform_posts', pk: 'id' },
  { name: 'platform_publications', pk: 'id' },
  { name: 'platform_metric_snapshots', pk: 'id' },
  { name: 'platform_texts', pk: 'id' },
  // 0014-plan: the editorial calendar, so the owner steers from any replica.
  { name: 'plan_entries', pk: 'id' },
  { name: 'ideas', pk: 'id' },
  { name: 'sources', pk: 'id' },
  { name: 'source_items', pk: 'id' },
];

/** Local bookkeeping tables of the sync layer (never synced themselves). */
export const SYNC_OUTBOX = '_sync_outbox';
export const SYNC_STATE = '_sync_state';
export const SYNC_PARKED = '_sync_parked';
