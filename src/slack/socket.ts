import type { SocketModeClient } from '@slack/socket-mode';
import type { ServiceDeps } from '../deps/service-deps.js';
import { handleInteraction } from '../approval/slack-interaction.js';
import { createSlackClient } from '../notify/slack-api.js';
import { keepVariantAngle } from '../plan/ideas-service.js';

export interface SocketLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

export interface SlackSocketOptions {
  deps: ServiceDeps;
  appToken: string;
  botToken: string;
  apiUrl?: string | undefined;
  log: SocketLog;
  /** The SDK's ping timings (defaults 5 s and 30 s); tests shorten them to reconnect quickly. */
  clientPingTimeoutMs?: number;
  serverPingTimeoutMs?: number;
  /** Pause before retrying a start that failed (Slack unreachable at boot). */
  retryStartMs?: number;
}

export interface SlackSocket {
  client: SocketModeClient;
  /** Resolves at the first `hello`. */
  connected: Promise<void>;
  stop(): Promise<void>;
}

/** @slack/logger's interface, routed to ours: the SDK's debug and info chatter is dropped. */
const sdkLogger = (log: SocketLog) => {
  let level = 'warn';
  const text = (msg: unknown[]) =>
    msg
      .map((m) => (m instanceof Error ? m.message : String(m)))
      .join(' ')
      .replace(/ticket=[^&\s]+/g, 'ticket=***');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log.warn({ sdk: 'socket-mode', detail: text(msg) }, 'slack socket warning'),
    error: (...msg: unknown[]) => log.warn({ sdk: 'socket-mode', detail: text(msg) }, 'slack socket error'),
    setLevel: (l: string) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
};

/**
 * The Socket Mode connection (outbound WebSocket, no public endpoint): every interactive
 * envelope is acknowledged at once (Slack wants it within 3 s), then acted on. The SDK opens a
 * new connection on `disconnect` envelopes and when the socket drops or its pings stop; a start
 * that fails (Slack unreachable at boot) is retried here until `stop`.
 */
export const startSlackSocket = async (o: SlackSocketOptions): Promise<SlackSocket> => {
  const { SocketModeClient, LogLevel } = await import('@slack/socket-mode');
  const web = await createSlackClient(o.botToken, o.apiUrl, o.deps.config.notify.timeoutMs);
  const client = new SocketModeClient({
    appToken: o.appToken,
    logger: sdkLogger(o.log) as never,
    logLevel: LogLevel.WARN,
    clientPingTimeout: o.clientPingTimeoutMs ?? 5000,
    serverPingTimeout: o.serverPingTimeoutMs ?? 30_000,
    clientOptions: {
      ...(o.apiUrl ? { slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/` } : {}),
      retryConfig: { retries: 10, factor: 1.5, minTimeout: 500, maxTimeout: 30_000 },
    },
  });
  client.on('interactive', ({ ack, body }: { ack: (r?: Record<string, unknown>) => Promise<void>; body: unknown }) => {
    const result = handleInteraction({ deps: o.deps, client: web, log: o.log, keepIdea: keepVariantAngle }, body);
    void ack(result.ack)
      .catch((error: unknown) => o.log.warn({ err: (error as Error).message }, 'slack ack failed'))
      .then(() => result.work?.())
      .catch((error: unknown) => o.log.error({ err: (error as Error).message }, 'slack action failed'));
  });
  client.on('reconnecting', () => o.log.info({}, 'slack socket reconnecting'));
  let stopped = false;
  let markConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  client.on('connected', () => {
    o.log.info({}, 'slack socket connected');
    markConnected();
  });
  let timer: NodeJS.Timeout | undefined;
  const begin = async (): Promise<void> => {
    try {
      await client.start();
    } catch (error) {
      if (stopped) return;
      const wait = o.retryStartMs ?? 30_000;
      o.log.warn({ err: (error as Error).message, retryInMs: wait }, 'slack socket could not start; retrying');
      await new Promise<void>((resolve) => (timer = setTimeout(resolve, wait)));
      if (!stopped) return begin();
    }
  };
  void begin();
  return {
    client,
    connected,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client.disconnect().catch(() => undefined);
    },
  };
};
