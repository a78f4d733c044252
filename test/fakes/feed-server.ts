import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback } from './loopback.js';

/**
 * A loopback news site serving RSS 2.0 and Atom feeds the way real publishers do: strong
 * ETags and Last-Modified on every answer, 304 to a matching If-None-Match (which wins over
 * If-Modified-Since, as RFC 9110 says), gzip not needed. Faults: a feed that hangs (headers
 * and nothing else, or nothing at all), a body that stalls midway, malformed XML, a huge feed
 * streamed in chunks, 5xx, and a redirect.
 */
export interface FeedItemSpec {
  title: string;
  link?: string;
  guid?: string;
  description?: string;
  pubDate?: string;
}

export interface FeedSpec {
  kind?: 'rss' | 'atom';
  title: string;
  items: FeedItemSpec[];
  /** When the content last changed (Last-Modified). */
  modified?: string;
  fault?: 'hang' | 'hang-body' | 'malformed' | '500' | 'huge' | 'not-xml' | undefined;
  /** For `huge`: how many bytes to stream. */
  hugeBytes?: number;
  /** Drop ETag / Last-Modified (a server that offers no validators). */
  noValidators?: boolean;
  charset?: string;
}

export interface FeedRequest {
  path: string;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  status: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const rssXml = (f: FeedSpec): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(f.title)}</title><link>https://example.test/</link><description>${esc(f.title)}</description>${f.items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}${i.description ? `<description><![CDATA[${i.description}]]></description>` : ''}${i.pubDate ? `<pubDate>${new Date(i.pubDate).toUTCString()}</pubDate>` : ''}</item>`,
    )
    .join('')}</channel></rss>\n`;

export const atomXml = (f: FeedSpec): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(f.title)}</title><id>urn:feed:${esc(f.title)}</id><updated>${new Date(f.modified ?? '2026-11-20T12:00:00Z').toISOString()}</updated>${f.items
    .map(
      (i) =>
        `<entry><title>${esc(i.title)}</title><id>${esc(i.guid ?? i.link ?? i.title)}</id>${i.link ? `<link href="${esc(i.link)}"/>` : ''}<updated>${new Date(i.pubDate ?? '2026-11-20T12:00:00Z').toISOString()}</updated>${i.description ? `<summary>${esc(i.description)}</summary>` : ''}</entry>`,
    )
    .join('')}</feed>\n`;

export interface FeedServer {
  url: string;
  feeds: Map<string, FeedSpec>;
  requests: FeedRequest[];
  set(path: string, spec: FeedSpec): string;
  close(): Promise<void>;
}

export const startFeedServer = async (): Promise<FeedServer> => {
  const feeds = new Map<string, FeedSpec>();
  const requests: FeedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const spec = feeds.get(path);
    const record = (status: number) =>
      requests.push({
        path,
        ifNoneMatch: req.headers['if-none-match'],
        ifModifiedSince: req.headers['if-modified-since'],
        status,
      });
    if (path.startsWith('/moved/')) {
      record(301);
      res.writeHead(301, { location: path.slice('/moved'.length) });
      return res.end();
    }
    if (!spec) {
      record(404);
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end('<h1>Not found</h1>');
    }
    if (spec.fault === 'hang') return record(0); // never answers
    if (spec.fault === '500') {
      record(500);
      res.writeHead(500, { 'content-type': 'text/html' });
      return res.end('<h1>Internal Server Error</h1>');
    }
    const ctype = `${spec.kind === 'atom' ? 'application/atom+xml' : 'application/rss+xml'}; charset=${spec.charset ?? 'utf-8'}`;
    if (spec.fault === 'huge') {
      // Streamed in 64 KiB chunks without a Content-Length, as a misbehaving CMS would.
      record(200);
      res.writeHead(200, { 'content-type': ctype });
      const item = `<item><title>Article de remplissage</title><link>https://example.test/a</link><description>${'x'.repeat(60_000)}</description></item>`;
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
      let sent = 0;
      const total = spec.hugeBytes ?? 64 * 1024 * 1024;
      const pump = () => {
        while (sent < total) {
          sent += item.length;
          if (!res.write(item)) return void res.once('drain', pump);
        }
        res.end('</channel></rss>');
      };
      res.on('close', () => (sent = total));
      return pump();
    }
    const body =
      spec.fault === 'malformed'
        ? // Cut off mid-element: nothing of a feed is left to recover.
          `<?xml version="1.0"?><rss version="2.0"><channel><tit`
        : spec.fault === 'not-xml'
          ? '<!doctype html><html><body><h1>Bienvenue</h1></body></html>'
          : spec.kind === 'atom'
            ? atomXml(spec)
            : rssXml(spec);
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const modified = new Date(spec.modified ?? '2026-11-20T12:00:00Z').toUTCString();
    const validators: Record<string, string> = spec.noValidators ? {} : { etag, 'last-modified': modified };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh =
      !spec.noValidators &&
      (inm !== undefined
        ? inm.split(',').some((t) => t.trim() === etag)
        : ims !== undefined && Date.parse(ims) >= Date.parse(modified));
    if (fresh) {
      record(304);
      res.writeHead(304, validators);
      return res.end();
    }
    record(200);
    if (spec.fault === 'hang-body') {
      res.writeHead(200, { 'content-type': ctype, ...validators });
      return res.write(body.slice(0, Math.floor(body.length / 2))); // and never ends
    }
    res.writeHead(200, { 'content-type': ctype, 'content-length': String(Buffer.byteLength(body)), ...validators });
    res.end(body);
  };
  const server = createServer(handle);
  const { port, close } = await listenLoopback(server);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    feeds,
    requests,
    set(path, spec) {
      feeds.set(path, spec);
      return `${url}${path}`;
    },
    close,
  };
};
