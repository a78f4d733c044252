import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenLoopback } from './loopback.js';

export interface SlackMessage {
  path: string;
  body: { text?: string; blocks?: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
  receivedAt: number;
}

/** One injected fault, consumed in order before normal answers resume. */
export type SlackFault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' };

/**
 * Loopback Slack incoming webhook: POST /services/T000/B000/XXXX with a JSON body answers
 * `200 ok`; invalid JSON answers `400 invalid_payload`, an unknown path `404 no_service`,
 * as Slack does. Faults: a queue of statuses (429 with Retry-After, 500…), delays, dropped
 * connections; `down()` makes every request fail with 503 until `up()`.
 */
export interface SlackFake {
  url: string;
  messages: SlackMessage[];
  attempts: number;
  faults: SlackFault[];
  down(status?: number): void;
  up(): void;
  close(): Promise<void>;
}

const WEBHOOK_PATH = '/services/T0000000/B0000000/fakewebhooksecret';

export const startSlackFake = async (): Promise<SlackFake> => {
  let downStatus: number | undefined;
  const state = { messages: [] as SlackMessage[], attempts: 0, faults: [] as SlackFault[] };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    state.attempts += 1;
    const fault = state.faults.shift();
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...(fault.headers ?? {}) });
      res.end(fault.body ?? 'error');
      return;
    }
    if (downStatus !== undefined) {
      res.writeHead(downStatus, { 'content-type': 'text/plain' });
      res.end('service_unavailable');
      return;
    }
    if (req.method !== 'POST' || req.url !== WEBHOOK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no_service');
      return;
    }
    let body: SlackMessage['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SlackMessage['body'];
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('invalid_payload');
      return;
    }
    if (!body.text && !body.blocks) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('no_text');
      return;
    }
    state.messages.push({ path: req.url, body, receivedAt: Date.now() });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const { port, close } = await listenLoopback(server);
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    get messages() {
      return state.messages;
    },
    get attempts() {
      return state.attempts;
    },
    get faults() {
      return state.faults;
    },
    down: (status = 503) => {
      downStatus = status;
    },
    up: () => {
      downStatus = undefined;
    },
    close,
  };
};
