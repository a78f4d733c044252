import { sql } from 'kysely';

/** Who and when, stamped on every write (audit `actor`, sync `updated_by`, `updated_at`). */
export interface WriteContext {
  now: string;
  actor: string;
  replica: string;
}

export const stamp = (w: WriteContext) => ({ updated_at: w.now, updated_by: w.replica });

/** Sync columns of a row being created: first version, live, stamped. */
export const fresh = (w: WriteContext) => ({ version: 1, deleted_at: null, ...stamp(w) });

/** Sync columns of a row being changed: the hub orders concurrent edits by this version. */
export const bumped = (w: WriteContext) => ({ version: sql<number>`version + 1`, ...stamp(w) });
