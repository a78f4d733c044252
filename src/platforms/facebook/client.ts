import { createHmac } from 'node:crypto';
import CircuitBreaker from 'opossum';
import pRetry, { AbortError } from 'p-retry';
import { createRedactor } from '../../domain/redact.js';
import { classifyGraphError, GraphError, isGraphError, type GraphErrorBody } from './errors.js';
import { parseUsage, slowdownMs, type GraphUsage } from './usage.js';
import { errorCode, NOT_SENT_CODES } from '../fetch-failure.js';

export interface GraphClientOptions {
  baseUrl: string;
  version: string;
  accessToken: string;
  appSecret?: string | undefined;
  /** Sign `token|time` and send appsecret_time (the newer form); the classic proof otherwise. */
  timedProof?: boolean;
  timeoutMs: number;
  uploadTimeoutMs: number;
  retries: number;
  retryMinMs: number;
  slowdownPercent: number;
  slowdownMaxMs: number;
  breakerErrorPercent: number;
  breakerVolume: number;
  breakerCooldownMs: number;
  /** Extra values to scrub from every message (other secrets of the environment). */
  secrets?: readonly string[];
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Wall clock in ms, for throttle windows and slow-down (not the business clock). */
  nowMs?: () => number;
  onEvent?: (event: GraphEvent) => void;
}

export type GraphEvent =
  | { type: 'usage'; scope: string; usage: GraphUsage; pauseMs: number }
  /** Usage started forcing a slow-down (once until it stops): what to tell people, once. */
  | { type: 'slowdown'; scope: string; usage: GraphUsage; pauseMs: number }
  | { type: 'retry'; scope: string; attempt: number; error: string }
  | { type: 'throttled'; scope: string; untilMs: number }
  | { type: 'breaker'; scope: string; state: 'open' | 'half_open' | 'closed' };

export interface UploadFile {
  field: string;
  data: Buffer;
  filename: string;
  contentType: string;
}

export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the version, e.g. `/123/photos` or `/debug_token`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  form?: Record<string, string | number | boolean | undefined>;
  file?: UploadFile;
  /** The Page (or other object) whose breaker and throttle window apply. */
  scope: string;
  /**
   * `safe`: repeating it cannot duplicate anything (reads, updates of a known id): retried.
   * `once`: creates something: never repeated here; the caller reconciles an unknown outcome.
   */
  retry: 'safe' | 'once';
  timeoutMs?: number;
  /** Use this token instead of the client's (debug_token uses the app token). */
  accessToken?: string;
}

export interface GraphResponse<T> {
  status: number;
  body: T;
  usage: GraphUsage | undefined;
}

export const appSecretProof = (token: string, secret: string, unixTime?: number): string =>
  createHmac('sha256', secret)
    .update(unixTime === undefined ? token : `${token}|${unixTime}`)
    .digest('hex');

export interface GraphClient {
  readonly version: string;
  request<T = unknown>(req: GraphRequest): Promise<GraphResponse<T>>;
  /** Last usage reading (for status and the daemon's pacing). */
  lastUsage(): GraphUsage | undefined;
  breakerState(scope: string): 'closed' | 'open' | 'half_open';
  /** Until when calls for this scope are refused after a throttle (ms since epoch), if they are. */
  throttledUntil(scope: string): number | undefined;
  redact(text: string): string;
  close(): void;
}

/**
 * Typed Graph API client over fetch. One instance per process (the daemon keeps it), so the
 * per-Page breakers and throttle windows persist across calls; nothing is module-level.
 */
export const createGraphClient = (options: GraphClientOptions): GraphClient => {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nowMs = options.nowMs ?? Date.now;
  const base = options.baseUrl.replace(/\/+$/, '');
  const secrets = [options.accessToken, options.appSecret, ...(options.secrets ?? [])].filter(
    (s): s is string => !!s && s.length >= 4,
  );
  const scrub = createRedactor(secrets);
  const breakers = new Map<string, CircuitBreaker<[() => Promise<GraphResponse<unknown>>], GraphResponse<unknown>>>();
  const throttled = new Map<string, { until: number; strikes: number }>();
  let nextAllowedAt = 0;
  let usage: GraphUsage | undefined;
  let slowing = false;

  const breakerFor = (scope: string) => {
    let breaker = breakers.get(scope);
    if (!breaker) {
      breaker = new CircuitBreaker((fn: () => Promise<GraphResponse<unknown>>) => fn(), {
        timeout: false,
        errorThresholdPercentage: options.breakerErrorPercent,
        volumeThreshold: options.breakerVolume,
        resetTimeout: options.breakerCooldownMs,
        rollingCountTimeout: Math.max(10_000, options.breakerCooldownMs),
        rollingCountBuckets: 10,
        // The Page is healthy when Meta answers a clear "no": only outages and throttles count.
        errorFilter: (err: unknown) =>
          isGraphError(err) && !['transient', 'unknown_outcome', 'throttled'].includes(err.category),
        name: `facebook:${scope}`,
      });
      breaker.on('open', () => options.onEvent?.({ type: 'breaker', scope, state: 'open' }));
      breaker.on('halfOpen', () => options.onEvent?.({ type: 'breaker', scope, state: 'half_open' }));
      breaker.on('close', () => options.onEvent?.({ type: 'breaker', scope, state: 'closed' }));
      breakers.set(scope, breaker);
    }
    return breaker;
  };

  const throttle = (scope: string, regainMs: number) => {
    const previous = throttled.get(scope);
    const strikes = (previous && previous.until > nowMs() - 3_600_000 ? previous.strikes : 0) + 1;
    const backoff = Math.min(3_600_000, options.retryMinMs * 60 * 2 ** (strikes - 1));
    const wait = Math.max(regainMs, backoff);
    const until = nowMs() + wait;
    throttled.set(scope, { until, strikes });
    options.onEvent?.({ type: 'throttled', scope, untilMs: until });
    return wait;
  };

  const buildUrl = (req: GraphRequest): string => {
    const url = new URL(`${base}/${options.version}${req.path.startsWith('/') ? req.path : `/${req.path}`}`);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const token = req.accessToken ?? options.accessToken;
    url.searchParams.set('access_token', token);
    if (options.appSecret && req.accessToken === undefined) {
      if (options.timedProof) {
        const t = Math.floor(nowMs() / 1000);
        url.searchParams.set('appsecret_proof', appSecretProof(token, options.appSecret, t));
        url.searchParams.set('appsecret_time', String(t));
      } else {
        url.searchParams.set('appsecret_proof', appSecretProof(token, options.appSecret));
      }
    }
    return url.toString();
  };

  const buildBody = (req: GraphRequest): FormData | URLSearchParams | undefined => {
    if (req.file) {
      const form = new FormData();
      for (const [k, v] of Object.entries(req.form ?? {})) if (v !== undefined) form.set(k, String(v));
      form.set(
        req.file.field,
        new Blob([new Uint8Array(req.file.data)], { type: req.file.contentType }),
        req.file.filename,
      );
      return form;
    }
    if (req.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(req.form)) if (v !== undefined) params.set(k, String(v));
      return params;
    }
    return undefined;
  };

  const once = async <T>(req: GraphRequest): Promise<GraphResponse<T>> => {
    const timeout = req.timeoutMs ?? (req.file ? options.uploadTimeoutMs : options.timeoutMs);
    let response: Response;
    try {
      response = await doFetch(buildUrl(req), {
        method: req.method,
        body: buildBody(req),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (cause) {
      const code = errorCode(cause);
      const timedOut = (cause as Error)?.name === 'TimeoutError' || (cause as Error)?.name === 'AbortError';
      // fetch refuses some URLs (a blocked port) before opening any connection: nothing was sent.
      const refusedLocally = (cause as { cause?: { message?: unknown } })?.cause?.message === 'bad port';
      const notSent = refusedLocally || (code !== undefined && NOT_SENT_CODES.has(code));
      throw new GraphError({
        category: notSent ? 'transient' : 'unknown_outcome',
        message: scrub(
          timedOut
            ? `no answer within ${timeout} ms`
            : `connection failed (${code ?? (cause as Error)?.message ?? 'network'})`,
        ),
        sent: !notSent,
      });
    }
    const text = await response.text().catch(() => '');
    const readUsage = parseUsage(response.headers);
    if (readUsage) {
      usage = readUsage;
      const pause = slowdownMs(readUsage, options.slowdownPercent, options.slowdownMaxMs);
      if (pause > 0) nextAllowedAt = Math.max(nextAllowedAt, nowMs() + pause);
      // At the limit with a regain estimate: the next call would be refused; stop until then.
      if (readUsage.maxPercent >= 100 && readUsage.regainAccessMs > 0) throttle(req.scope, readUsage.regainAccessMs);
      options.onEvent?.({ type: 'usage', scope: req.scope, usage: readUsage, pauseMs: pause });
      if (pause > 0 && !slowing)
        options.onEvent?.({ type: 'slowdown', scope: req.scope, usage: readUsage, pauseMs: pause });
      slowing = pause > 0;
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    const errorBody = (body as { error?: GraphErrorBody } | undefined)?.error;
    if (response.ok && body !== undefined && !errorBody)
      return { status: response.status, body: body as T, usage: readUsage };
    if (body === undefined || !errorBody) {
      // A 2xx with a body we cannot read, or an error without Meta's envelope (a proxy page).
      const category =
        response.ok || response.status >= 500
          ? req.method === 'GET'
            ? 'transient'
            : 'unknown_outcome'
          : classifyGraphError(undefined, response.status);
      throw new GraphError({
        category,
        message: scrub(`unexpected answer (HTTP ${response.status})`),
        httpStatus: response.status,
        sent: true,
      });
    }
    let category = classifyGraphError(errorBody, response.status);
    if (category === 'unknown_outcome' && req.method === 'GET') category = 'transient';
    let retryAfterMs: number | undefined;
    if (category === 'throttled') retryAfterMs = throttle(req.scope, readUsage?.regainAccessMs ?? 0);
    throw new GraphError({
      category,
      message: scrub(errorBody.message ?? 'error'),
      httpStatus: response.status,
      code: errorBody.code,
      subcode: errorBody.error_subcode,
      fbtraceId: errorBody.fbtrace_id,
      retryAfterMs,
      sent: true,
    });
  };

  const request = async <T>(req: GraphRequest): Promise<GraphResponse<T>> => {
    const run = async (): Promise<GraphResponse<T>> => {
      const window = throttled.get(req.scope);
      if (window && window.until > nowMs()) {
        throw new GraphError({
          category: 'throttled',
          message: 'rate limited; waiting before calling again',
          retryAfterMs: window.until - nowMs(),
          sent: false,
        });
      }
      const wait = nextAllowedAt - nowMs();
      if (wait > 0) await sleep(wait);
      try {
        return (await breakerFor(req.scope).fire(() => once<unknown>(req))) as GraphResponse<T>;
      } catch (error) {
        if ((error as { code?: string }).code === 'EOPENBREAKER') {
          throw new GraphError({
            category: 'circuit_open',
            message: `too many failures on ${req.scope}; paused for a cool-down`,
            retryAfterMs: options.breakerCooldownMs,
            sent: false,
          });
        }
        throw error;
      }
    };
    if (req.retry === 'once') return run();
    return pRetry(run, {
      retries: options.retries,
      minTimeout: options.retryMinMs,
      factor: 2,
      randomize: true,
      maxTimeout: Math.max(options.retryMinMs, 30_000),
      shouldRetry: ({ error }) =>
        isGraphError(error) && (error.category === 'transient' || error.category === 'unknown_outcome'),
      onFailedAttempt: ({ error, attemptNumber }) => {
        options.onEvent?.({ type: 'retry', scope: req.scope, attempt: attemptNumber, error: scrub(error.message) });
      },
    }).catch((error: unknown) => {
      throw error instanceof AbortError ? error.originalError : error;
    });
  };

  return {
    version: options.version,
    request,
    lastUsage: () => usage,
    breakerState: (scope) => {
      const b = breakers.get(scope);
      if (!b) return 'closed';
      return b.opened ? 'open' : b.halfOpen ? 'half_open' : 'closed';
    },
    throttledUntil: (scope) => {
      const w = throttled.get(scope);
      return w && w.until > nowMs() ? w.until : undefined;
    },
    redact: scrub,
    close: () => {
      for (const b of breakers.values()) b.shutdown();
      breakers.clear();
    },
  };
};
