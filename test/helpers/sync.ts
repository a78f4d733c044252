import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../db/schema.js';
import { resolveHome } from '../../src/config/home.js';
import { loadEnvironment } from '../../src/config/secrets.js';
import type { ServiceDeps } from '../../src/deps/service-deps.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { openDatabase } from '../../src/store/database.js';
import { sqlTransport } from '../../src/sync/sql-transport.js';
import type { SyncTransport } from '../../src/sync/transport.js';
import { ROOT } from './cli.js';
import { confirmSamples } from './profile.js';

export const hubSqlFiles = (): string[] => {
  const dir = join(ROOT, 'supabase', 'migrations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
};

export interface Hub {
  pg: PGlite;
  transport: () => SyncTransport;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The hub schema on PGlite (real Postgres, in-process). */
export const pgliteHub = async (): Promise<Hub> => {
  const pg = new PGlite();
  for (const sql of hubSqlFiles()) await pg.exec(sql);
  return {
    pg,
    transport: () => sqlTransport({ target: 'pglite', connect: async () => pg }),
    reset: async () => {
      await pg.exec(
        `delete from sync_rows; delete from sync_unique_keys; delete from sync_replicas; delete from sync_blobs; delete from publisher_lease; update sync_counter set value = 0;`,
      );
    },
    close: async () => {
      await pg.close();
    },
  };
};

let template: Buffer | undefined;

/** A fully migrated SQLite image, built once per test file and copied for each replica. */
const migratedImage = async (): Promise<Buffer> => {
  if (template) return template;
  const opened = await openDatabase(':memory:');
  template = opened.raw.serialize();
  await opened.close();
  return template;
};

export interface Replica {
  name: string;
  deps: ServiceDeps;
  raw: BetterSqlite3.Database;
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** An in-memory replica with its own replica id (cheap enough for property tests). */
export const memoryReplica = async (name: string, options: { media?: string; now?: string } = {}): Promise<Replica> => {
  const raw = new BetterSqlite3(await migratedImage());
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  let now = new Date(options.now ?? '2026-11-24T15:00:00Z');
  const clock = { now: () => new Date(now.getTime()) };
  const config = confirmSamples(buildInitialConfig({}));
  const paths = resolveHome(options.media ? join(options.media, '..') : `/nonexistent/${name}`, {});
  if (options.media) paths.media = options.media;
  const deps: ServiceDeps = {
    db,
    config,
    brandSlug: config.currentBrand,
    brand: config.brands[config.currentBrand]!,
    clock,
    env: loadEnvironment('/nonexistent/.env', {}),
    paths,
    writer: () => ({ now: clock.now().toISOString(), actor: `${name}@test`, replica: `replica-${name}` }),
  };
  return {
    name,
    deps,
    raw,
    setNow: (iso) => (now = new Date(iso)),
    close: async () => {
      await db.destroy();
    },
  };
};
