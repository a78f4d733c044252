import type { Kysely, Migration } from 'kysely';
import { createSyncTables, installSyncTriggers, type AnyDb } from '../sync-ddl.js';
import { SYNCED_TABLES } from '../synced-tables.js';

/**
 * Sync bookkeeping (_sync_outbox, _sync_state, _sync_parked) and change-capture triggers on every
 * synced table that exists now. Tables added by later migrations get theirs from
 * `installSyncTriggers`, which `openDatabase` re-runs after migrating (see src/store/database.ts).
 */
export const sync: Migration = {
  async up(db: Kysely<unknown>) {
    await createSyncTables(db as AnyDb);
    await installSyncTriggers(db as AnyDb, SYNCED_TABLES);
  },
};
