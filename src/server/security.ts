import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers on every answer: a CSP with no inline script or style (scripts and styles are files
 * from this server), no framing, no referrer to other sites (the link must not leak), no
 * caching of pages that carry a capability.
 */
export const securityHeaders = (https: boolean): Record<string, string> => ({
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // same-origin: the link never leaks to another site, and form posts keep their Origin header.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
});

/**
 * Fixed-window limiter per client address. Memory stays bounded: windows are dropped when they
 * end, and past `maxClients` addresses the oldest are forgotten.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxClients = 10_000,
  ) {}

  /** True when the request may go on; otherwise the seconds until it may retry. */
  take(client: string): true | number {
    const now = this.now();
    const w = this.#windows.get(client);
    if (!w || now - w.start >= 60_000) {
      if (this.#windows.size >= this.maxClients) this.#sweep(now);
      this.#windows.set(client, { start: now, count: 1 });
      return true;
    }
    w.count += 1;
    if (w.count <= this.perMinute) return true;
    return Math.max(1, Math.ceil((60_000 - (now - w.start)) / 1000));
  }

  #sweep(now: number) {
    for (const [k, w] of this.#windows) if (now - w.start >= 60_000) this.#windows.delete(k);
    while (this.#windows.size >= this.maxClients) this.#windows.delete(this.#windows.keys().next().value!);
  }
}

export const clientAddress = (req: IncomingMessage, trustProxy: boolean): string => {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const value = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
    const last = value?.split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
};

export const readCookie = (req: IncomingMessage, name: string): string | undefined => {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
};

export const CSRF_COOKIE = 'as_csrf';

/** The browser's CSRF nonce: kept if it has one, else a new one set as a strict cookie. */
export const csrfNonce = (req: IncomingMessage, res: ServerResponse, https: boolean): string => {
  const existing = readCookie(req, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const nonce = randomBytes(18).toString('base64url');
  res.setHeader(
    'set-cookie',
    `${CSRF_COOKIE}=${nonce}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400${https ? '; Secure' : ''}`,
  );
  return nonce;
};

/** A cross-site form post is refused whatever its token (browsers send Sec-Fetch-Site and Origin). */
export const crossSite = (req: IncomingMessage, host: string | undefined): boolean => {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin && origin !== 'null' && host) {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  // No usable Origin (old browsers, privacy settings): the CSRF token alone decides.
  return false;
};

export class BodyTooLarge extends Error {}

export const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * Slack's request signature (v0): HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing
 * secret, compared in constant time; older than five minutes is refused (replay window).
 */
export const verifySlackSignature = (
  signingSecret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  nowMs: number,
): 'ok' | 'missing' | 'stale' | 'bad_signature' => {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return 'missing';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return 'stale';
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad_signature';
};

/** Signatures already accepted within the replay window: the same request twice acts once. */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  constructor(private readonly windowMs = 300_000) {}

  firstTime(signature: string, nowMs: number): boolean {
    for (const [k, t] of this.#seen) if (nowMs - t > this.windowMs * 2) this.#seen.delete(k);
    if (this.#seen.has(signature)) return false;
    this.#seen.set(signature, nowMs);
    return true;
  }
}
