import pRetry, { AbortError } from 'p-retry';
import { redact } from '../../domain/redact.js';
import { classifyLinkedin, LinkedinError, untilMidnightUtc, type LinkedinErrorBody } from './errors.js';
import { errorCode, NOT_SENT_CODES } from '../fetch-failure.js';

export interface LinkedinClientOptions {
  /** `https://api.linkedin.com` (LINKEDIN_API_URL in tests); versioned calls go to `<base>/rest/…`. */
  baseUrl: string;
  /** The LinkedIn-Version header, YYYYMM or YYYYMM.RR. */
  version: string;
  /** The current access token (a getter: it changes when refreshed). */
  accessToken: () => string;
  /**
   * Called once when LinkedIn answers 401 (expired or invalid token): returns true when it got a new
   * token, and the request is sent again. A 401 means nothing was applied, so this is safe.
   */
  refresh?: () => Promise<boolean>;
  timeoutMs: number;
  uploadTimeoutMs: number;
  retries: number;
  retryMinMs: number;
  secrets?: readonly string[];
  fetch?: typeof fetch;
  nowMs?: () => number;
}

export interface LinkedinRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under `/rest`, e.g. `/posts`; or `url` for an absolute address (the image upload URL). */
  path?: string;
  url?: string;
  /** The query string exactly as sent (Rest.li 2.0: URNs percent-encoded, lists as List(…)); see restliQuery. */
  query?: string;
  json?: unknown;
  binary?: { data: Buffer; contentType: string };
  /** `safe`: repeating cannot duplicate anything (reads): retried. `once`: never repeated here. */
  retry: 'safe' | 'once';
  timeoutMs?: number;
}

export interface LinkedinResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface LinkedinClient {
  readonly version: string;
  request<T = unknown>(req: LinkedinRequest): Promise<LinkedinResponse<T>>;
  redact(text: string): string;
}

/**
 * Rest.li 2.0 encoding of one value: everything but unreserved characters is percent-encoded,
 * including `( ) , ' :` which carry meaning in Rest.li.
 */
export const restliEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `List(a,b)` with each item encoded. */
export const restliList = (items: readonly string[]): string => `List(${items.map(restliEncode).join(',')})`;

/** A query string from parameters; values given as `{ raw }` are sent as they are (e.g. a List). */
export const restliQuery = (params: Record<string, string | number | { raw: string } | undefined>): string =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? v.raw : restliEncode(String(v))}`)
    .join('&');

/**
 * LinkedIn's versioned REST API over fetch: the three headers on every call, JSON bodies,
 * LinkedIn's error bodies classified (errors.ts), reads retried with backoff, writes never
 * repeated, one token refresh on 401. Nothing is module-level.
 */
export const createLinkedinClient = (options: LinkedinClientOptions): LinkedinClient => {
  const doFetch = options.fetch ?? fetch;
  const nowMs = options.nowMs ?? Date.now;
  const base = options.baseUrl.replace(/\/+$/, '');
  const scrub = (text: string) =>
    redact(
      text,
      [options.accessToken(), ...(options.secrets ?? [])].filter((s) => !!s && s.length >= 4),
    );

  const once = async <T>(req: LinkedinRequest): Promise<LinkedinResponse<T>> => {
    const url = req.url ?? `${base}/rest${req.path ?? ''}${req.query ? `?${req.query}` : ''}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${options.accessToken()}` };
    if (!req.url) {
      headers['LinkedIn-Version'] = options.version;
      headers['X-Restli-Protocol-Version'] = '2.0.0';
    }
    let body: string | Uint8Array | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.binary) {
      headers['Content-Type'] = req.binary.contentType;
      body = new Uint8Array(req.binary.data);
    }
    const timeout = req.timeoutMs ?? (req.binary ? options.uploadTimeoutMs : options.timeoutMs);
    let response: Response;
    try {
      response = await doFetch(url, { method: req.method, headers, body, signal: AbortSignal.timeout(timeout) });
    } catch (cause) {
      const code = errorCode(cause);
      const notSent = code !== undefined && NOT_SENT_CODES.has(code);
      const timedOut = (cause as Error)?.name === 'TimeoutError' || (cause as Error)?.name === 'AbortError';
      throw new LinkedinError({
        category: notSent || req.method === 'GET' ? 'transient' : 'unknown_outcome',
        message: scrub(timedOut ? `no answer within ${timeout} ms` : `connection failed (${code ?? 'network'})`),
        sent: !notSent,
      });
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    let parseFailed = false;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parseFailed = true;
    }
    if (response.ok) {
      if (parseFailed)
        throw new LinkedinError({
          category: req.method === 'GET' ? 'transient' : 'unknown_outcome',
          message: `unreadable answer (HTTP ${response.status})`,
          httpStatus: response.status,
          sent: true,
        });
      return { status: response.status, headers: response.headers, body: parsed as T };
    }
    const errorBody = (parseFailed ? undefined : parsed) as LinkedinErrorBody | undefined;
    const category = classifyLinkedin(response.status, errorBody, req.method);
    const code = [errorBody?.code, ...(errorBody?.errorDetails?.inputErrors ?? []).map((e) => e.code)].find(Boolean);
    throw new LinkedinError({
      category,
      message: scrub((errorBody?.message ?? `HTTP ${response.status}`).trim().split('\n')[0]!),
      httpStatus: response.status,
      code,
      serviceErrorCode: errorBody?.serviceErrorCode,
      // A clear refusal applied nothing; a 5xx on a write may have.
      sent: category === 'unknown_outcome',
      retryAfterMs: category === 'throttled' ? untilMidnightUtc(nowMs()) : undefined,
    });
  };

  const withRefresh = async <T>(req: LinkedinRequest): Promise<LinkedinResponse<T>> => {
    try {
      return await once<T>(req);
    } catch (error) {
      if (error instanceof LinkedinError && error.category === 'token' && options.refresh && (await options.refresh()))
        return once<T>(req);
      throw error;
    }
  };

  const request = async <T>(req: LinkedinRequest): Promise<LinkedinResponse<T>> => {
    if (req.retry === 'once') return withRefresh<T>(req);
    return pRetry(() => withRefresh<T>(req), {
      retries: options.retries,
      minTimeout: options.retryMinMs,
      factor: 2,
      randomize: true,
      maxTimeout: Math.max(options.retryMinMs, 30_000),
      shouldRetry: ({ error }) =>
        error instanceof LinkedinError && (error.category === 'transient' || error.category === 'unknown_outcome'),
    }).catch((error: unknown) => {
      throw error instanceof AbortError ? error.originalError : error;
    });
  };

  return { version: options.version, request, redact: scrub };
};
