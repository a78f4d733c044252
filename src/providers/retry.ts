import pRetry from 'p-retry';
import { ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

export interface RetryPolicy {
  /** Retries after the first attempt (the brief's "3 tries" = 2 retries; config default 3). */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** Longest `retry-after` we honour; a server asking for more is treated as a failure now. */
  maxRetryAfterMs: number;
  /**
   * Cap on one call with all its attempts and waits: a provider that hangs fails within this
   * (each attempt also has its own timeout, set on the SDK client).
   */
  totalTimeoutMs?: number | undefined;
}

export const defaultRetryPolicy = (retries: number, totalTimeoutMs?: number): RetryPolicy => ({
  retries,
  minTimeoutMs: 1_000,
  maxTimeoutMs: 30_000,
  maxRetryAfterMs: 120_000,
  totalTimeoutMs,
});

export type FailureKind =
  | 'rate_limited'
  | 'overloaded'
  | 'server'
  | 'connection'
  | 'timeout'
  | 'stream_broken'
  | 'malformed'
  | 'auth'
  | 'payment'
  | 'forbidden'
  | 'bad_request'
  | 'aborted'
  | 'unknown';

export interface Classified {
  kind: FailureKind;
  retryable: boolean;
  status: number | undefined;
  retryAfterMs: number | undefined;
  detail: string;
}

interface SdkLikeError {
  name?: string;
  status?: number;
  headers?: Headers | Record<string, string> | undefined;
  type?: string | null;
  error?: unknown;
  message?: string;
  cause?: unknown;
}

const header = (headers: SdkLikeError['headers'], name: string): string | undefined => {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const rec = headers as Record<string, string>;
  return rec[name] ?? rec[name.toLowerCase()];
};

/** `retry-after-ms` (Anthropic/OpenAI), else `retry-after` in seconds or as an HTTP date. */
export const retryAfterMs = (headers: SdkLikeError['headers'], now = Date.now()): number | undefined => {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && header(headers, 'retry-after-ms') !== undefined) return ms;
  const raw = header(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
};

/** Errors our own code raises when an answer is unusable. */
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError';
}
export class BrokenStreamError extends Error {
  override name = 'BrokenStreamError';
}

const innerMessage = (e: SdkLikeError): string => {
  const body = e.error as { error?: { message?: string; type?: string }; message?: string } | undefined;
  return body?.error?.message ?? body?.message ?? e.message ?? 'unknown error';
};

/**
 * One table for both SDKs (they share the Stainless error classes): what failed, and whether
 * another attempt can help. 400/401/402/403 never retry: the same request fails the same way
 * and may bill or lock the account.
 */
export const classify = (error: unknown): Classified => {
  const e = (error ?? {}) as SdkLikeError;
  // The openai package leaves `name` as "Error"; the class name is what tells them apart.
  const ctor = (error as { constructor?: { name?: string } } | null)?.constructor?.name;
  const name = e.name && e.name !== 'Error' ? e.name : (ctor ?? '');
  const status = typeof e.status === 'number' ? e.status : undefined;
  const detail = innerMessage(e);
  const base = { status, retryAfterMs: retryAfterMs(e.headers), detail };
  if (name === 'MalformedAnswerError') return { ...base, kind: 'malformed', retryable: false };
  if (name === 'BrokenStreamError') return { ...base, kind: 'stream_broken', retryable: true };
  if (name === 'APIUserAbortError' || name === 'AbortError') return { ...base, kind: 'aborted', retryable: false };
  if (name === 'APIConnectionTimeoutError' || name === 'TimeoutError')
    return { ...base, kind: 'timeout', retryable: true };
  if (name === 'APIConnectionError') return { ...base, kind: 'connection', retryable: true };
  if (status === undefined) {
    // An `error` event inside a stream that began with HTTP 200.
    const type = e.type ?? (e.error as { error?: { type?: string } } | undefined)?.error?.type;
    if (type === 'invalid_request_error' || type === 'authentication_error' || type === 'permission_error') {
      return { ...base, kind: 'bad_request', retryable: false };
    }
    if (type || name === 'APIError' || /stream|terminated|socket|ECONNRESET|ended/i.test(detail))
      return { ...base, kind: 'stream_broken', retryable: true };
    return { ...base, kind: 'unknown', retryable: false };
  }
  if (status === 429) return { ...base, kind: 'rate_limited', retryable: true };
  if (status === 529) return { ...base, kind: 'overloaded', retryable: true };
  if (status === 408) return { ...base, kind: 'timeout', retryable: true };
  if (status >= 500) return { ...base, kind: 'server', retryable: true };
  if (status === 401) return { ...base, kind: 'auth', retryable: false };
  if (status === 402) return { ...base, kind: 'payment', retryable: false };
  if (status === 403) return { ...base, kind: 'forbidden', retryable: false };
  return { ...base, kind: 'bad_request', retryable: false };
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

const kindText: Record<FailureKind, { en: string; fr: string }> = {
  rate_limited: { en: 'rate limited (429)', fr: 'limite de débit atteinte (429)' },
  overloaded: { en: 'overloaded (529)', fr: 'surchargé (529)' },
  server: { en: 'server error', fr: 'erreur du serveur' },
  connection: { en: 'connection failed', fr: 'connexion impossible' },
  timeout: { en: 'request timed out', fr: 'délai de la requête dépassé' },
  stream_broken: { en: 'the answer stream broke off', fr: 'le flux de la réponse s’est interrompu' },
  malformed: {
    en: 'the answer was not valid JSON for the expected shape',
    fr: 'la réponse n’était pas un JSON conforme',
  },
  auth: { en: 'the key was refused (401)', fr: 'la clé a été refusée (401)' },
  payment: { en: 'no credits left (402)', fr: 'plus de crédits (402)' },
  forbidden: { en: 'access forbidden (403)', fr: 'accès interdit (403)' },
  bad_request: { en: 'the request was rejected', fr: 'la requête a été refusée' },
  aborted: { en: 'cancelled', fr: 'annulé' },
  unknown: { en: 'unexpected failure', fr: 'échec inattendu' },
};

const fixFor = (kind: FailureKind, provider: string) => {
  switch (kind) {
    case 'auth':
      return l(
        `Check the ${provider} key (ANTHROPIC_API_KEY, KIE_API_KEY or OPENAI_API_KEY) in <home>/.env, then run \`autoscale doctor\`.`,
        `Vérifiez la clé ${provider} (ANTHROPIC_API_KEY, KIE_API_KEY ou OPENAI_API_KEY) dans <home>/.env, puis lancez \`autoscale doctor\`.`,
      );
    case 'payment':
      return l(
        `Add credits to the ${provider} account, then re-run the same command: paid variants are kept.`,
        `Ajoutez des crédits au compte ${provider}, puis relancez la même commande : les variantes payées sont conservées.`,
      );
    case 'forbidden':
    case 'bad_request':
      return l(
        'Check the configured model (`autoscale config get providers.text.model`) and `autoscale doctor`.',
        'Vérifiez le modèle configuré (`autoscale config get providers.text.model`) et `autoscale doctor`.',
      );
    default:
      return l(
        'Re-run the same command later to resume: the post stays a resumable draft and paid variants are not paid again.',
        'Relancez la même commande plus tard pour reprendre : le brouillon reprend là où il s’est arrêté et les variantes payées ne sont pas repayées.',
      );
  }
};

export const toExternalError = (provider: string, error: unknown, attempts: number): ExternalError => {
  if (error instanceof ExternalError) return error;
  const c = classify(error);
  const k = kindText[c.kind];
  const status = c.status ? ` HTTP ${c.status}` : '';
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const essais = attempts > 1 ? ` après ${attempts} essais` : '';
  return new ExternalError(
    provider,
    l(`${provider}: ${k.en}${status}${tries}: ${c.detail}`, `${provider} : ${k.fr}${status}${essais} : ${c.detail}`),
    {
      code: `provider_${c.kind}`,
      cause: error,
      retryable: c.retryable,
      fix: fixFor(c.kind, provider),
      details: { provider, kind: c.kind, status: c.status ?? null, attempts },
    },
  );
};

/**
 * Runs one provider call with our retry policy (the SDKs' own retries are off so that the
 * policy, the attempt count and the error message are ours). Honours `retry-after`.
 */
export const withRetries = async <T>(
  provider: string,
  policy: RetryPolicy,
  fn: (attempt: number, signal: AbortSignal | undefined) => Promise<T>,
  options: { signal?: AbortSignal | undefined; onRetry?: ((c: Classified, attempt: number) => void) | undefined } = {},
): Promise<T> => {
  let attempts = 0;
  const deadline = policy.totalTimeoutMs ? AbortSignal.timeout(policy.totalTimeoutMs) : undefined;
  const signals = [options.signal, deadline].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  try {
    return await pRetry(
      async (n) => {
        attempts = n;
        return fn(n, signal);
      },
      {
        retries: policy.retries,
        minTimeout: policy.minTimeoutMs,
        maxTimeout: policy.maxTimeoutMs,
        factor: 2,
        randomize: true,
        signal,
        shouldRetry: ({ error }) => {
          const c = classify(error);
          return c.retryable && (c.retryAfterMs === undefined || c.retryAfterMs <= policy.maxRetryAfterMs);
        },
        onFailedAttempt: async ({ error, retriesLeft, attemptNumber }) => {
          const c = classify(error);
          if (!c.retryable || retriesLeft <= 0) return;
          options.onRetry?.(c, attemptNumber);
          // p-retry adds its own jittered backoff after this; the server's wait comes first.
          if (c.retryAfterMs !== undefined && c.retryAfterMs <= policy.maxRetryAfterMs)
            await sleep(c.retryAfterMs, signal);
        },
      },
    );
  } catch (error) {
    if (deadline?.aborted && !options.signal?.aborted)
      throw overDeadline(provider, policy, Math.max(attempts, 1), error);
    throw toExternalError(provider, error, Math.max(attempts, 1));
  }
};

/** The whole call (attempts and waits) went past providers.text.totalTimeoutMs. */
const overDeadline = (provider: string, policy: RetryPolicy, attempts: number, cause: unknown): ExternalError => {
  const seconds = Math.round((policy.totalTimeoutMs ?? 0) / 1000);
  return new ExternalError(
    provider,
    l(
      `${provider}: no complete answer within ${seconds} s (${attempts} attempt${attempts > 1 ? 's' : ''}); the provider may be down or hanging.`,
      `${provider} : aucune réponse complète en ${seconds} s (${attempts} essai${attempts > 1 ? 's' : ''}); le fournisseur est peut-être en panne ou bloqué.`,
    ),
    {
      code: 'provider_timeout',
      cause,
      retryable: true,
      fix: l(
        'Re-run the same command later to resume (paid variants are kept); the limit is providers.text.totalTimeoutMs.',
        'Relancez la même commande plus tard pour reprendre (les variantes payées sont conservées); la limite est providers.text.totalTimeoutMs.',
      ),
      details: { provider, kind: 'timeout', attempts, totalTimeoutMs: policy.totalTimeoutMs ?? null },
    },
  );
};
