import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import type { Database } from '../../db/schema.js';
import { migrations } from '../../db/migrations/index.js';
import { SYNCED_TABLES } from '../../db/synced-tables.js';
import { installSyncTriggers, tablesMissingTriggers } from './sync-repo.js';
import { flushFacts } from './facts-refresh.js';
import { StoreError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

export type Db = Kysely<Database>;

/** 'AUTS' — marks the file as ours so a foreign SQLite file is refused, not migrated. */
export const APPLICATION_ID = 0x41555453;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Skip migrations (doctor inspects a database without changing it). */
  migrate?: boolean;
  busyTimeoutMs?: number;
}

export interface OpenedDatabase {
  db: Db;
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

const readHeader = (file: string): string | undefined => {
  if (!existsSync(file) || statSync(file).size === 0) return undefined;
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    readSync(fd, buffer, 0, 16, 0);
    return buffer.toString('latin1');
  } finally {
    closeSync(fd);
  }
};

const corrupt = (file: string, cause?: unknown) =>
  new StoreError(
    l(
      `The database file ${file} is not an autoscale database (corrupt or another program's file).`,
      `Le fichier ${file} n'est pas une base autoscale (corrompu ou appartenant à un autre programme).`,
    ),
    {
      code: 'db_foreign',
      cause,
      fix: l(
        'Move it aside, or point --home (AUTOSCALE_HOME) at another folder, then run `autoscale init`.',
        'Déplacez-le, ou indiquez un autre dossier avec --home (AUTOSCALE_HOME), puis lancez `autoscale init`.',
      ),
    },
  );

/**
 * Checks, without writing anything, that an existing database file is ours: a SQLite header and
 * our application id (or an empty file). Commands that would write beside it (the default config)
 * check first, so a corrupt or foreign file leaves the home exactly as it was.
 */
export const checkDatabaseFile = (file: string): void => {
  const header = readHeader(file);
  if (header === undefined) return;
  if (header !== SQLITE_HEADER) throw corrupt(file);
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw corrupt(file, cause);
  }
  try {
    const appId = raw.pragma('application_id', { simple: true }) as number;
    const tableCount = (
      raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }
    ).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || tableCount > 0)) throw corrupt(file);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw corrupt(file, error);
  } finally {
    raw.close();
  }
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export const latestSchemaVersion = (): number => Object.keys(migrations).length;

/**
 * Opens (and by default migrates) the SQLite store. WAL plus a busy timeout let the CLI and a
 * running daemon share the file; the application id refuses a foreign SQLite file.
 */
export const openDatabase = async (file: string, options: OpenOptions = {}): Promise<OpenedDatabase> => {
  const header = readHeader(file);
  if (header !== undefined && header !== SQLITE_HEADER) throw corrupt(file);
  const fresh = header === undefined;

  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file);
  } catch (cause) {
    throw new StoreError(
      l(
        `Cannot open the database ${file}: ${(cause as Error).message}.`,
        `Impossible d'ouvrir la base ${file} : ${(cause as Error).message}.`,
      ),
      {
        code: 'db_open',
        cause,
        fix: l(
          'Check that the home folder exists and is writable (autoscale doctor).',
          'Vérifiez que le dossier de travail existe et est accessible en écriture (autoscale doctor).',
        ),
      },
    );
  }
  try {
    raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    const appId = raw.pragma('application_id', { simple: true }) as number;
    const tableCount = (
      raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }
    ).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || tableCount > 0)) throw corrupt(file);
    if (appId === 0) raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
  } catch (error) {
    raw.close();
    if (error instanceof StoreError) throw error;
    throw corrupt(file, error);
  }

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const opened: OpenedDatabase = {
    db,
    raw,
    close: async () => {
      await db.destroy();
    },
  };
  if (options.migrate !== false) {
    try {
      await migrate(opened, fresh);
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
};

const migrate = async ({ db, raw }: OpenedDatabase, fresh: boolean) => {
  // user_version mirrors the number of applied migrations, so the common case costs one pragma.
  const applied = raw.pragma('user_version', { simple: true }) as number;
  const latest = latestSchemaVersion();
  if (!fresh && applied === latest) return;
  if (applied > latest) {
    throw new StoreError(
      l(
        `The database was created by a newer autoscale (schema ${applied}, this one knows ${latest}).`,
        `La base a été créée par une version plus récente d'autoscale (schéma ${applied}, celle-ci connaît ${latest}).`,
      ),
      {
        code: 'db_newer',
        fix: l('Upgrade autoscale (npm install) and retry.', 'Mettez autoscale à jour (npm install) et réessayez.'),
      },
    );
  }
  // Kysely runs SQLite migrations without a transaction (its adapter reports no transactional
  // DDL), so a process killed half-way would leave tables that the next run fails to create
  // again. SQLite's DDL is transactional: all pending migrations, the sync triggers and the
  // schema version commit together or not at all. IMMEDIATE also makes a second process that
  // opens a fresh file wait for the first one's migration instead of racing it.
  raw.exec('BEGIN IMMEDIATE');
  try {
    if ((raw.pragma('user_version', { simple: true }) as number) !== latest) {
      // Migrations are numbered per capability; a development home may have applied them in another order.
      const migrator = new Migrator({ db, provider: new StaticProvider(), allowUnorderedMigrations: true });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new StoreError(
          l(
            `Database migration ${failed} failed: ${(error as Error).message}.`,
            `La migration ${failed} de la base a échoué : ${(error as Error).message}.`,
          ),
          {
            code: 'db_migration',
            cause: error,
            fix: l(
              'Run `autoscale doctor` and restore from a backup if needed.',
              'Lancez `autoscale doctor` et restaurez une sauvegarde au besoin.',
            ),
          },
        );
      }
      // A migration may add a synced table or rebuild one (dropping its triggers): re-install capture.
      const missing = await tablesMissingTriggers(db, SYNCED_TABLES);
      if (missing.length > 0) await installSyncTriggers(db, missing);
      // A migration may queue existing posts for their summaries (0012): computed in the same commit.
      await flushFacts(db);
      raw.pragma(`user_version = ${latest}`);
    }
    raw.exec('COMMIT');
  } catch (error) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    throw error;
  }
};
