import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback, readBody } from './loopback.js';

export interface HealthcheckPing {
  method: string;
  /** '' (success), 'start', 'fail' or an exit status, as healthchecks.io reads the path's tail. */
  kind: string;
  at: number;
}

/**
 * Loopback healthchecks.io ping endpoint: GET/HEAD/POST /ping/<uuid>[/start|/fail|/<0-255>]
 * answers `200 OK` (text/plain); an unknown check answers `404 not found`, a malformed tail
 * `400 invalid url format`, as hc-ping.com does. `down()` answers 503 to everything until `up()`.
 */
export interface HealthchecksFake {
  /** The check URL to configure (HEARTBEAT_URL). */
  url: string;
  pings: HealthcheckPing[];
  down(): void;
  up(): void;
  close(): Promise<void>;
}

const CHECK = '5c7a1e0e-2f3b-4f5e-9a1d-7c2b9e4d6f10';

export const startHealthchecksFake = async (): Promise<HealthchecksFake> => {
  const pings: HealthcheckPing[] = [];
  let isDown = false;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    await readBody(req);
    const reply = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (isDown) return reply(503, 'Service Unavailable');
    if (!['GET', 'HEAD', 'POST'].includes(req.method ?? '')) return reply(405, 'method not allowed');
    const m = /^\/ping\/([0-9a-f-]{36})(?:\/([^/?]*))?(?:\?.*)?$/.exec(req.url ?? '');
    if (!m) return reply(400, 'invalid url format');
    if (m[1] !== CHECK) return reply(404, 'not found');
    const kind = m[2] ?? '';
    if (kind !== '' && kind !== 'start' && kind !== 'fail' && kind !== 'log' && !/^\d{1,3}$/.test(kind))
      return reply(400, 'invalid url format');
    pings.push({ method: req.method ?? 'GET', kind, at: Date.now() });
    return reply(200, 'OK');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const { port, close } = await listenLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/ping/${CHECK}`,
    pings,
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    close,
  };
};
