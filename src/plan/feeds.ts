import { parseFeed } from '@rowanmanning/feed-parser';

/** One item of a feed, as the planner keeps it. */
export interface FeedEntry {
  guid: string | null;
  title: string;
  url: string | null;
  publishedAt: string | null;
  summary: string | null;
}

export type FeedFetched =
  | { status: 'not_modified' }
  | {
      status: 'ok';
      title: string | null;
      etag: string | null;
      lastModified: string | null;
      items: FeedEntry[];
      /** Items the feed held beyond `maxItems` (the oldest, dropped). */
      dropped: number;
    };

export type FeedProblem = 'timeout' | 'too_large' | 'http' | 'malformed' | 'network';

/** Why a feed could not be read; the message names the feed's problem, never a secret. */
export class FeedError extends Error {
  constructor(
    readonly problem: FeedProblem,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

export interface FetchOptions {
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
  timeoutMs: number;
  maxBytes: number;
  maxItems: number;
  now: Date;
  fetch?: typeof fetch;
}

const USER_AGENT = 'autoscale-feed-reader/1 (+https://autoscale.ai)';

/**
 * Fetches a feed with a conditional request (If-None-Match / If-Modified-Since from the last
 * answer), within a time limit covering the whole exchange (a server that stalls mid-body is
 * cut off too) and a size limit enforced while reading (a huge feed never sits in memory whole).
 */
export const fetchFeed = async (url: string, o: FetchOptions): Promise<FeedFetched> => {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new FeedError('timeout', `no complete answer within ${o.timeoutMs} ms`)),
    o.timeoutMs,
  );
  try {
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    };
    if (o.etag) headers['if-none-match'] = o.etag;
    if (o.lastModified) headers['if-modified-since'] = o.lastModified;
    let res: Response;
    try {
      res = await (o.fetch ?? fetch)(url, { headers, signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      throw asFeedError(error, controller.signal);
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => undefined);
      return { status: 'not_modified' };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new FeedError('http', `HTTP ${res.status}`, res.status);
    }
    const bytes = await readBounded(res, o.maxBytes, controller.signal);
    const text = decode(bytes, res.headers.get('content-type'));
    let feed;
    try {
      feed = parseFeed(text);
    } catch (error) {
      throw new FeedError('malformed', `not a readable RSS or Atom feed (${(error as Error).message})`);
    }
    // The parser recovers what it can from sloppy XML; a document with neither a title nor an
    // item has nothing of a feed left.
    if (!feed.title && feed.items.length === 0)
      throw new FeedError('malformed', 'not a readable RSS or Atom feed (no title and no item)');
    const items = feed.items
      .map((item) => entryOf(item, o.now))
      .filter((e): e is FeedEntry => e !== undefined)
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
    return {
      status: 'ok',
      title: clean(feed.title ?? '') || null,
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      items: items.slice(0, o.maxItems),
      dropped: Math.max(0, items.length - o.maxItems),
    };
  } finally {
    clearTimeout(timer);
  }
};

const asFeedError = (error: unknown, signal: AbortSignal): FeedError => {
  if (signal.aborted && signal.reason instanceof FeedError) return signal.reason;
  if (error instanceof FeedError) return error;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new FeedError('network', cause?.code ?? cause?.message ?? (error as Error).message);
};

/** The body, stopped (and the connection dropped) as soon as it passes `max` bytes. */
const readBounded = async (res: Response, max: number, signal: AbortSignal): Promise<Buffer> => {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new FeedError('too_large', `the feed is ${declared} bytes; the limit is ${max}`);
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    // Leaving the loop early (the limit) cancels the stream and drops the connection.
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > max) throw new FeedError('too_large', `the feed passed the ${max}-byte limit`);
      chunks.push(chunk);
    }
  } catch (error) {
    throw asFeedError(error, signal);
  }
  return Buffer.concat(chunks);
};

/** The charset from the Content-Type header, else from the XML declaration, else UTF-8. */
const decode = (bytes: Buffer, contentType: string | null): string => {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const head = bytes.subarray(0, 200).toString('latin1');
  const fromProlog = /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1];
  const label = (fromHeader ?? fromProlog ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '’', nbsp: ' ' };

/** Text without markup, entities decoded, whitespace collapsed. */
export const clean = (html: string): string =>
  html
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, code: string) => {
      if (code[0] === '#') {
        const n = code[1]?.toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : ' ';
      }
      return ENTITIES[code.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();

const httpUrl = (value: string | null): string | null => {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
};

const entryOf = (
  item: {
    id: string | null;
    title: string | null;
    url: string | null;
    published: Date | null;
    updated: Date | null;
    description: string | null;
    content: string | null;
  },
  now: Date,
): FeedEntry | undefined => {
  const title = clean(item.title ?? '').slice(0, 300);
  const url = httpUrl(item.url);
  if (!title && !url) return undefined;
  const when = item.published ?? item.updated;
  const valid = when && !Number.isNaN(when.getTime());
  // A date in the future is the publisher's clock, not news from tomorrow.
  const publishedAt = valid ? new Date(Math.min(when.getTime(), now.getTime())).toISOString() : null;
  const summary = clean(item.description ?? item.content ?? '');
  return {
    guid: item.id?.trim() || null,
    title: title || url!,
    url,
    publishedAt,
    summary: summary ? summary.slice(0, 600) : null,
  };
};

const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|xtor)$/i;

/** A link's identity: scheme-less, lower-case host, no fragment, no tracking parameters, no trailing slash. */
export const linkKey = (url: string): string => {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  u.searchParams.sort();
  const query = u.searchParams.toString();
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.hostname.toLowerCase().replace(/^www\./, '')}${path}${query ? `?${query}` : ''}`;
};

/** A title's identity: no accents, no punctuation, lower case, single spaces. */
export const titleKey = (title: string): string =>
  title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The key an item is deduplicated on: its link, else the feed's id, else its title. */
export const itemKey = (e: FeedEntry): string =>
  e.url ? `link:${linkKey(e.url)}` : e.guid ? `id:${e.guid}` : `title:${titleKey(e.title)}`;
