import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback, readText } from './loopback.js';

/**
 * The worst upstream for secrets: every service answers every request with an error whose
 * message repeats the whole request back (method, URL with its query, every header, the body),
 * each in the service's own error shape, so the real clients surface it as their error
 * message. Mounted by path prefix: /anthropic, /openai, /graph (Facebook), /services (Slack
 * incoming webhooks), /supabase.
 */
export interface EchoFake {
  url: string;
  requests: number;
  close(): Promise<void>;
}

const echoOf = (req: IncomingMessage, body: string) =>
  `${req.method ?? ''} ${req.url ?? ''} headers=${JSON.stringify(req.headers)} body=${body.slice(0, 4000)}`;

export const startEchoFake = async (): Promise<EchoFake> => {
  const state = { requests: 0 };
  const json = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const server = createServer(async (req, res) => {
    const body = await readText(req);
    state.requests += 1;
    const echo = echoOf(req, body);
    const path = req.url ?? '';
    if (path.startsWith('/anthropic'))
      return json(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: echo } });
    if (path.startsWith('/openai'))
      return json(res, 400, { error: { message: echo, type: 'invalid_request_error', param: null, code: null } });
    if (path.startsWith('/graph'))
      return json(res, 400, { error: { message: echo, type: 'OAuthException', code: 100, fbtrace_id: 'AEcho' } });
    if (path.startsWith('/services')) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end(`invalid_payload ${echo}`);
    }
    if (path.startsWith('/supabase'))
      return json(res, 401, { code: 'PGRST301', message: echo, details: echo, hint: null });
    return json(res, 404, { message: echo });
  });
  const { port, close } = await listenLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close,
  };
};
