import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PGlite } from '@electric-sql/pglite';
import { listenLoopback, readBody } from './loopback.js';

/**
 * A loopback Supabase that speaks the routes the sync transport uses, and runs the calls on a
 * real Postgres (PGlite) holding the hub schema:
 *   POST /rest/v1/rpc/<fn>                       PostgREST RPC (named arguments as a JSON object)
 *   POST|PUT /storage/v1/object/<bucket>/<path>  Storage upload (x-upsert)
 *   GET  /storage/v1/object/<bucket>/<path>      Storage download
 *   POST /storage/v1/bucket                      create a bucket
 * Both check the service key (apikey header and Bearer token), as Supabase does for the
 * service role. Faults can be injected per request.
 */
export type Fault = 'http503' | 'drop' | 'lost-response' | 'malformed';

export interface SupabaseFake {
  url: string;
  serviceKey: string;
  requests: { method: string; path: string }[];
  objects: Map<string, { bytes: Buffer; contentType: string }>;
  buckets: Set<string>;
  /** Faults applied to the next matching requests, in order. */
  inject(fault: Fault, options?: { times?: number; path?: RegExp }): void;
  close(): Promise<void>;
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

const IDENT = /^[a-z_][a-z0-9_]*$/;

export const startSupabaseFake = async (pg: PGlite, options: { serviceKey?: string } = {}): Promise<SupabaseFake> => {
  const serviceKey = options.serviceKey ?? 'service-role-key-for-tests';
  const faults: { fault: Fault; times: number; path?: RegExp | undefined }[] = [];
  const requests: { method: string; path: string }[] = [];
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const buckets = new Set<string>();

  const takeFault = (path: string): Fault | undefined => {
    const index = faults.findIndex((f) => !f.path || f.path.test(path));
    if (index < 0) return undefined;
    const f = faults[index]!;
    f.times -= 1;
    if (f.times <= 0) faults.splice(index, 1);
    return f.fault;
  };

  const rpc = async (fn: string, args: Record<string, unknown>) => {
    const names = Object.keys(args);
    if (!IDENT.test(fn) || !names.every((n) => IDENT.test(n)))
      throw Object.assign(new Error('bad identifier'), { code: 'PGRST100' });
    const params = names.map((n) => {
      const v = args[n];
      return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
    });
    const casts = names.map((n, i) => {
      const v = args[n];
      return `${n} => $${i + 1}${v !== null && typeof v === 'object' ? '::jsonb' : ''}`;
    });
    const result = await pg.query<{ r: unknown }>(`select ${fn}(${casts.join(', ')}) as r`, params);
    return result.rows[0]?.r ?? null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    requests.push({ method: req.method ?? 'GET', path });
    const body = await readBody(req);
    const fault = takeFault(path);
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'http503') {
      sendJson(res, 503, { message: 'Service Unavailable' });
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (req.headers.apikey !== serviceKey || auth !== `Bearer ${serviceKey}`) {
      sendJson(res, 401, {
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      });
      return;
    }

    const rpcMatch = /^\/rest\/v1\/rpc\/([^/]+)$/.exec(path);
    if (rpcMatch && req.method === 'POST') {
      let args: Record<string, unknown>;
      try {
        args = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        sendJson(res, 400, { code: 'PGRST102', details: null, hint: null, message: 'Empty or invalid json' });
        return;
      }
      try {
        const data = await rpc(rpcMatch[1]!, args);
        if (fault === 'lost-response') {
          req.socket.destroy();
          return;
        }
        if (fault === 'malformed') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"accepted": [');
          return;
        }
        sendJson(res, 200, data);
      } catch (error) {
        const e = error as { code?: string; message: string; detail?: string; hint?: string };
        if (e.code === '42883') {
          sendJson(res, 404, {
            code: 'PGRST202',
            details: e.message,
            hint: null,
            message: `Could not find the function public.${rpcMatch[1]} in the schema cache`,
          });
          return;
        }
        sendJson(res, 400, {
          code: e.code ?? 'P0001',
          details: e.detail ?? null,
          hint: e.hint ?? null,
          message: e.message,
        });
      }
      return;
    }

    if (path === '/storage/v1/bucket' && req.method === 'POST') {
      const { id, name } = JSON.parse(body.toString('utf8') || '{}') as { id?: string; name?: string };
      const bucket = id ?? name;
      if (!bucket) {
        sendJson(res, 400, {
          statusCode: '400',
          error: 'Bad Request',
          message: 'body must have required property name',
        });
        return;
      }
      if (buckets.has(bucket)) {
        sendJson(res, 400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
        return;
      }
      buckets.add(bucket);
      sendJson(res, 200, { name: bucket });
      return;
    }

    const objectMatch = /^\/storage\/v1\/object\/([^/]+)\/(.+)$/.exec(path);
    if (objectMatch) {
      const [, bucket, key] = objectMatch as unknown as [string, string, string];
      if (!buckets.has(bucket)) {
        sendJson(res, 404, { statusCode: '404', error: 'Bucket not found', message: 'Bucket not found' });
        return;
      }
      const full = `${bucket}/${key}`;
      if (req.method === 'POST' || req.method === 'PUT') {
        const upsert = req.headers['x-upsert'] === 'true' || req.method === 'PUT';
        if (objects.has(full) && !upsert) {
          sendJson(res, 400, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
          return;
        }
        objects.set(full, {
          bytes: body,
          contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
        });
        if (fault === 'lost-response') {
          req.socket.destroy();
          return;
        }
        sendJson(res, 200, { Key: full, Id: full });
        return;
      }
      if (req.method === 'GET') {
        const object = objects.get(full);
        if (!object) {
          sendJson(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
          return;
        }
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.bytes.length });
        res.end(object.bytes);
        return;
      }
    }
    sendJson(res, 404, { message: `no route ${req.method} ${path}` });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: (error as Error).message });
    });
  });
  const { port, close } = await listenLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    serviceKey,
    requests,
    objects,
    buckets,
    inject: (fault, o = {}) => faults.push({ fault, times: o.times ?? 1, path: o.path }),
    close,
  };
};
