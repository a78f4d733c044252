import { chmodSync, closeSync, copyFileSync, constants, linkSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { dirname } from 'node:path';
import type { Database } from '../../db/schema.js';
import { migrations } from '../../db/migrations/index.js';
import { REDACT_FUNCTION } from '../../db/migrations/0015-hardening.js';
import { SYNCED_TABLES } from '../../db/synced-tables.js';
import { installSyncTriggers, tablesMissingTriggers } from './sync-repo.js';
import { flushFacts } from './facts-refresh.js';
import { StoreError } from '../errors/errors.js';
import { environmentErrorOf } from '../errors/environment.js';
import { l } from '../i18n/localized.js';
import { createRedactor, createValueRedactor } from '../domain/redact.js';
import { PRIVATE_FILE } from '../fs/private-files.js';
import { redactPlugin } from './redact-plugin.js';

export type Db = Kysely<Database>;

/** 'AUTS' — marks the file as ours so a foreign SQLite file is refused, not migrated. */
export const APPLICATION_ID = 0x41555453;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Skip migrations (doctor inspects a database without changing it). */
  migrate?: boolean;
  busyTimeoutMs?: number;
  /** Secret values to keep out of the file (the shapes of secrets are kept out regardless). */
  secrets?: readonly string[];
}

export interface OpenedDatabase {
  db: Db;
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** What is at the database path: nothing yet, a folder, an empty file, or a file's first bytes. */
const inspect = (file: string): { kind: 'missing' | 'directory' | 'empty' } | { kind: 'file'; header: string } => {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return { kind: 'missing' };
  }
  if (stats.isDirectory()) return { kind: 'directory' };
  if (stats.size === 0) return { kind: 'empty' };
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    readSync(fd, buffer, 0, 16, 0);
    return { kind: 'file', header: buffer.toString('latin1') };
  } finally {
    closeSync(fd);
  }
};

const isDirectory = (file: string) =>
  new StoreError(
    l(
      `The database path ${file} is a folder, not a file.`,
      `Le chemin de la base ${file} est un dossier, pas un fichier.`,
    ),
    {
      code: 'db_is_directory',
      fix: l(
        'Move that folder aside (nothing in it is used), or point --home (AUTOSCALE_HOME) at another folder.',
        'Déplacez ce dossier (rien n’y est utilisé), ou indiquez un autre dossier avec --home (AUTOSCALE_HOME).',
      ),
    },
  );

const isEmpty = (file: string) =>
  new StoreError(
    l(
      `The database file ${file} is empty (0 bytes): not an autoscale database.`,
      `Le fichier de base ${file} est vide (0 octet) : ce n’est pas une base autoscale.`,
    ),
    {
      code: 'db_empty',
      fix: l(
        `If you created it by mistake, remove it (rm ${file}) and run the command again; otherwise restore the database from a backup.`,
        `Si vous l’avez créé par erreur, supprimez-le (rm ${file}) et relancez la commande; sinon restaurez la base d’une sauvegarde.`,
      ),
    },
  );

/**
 * A new database appears at its path complete or not at all: it is created under a temporary
 * name (application id written, mode 0600), then linked into place. A process killed half-way,
 * or a full disk, leaves no empty file behind for the next command to trip over, and of two
 * processes creating it at once, one file wins and both use it.
 */
const createDatabaseFile = (file: string): void => {
  const temp = `${file}.${process.pid}.creating`;
  const removeTemp = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
  };
  try {
    const raw = new BetterSqlite3(temp);
    try {
      raw.pragma(`application_id = ${APPLICATION_ID}`);
    } finally {
      raw.close();
    }
    chmodSync(temp, PRIVATE_FILE);
    try {
      linkSync(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return; // another process created it first: use theirs
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      // A file system without hard links: an exclusive copy is as good.
      try {
        copyFileSync(temp, file, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code !== 'EEXIST') {
          rmSync(file, { force: true });
          throw copyError;
        }
      }
    }
  } finally {
    removeTemp();
  }
};

/**
 * A failed open on a full disk leaves SQLite's -wal (0 bytes) and -shm (a few bytes) behind.
 * They hold nothing: an empty WAL has no transaction, and a shared-memory file under one 32 KiB
 * region was never set up, so no other connection uses it. Removed, so a failed command leaves
 * the home as it found it. A WAL with content, or a live shm, is never touched.
 */
const dropStillbornWal = (file: string) => {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return undefined;
    }
  };
  const wal = size(`${file}-wal`);
  const shm = size(`${file}-shm`);
  if ((wal === undefined || wal === 0) && (shm === undefined || shm < 32 * 1024)) {
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
};

/** The database and its WAL files are private, whatever the umask of whoever created them. */
const tightenFiles = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      const mode = statSync(`${file}${suffix}`).mode & 0o777;
      if ((mode & 0o077) !== 0) chmodSync(`${file}${suffix}`, PRIVATE_FILE);
    } catch {
      // Absent (no WAL yet) or not ours to change: the home's own mode still protects it.
    }
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
  const found = inspect(file);
  if (found.kind === 'missing' || found.kind === 'empty') return;
  if (found.kind !== 'file') throw isDirectory(file);
  if (found.header !== SQLITE_HEADER) throw corrupt(file);
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
  const memory = file === ':memory:';
  const found = memory ? ({ kind: 'missing' } as const) : inspect(file);
  if (found.kind === 'directory') throw isDirectory(file);
  if (found.kind === 'empty') throw isEmpty(file);
  if (found.kind === 'file' && found.header !== SQLITE_HEADER) throw corrupt(file);
  const fresh = found.kind === 'missing';

  let raw: BetterSqlite3.Database;
  try {
    if (fresh && !memory) createDatabaseFile(file);
    raw = new BetterSqlite3(file, { fileMustExist: !memory });
    if (!memory) tightenFiles(file);
  } catch (cause) {
    const environment = environmentErrorOf(cause, dirname(file));
    if (environment) throw environment;
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
    if (!memory) dropStillbornWal(file);
    if (error instanceof StoreError) throw error;
    throw environmentErrorOf(error, dirname(file)) ?? corrupt(file, error);
  }

  const secrets = options.secrets ?? [];
  const redact = createRedactor(secrets);
  // The same redactor in SQL, for migrations that scrub rows written before it existed.
  raw.function(REDACT_FUNCTION, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? redact(value) : value,
  );
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    plugins: [redactPlugin(redact, createValueRedactor(secrets))],
  });
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
      if (!memory) dropStillbornWal(file);
      throw error;
    }
  }
  return opened;
};

const SCRUB_MIGRATION = '0015-hardening';

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
  let scrubbed = false;
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
      scrubbed =
        applied > 0 && (results ?? []).some((r) => r.migrationName === SCRUB_MIGRATION && r.status === 'Success');
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
  if (scrubbed) {
    // Secrets scrubbed from old rows must not survive in freed pages or in the WAL. Best effort:
    // a reader holding the file (a daemon) may keep the WAL until it lets go.
    try {
      raw.exec('VACUUM');
      raw.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy: the scrubbed rows are already committed; the next VACUUM (sqlite3 .vacuum) finishes it.
    }
  }
};
