import { sql } from 'kysely';
import type { Db } from './database.js';
import { flushFacts } from './facts-refresh.js';

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction. Deferred transactions that read then write can
 * fail at once with SQLITE_BUSY under WAL when the daemon writes concurrently; taking the
 * write lock up front makes the busy timeout apply instead. Before committing, the per-post
 * summaries of the posts this transaction touched are brought up to date (facts-refresh.ts), so
 * what a write commits and what the report reads never disagree.
 */
export const immediate = async <T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> =>
  db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await fn(conn);
      await flushFacts(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
