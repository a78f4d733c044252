import {
  hubError,
  toApplyResult,
  toLease,
  toPullPage,
  unreachable,
  type LeaseOp,
  type Mutation,
  type SyncTransport,
} from './transport.js';

/** Anything that runs parameterised SQL: a `pg` Client, or PGlite in tests. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** Connection-level failures (offline) versus the hub refusing a call (schema missing, bad key). */
export const isNetworkFailure = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  // 57P01..57P03: server shutting down or not accepting connections; 08xxx: connection exceptions.
  if (e.code && (/^57P0[1-3]$/.test(e.code) || e.code.startsWith('08'))) return true;
  return /timeout|terminated|Connection ended|connect ECONN|socket hang up|fetch failed/i.test(e.message ?? '');
};

const LEASE_SQL: Record<LeaseOp, string> = {
  acquire: 'select acquire_publisher_lease($1, $2, $3) as r',
  renew: 'select renew_publisher_lease($1, $2) as r',
  release: 'select release_publisher_lease($1) as r',
  status: 'select publisher_lease_status($1) as r',
};

/**
 * The direct transport: calls the hub's SQL functions over one Postgres session. `connect` is
 * called lazily so that building a transport never touches the network.
 */
export const sqlTransport = (options: {
  target: string;
  connect: () => Promise<Queryable>;
  close?: () => Promise<void>;
}): SyncTransport => {
  let client: Queryable | undefined;
  const run = async <R>(text: string, params: unknown[]): Promise<R[]> => {
    try {
      client ??= await options.connect();
      return (await client.query<R>(text, params)).rows;
    } catch (error) {
      if (isNetworkFailure(error)) {
        client = undefined;
        throw unreachable(options.target, (error as Error).message ?? String(error), error);
      }
      throw hubError(options.target, (error as Error).message ?? String(error), error);
    }
  };
  const one = async (text: string, params: unknown[]): Promise<unknown> =>
    (await run<{ r: unknown }>(text, params))[0]?.r;
  // A hub set up before pull_changes took the replica: ask it the old way (and keep doing so).
  let legacyPull = false;
  const pull = async (cursor: number, limit: number, replica?: string) => {
    if (replica && !legacyPull) {
      try {
        return await one('select pull_changes($1::bigint, $2::int, $3::text) as r', [cursor, limit, replica]);
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code !== '42883') throw error;
        legacyPull = true;
      }
    }
    return one('select pull_changes($1::bigint, $2::int) as r', [cursor, limit]);
  };
  return {
    kind: 'postgres',
    target: options.target,
    applyMutations: async (replica: string, mutations: Mutation[]) =>
      toApplyResult(await one('select apply_mutations($1, $2::jsonb) as r', [replica, JSON.stringify(mutations)])),
    pullChanges: async (cursor: number, limit: number, replica?: string) =>
      toPullPage(await pull(cursor, limit, replica)),
    lease: async (op, holder, ttlSeconds, label) => {
      const params =
        op === 'acquire' ? [holder, ttlSeconds, label ?? null] : op === 'renew' ? [holder, ttlSeconds] : [holder];
      return toLease(await one(LEASE_SQL[op], params));
    },
    putBlob: async (sha256, contentType, bytes) => {
      await one('select put_blob($1, $2, $3) as r', [sha256, contentType, bytes.toString('base64')]);
    },
    getBlob: async (sha256) => {
      const b64 = (await one('select get_blob($1) as r', [sha256])) as string | null | undefined;
      return b64 ? Buffer.from(b64, 'base64') : undefined;
    },
    close: async () => {
      client = undefined;
      await options.close?.();
    },
  };
};

/** `postgres://user:***@host:5432/db` — for notes and status, never the password. */
export const describeDatabaseUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'postgres (DATABASE_URL)';
  }
};

/** The direct transport on `pg` (session mode: one connection for the whole command). */
export const pgTransport = (databaseUrl: string, timeoutMs: number): SyncTransport => {
  let end: (() => Promise<void>) | undefined;
  return sqlTransport({
    target: describeDatabaseUrl(databaseUrl),
    connect: async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({
        connectionString: databaseUrl,
        connectionTimeoutMillis: timeoutMs,
        statement_timeout: timeoutMs * 4,
        query_timeout: timeoutMs * 4,
        application_name: 'autoscale-sync',
      });
      // An idle connection dropped by the server must not crash the process.
      client.on('error', () => undefined);
      await client.connect();
      end = async () => {
        await client.end().catch(() => undefined);
      };
      return client;
    },
    close: async () => {
      await end?.();
      end = undefined;
    },
  });
};
