import { ConfigError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { pgTransport } from './sql-transport.js';
import { supabaseTransport } from './supabase-transport.js';
import type { SyncTransport } from './transport.js';

export type TransportKind = 'supabase' | 'postgres';

export interface TransportChoice {
  kind: TransportKind | null;
  /** Why this one (or why none), for notes and status. */
  why: Localized;
}

/** Which hub this replica talks to: config.sync.transport, then the variables that are set. */
export const chooseTransport = (deps: Pick<ServiceDeps, 'config' | 'env'>): TransportChoice => {
  const wanted = deps.config.sync.transport;
  const supabase = Boolean(deps.env.get('SUPABASE_URL') && deps.env.get('SUPABASE_SERVICE_KEY'));
  const postgres = Boolean(deps.env.get('DATABASE_URL'));
  if (wanted === 'supabase' || (wanted === 'auto' && supabase)) {
    return supabase
      ? {
          kind: 'supabase',
          why: l('SUPABASE_URL and SUPABASE_SERVICE_KEY are set', 'SUPABASE_URL et SUPABASE_SERVICE_KEY sont définies'),
        }
      : {
          kind: null,
          why: l(
            'sync.transport is supabase but SUPABASE_URL or SUPABASE_SERVICE_KEY is missing',
            'sync.transport vaut supabase mais SUPABASE_URL ou SUPABASE_SERVICE_KEY manque',
          ),
        };
  }
  if (wanted === 'postgres' || (wanted === 'auto' && postgres)) {
    return postgres
      ? {
          kind: 'postgres',
          why: l('DATABASE_URL is set (direct Postgres)', 'DATABASE_URL est définie (Postgres direct)'),
        }
      : {
          kind: null,
          why: l(
            'sync.transport is postgres but DATABASE_URL is missing',
            'sync.transport vaut postgres mais DATABASE_URL manque',
          ),
        };
  }
  return {
    kind: null,
    why: l(
      'neither SUPABASE_URL + SUPABASE_SERVICE_KEY nor DATABASE_URL is set',
      'ni SUPABASE_URL + SUPABASE_SERVICE_KEY ni DATABASE_URL ne sont définies',
    ),
  };
};

/** The configured transport, or undefined when sync is not set up (local-only replica). */
export const openTransport = (deps: Pick<ServiceDeps, 'config' | 'env'>): SyncTransport | undefined => {
  const choice = chooseTransport(deps);
  if (choice.kind === 'supabase') {
    return supabaseTransport({
      url: deps.env.get('SUPABASE_URL')!,
      serviceKey: deps.env.get('SUPABASE_SERVICE_KEY')!,
      bucket: deps.config.sync.bucket,
      timeoutMs: deps.config.sync.timeoutMs,
    });
  }
  if (choice.kind === 'postgres') return pgTransport(deps.env.get('DATABASE_URL')!, deps.config.sync.timeoutMs);
  return undefined;
};

export const notConfigured = (choice: TransportChoice): ConfigError =>
  new ConfigError(
    l(`Sync is not configured: ${choice.why.en}.`, `La synchronisation n’est pas configurée : ${choice.why.fr}.`),
    {
      code: 'sync_not_configured',
      fix: l(
        'Put SUPABASE_URL and SUPABASE_SERVICE_KEY (or DATABASE_URL for a direct Postgres) in <home>/.env, then run `autoscale sync setup`. See docs/SYNC.md.',
        'Mettez SUPABASE_URL et SUPABASE_SERVICE_KEY (ou DATABASE_URL pour un Postgres direct) dans <home>/.env, puis lancez `autoscale sync setup`. Voir docs/SYNC.md.',
      ),
    },
  );
