import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServiceDeps } from '../deps/service-deps.js';
import { addDays } from '../domain/time.js';
import type { Lang } from '../i18n/localized.js';
import { buildCalendar, calendarRange } from './calendar.js';
import { renderIcs } from './ics.js';

/**
 * The subscribable ICS feed: a URL signed with HMAC-SHA256 that names the brand, the language,
 * how many weeks ahead it shows and when it expires. A phone calendar polls it; nothing else is
 * needed to read the calendar, so the token is the secret (share it like a password, rotate the
 * signing key to revoke every link). The page server of `autoscale serve` mounts
 * `calendarFeedRoute` on `/c/…`; `calendar --link` prints the URL.
 */
export interface CalendarClaims {
  brand: string;
  lang: Lang;
  weeks: number;
  /** Unix seconds. */
  expires: number;
}

export type FeedProblem = 'malformed' | 'bad_signature' | 'expired';

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

// Domain separation: a calendar signature never passes for another signed link of the server.
const mac = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(`autoscale:calendar:v1:${payload}`).digest();

export const signCalendarFeed = (key: Buffer, c: CalendarClaims): string => {
  const payload = ['c1', c.brand, c.lang, String(c.weeks), String(c.expires)].join('.');
  return `${b64(payload)}.${b64(mac(key, payload))}`;
};

export const verifyCalendarFeed = (
  key: Buffer,
  token: string,
  now: Date,
): { ok: true; claims: CalendarClaims } | { ok: false; problem: FeedProblem } => {
  if (token.length > 400 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { ok: false, problem: 'malformed' };
  const [body, sig] = token.split('.') as [string, string];
  const payload = Buffer.from(body, 'base64url').toString('utf8');
  if (b64(payload) !== body) return { ok: false, problem: 'malformed' };
  const expected = mac(key, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, problem: 'bad_signature' };
  const parts = payload.split('.');
  if (
    parts.length !== 5 ||
    parts[0] !== 'c1' ||
    (parts[2] !== 'fr' && parts[2] !== 'en') ||
    !/^\d+$/.test(parts[3]!) ||
    !/^\d+$/.test(parts[4]!)
  )
    return { ok: false, problem: 'malformed' };
  const claims: CalendarClaims = {
    brand: parts[1]!,
    lang: parts[2],
    weeks: Number(parts[3]),
    expires: Number(parts[4]),
  };
  if (claims.expires * 1000 <= now.getTime()) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
};

/** `<publicUrl>/c/<token>.ics`: what the owner pastes into the phone's "subscribe to calendar". */
export const calendarFeedUrl = (publicUrl: string, token: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/c/${token}.ics`;

export interface RouteAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const PATH = /^\/c\/([A-Za-z0-9_-]{8,300}\.[A-Za-z0-9_-]{20,100})\.ics$/;

/**
 * Answers `GET /c/<token>.ics`: the brand's calendar from two weeks back to the signed number of
 * weeks ahead, or 404 (not a feed path, or a brand no longer configured), 403 (bad signature),
 * 410 (expired). `depsFor` gives the services of a brand of the server's home.
 */
export const calendarFeedRoute = async (
  path: string,
  key: Buffer,
  depsFor: (brand: string) => ServiceDeps | undefined,
  now: Date,
): Promise<RouteAnswer | undefined> => {
  const match = PATH.exec(path);
  if (!match) return undefined;
  const text = (status: number, body: string): RouteAnswer => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body,
  });
  const verified = verifyCalendarFeed(key, match[1]!, now);
  if (!verified.ok) {
    if (verified.problem === 'expired') return text(410, 'This calendar link has expired.');
    if (verified.problem === 'bad_signature') return text(403, 'This calendar link is not valid.');
    return text(404, 'Not found.');
  }
  const deps = depsFor(verified.claims.brand);
  if (!deps) return text(404, 'Not found.');
  const range = calendarRange(deps, verified.claims.weeks);
  const data = await buildCalendar(deps, { from: addDays(range.from, -14), to: range.to });
  return {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${verified.claims.brand}.ics"`,
      'cache-control': 'private, max-age=300',
    },
    body: renderIcs(data, { lang: verified.claims.lang, brandName: deps.brand.name, now }),
  };
};
