import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenLoopback, readText } from './loopback.js';

/**
 * Loopback Slack for the app side: the Web API methods autoscale uses (form-urlencoded with
 * JSON-encoded objects as @slack/web-api sends them, or JSON), `apps.connections.open`, and a
 * Socket Mode WebSocket server. As strict as Slack where it matters:
 * - the app-level token (xapp-…) only in the Authorization header, for apps.connections.open only;
 *   a bot token (xoxb-…) for everything else; a connection URL (ticket) works once;
 * - chat.update needs channel + ts of a message it posted; blocks are checked against Block Kit
 *   limits (50 blocks, 25 elements per actions block, button text 75, value 2000, action_id 255);
 * - views.open trigger ids are the ones it issued, valid 3 s and single use;
 * - every envelope must be acknowledged within 3 s (an unacknowledged one is recorded as such).
 * Faults: per-method queued errors (429 + Retry-After, ok:false codes, HTTP 500), `disconnect`
 * envelopes, sockets dropped without a close frame, pings stopped.
 */

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: any[];
  updates: { text: string; blocks: any[] }[];
}

export interface Ack {
  envelopeId: string;
  payload: any;
  ms: number;
}

export type SlackApiFault =
  | { method: string; kind: 'ratelimited'; retryAfter: number }
  | { method: string; kind: 'error'; error: string }
  | { method: string; kind: 'status'; status: number };

export interface SlackAppFake {
  url: string;
  apiUrl: string;
  botToken: string;
  appToken: string;
  teamId: string;
  channel: string;
  messages: PostedMessage[];
  ephemerals: { channel: string; user: string; text: string }[];
  views: any[];
  calls: { method: string; at: number }[];
  faults: SlackApiFault[];
  connectionsOpened: number;
  openSockets(): number;
  /** Sends an interactive envelope to one connected socket; resolves with its ack (or rejects after 3 s). */
  interactive(payload: any): Promise<Ack>;
  /** A block_actions payload as Slack builds it for a click on a message button. */
  click(input: { user: string; message: PostedMessage; actionId: string; value?: string }): Promise<Ack>;
  /** A view_submission of the reject modal (with the reason typed). */
  submitView(input: {
    user: string;
    view: any;
    /** As Slack sends them: `value` for a text input, `selected_option` for a select (null when none). */
    values: Record<
      string,
      Record<string, { type: string; value?: string | null; selected_option?: { text: unknown; value: string } | null }>
    >;
  }): Promise<Ack>;
  /** The payload `click` would send, for the HTTP interactivity route. */
  clickPayload(input: { user: string; message: PostedMessage; actionId: string; value?: string }): any;
  disconnect(reason?: 'warning' | 'refresh_requested' | 'link_disabled'): void;
  dropSockets(): void;
  stopPings(): void;
  waitFor<T>(probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const BLOCK_LIMITS = (blocks: any[]): string | undefined => {
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > 50) return 'invalid_blocks';
  for (const block of blocks) {
    if (typeof block?.type !== 'string') return 'invalid_blocks';
    if (block.block_id && String(block.block_id).length > 255) return 'invalid_blocks';
    if (block.type === 'section' && block.text && String(block.text.text ?? '').length > 3000) return 'invalid_blocks';
    if (block.type === 'header' && String(block.text?.text ?? '').length > 150) return 'invalid_blocks';
    if (block.type === 'image' && !/^https?:\/\//.test(String(block.image_url ?? ''))) return 'invalid_blocks';
    if (block.type === 'actions') {
      if (!Array.isArray(block.elements) || block.elements.length > 25) return 'invalid_blocks';
      for (const e of block.elements) {
        if (e.type !== 'button') continue;
        if (String(e.text?.text ?? '').length > 75 || !e.text?.text) return 'invalid_blocks';
        if (e.action_id && String(e.action_id).length > 255) return 'invalid_blocks';
        if (e.value !== undefined && String(e.value).length > 2000) return 'invalid_blocks';
        if (e.style && !['primary', 'danger'].includes(e.style)) return 'invalid_blocks';
        if (
          e.confirm &&
          (String(e.confirm.title?.text ?? '').length > 100 || String(e.confirm.text?.text ?? '').length > 300)
        )
          return 'invalid_blocks';
      }
    }
  }
  return undefined;
};

export const startSlackAppFake = async (options: { pingMs?: number } = {}): Promise<SlackAppFake> => {
  const botToken = `xoxb-1-fake-${randomBytes(6).toString('hex')}`;
  const appToken = `xapp-1-A0FAKE-${randomBytes(6).toString('hex')}`;
  const teamId = 'T0FAKE001';
  const channel = 'C0REVIEW1';
  const state = {
    messages: [] as PostedMessage[],
    ephemerals: [] as { channel: string; user: string; text: string }[],
    views: [] as any[],
    calls: [] as { method: string; at: number }[],
    faults: [] as SlackApiFault[],
    connectionsOpened: 0,
  };
  const tickets = new Set<string>();
  const triggers = new Map<string, { issued: number; used: boolean }>();
  const sockets = new Set<WebSocket>();
  const pending = new Map<string, { resolve: (a: Ack) => void; sent: number }>();
  let tsCounter = 0;
  let pings = true;
  let base = '';

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const parseArgs = async (req: IncomingMessage): Promise<Record<string, any> | undefined> => {
    const raw = await readText(req);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) {
      try {
        return JSON.parse(raw || '{}');
      } catch {
        return undefined;
      }
    }
    const args: Record<string, any> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      // @slack/web-api JSON-encodes objects and arrays in form bodies.
      args[k] = /^[[{]/.test(v)
        ? (() => {
            try {
              return JSON.parse(v);
            } catch {
              return v;
            }
          })()
        : v;
    }
    return args;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/api\/([a-zA-Z.]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return answer(res, 404, { ok: false, error: 'unknown_method' });
    const method = m[1]!;
    const args = await parseArgs(req);
    state.calls.push({ method, at: Date.now() });
    const faultAt = state.faults.findIndex((f) => f.method === method || f.method === '*');
    if (faultAt >= 0) {
      const [fault] = state.faults.splice(faultAt, 1);
      if (fault!.kind === 'ratelimited')
        return answer(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault!.retryAfter) });
      if (fault!.kind === 'status') return answer(res, fault!.status, { ok: false, error: 'internal_error' });
      return answer(res, 200, { ok: false, error: fault!.error });
    }
    if (!args) return answer(res, 200, { ok: false, error: 'invalid_json' });
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (method === 'apps.connections.open') {
      if (!auth) return answer(res, 200, { ok: false, error: 'not_authed' });
      if (auth !== appToken)
        return answer(res, 200, {
          ok: false,
          error: auth.startsWith('xapp-') ? 'invalid_auth' : 'not_allowed_token_type',
        });
      const ticket = randomBytes(12).toString('hex');
      tickets.add(ticket);
      return answer(res, 200, { ok: true, url: `${base.replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=A0FAKE` });
    }
    const token = auth ?? args.token;
    if (!token) return answer(res, 200, { ok: false, error: 'not_authed' });
    if (token.startsWith('xapp-')) return answer(res, 200, { ok: false, error: 'not_allowed_token_type' });
    if (token !== botToken) return answer(res, 200, { ok: false, error: 'invalid_auth' });
    switch (method) {
      case 'auth.test':
        return answer(res, 200, { ok: true, team_id: teamId, user_id: 'U0BOT', bot_id: 'B0BOT' });
      case 'chat.postMessage': {
        if (!args.channel) return answer(res, 200, { ok: false, error: 'channel_not_found' });
        if (args.channel !== channel) return answer(res, 200, { ok: false, error: 'not_in_channel' });
        if (!args.text && !args.blocks) return answer(res, 200, { ok: false, error: 'no_text' });
        const blocks = args.blocks ?? [];
        const bad = BLOCK_LIMITS(blocks);
        if (bad) return answer(res, 200, { ok: false, error: bad });
        tsCounter += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
        const msg: PostedMessage = { channel, ts, text: String(args.text ?? ''), blocks, updates: [] };
        state.messages.push(msg);
        return answer(res, 200, { ok: true, channel, ts, message: { type: 'message', ts, text: msg.text, blocks } });
      }
      case 'chat.update': {
        if (!args.channel || !args.ts)
          return answer(res, 200, { ok: false, error: !args.channel ? 'channel_not_found' : 'message_not_found' });
        const msg = state.messages.find((x) => x.channel === args.channel && x.ts === args.ts);
        if (!msg) return answer(res, 200, { ok: false, error: 'message_not_found' });
        const blocks = args.blocks ?? [];
        const bad = BLOCK_LIMITS(blocks);
        if (bad) return answer(res, 200, { ok: false, error: bad });
        msg.updates.push({ text: String(args.text ?? ''), blocks });
        msg.text = String(args.text ?? msg.text);
        msg.blocks = blocks;
        return answer(res, 200, { ok: true, channel: msg.channel, ts: msg.ts, text: msg.text });
      }
      case 'chat.postEphemeral': {
        if (!args.channel || !args.user)
          return answer(res, 200, { ok: false, error: args.channel ? 'user_not_in_channel' : 'channel_not_found' });
        state.ephemerals.push({ channel: args.channel, user: args.user, text: String(args.text ?? '') });
        return answer(res, 200, { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.999999` });
      }
      case 'views.open': {
        const trigger = triggers.get(String(args.trigger_id ?? ''));
        if (!trigger) return answer(res, 200, { ok: false, error: 'invalid_trigger_id' });
        if (trigger.used) return answer(res, 200, { ok: false, error: 'exchanged_trigger_id' });
        if (Date.now() - trigger.issued > 3000) return answer(res, 200, { ok: false, error: 'expired_trigger_id' });
        trigger.used = true;
        const view = typeof args.view === 'string' ? JSON.parse(args.view) : args.view;
        if (!view || view.type !== 'modal' || !view.title)
          return answer(res, 200, { ok: false, error: 'invalid_arguments' });
        state.views.push(view);
        return answer(res, 200, { ok: true, view: { id: `V${state.views.length}`, ...view } });
      }
      default:
        return answer(res, 200, { ok: false, error: 'unknown_method' });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '', 'http://x');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.connectionsOpened += 1;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      ws.on('message', (data) => {
        let msg: any;
        try {
          msg = JSON.parse(
            Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'),
          );
        } catch {
          return;
        }
        const waiting = msg?.envelope_id ? pending.get(msg.envelope_id) : undefined;
        if (waiting) {
          pending.delete(msg.envelope_id);
          waiting.resolve({ envelopeId: msg.envelope_id, payload: msg.payload ?? {}, ms: Date.now() - waiting.sent });
        }
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.size,
          debug_info: { host: 'fake', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0FAKE' },
        }),
      );
    });
  });
  const pinger = setInterval(() => {
    if (!pings) return;
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.ping();
  }, options.pingMs ?? 1000);
  const { port, close } = await listenLoopback(server);
  base = `http://127.0.0.1:${port}`;

  const waitFor = async <T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> => {
    const start = Date.now();
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() - start > timeoutMs) throw new Error('slack fake: condition not met in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const interactive = async (payload: any): Promise<Ack> => {
    const ws = await waitFor(() => [...sockets].find((s) => s.readyState === s.OPEN));
    const envelopeId = randomBytes(8).toString('hex');
    return new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(envelopeId);
        reject(new Error(`envelope ${envelopeId} not acknowledged within 3 s`));
      }, 3000);
      pending.set(envelopeId, {
        sent: Date.now(),
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
      });
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: 'interactive',
          payload,
          accepts_response_payload: payload.type === 'view_submission',
        }),
      );
    });
  };

  const clickPayload = (input: { user: string; message: PostedMessage; actionId: string; value?: string }) => {
    const triggerId = `${Date.now()}.${randomBytes(4).toString('hex')}`;
    triggers.set(triggerId, { issued: Date.now(), used: false });
    const button = input.message.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements.map((e: any) => ({ ...e, block_id: b.block_id })))
      .find((e: any) => e.action_id === input.actionId);
    return {
      type: 'block_actions',
      user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: teamId },
      api_app_id: 'A0FAKE',
      token: 'verification-token-deprecated',
      container: {
        type: 'message',
        message_ts: input.message.ts,
        channel_id: input.message.channel,
        is_ephemeral: false,
      },
      trigger_id: triggerId,
      team: { id: teamId, domain: 'fake' },
      channel: { id: input.message.channel, name: 'review' },
      message: { type: 'message', ts: input.message.ts, text: input.message.text, blocks: input.message.blocks },
      state: { values: {} },
      response_url: `${base}/actions/response/${randomBytes(4).toString('hex')}`,
      actions: [
        {
          type: 'button',
          action_id: input.actionId,
          block_id: button?.block_id ?? 'unknown',
          text: button?.text ?? { type: 'plain_text', text: '?' },
          value: input.value ?? button?.value,
          ...(button?.style ? { style: button.style } : {}),
          action_ts: String(Date.now() / 1000),
        },
      ],
    };
  };

  return {
    url: base,
    apiUrl: `${base}/api/`,
    botToken,
    appToken,
    teamId,
    channel,
    get messages() {
      return state.messages;
    },
    get ephemerals() {
      return state.ephemerals;
    },
    get views() {
      return state.views;
    },
    get calls() {
      return state.calls;
    },
    get faults() {
      return state.faults;
    },
    get connectionsOpened() {
      return state.connectionsOpened;
    },
    openSockets: () => [...sockets].filter((s) => s.readyState === s.OPEN).length,
    interactive,
    clickPayload,
    click: (input) => interactive(clickPayload(input)),
    submitView: (input) =>
      interactive({
        type: 'view_submission',
        team: { id: teamId, domain: 'fake' },
        user: { id: input.user, username: input.user.toLowerCase(), team_id: teamId },
        api_app_id: 'A0FAKE',
        trigger_id: `${Date.now()}.view`,
        view: { ...input.view, id: 'V1', state: { values: input.values } },
      }),
    disconnect: (reason = 'refresh_requested') => {
      for (const ws of sockets) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake' } }));
    },
    dropSockets: () => {
      for (const ws of sockets) ws.terminate();
    },
    stopPings: () => {
      pings = false;
    },
    waitFor,
    close: async () => {
      clearInterval(pinger);
      for (const ws of sockets) ws.terminate();
      wss.close();
      await close();
    },
  };
};
