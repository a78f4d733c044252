import { createHash, createHmac } from 'node:crypto';
import { spoilAnswer } from './fault-rules.js';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { listenLoopback, readBody } from './loopback.js';

/**
 * A loopback Facebook Graph API (Pages subset) speaking the documented wire protocol:
 * versioned paths, access_token + appsecret_proof, multipart photo uploads (`source` +
 * `caption`), form posts, `{id, post_id}` answers, Meta's error envelope, usage headers,
 * native scheduling, insights with retired metrics refused (#100), debug_token.
 *
 * Faults are injected per request (matched on method and path) and consumed in order.
 */

export type Fault =
  | {
      kind: 'error';
      code: number;
      subcode?: number;
      httpStatus?: number;
      isTransient?: boolean;
      message?: string;
      regainMinutes?: number;
    }
  /** The request is applied (post created), then the connection is destroyed: "response lost". */
  | { kind: 'response_lost' }
  /** The request is applied and never answered (the client times out). */
  | { kind: 'apply_and_hang' }
  /** The connection is destroyed before anything is applied. */
  | { kind: 'reset_before' }
  /** Applied, then a 500 without Meta's envelope (a proxy page). */
  | { kind: 'apply_then_500' }
  | { kind: 'latency'; ms: number }
  | { kind: 'malformed' };

export interface FaultRule {
  fault: Fault;
  method?: string;
  /** Substring or pattern of the path after the version (`/123/photos`). */
  path?: string | RegExp;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  times?: number;
  /** Chance to apply to each matching request (default 1). */
  probability?: number;
}

export interface FakePost {
  id: string;
  pageId: string;
  message: string;
  createdTime: number;
  published: boolean;
  scheduledPublishTime: number | null;
  photoId: string | null;
  image: { filename: string; contentType: string; bytes: number; sha256: string } | null;
  shares: number;
  comments: number;
  deleted: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  fields: Record<string, string>;
  /** An uploaded file, with the sha256 of its bytes so tests can tell which picture went out. */
  file: { field: string; filename: string; contentType: string; bytes: number; sha256: string } | null;
  at: number;
}

export interface GraphFakeOptions {
  pageId?: string;
  token?: string;
  appId?: string;
  appSecret?: string;
  /** Seconds-resolution clock of Meta (defaults to the wall clock). */
  now?: () => number;
  latencyMs?: number;
  /** Refuse a message identical to a recent one with #506, as Meta does. Off by default so tests see duplicates. */
  rejectDuplicates?: boolean;
}

export const RETIRED = /^(post_impressions.*|post_engaged_users)$/;
export const CURRENT_METRICS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_clicks',
  'post_clicks_by_type',
  'post_reactions_by_type_total',
  'post_activity_by_action_type',
];

export interface GraphFake {
  url: string;
  pageId: string;
  token: string;
  posts: FakePost[];
  requests: LoggedRequest[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Usage percentages reported in the headers of every response. */
  usage: { app: number; business: number; regainMinutes: number };
  tokenInfo: Record<string, unknown>;
  insights: Map<string, Record<string, unknown>>;
  /** Metrics answered with a permission error (#10). */
  deniedMetrics: Set<string>;
  denyShares: boolean;
  /** `comments.summary` refused (#10, as without pages_read_user_content). */
  denyComments: boolean;
  latencyMs: number;
  /** Called as each request arrives, before latency and before it is applied (tests hook kills here). */
  onRequest: ((request: LoggedRequest) => void) | undefined;
  setNow(fn: () => number): void;
  /** Live (not deleted) posts whose message is exactly `message`. */
  countMessage(message: string): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const startGraphFake = async (options: GraphFakeOptions = {}): Promise<GraphFake> => {
  const pageId = options.pageId ?? '112233445566';
  const token = options.token ?? 'EAAtestpagetoken0123456789';
  const appId = options.appId ?? '998877';
  const appSecret = options.appSecret;
  let now = options.now ?? (() => Date.now());
  let seq = 1000;
  const faults: (FaultRule & { left: number })[] = [];

  const fake: GraphFake = {
    url: '',
    pageId,
    token,
    posts: [],
    requests: [],
    inject: (rule) => faults.push({ ...rule, left: rule.times ?? 1 }),
    clearFaults: () => {
      faults.length = 0;
    },
    usage: { app: 5, business: 3, regainMinutes: 0 },
    tokenInfo: {
      app_id: appId,
      type: 'PAGE',
      application: 'autoscale',
      expires_at: 0,
      data_access_expires_at: Math.floor(Date.now() / 1000) + 80 * 86_400,
      is_valid: true,
      issued_at: Math.floor(Date.now() / 1000) - 86_400,
      profile_id: pageId,
      scopes: ['pages_manage_posts', 'pages_read_engagement', 'pages_show_list', 'read_insights', 'public_profile'],
      user_id: '5550001',
    },
    insights: new Map(),
    deniedMetrics: new Set(),
    denyShares: false,
    denyComments: false,
    latencyMs: options.latencyMs ?? 0,
    onRequest: undefined,
    setNow: (fn) => {
      now = fn;
    },
    countMessage: (message) => fake.posts.filter((p) => !p.deleted && p.message === message).length,
    close: () => listener.close(),
  };

  const nowSec = () => Math.floor(now() / 1000);

  /** Meta publishes scheduled posts when their time comes. */
  const promote = () => {
    for (const p of fake.posts) {
      if (!p.published && !p.deleted && p.scheduledPublishTime !== null && p.scheduledPublishTime <= nowSec()) {
        p.published = true;
        p.createdTime = p.scheduledPublishTime * 1000;
      }
    }
  };

  const takeFault = (method: string, path: string): Fault | undefined => {
    for (const rule of faults) {
      if (rule.left <= 0) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      rule.left -= 1;
      return rule.fault;
    }
    return undefined;
  };

  const headers = () => ({
    'content-type': 'application/json; charset=UTF-8',
    'x-app-usage': JSON.stringify({
      call_count: fake.usage.app,
      total_time: Math.max(0, fake.usage.app - 1),
      total_cputime: Math.max(0, fake.usage.app - 2),
    }),
    'x-business-use-case-usage': JSON.stringify({
      [pageId]: [
        {
          type: 'pages',
          call_count: fake.usage.business,
          total_cputime: 1,
          total_time: 1,
          estimated_time_to_regain_access: fake.usage.regainMinutes,
        },
      ],
    }),
    'x-fb-trace-id': `trace${seq}`,
  });

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, headers());
    res.end(JSON.stringify(body));
  };

  const error = (
    res: ServerResponse,
    status: number,
    code: number,
    message: string,
    extra: { subcode?: number; isTransient?: boolean; type?: string } = {},
  ) =>
    send(res, status, {
      error: {
        message,
        type:
          extra.type ?? (code === 190 ? 'OAuthException' : code === 100 ? 'GraphMethodException' : 'OAuthException'),
        code,
        ...(extra.subcode ? { error_subcode: extra.subcode } : {}),
        is_transient: extra.isTransient ?? false,
        fbtrace_id: `Afake${seq}`,
      },
    });

  const live = (id: string) => fake.posts.find((p) => !p.deleted && (p.id === id || p.photoId === id));

  const validSchedule = (t: number) => t >= nowSec() + 600 && t <= nowSec() + 30 * 86_400;

  /** Applies a request to the Page state; returns the status and body Meta would answer. */
  const apply = (
    method: string,
    segments: string[],
    query: Record<string, string>,
    fields: Record<string, string>,
    file: LoggedRequest['file'],
  ): [number, unknown] => {
    const [first, second] = segments;
    const bad = (message: string, code = 100, subcode?: number): [number, unknown] => [
      400,
      {
        error: {
          message,
          type: 'OAuthException',
          code,
          ...(subcode ? { error_subcode: subcode } : {}),
          is_transient: false,
          fbtrace_id: `Afake${seq}`,
        },
      },
    ];
    if (first === 'debug_token' && method === 'GET') {
      if (!query.input_token) return bad('(#100) The parameter input_token is required');
      const valid = query.input_token === token;
      return [
        200,
        {
          data: valid
            ? fake.tokenInfo
            : { is_valid: false, error: { code: 190, message: 'Invalid OAuth access token.' }, scopes: [] },
        },
      ];
    }
    if (first === pageId && second && (second === 'photos' || second === 'feed') && method === 'POST') {
      const message = second === 'photos' ? fields.caption : fields.message;
      if (second === 'photos' && !file && !fields.url) return bad('(#324) Requires upload file', 324);
      if (second === 'feed' && !message && !fields.link) return bad('(#100) Missing message or link');
      const published = fields.published !== 'false';
      let scheduled: number | null = null;
      if (!published && fields.scheduled_publish_time) {
        scheduled = Number(fields.scheduled_publish_time);
        if (!validSchedule(scheduled))
          return bad('(#100) The specified scheduled publish time is invalid.', 100, 1501234);
      }
      if (options.rejectDuplicates && message && fake.posts.some((p) => !p.deleted && p.message === message)) {
        return bad('(#506) Duplicate status message', 506);
      }
      seq += 1;
      const post: FakePost = {
        id: `${pageId}_${seq}`,
        pageId,
        message: message ?? '',
        createdTime: now(),
        published: scheduled === null,
        scheduledPublishTime: scheduled,
        photoId: second === 'photos' ? String(7_000_000 + seq) : null,
        image: file
          ? { filename: file.filename, contentType: file.contentType, bytes: file.bytes, sha256: file.sha256 }
          : null,
        shares: 0,
        comments: 0,
        deleted: false,
      };
      fake.posts.push(post);
      return [200, second === 'photos' ? { id: post.photoId, post_id: post.id } : { id: post.id }];
    }
    if (
      first === pageId &&
      (second === 'posts' || second === 'scheduled_posts' || second === 'published_posts') &&
      method === 'GET'
    ) {
      promote();
      const since = query.since ? Number(query.since) * 1000 : 0;
      const limit = Math.min(Number(query.limit ?? 25), 100);
      const wantScheduled = second === 'scheduled_posts';
      const rows = fake.posts
        .filter(
          (p) =>
            !p.deleted && (wantScheduled ? !p.published : p.published) && (wantScheduled || p.createdTime >= since),
        )
        .sort((a, b) => b.createdTime - a.createdTime);
      const offset = query.after ? Number(Buffer.from(query.after, 'base64').toString()) : 0;
      const page = rows.slice(offset, offset + limit);
      const next = offset + limit < rows.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
      return [
        200,
        {
          data: page.map((p) => ({
            id: p.id,
            message: p.message,
            created_time: new Date(p.createdTime)
              .toISOString()
              .replace('Z', '+0000')
              .replace(/\.\d{3}/, ''),
            ...(wantScheduled ? { scheduled_publish_time: p.scheduledPublishTime, is_published: false } : {}),
          })),
          paging: { cursors: { before: 'MA==', after: next ?? '' }, ...(next ? { next: `${fake.url}/next` } : {}) },
        },
      ];
    }
    if (first && second === 'insights' && method === 'GET') {
      promote();
      const post = live(first);
      if (!post) return bad(`(#100) Object with ID '${first}' does not exist`, 100, 33);
      const metrics = (query.metric ?? '').split(',').filter(Boolean);
      const retired = metrics.find((m) => RETIRED.test(m));
      if (retired) return bad(`(#100) The value must be a valid insights metric: ${retired} has been deprecated`);
      const unknown = metrics.find((m) => !CURRENT_METRICS.includes(m));
      if (unknown) return bad(`(#100) The value must be a valid insights metric: ${unknown}`);
      const denied = metrics.find((m) => fake.deniedMetrics.has(m));
      if (denied) return bad(`(#10) Requires read_insights permission for ${denied}`, 10);
      const values = fake.insights.get(post.id) ?? {};
      const defaults: Record<string, unknown> = {
        post_media_view: 120,
        post_total_media_view_unique: 95,
        post_clicks: 7,
        post_clicks_by_type: { 'link clicks': 4, 'other clicks': 3 },
        post_reactions_by_type_total: { like: 5, love: 1 },
        post_activity_by_action_type: { comment: 2, share: 1, like: 6 },
      };
      return [
        200,
        {
          data: metrics.map((m) => ({
            name: m,
            period: 'lifetime',
            values: [{ value: values[m] ?? defaults[m] }],
            title: m,
            id: `${post.id}/insights/${m}/lifetime`,
          })),
          paging: {},
        },
      ];
    }
    if (first && !second) {
      promote();
      const post = live(first);
      if (!post)
        return bad(
          `(#100) Object with ID '${first}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
          100,
          33,
        );
      if (method === 'DELETE') {
        post.deleted = true;
        return [200, { success: true }];
      }
      if (method === 'POST') {
        if (fields.is_published === 'true') {
          post.published = true;
          post.createdTime = now();
          post.scheduledPublishTime = null;
          return [200, { success: true }];
        }
        if (fields.scheduled_publish_time) {
          const t = Number(fields.scheduled_publish_time);
          if (post.published) return bad('(#100) The post is already published');
          if (!validSchedule(t)) return bad('(#100) The specified scheduled publish time is invalid.', 100, 1501234);
          post.scheduledPublishTime = t;
          return [200, { success: true }];
        }
        if (fields.message !== undefined) {
          post.message = fields.message;
          return [200, { success: true }];
        }
        return bad('(#100) Nothing to update');
      }
      const want = (query.fields ?? 'id').split(',');
      if (want.includes('shares') && fake.denyShares)
        return bad('(#10) This endpoint requires the pages_read_engagement permission', 10);
      const wantsComments = want.some((f) => f.startsWith('comments'));
      if (wantsComments && fake.denyComments)
        return bad('(#10) This endpoint requires the pages_read_user_content permission', 10);
      const out: Record<string, unknown> = { id: post.id === first ? post.id : post.photoId };
      if (want.includes('message')) out.message = post.message;
      if (want.includes('created_time')) out.created_time = new Date(post.createdTime).toISOString();
      if (want.includes('is_published')) out.is_published = post.published;
      if (want.includes('scheduled_publish_time') && post.scheduledPublishTime !== null)
        out.scheduled_publish_time = post.scheduledPublishTime;
      if (want.includes('permalink_url')) out.permalink_url = `https://www.facebook.com/${post.id}`;
      if (want.includes('page_story_id')) out.page_story_id = post.id;
      if (want.includes('shares') && post.shares > 0) out.shares = { count: post.shares };
      if (wantsComments)
        out.comments = { data: [], summary: { order: 'ranked', total_count: post.comments, can_comment: true } };
      return [200, out];
    }
    return bad(`(#100) Unsupported ${method} request. Object with ID '${first ?? ''}' does not exist`, 100, 33);
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = /^\/(v\d+\.\d+)(\/.*)$/.exec(url.pathname);
      const body = await readBody(req);
      const query = Object.fromEntries(url.searchParams);
      let fields: Record<string, string> = {};
      let file: LoggedRequest['file'] = null;
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('multipart/form-data')) {
        const form = await new Response(body, { headers: { 'content-type': type } }).formData();
        for (const [k, v] of form.entries()) {
          if (typeof v === 'string') fields[k] = v;
          else {
            // File's type differs between the DOM lib and undici's; only these fields are read.
            const entry = v as unknown as {
              name: string;
              type: string;
              size: number;
              arrayBuffer(): Promise<ArrayBuffer>;
            };
            file = {
              field: k,
              filename: entry.name,
              contentType: entry.type,
              bytes: entry.size,
              sha256: createHash('sha256')
                .update(Buffer.from(await entry.arrayBuffer()))
                .digest('hex'),
            };
          }
        }
      } else if (type.startsWith('application/x-www-form-urlencoded')) {
        fields = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
      }
      const method = req.method ?? 'GET';
      const path = match?.[2] ?? url.pathname;
      const logged = { method, path, query, fields, file, at: Date.now() };
      fake.requests.push(logged);
      fake.onRequest?.(logged);
      if (fake.latencyMs > 0) await sleep(fake.latencyMs);
      if (!match) return error(res, 400, 2500, 'Unknown path components: missing API version');

      // Authentication as Meta does it: token first, then the proof when the app requires it.
      const accessToken = query.access_token ?? fields.access_token;
      const isDebug = path === '/debug_token';
      const appToken = `${appId}|${appSecret ?? ''}`;
      if (!accessToken) return error(res, 400, 104, 'An access token is required to request this resource.');
      if (!(accessToken === token || (isDebug && accessToken === appToken))) {
        return error(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token', { subcode: 467 });
      }
      if (appSecret && accessToken === token) {
        const proof = query.appsecret_proof ?? fields.appsecret_proof;
        const time = query.appsecret_time ?? fields.appsecret_time;
        const expected = createHmac('sha256', appSecret)
          .update(time ? `${token}|${time}` : token)
          .digest('hex');
        if (proof !== expected)
          return error(res, 400, 100, 'Invalid appsecret_proof provided in the API argument', {
            type: 'GraphMethodException',
          });
        if (time && Math.abs(Number(time) - nowSec()) > 300) return error(res, 400, 100, 'appsecret_time is too old');
      }

      const fault = takeFault(method, path);
      if (fault?.kind === 'latency') await sleep(fault.ms);
      if (fault?.kind === 'error') {
        if (fault.regainMinutes !== undefined) fake.usage.regainMinutes = fault.regainMinutes;
        return error(
          res,
          fault.httpStatus ?? (fault.code === 1 || fault.code === 2 ? 500 : 400),
          fault.code,
          fault.message ?? `(#${fault.code}) injected error`,
          { subcode: fault.subcode, isTransient: fault.isTransient },
        );
      }
      if (fault?.kind === 'reset_before') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'malformed') {
        res.writeHead(200, headers());
        res.end('{"id": "1234_');
        return;
      }
      const segments = path.split('/').filter(Boolean);
      const [status, payload] = apply(method, segments, query, fields, file);
      if (spoilAnswer(fault, req, res)) return;
      send(res, status, payload);
    } catch (e) {
      if (!res.headersSent)
        error(res, 500, 1, `An unknown error occurred (${(e as Error).message})`, { isTransient: false });
    }
  });
  const listener = await listenLoopback(server);
  fake.url = `http://127.0.0.1:${listener.port}`;
  return fake;
};
