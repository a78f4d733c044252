import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import sharp from 'sharp';
import { faultQueue, type SocialFaultRule, spoilAnswer } from './fault-rules.js';
import { listenLoopback, readBody } from './loopback.js';

/**
 * A loopback Instagram Graph API (content publishing with Facebook Login) on the Graph host:
 * versioned paths, the Page token (`access_token` or `Authorization: Bearer`), Meta's error
 * envelope, and the routes the publisher uses:
 *
 * - `GET /{page-id}?fields=instagram_business_account` (the account linked to the Page);
 * - `POST /{ig-user-id}/media` (`image_url`, `caption`, `alt_text`): the image is really
 *   fetched from its URL, as Meta does, and checked (JPEG, ≤ 8 MiB, aspect 4:5…1.91:1); caption
 *   ≤ 2,200 characters, ≤ 30 hashtags, ≤ 20 mentions;
 * - `GET /{container-id}?fields=status_code,status` (IN_PROGRESS → FINISHED, EXPIRED after 24 h);
 * - `POST /{ig-user-id}/media_publish` (`creation_id`), refused with 9007/2207027 before
 *   FINISHED and with 9/2207042 past the rolling-24-h quota;
 * - `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`;
 * - `GET /{ig-user-id}/media` (newest first, cursor paging, `since`);
 * - `GET /{media-id}?fields=…` and `GET /{media-id}/insights?metric=…` (current metric names
 *   only; the ones retired in v22 fail the whole request with #100);
 * - `GET /debug_token` (scopes, for doctor).
 *
 * Faults are injected per request (method + path) and consumed in order, as in graph-fake;
 * `IG_ERRORS` holds the documented error classes ready to inject.
 */

export interface IgContainer {
  id: string;
  igUserId: string;
  imageUrl: string;
  caption: string;
  altText: string | null;
  createdAt: number;
  /** GETs of the status left before FINISHED. */
  pollsLeft: number;
  statusCode: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  errorStatus: string | null;
  mediaId: string | null;
}

export interface IgMedia {
  id: string;
  igUserId: string;
  containerId: string;
  caption: string;
  altText: string | null;
  timestamp: number;
  permalink: string;
  image: { width: number; height: number; bytes: number; format: string };
  deleted: boolean;
}

export interface IgFakeOptions {
  pageId?: string;
  igUserId?: string;
  token?: string;
  /** Rolling-24-h publishing quota reported in `config.quota_total` and enforced on media_publish. */
  quotaTotal?: number;
  /** Status reads a new container answers IN_PROGRESS before FINISHED. */
  processingPolls?: number;
  now?: () => number;
}

/** The documented error classes (code, subcode, texts as Meta sends them), ready to inject. */
export const IG_ERRORS = {
  not_ready: {
    code: 9007,
    subcode: 2207027,
    message: 'Media ID is not available',
    userTitle: 'Media Not Ready For Publishing',
    userMsg: 'The media is not ready to be published. Please wait a moment.',
  },
  fetch_failed: {
    code: 9004,
    subcode: 2207052,
    message: 'Only photo or video can be accepted as media type.',
    userTitle: 'Media download has failed.',
    userMsg: 'The media could not be fetched from this URI. Please check the URI and try again.',
  },
  aspect_ratio: {
    code: 36003,
    subcode: 2207009,
    message: 'The aspect ratio is not supported.',
    userTitle: 'Cannot Process Aspect Ratio',
    userMsg:
      'The submitted image with aspect ratio is not supported. Please use an aspect ratio between 4:5 and 1.91:1.',
  },
  caption: {
    code: 36004,
    subcode: 2207010,
    message: 'The caption is too long.',
    userTitle: 'Caption Too Long',
    userMsg: 'The caption is longer than 2,200 characters or has more than 30 hashtags or 20 mentions.',
  },
  quota: {
    code: 9,
    subcode: 2207042,
    message: 'Application request limit reached',
    userTitle: 'Max Posts Limit Reached',
    userMsg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
  },
  spam: {
    code: 4,
    subcode: 2207051,
    message: 'Application request limit reached',
    userTitle: 'Action Blocked',
    userMsg: 'We restrict certain activity to protect our community. This action was deemed as spam.',
  },
  expired: {
    code: -2,
    subcode: 2207020,
    message: 'The media you are trying to access has expired.',
    userTitle: 'Media Expired',
    userMsg: 'This media has expired. Please upload it again to create a new container.',
  },
  server: {
    code: -1,
    subcode: 2207001,
    message: 'An unexpected error has occurred. Please retry your request later.',
    userTitle: 'Server Error',
    userMsg: 'Instagram server error. Please try again.',
  },
  token: {
    code: 190,
    subcode: 463,
    message: 'Error validating access token: Session has expired.',
    userTitle: '',
    userMsg: '',
  },
  permission: {
    code: 10,
    subcode: undefined,
    message: '(#10) Application does not have permission for this action',
    userTitle: '',
    userMsg: '',
  },
  restricted: {
    code: 25,
    subcode: 2207050,
    message: 'The Instagram account is restricted.',
    userTitle: 'Restricted Instagram User',
    userMsg: 'The Instagram account is restricted.',
  },
} as const;
export type IgErrorName = keyof typeof IG_ERRORS;

export const IG_CURRENT_METRICS = [
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
  'views',
  'follows',
  'profile_visits',
  'profile_activity',
  'reposts',
];
const IG_RETIRED_METRICS =
  /^(impressions|plays|clips_replays_count|ig_reels_aggregated_all_plays_count|video_views|engagement|carousel_album_.*)$/;

export interface IgFake {
  url: string;
  pageId: string;
  igUserId: string;
  token: string;
  containers: IgContainer[];
  media: IgMedia[];
  requests: {
    method: string;
    path: string;
    query: Record<string, string>;
    fields: Record<string, string>;
    at: number;
  }[];
  /** Scopes the Page token has (debug_token; publishing without instagram_content_publish fails #10). */
  scopes: string[];
  quotaTotal: number;
  processingPolls: number;
  /** The Page's linked account; null = no professional account linked. */
  linkedAccount: string | null;
  /** The next containers end in ERROR (with this status text) instead of FINISHED. */
  failNextContainers: { count: number; status: string };
  /** Media insights values by media id (defaults are used for the rest). */
  insights: Map<string, Record<string, number>>;
  /** Media younger than this answer insights with an empty set (Meta's lag). */
  insightsLagMs: number;
  onRequest: ((request: { method: string; path: string }) => void) | undefined;
  inject(rule: SocialFaultRule): void;
  /** Shorthand: answer the next matching request with one of the documented error classes. */
  injectError(name: IgErrorName, rule?: Omit<SocialFaultRule, 'fault'>): void;
  clearFaults(): void;
  setNow(fn: () => number): void;
  /** Live media whose caption is exactly `caption`. */
  countCaption(caption: string): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY_MS = 86_400_000;
const MAX_BYTES = 8 * 1024 * 1024;

const metaTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

export const startInstagramFake = async (options: IgFakeOptions = {}): Promise<IgFake> => {
  const pageId = options.pageId ?? '112233445566';
  const igUserId = options.igUserId ?? '17841400000000001';
  const token = options.token ?? 'EAAtestpagetoken0123456789';
  let now = options.now ?? (() => Date.now());
  let seq = 5000;
  const faults = faultQueue();

  const fake: IgFake = {
    url: '',
    pageId,
    igUserId,
    token,
    containers: [],
    media: [],
    requests: [],
    scopes: [
      'instagram_basic',
      'instagram_content_publish',
      'instagram_manage_insights',
      'pages_read_engagement',
      'pages_show_list',
      'pages_manage_posts',
      'read_insights',
    ],
    quotaTotal: options.quotaTotal ?? 50,
    processingPolls: options.processingPolls ?? 1,
    linkedAccount: igUserId,
    failNextContainers: { count: 0, status: 'Error: Media upload has failed with error code 2207082' },
    insights: new Map(),
    insightsLagMs: 0,
    onRequest: undefined,
    inject: (rule) => faults.push(rule),
    injectError: (name, rule = {}) => {
      const e = IG_ERRORS[name];
      fake.inject({
        ...rule,
        fault: {
          kind: 'error',
          code: e.code,
          ...(e.subcode !== undefined ? { subcode: e.subcode } : {}),
          message: e.message,
          httpStatus: name === 'server' ? 500 : 400,
          isTransient: name === 'server',
        },
      });
      userTexts.set(e.code * 10_000_000 + (e.subcode ?? 0), { title: e.userTitle, msg: e.userMsg });
    },
    clearFaults: () => faults.clear(),
    setNow: (fn) => {
      now = fn;
    },
    countCaption: (caption) => fake.media.filter((m) => !m.deleted && m.caption === caption).length,
    close: () => listener.close(),
  };
  const userTexts = new Map<number, { title: string; msg: string }>();

  const envelope = (code: number, message: string, subcode?: number, transient = false) => {
    const texts = userTexts.get(code * 10_000_000 + (subcode ?? 0));
    return {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode !== undefined ? { error_subcode: subcode } : {}),
        is_transient: transient,
        ...(texts?.title ? { error_user_title: texts.title } : {}),
        ...(texts?.msg ? { error_user_msg: texts.msg } : {}),
        fbtrace_id: `AigFake${seq}`,
      },
    };
  };
  const named = (name: IgErrorName): [number, unknown] => {
    const e = IG_ERRORS[name];
    return [
      400,
      {
        error: {
          message: e.message,
          type: 'OAuthException',
          code: e.code,
          ...(e.subcode !== undefined ? { error_subcode: e.subcode } : {}),
          is_transient: false,
          ...(e.userTitle ? { error_user_title: e.userTitle } : {}),
          ...(e.userMsg ? { error_user_msg: e.userMsg } : {}),
          fbtrace_id: `AigFake${seq}`,
        },
      },
    ];
  };
  const bad = (message: string, code = 100, subcode?: number): [number, unknown] => [
    400,
    envelope(code, message, subcode),
  ];

  const publishedInLastDay = () => fake.media.filter((m) => m.timestamp > now() - DAY_MS).length;

  const expireOld = () => {
    for (const c of fake.containers)
      if (c.statusCode !== 'PUBLISHED' && c.statusCode !== 'EXPIRED' && c.createdAt <= now() - DAY_MS)
        c.statusCode = 'EXPIRED';
  };

  const fetchImage = async (
    url: string,
  ): Promise<{ ok: true; info: IgMedia['image'] } | { ok: false; error: IgErrorName }> => {
    let bytes: Buffer;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) return { ok: false, error: 'fetch_failed' };
      bytes = Buffer.from(await res.arrayBuffer());
    } catch {
      return { ok: false, error: 'fetch_failed' };
    }
    if (bytes.length > MAX_BYTES) return { ok: false, error: 'fetch_failed' };
    let meta: sharp.Metadata;
    try {
      meta = await sharp(bytes).metadata();
    } catch {
      return { ok: false, error: 'fetch_failed' };
    }
    if (meta.format !== 'jpeg' || !meta.width || !meta.height) return { ok: false, error: 'fetch_failed' };
    const ratio = meta.width / meta.height;
    if (ratio < 0.8 - 1e-3 || ratio > 1.91 + 1e-3) return { ok: false, error: 'aspect_ratio' };
    return { ok: true, info: { width: meta.width, height: meta.height, bytes: bytes.length, format: 'jpeg' } };
  };

  const captionProblem = (caption: string) => {
    const hashtags = caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
    const mentions = caption.match(/(^|\s)@[\w.]+/g)?.length ?? 0;
    return [...caption].length > 2200 || hashtags > 30 || mentions > 20;
  };

  const mediaJson = (m: IgMedia, want: string[]) => {
    const out: Record<string, unknown> = { id: m.id };
    if (want.includes('caption')) out.caption = m.caption;
    if (want.includes('timestamp')) out.timestamp = metaTime(m.timestamp);
    if (want.includes('permalink')) out.permalink = m.permalink;
    if (want.includes('media_type')) out.media_type = 'IMAGE';
    if (want.includes('media_url')) out.media_url = `https://scontent.cdninstagram.com/v/${m.id}.jpg`;
    if (want.includes('media_product_type')) out.media_product_type = 'FEED';
    return out;
  };

  const apply = async (
    method: string,
    segments: string[],
    query: Record<string, string>,
    fields: Record<string, string>,
  ): Promise<[number, unknown]> => {
    const [first, second] = segments;
    expireOld();
    if (first === 'debug_token' && method === 'GET') {
      const valid = query.input_token === token;
      return [
        200,
        {
          data: valid
            ? { app_id: '998877', type: 'PAGE', is_valid: true, expires_at: 0, scopes: fake.scopes, profile_id: pageId }
            : { is_valid: false, error: { code: 190, message: 'Invalid OAuth access token.' }, scopes: [] },
        },
      ];
    }
    if (first === pageId && !second && method === 'GET') {
      const want = (query.fields ?? 'id').split(',');
      return [
        200,
        {
          id: pageId,
          ...(want.includes('instagram_business_account') && fake.linkedAccount
            ? { instagram_business_account: { id: fake.linkedAccount } }
            : {}),
          ...(want.includes('name') ? { name: 'AutoScale AI' } : {}),
        },
      ];
    }
    if (first === igUserId && second === 'media' && method === 'POST') {
      if (!fake.scopes.includes('instagram_content_publish'))
        return bad('(#10) Application does not have permission for this action', 10);
      if (fields.media_type && fields.media_type !== 'IMAGE')
        return bad('The media type is not supported.', 100, 2207023);
      if (!fields.image_url) return bad('(#100) The parameter image_url is required', 100);
      const caption = fields.caption ?? '';
      if (captionProblem(caption)) return named('caption');
      // Meta cURLs the image now: a URL that is not public at this moment fails the container.
      const fetched = await fetchImage(fields.image_url);
      if (!fetched.ok) return named(fetched.error);
      seq += 1;
      const failing = fake.failNextContainers.count > 0;
      if (failing) fake.failNextContainers.count -= 1;
      const container: IgContainer = {
        id: `1800000000${String(seq).padStart(8, '0')}`,
        igUserId,
        imageUrl: fields.image_url,
        caption,
        altText: fields.alt_text ?? null,
        createdAt: now(),
        pollsLeft: fake.processingPolls,
        statusCode: 'IN_PROGRESS',
        errorStatus: failing ? fake.failNextContainers.status : null,
        mediaId: null,
      };
      (container as IgContainer & { image?: IgMedia['image'] }).image = fetched.info;
      fake.containers.push(container);
      return [200, { id: container.id }];
    }
    if (first === igUserId && second === 'media_publish' && method === 'POST') {
      const container = fake.containers.find((c) => c.id === fields.creation_id);
      if (!fields.creation_id) return bad('(#100) The parameter creation_id is required', 100);
      if (!container) return bad(`(#100) Param creation_id must be a valid media container id`, 100, 2207006);
      if (container.statusCode === 'EXPIRED') return named('expired');
      if (container.statusCode === 'PUBLISHED') return bad('(#100) The media has already been published', 100, 2207006);
      if (container.statusCode !== 'FINISHED') {
        if (container.statusCode === 'ERROR') return bad('The media could not be published.', -1, 2207032);
        return named('not_ready');
      }
      if (publishedInLastDay() >= fake.quotaTotal) return named('quota');
      seq += 1;
      const id = `1790000000${String(seq).padStart(8, '0')}`;
      const shortcode = `C${Buffer.from(String(seq)).toString('base64url')}x`;
      const media: IgMedia = {
        id,
        igUserId,
        containerId: container.id,
        caption: container.caption,
        altText: container.altText,
        timestamp: now(),
        permalink: `https://www.instagram.com/p/${shortcode}/`,
        image: (container as IgContainer & { image: IgMedia['image'] }).image,
        deleted: false,
      };
      container.statusCode = 'PUBLISHED';
      container.mediaId = id;
      fake.media.push(media);
      return [200, { id }];
    }
    if (first === igUserId && second === 'content_publishing_limit' && method === 'GET') {
      return [
        200,
        {
          data: [
            { quota_usage: publishedInLastDay(), config: { quota_total: fake.quotaTotal, quota_duration: 86_400 } },
          ],
        },
      ];
    }
    if (first === igUserId && second === 'media' && method === 'GET') {
      const want = (query.fields ?? 'id').split(',');
      const since = query.since ? Number(query.since) * 1000 : 0;
      const until = query.until ? Number(query.until) * 1000 : Infinity;
      const limit = Math.min(Number(query.limit ?? 25), 100);
      const rows = fake.media
        .filter((m) => !m.deleted && m.timestamp >= since && m.timestamp <= until)
        .sort((a, b) => b.timestamp - a.timestamp);
      const offset = query.after ? Number(Buffer.from(query.after, 'base64').toString()) : 0;
      const page = rows.slice(offset, offset + limit);
      const next = offset + limit < rows.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
      return [
        200,
        {
          data: page.map((m) => mediaJson(m, want)),
          paging: {
            cursors: { before: Buffer.from(String(offset)).toString('base64'), after: next ?? '' },
            ...(next ? { next: `${fake.url}/next?after=${next}` } : {}),
          },
        },
      ];
    }
    const container = fake.containers.find((c) => c.id === first);
    if (container && !second && method === 'GET') {
      if (container.statusCode === 'IN_PROGRESS') {
        if (container.pollsLeft > 0) container.pollsLeft -= 1;
        else container.statusCode = container.errorStatus ? 'ERROR' : 'FINISHED';
      }
      const want = (query.fields ?? 'id').split(',');
      return [
        200,
        {
          id: container.id,
          ...(want.includes('status_code') ? { status_code: container.statusCode } : {}),
          ...(want.includes('status')
            ? {
                status:
                  container.statusCode === 'ERROR'
                    ? container.errorStatus
                    : container.statusCode === 'FINISHED'
                      ? 'Finished: Media has been uploaded and it is ready to be published.'
                      : container.statusCode,
              }
            : {}),
        },
      ];
    }
    const media = fake.media.find((m) => m.id === first && !m.deleted);
    if (media && second === 'insights' && method === 'GET') {
      const metrics = (query.metric ?? '').split(',').filter(Boolean);
      if (metrics.length === 0) return bad('(#100) The parameter metric is required', 100);
      const retired = metrics.find((m) => IG_RETIRED_METRICS.test(m));
      if (retired)
        return bad(
          `(#100) Starting from version 22 and above, the ${retired} metric is no longer supported. Please check the documentation for the list of supported metrics.`,
          100,
        );
      const index = metrics.findIndex((m) => !IG_CURRENT_METRICS.includes(m));
      if (index >= 0)
        return bad(
          `(#100) metric[${index}] must be one of the following values: ${IG_CURRENT_METRICS.join(', ')}`,
          100,
        );
      if (!fake.scopes.includes('instagram_manage_insights'))
        return bad('(#10) Application does not have permission for this action', 10);
      if (now() - media.timestamp < fake.insightsLagMs) return [200, { data: [] }];
      const values = fake.insights.get(media.id) ?? {};
      const defaults: Record<string, number> = {
        reach: 210,
        likes: 14,
        comments: 3,
        shares: 2,
        saved: 4,
        views: 380,
        follows: 1,
        profile_visits: 6,
        profile_activity: 2,
        reposts: 0,
      };
      const value = (m: string) =>
        m === 'total_interactions'
          ? (values.total_interactions ??
            ['likes', 'comments', 'shares', 'saved'].reduce((s, k) => s + (values[k] ?? defaults[k] ?? 0), 0))
          : (values[m] ?? defaults[m] ?? 0);
      return [
        200,
        {
          data: metrics.map((m) => ({
            name: m,
            period: 'lifetime',
            values: [{ value: value(m) }],
            title: m,
            description: m,
            id: `${media.id}/insights/${m}/lifetime`,
          })),
        },
      ];
    }
    if (media && !second && method === 'GET') return [200, mediaJson(media, (query.fields ?? 'id').split(','))];
    if (media && !second && method === 'DELETE') {
      media.deleted = true;
      return [200, { success: true }];
    }
    return bad(
      `(#100) Unsupported ${method} request. Object with ID '${first ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
      100,
      33,
    );
  };

  const parseFields = async (req: IncomingMessage, body: Buffer): Promise<Record<string, string>> => {
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/x-www-form-urlencoded'))
      return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    if (type.startsWith('application/json') && body.length > 0) {
      const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    }
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': type } }).formData();
      const out: Record<string, string> = {};
      for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
      return out;
    }
    return {};
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'x-app-usage': JSON.stringify({ call_count: 2, total_time: 1, total_cputime: 1 }),
      'x-fb-trace-id': `igtrace${seq}`,
    });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = /^\/(v\d+\.\d+)(\/.*)$/.exec(url.pathname);
      const body = await readBody(req);
      const query = Object.fromEntries(url.searchParams);
      const fields = await parseFields(req, body);
      const method = req.method ?? 'GET';
      const path = match?.[2] ?? url.pathname;
      fake.requests.push({ method, path, query, fields, at: Date.now() });
      fake.onRequest?.({ method, path });
      if (!match) return send(res, 400, envelope(2500, 'Unknown path components: missing API version'));
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const accessToken = query.access_token ?? fields.access_token ?? bearer;
      if (!accessToken) return send(res, 400, envelope(104, 'An access token is required to request this resource.'));
      if (accessToken !== token)
        return send(res, 400, envelope(190, 'Invalid OAuth access token - Cannot parse access token', 467));

      const fault = faults.take(method, path);
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'latency') await sleep(fault.ms);
      if (fault?.kind === 'error') {
        return send(
          res,
          fault.httpStatus ?? 400,
          envelope(fault.code, fault.message ?? `(#${fault.code}) injected error`, fault.subcode, fault.isTransient),
        );
      }
      if (fault?.kind === 'reset_before') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "1790_');
        return;
      }
      const segments = path.split('/').filter(Boolean);
      const [status, payload] = await apply(method, segments, query, fields);
      if (spoilAnswer(fault, req, res)) return;
      send(res, status, payload);
    } catch (e) {
      if (!res.headersSent) send(res, 500, envelope(1, `An unknown error occurred (${(e as Error).message})`));
    }
  });
  const listener = await listenLoopback(server);
  fake.url = `http://127.0.0.1:${listener.port}`;
  return fake;
};
