import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { describeDatabaseUrl, isNetworkFailure } from './sql-transport.js';
import { hubError, unreachable } from './transport.js';

/** supabase/migrations of this install (found from this module, in src/ or dist/src/). */
export const hubMigrationsDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'supabase', 'migrations');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new ConfigError(
    l(
      'The hub schema files (supabase/migrations) are missing from this install.',
      'Les fichiers du schéma (supabase/migrations) manquent à cette installation.',
    ),
    {
      code: 'sync_schema_missing',
      fix: l('Reinstall autoscale.', 'Réinstallez autoscale.'),
    },
  );
};

export interface HubMigration {
  name: string;
  sql: string;
}

export const hubMigrations = (dir = hubMigrationsDir()): HubMigration[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));

/** Everything in one script, for the Supabase SQL editor or `psql -f`. */
export const hubSchemaScript = (migrations = hubMigrations()): string =>
  [
    '-- autoscale sync hub schema. Paste into the Supabase SQL editor (or psql -f); safe to run again.',
    ...migrations.map((m) => `-- >>> ${m.name}\n${m.sql.trim()}\n`),
  ].join('\n\n');

export interface SetupResult {
  target: string;
  applied: string[];
  bucket: { name: string; status: 'created' | 'exists' | 'no_storage_schema' };
}

/** Applies the hub schema over a direct connection (DATABASE_URL), each file in its own transaction. */
export const applyHubSchema = async (deps: Pick<ServiceDeps, 'env' | 'config'>): Promise<SetupResult> => {
  const url = deps.env.get('DATABASE_URL');
  if (!url) {
    throw new ConfigError(
      l(
        '`sync setup --apply` needs DATABASE_URL (a direct Postgres connection string).',
        '`sync setup --apply` a besoin de DATABASE_URL (chaîne de connexion Postgres directe).',
      ),
      {
        code: 'sync_setup_needs_database_url',
        fix: l(
          'Set DATABASE_URL in <home>/.env (Supabase: Project Settings → Database → Connection string, session mode), or run `autoscale sync setup --print` and paste the SQL into the SQL editor.',
          'Définissez DATABASE_URL dans <home>/.env (Supabase : Project Settings → Database → Connection string, mode session), ou lancez `autoscale sync setup --print` et collez le SQL dans l’éditeur SQL.',
        ),
      },
    );
  }
  const target = describeDatabaseUrl(url);
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: deps.config.sync.timeoutMs,
    application_name: 'autoscale-setup',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw unreachable(target, (error as Error).message, error);
  }
  const applied: string[] = [];
  try {
    for (const migration of hubMigrations()) {
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
      applied.push(migration.name);
    }
    const bucket = deps.config.sync.bucket;
    const storage = await client.query<{ ok: boolean }>(`select to_regclass('storage.buckets') is not null as ok`);
    let status: SetupResult['bucket']['status'] = 'no_storage_schema';
    if (storage.rows[0]?.ok) {
      const inserted = await client.query(
        `insert into storage.buckets (id, name, public) values ($1, $1, false) on conflict (id) do nothing`,
        [bucket],
      );
      status = inserted.rowCount ? 'created' : 'exists';
    }
    return { target, applied, bucket: { name: bucket, status } };
  } catch (error) {
    if (isNetworkFailure(error)) throw unreachable(target, (error as Error).message, error);
    throw hubError(target, (error as Error).message, error);
  } finally {
    await client.end().catch(() => undefined);
  }
};
