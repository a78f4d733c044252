import { brandLang } from '../config/lang.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebClient } from '@slack/web-api';
import type { ServiceDeps } from '../deps/service-deps.js';
import { langFromLocale, l, type Lang } from '../i18n/localized.js';
import { signingKey, verifyMedia } from '../approval/links.js';
import { handleInteraction } from '../approval/slack-interaction.js';
import { calendarFeedRoute } from '../plan/ics-feed.js';
import { keepVariantAngle } from '../plan/ideas-service.js';
import { imageBySha } from '../store/images-repo.js';
import { verifyStored } from '../images/media-store.js';
import { REVIEW_CSS, REVIEW_JS } from './assets.js';
import { messagePage } from './html.js';
import { act, showReview, type PageContext } from './review-routes.js';
import {
  BodyTooLarge,
  RateLimiter,
  ReplayGuard,
  clientAddress,
  crossSite,
  csrfNonce,
  readBody,
  readCookie,
  CSRF_COOKIE,
  securityHeaders,
  verifySlackSignature,
} from './security.js';

export interface ServerLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

export interface PageServerOptions {
  deps: ServiceDeps;
  log: ServerLog;
  /** Slack's HTTP interactivity (POST /slack/actions), when a signing secret is configured. */
  slack?: { client: WebClient; signingSecret: string } | undefined;
}

export interface PageServer {
  server: Server;
  listen(host: string, port: number): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

const TOKEN = '([A-Za-z0-9_-]{10,400}\\.[A-Za-z0-9_-]{20,100})';
const REVIEW_RE = new RegExp(`^/r/${TOKEN}(?:/(approve|reject|edit))?$`);
const MEDIA_RE = new RegExp(`^/m/${TOKEN}\\.(png|jpg|jpeg|webp)$`);
const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

/** The viewer's language: ?lang=, then the browser's first choice, then the config. */
const pickLang = (req: IncomingMessage, url: URL, fallback: Lang): Lang => {
  const q = url.searchParams.get('lang');
  if (q === 'fr' || q === 'en') return q;
  const first = req.headers['accept-language']?.split(',')[0];
  return langFromLocale(first) ?? fallback;
};

/**
 * The approval page server: the signed review page (GET /r/<token>, POST …/approve|reject|edit),
 * signed expiring media (GET /m/<token>.<ext>), the signed calendar feed (GET /c/<token>.ics), Slack's HTTP interactivity (POST /slack/actions)
 * and two static files. Plain node:http; every answer carries the security headers; requests are
 * rate limited per client; logs name the route and the link id, never a token or a text.
 */
export const createPageServer = (o: PageServerOptions): PageServer => {
  const { deps, log } = o;
  const key = signingKey(deps.env);
  const https = deps.config.approval.publicUrl?.startsWith('https:') ?? false;
  const limiter = new RateLimiter(deps.config.approval.rateLimitPerMinute);
  const replays = new ReplayGuard();
  const headers = securityHeaders(https);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lang = pickLang(req, url, brandLang(deps.brand));
    const fields: Record<string, unknown> = { method: req.method, route: 'other' };
    const send = (status: number, body: string | Buffer, extra: Record<string, string> = {}) => {
      if (res.headersSent) return;
      res.writeHead(status, { ...headers, 'content-type': 'text/html; charset=utf-8', ...extra });
      res.end(body);
      fields.status = status;
    };
    res.on('finish', () => log.info({ ...fields, ms: Math.round(performance.now() - started) }, 'request'));
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/assets/review.css' || path === '/assets/review.js')) {
      fields.route = 'asset';
      const css = path.endsWith('.css');
      return send(200, css ? REVIEW_CSS : REVIEW_JS, {
        'content-type': css ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=3600',
      });
    }
    if (req.method === 'GET' && path === '/healthz') {
      fields.route = 'health';
      return send(200, 'ok', { 'content-type': 'text/plain; charset=utf-8' });
    }
    const allowed = limiter.take(clientAddress(req, deps.config.approval.trustProxy));
    if (allowed !== true) {
      fields.route = 'limited';
      return send(
        429,
        messagePage(
          lang,
          l('Too many requests', 'Trop de requêtes'),
          l(`Wait ${allowed} s and try again.`, `Attendez ${allowed} s et réessayez.`),
          'error',
        ),
        { 'retry-after': String(allowed) },
      );
    }
    if (path === '/slack/actions' && req.method === 'POST' && o.slack) {
      fields.route = 'slack';
      return slackHttp(req, send, fields);
    }
    if (path.startsWith('/c/') && (req.method === 'GET' || req.method === 'HEAD')) {
      // The editorial calendar a phone subscribes to (signed, expiring; src/plan/ics-feed.ts).
      const feed = await calendarFeedRoute(
        path,
        key,
        (brand) => (brand === deps.brandSlug ? deps : undefined),
        deps.clock.now(),
      );
      if (feed) {
        fields.route = 'calendar';
        return send(feed.status, req.method === 'HEAD' ? '' : feed.body, feed.headers);
      }
    }
    const media = MEDIA_RE.exec(path);
    if (media && (req.method === 'GET' || req.method === 'HEAD')) {
      fields.route = 'media';
      return serveMedia(media[1]!, req.method === 'HEAD', send);
    }
    const review = REVIEW_RE.exec(path);
    if (review) {
      const action = review[2] as 'approve' | 'reject' | 'edit' | undefined;
      fields.route = action ?? 'page';
      const ctx: PageContext = { deps, key, lang, send, note: (f) => Object.assign(fields, f) };
      if (!action && req.method === 'GET') return showReview(ctx, review[1]!, csrfNonce(req, res, https));
      if (action && req.method === 'POST') {
        if (crossSite(req, req.headers.host)) {
          fields.csrf = 'cross-site';
          return send(
            403,
            messagePage(lang, l('Refused', 'Refusé'), l('Cross-site form.', 'Formulaire d’un autre site.'), 'error'),
          );
        }
        const type = req.headers['content-type'] ?? '';
        if (!type.startsWith('application/x-www-form-urlencoded')) {
          return send(
            415,
            messagePage(lang, l('Refused', 'Refusé'), l('Unexpected form.', 'Formulaire inattendu.'), 'error'),
          );
        }
        const form = new URLSearchParams((await readBody(req, 32_768)).toString('utf8'));
        const formLang = form.get('lang');
        if (formLang === 'fr' || formLang === 'en') ctx.lang = formLang;
        return act(ctx, review[1]!, action, form, readCookie(req, CSRF_COOKIE));
      }
      return send(
        405,
        messagePage(lang, l('Not allowed', 'Non permis'), l('Method not allowed.', 'Méthode non permise.'), 'error'),
        {
          allow: action ? 'POST' : 'GET',
        },
      );
    }
    send(
      404,
      messagePage(lang, l('Not found', 'Introuvable'), l('There is nothing here.', 'Il n’y a rien ici.'), 'error'),
    );
  };

  const serveMedia = async (
    token: string,
    head: boolean,
    send: (s: number, b: string | Buffer, e?: Record<string, string>) => void,
  ) => {
    const verified = verifyMedia(key, token, deps.clock.now());
    const gone = () => send(404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
    if (!verified.ok)
      return verified.problem === 'expired'
        ? send(410, 'expired', { 'content-type': 'text/plain; charset=utf-8' })
        : gone();
    const image = await imageBySha(deps.db, verified.claims.sha256);
    if (!image) return gone();
    const bytes = await verifyStored(deps.paths.media, image.path, image.sha256);
    if (!bytes) return gone();
    const remaining = Math.max(0, Math.floor(verified.claims.expires - deps.clock.now().getTime() / 1000));
    send(200, head ? '' : bytes, {
      'content-type': TYPES[verified.claims.ext] ?? 'application/octet-stream',
      'content-length': String(bytes.length),
      'cache-control': `private, max-age=${Math.min(remaining, 3600)}`,
      // Fetched by other sites on purpose (Slack's unfurler, Instagram's container API).
      'cross-origin-resource-policy': 'cross-origin',
    });
  };

  const slackHttp = async (
    req: IncomingMessage,
    send: (s: number, b: string, e?: Record<string, string>) => void,
    fields: Record<string, unknown>,
  ) => {
    const raw = (await readBody(req, 1_048_576)).toString('utf8');
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    const verdict = verifySlackSignature(
      o.slack!.signingSecret,
      {
        timestamp: typeof timestamp === 'string' ? timestamp : undefined,
        signature: typeof signature === 'string' ? signature : undefined,
      },
      raw,
      deps.clock.now().getTime(),
    );
    fields.signature = verdict;
    const json = { 'content-type': 'application/json; charset=utf-8' };
    if (verdict !== 'ok') return send(401, JSON.stringify({ ok: false, error: `signature_${verdict}` }), json);
    if (!replays.firstTime(String(signature), deps.clock.now().getTime())) {
      fields.signature = 'replayed';
      return send(401, JSON.stringify({ ok: false, error: 'signature_replayed' }), json);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(new URLSearchParams(raw).get('payload') ?? '');
    } catch {
      return send(400, JSON.stringify({ ok: false, error: 'invalid_payload' }), json);
    }
    const result = handleInteraction(
      {
        deps,
        client: o.slack!.client,
        log,
        keepIdea: keepVariantAngle,
      },
      payload,
    );
    fields.interaction = result.kind;
    send(200, result.ack ? JSON.stringify(result.ack) : '', result.ack ? json : { 'content-type': 'text/plain' });
    if (result.work)
      await result
        .work()
        .catch((error: unknown) => log.error({ err: (error as Error).message }, 'slack action failed'));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        res.writeHead(413, headers).end();
        return;
      }
      log.error({ err: (error as Error).message }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return {
    server,
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shown}:${address.port}`, port: address.port });
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeIdleConnections();
        server.close(() => resolve());
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
};
