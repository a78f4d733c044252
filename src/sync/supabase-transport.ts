import type { SupabaseClient } from '@supabase/supabase-js';
import {
  hubError,
  toApplyResult,
  toLease,
  toPullPage,
  unreachable,
  type LeaseOp,
  type SyncTransport,
} from './transport.js';
import { isNetworkFailure } from './sql-transport.js';

interface RpcResponse {
  data: unknown;
  error: { message: string; code?: string; details?: string | null } | null;
  status: number;
}

const LEASE_FN: Record<LeaseOp, string> = {
  acquire: 'acquire_publisher_lease',
  renew: 'renew_publisher_lease',
  release: 'release_publisher_lease',
  status: 'publisher_lease_status',
};

class NoRealtimeSocket {
  constructor() {
    throw new Error('autoscale sync does not use Supabase realtime');
  }
}

export const blobPath = (sha256: string): string => `sha256/${sha256.slice(0, 2)}/${sha256}`;

const describeUrl = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'Supabase (SUPABASE_URL)';
  }
};

/**
 * The Supabase transport: the same SQL functions through PostgREST (`supabase.rpc`) with the
 * service-role key, and media in Supabase Storage under content-addressed paths.
 */
export const supabaseTransport = (options: {
  url: string;
  serviceKey: string;
  bucket: string;
  timeoutMs: number;
}): SyncTransport => {
  const target = describeUrl(options.url);
  let clientPromise: Promise<SupabaseClient> | undefined;
  const client = async () => {
    clientPromise ??= import('@supabase/supabase-js').then(({ createClient }) =>
      createClient(options.url, options.serviceKey, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        // Sync never opens a realtime socket; on Node 20 (no native WebSocket) the realtime client
        // refuses to start without a transport, so it gets one that is never used.
        realtime: { transport: NoRealtimeSocket as never },
        global: {
          fetch: (input: string | URL | Request, init?: RequestInit) =>
            fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(options.timeoutMs) }),
        },
      }),
    );
    return clientPromise;
  };
  const rpc = async (fn: string, args: Record<string, unknown>): Promise<unknown> => {
    let response: RpcResponse;
    try {
      response = (await (await client()).rpc(fn, args)) as RpcResponse;
    } catch (error) {
      throw unreachable(target, (error as Error).message, error);
    }
    if (response.error) {
      const { message } = response.error;
      if (response.status === 0 || response.status >= 502 || isNetworkFailure({ message }))
        throw unreachable(target, message, response.error);
      throw hubError(target, `${fn}: ${message}`, response.error);
    }
    return response.data;
  };
  const storageError = (error: unknown): Error => {
    const e = error as { message?: string; status?: number; statusCode?: string };
    const message = e?.message ?? String(error);
    if (e?.status === undefined || e.status === 0 || e.status >= 502 || isNetworkFailure({ message }))
      return unreachable(target, message, error);
    return hubError(target, `storage: ${message}`, error);
  };
  // A hub set up before pull_changes took the replica: ask it the old way (and keep doing so).
  let legacyPull = false;
  const pull = async (cursor: number, limit: number, replica?: string) => {
    if (replica && !legacyPull) {
      try {
        return await rpc('pull_changes', { p_cursor: cursor, p_limit: limit, p_replica: replica });
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code !== 'PGRST202') throw error;
        legacyPull = true;
      }
    }
    return rpc('pull_changes', { p_cursor: cursor, p_limit: limit });
  };
  return {
    kind: 'supabase',
    target,
    applyMutations: async (replica, mutations) =>
      toApplyResult(await rpc('apply_mutations', { p_replica: replica, p_mutations: mutations })),
    pullChanges: async (cursor, limit, replica) => toPullPage(await pull(cursor, limit, replica)),
    lease: async (op, holder, ttlSeconds, label) => {
      const args: Record<string, unknown> =
        op === 'acquire'
          ? { p_holder: holder, p_ttl_seconds: ttlSeconds, p_label: label ?? null }
          : op === 'renew'
            ? { p_holder: holder, p_ttl_seconds: ttlSeconds }
            : { p_holder: holder };
      return toLease(await rpc(LEASE_FN[op], args));
    },
    putBlob: async (sha256, contentType, bytes) => {
      const storage = (await client()).storage;
      const upload = () => storage.from(options.bucket).upload(blobPath(sha256), bytes, { contentType, upsert: true });
      let { error } = await upload().catch((e: unknown) => ({ error: e }));
      if (error && /bucket not found/i.test((error as Error).message ?? '')) {
        await storage.createBucket(options.bucket, { public: false }).catch(() => undefined);
        ({ error } = await upload().catch((e: unknown) => ({ error: e })));
      }
      if (error) throw storageError(error);
    },
    getBlob: async (sha256) => {
      const storage = (await client()).storage;
      const { data, error } = await storage
        .from(options.bucket)
        .download(blobPath(sha256))
        .catch((e: unknown) => ({ data: null, error: e }));
      if (error) {
        const status = (error as { status?: number; statusCode?: string }).status;
        if (status === 404 || status === 400) return undefined;
        throw storageError(error);
      }
      return data ? Buffer.from(await data.arrayBuffer()) : undefined;
    },
    close: async () => undefined,
  };
};
