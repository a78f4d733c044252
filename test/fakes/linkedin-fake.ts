import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import sharp from 'sharp';
import { faultQueue, type SocialFaultRule, spoilAnswer } from './fault-rules.js';
import { parseLittleText, serializeLittleText, type Published } from './little-text-model.js';
import { listenLoopback, readBody } from './loopback.js';

/**
 * A loopback LinkedIn Community Management API (versioned REST, Rest.li 2.0) with the routes an
 * organization publisher uses, speaking LinkedIn's wire format:
 *
 * - every `/rest` call needs `Authorization: Bearer`, `LinkedIn-Version: YYYYMM[.RR]` (426
 *   NONEXISTENT_VERSION once retired, about a year after release) and
 *   `X-Restli-Protocol-Version: 2.0.0`; URNs in paths and queries must be percent-encoded and
 *   lists written `List(a,b)`;
 * - `POST /rest/images?action=initializeUpload` → `{value:{uploadUrl, image, uploadUrlExpiresAt}}`,
 *   `PUT <uploadUrl>` (the bytes), `GET /rest/images/{urn}` (WAITING_UPLOAD → PROCESSING → AVAILABLE);
 * - `POST /rest/posts` → 201, empty body, `x-restli-id: urn:li:share:…`; 422 for missing or
 *   unknown fields and DUPLICATE_POST; the commentary is stored *as LinkedIn publishes it*
 *   (see little-text-model.ts: an unescaped reserved character cuts the text there);
 * - `GET /rest/posts/{urn}`, the finder `GET /rest/posts?q=author&author=…`, `DELETE /rest/posts/{urn}`;
 * - `GET /rest/organizationalEntityShareStatistics?q=organizationalEntity&…&shares=List(…)`;
 * - `POST /oauth/v2/accessToken` (refresh_token grant) and `POST /oauth/v2/introspectToken`.
 *
 * Errors use LinkedIn's bodies (`{status, serviceErrorCode, code, message}`); `LI_ERRORS` holds
 * the documented classes ready to inject, and faults (lost answers, hangs…) come from fault-rules.
 */

export interface LiPost {
  id: string;
  author: string;
  /** The commentary as submitted (little text). */
  submitted: string;
  published: Published;
  imageUrn: string | null;
  altText: string | null;
  createdAt: number;
  deleted: boolean;
}

export interface LiImage {
  id: string;
  owner: string;
  uploadToken: string;
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';
  pollsLeft: number;
  bytes: number;
  width: number | null;
  height: number | null;
}

export interface LiToken {
  expiresAt: number;
  revoked: boolean;
  scopes: string[];
}

export interface LiFakeOptions {
  organizationId?: string;
  accessToken?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** Image status reads answering PROCESSING before AVAILABLE. */
  processingPolls?: number;
  now?: () => number;
}

export const LI_ERRORS = {
  version_retired: (version: string) => [
    426,
    { status: 426, code: 'NONEXISTENT_VERSION', message: `Requested version ${version} is not active` },
  ],
  invalid_token: () => [
    401,
    { status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' },
  ],
  revoked_token: () => [
    401,
    {
      status: 401,
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
      message: 'The token used in the request has been revoked by the user',
    },
  ],
  expired_token: () => [
    401,
    {
      status: 401,
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
      message: 'The token used in the request has expired',
    },
  ],
  forbidden: (what = 'partnerApiPostsExternal.CREATE.20260901') => [
    403,
    { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: `Not enough permissions to access: ${what}` },
  ],
  throttled: () => [
    429,
    {
      status: 429,
      serviceErrorCode: 101,
      code: 'TOO_MANY_REQUESTS',
      message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
    },
  ],
  duplicate: (of = 'urn:li:share:7000000000000000000') => [
    422,
    {
      errorDetailType: 'com.linkedin.common.error.BadRequest',
      message: `Content is a duplicate of ${of}`,
      errorDetails: { inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }] },
      status: 422,
    },
  ],
  server: () => [500, { status: 500, message: 'Internal Server Error' }],
} as const satisfies Record<string, (...a: string[]) => readonly [number, unknown]>;
export type LiErrorName = keyof typeof LI_ERRORS;

const ALLOWED_POST_FIELDS = new Set([
  'author',
  'commentary',
  'visibility',
  'distribution',
  'content',
  'lifecycleState',
  'isReshareDisabledByAuthor',
  'contentLandingPage',
  'contentCallToActionLabel',
  'adContext',
  'reshareContext',
  'container',
]);

export interface LiFake {
  url: string;
  organizationId: string;
  organizationUrn: string;
  posts: LiPost[];
  images: LiImage[];
  tokens: Map<string, LiToken>;
  refreshTokens: Map<string, { expiresAt: number }>;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
  requests: { method: string; path: string; rawQuery: string; headers: IncomingMessage['headers']; at: number }[];
  /** Versions LinkedIn still serves (default: released in the last 12 months, not in the future). */
  isActiveVersion: (version: string) => boolean;
  /** Refuse a commentary identical to a live post's with DUPLICATE_POST (on by default, as LinkedIn does). */
  rejectDuplicates: boolean;
  processingPolls: number;
  /** Per share URN, statistics overriding the defaults. */
  stats: Map<
    string,
    Partial<
      Record<
        'impressionCount' | 'uniqueImpressionsCount' | 'clickCount' | 'likeCount' | 'commentCount' | 'shareCount',
        number
      >
    >
  >;
  onRequest: ((request: { method: string; path: string }) => void) | undefined;
  inject(rule: SocialFaultRule): void;
  /** Answer the next matching request with a documented error class. */
  injectError(name: LiErrorName, rule?: Omit<SocialFaultRule, 'fault'>): void;
  clearFaults(): void;
  setNow(fn: () => number): void;
  /** Live posts whose published text (what readers see) is exactly `plain`. */
  countPlain(plain: string): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY = 86_400_000;

/** YYYYMM of an instant. */
const yyyymm = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
};

export const startLinkedinFake = async (options: LiFakeOptions = {}): Promise<LiFake> => {
  const organizationId = options.organizationId ?? '2414183';
  const organizationUrn = `urn:li:organization:${organizationId}`;
  let now = options.now ?? (() => Date.now());
  let seq = 7_100_000_000_000_000_000n;
  const faults = faultQueue();
  const injected: { rule: Omit<SocialFaultRule, 'fault'> & { left: number }; name: LiErrorName }[] = [];
  const accessToken = options.accessToken ?? 'AQVlinkedinaccesstoken0123456789';
  const refreshToken = options.refreshToken ?? 'AQXlinkedinrefreshtoken0123456789';
  const allScopes = ['w_organization_social', 'r_organization_social', 'rw_organization_admin'];

  const fake: LiFake = {
    url: '',
    organizationId,
    organizationUrn,
    posts: [],
    images: [],
    tokens: new Map([[accessToken, { expiresAt: now() + 60 * DAY, revoked: false, scopes: allScopes }]]),
    refreshTokens: new Map([[refreshToken, { expiresAt: now() + 365 * DAY }]]),
    clientId: options.clientId ?? '86abcdefclient',
    clientSecret: options.clientSecret ?? 'WPLsecretclientsecret01',
    accessToken,
    refreshToken,
    requests: [],
    isActiveVersion: (version) => {
      const v = Number(version.slice(0, 6));
      const current = yyyymm(now());
      const yearAgo = current - 100;
      return /^\d{6}(\.\d{2})?$/.test(version) && v <= current && v > yearAgo;
    },
    rejectDuplicates: true,
    processingPolls: options.processingPolls ?? 1,
    stats: new Map(),
    onRequest: undefined,
    inject: (rule) => faults.push(rule),
    injectError: (name, rule = {}) => injected.push({ rule: { ...rule, left: rule.times ?? 1 }, name }),
    clearFaults: () => {
      faults.clear();
      injected.length = 0;
    },
    setNow: (fn) => {
      now = fn;
    },
    countPlain: (plain) => fake.posts.filter((p) => !p.deleted && p.published.plain === plain).length,
    close: () => listener.close(),
  };

  const takeInjected = (method: string, path: string): LiErrorName | undefined => {
    for (const entry of injected) {
      const { rule } = entry;
      if (rule.left <= 0) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
      rule.left -= 1;
      return entry.name;
    }
    return undefined;
  };

  const nextId = () => {
    seq += 1n;
    return seq.toString();
  };

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
    status,
    body,
    headers,
  });
  const unprocessable = (message: string) => json(422, { message, status: 422 });
  const badRequest = (message: string) => json(400, { status: 400, message });

  const postJson = (p: LiPost) => ({
    id: p.id,
    author: p.author,
    commentary: serializeLittleText(p.published.segments),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    ...(p.imageUrn ? { content: { media: { id: p.imageUrn, ...(p.altText ? { altText: p.altText } : {}) } } } : {}),
    lifecycleState: 'PUBLISHED',
    lifecycleStateInfo: { isEditedByAuthor: false },
    isReshareDisabledByAuthor: false,
    createdAt: p.createdAt,
    publishedAt: p.createdAt,
    lastModifiedAt: p.createdAt,
  });

  /** Rest.li 2.0 query: values stay raw (percent-encoded) so the encoding itself can be checked. */
  const rawParams = (rawQuery: string) => {
    const out = new Map<string, string>();
    for (const part of rawQuery.replace(/^\?/, '').split('&').filter(Boolean)) {
      const eq = part.indexOf('=');
      out.set(eq < 0 ? part : part.slice(0, eq), eq < 0 ? '' : part.slice(eq + 1));
    }
    return out;
  };
  /** A URN parameter: refused when its reserved characters are not percent-encoded. */
  const urnParam = (raw: string | undefined) => {
    if (raw === undefined) return undefined;
    if (/[:(),]/.test(raw)) return null;
    return decodeURIComponent(raw);
  };
  const listParam = (raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const m = /^List\((.*)\)$/.exec(raw);
    if (!m) return null;
    const items = m[1]!.split(',').filter(Boolean);
    if (items.some((x) => /[:()]/.test(x))) return null;
    return items.map((x) => decodeURIComponent(x));
  };

  const checkToken = (req: IncomingMessage): Answer | { token: string; info: LiToken } => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer)
      return json(401, {
        status: 401,
        serviceErrorCode: 65604,
        code: 'EMPTY_ACCESS_TOKEN',
        message: 'Empty oauth2 access token',
      });
    const info = fake.tokens.get(bearer);
    if (!info) return json(...LI_ERRORS.invalid_token());
    if (info.revoked) return json(...LI_ERRORS.revoked_token());
    if (info.expiresAt <= now()) return json(...LI_ERRORS.expired_token());
    return { token: bearer, info };
  };

  const needScope = (info: LiToken, scope: string, what: string): Answer | undefined =>
    info.scopes.includes(scope) ? undefined : json(...LI_ERRORS.forbidden(what));

  const oauth = (path: string, form: URLSearchParams): Answer => {
    const clientOk = form.get('client_id') === fake.clientId && form.get('client_secret') === fake.clientSecret;
    if (path === '/oauth/v2/accessToken') {
      if (form.get('grant_type') !== 'refresh_token')
        return json(400, {
          error: 'unsupported_grant_type',
          error_description: 'grant_type must be refresh_token here',
        });
      if (!clientOk) return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      const rt = form.get('refresh_token') ?? '';
      const entry = fake.refreshTokens.get(rt);
      if (!entry || entry.expiresAt <= now())
        return json(400, {
          error: 'invalid_request',
          error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked.',
        });
      const token = `AQV${randomBytes(18).toString('base64url')}`;
      fake.tokens.set(token, { expiresAt: now() + 60 * DAY, revoked: false, scopes: allScopes });
      return json(200, {
        access_token: token,
        expires_in: 5_184_000,
        refresh_token: rt,
        refresh_token_expires_in: Math.floor((entry.expiresAt - now()) / 1000),
        scope: allScopes.join(','),
      });
    }
    if (path === '/oauth/v2/introspectToken') {
      if (!clientOk) return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      const info = fake.tokens.get(form.get('token') ?? '');
      if (!info) return json(200, { active: false });
      const status = info.revoked ? 'revoked' : info.expiresAt <= now() ? 'expired' : 'active';
      return json(200, {
        active: status === 'active',
        client_id: fake.clientId,
        authorized_at: Math.floor((info.expiresAt - 60 * DAY) / 1000),
        created_at: Math.floor((info.expiresAt - 60 * DAY) / 1000),
        status,
        expires_at: Math.floor(info.expiresAt / 1000),
        scope: info.scopes.join(','),
        auth_type: '3L',
      });
    }
    return json(404, { status: 404, message: 'Not Found' });
  };

  const createPost = (info: LiToken, raw: Buffer): Answer => {
    const denied = needScope(info, 'w_organization_social', 'partnerApiPostsExternal.CREATE.20260901');
    if (denied) return denied;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return badRequest('Unable to parse request body');
    }
    const unknown = Object.keys(body).find((k) => !ALLOWED_POST_FIELDS.has(k));
    if (unknown) return unprocessable(`ERROR :: /${unknown} :: unrecognized field found but not allowed\n`);
    const missing = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState'].filter(
      (k) => body[k] === undefined,
    );
    if (missing.length)
      return unprocessable(
        missing.map((k) => `ERROR :: /${k} :: field is required but not found and has no default value\n`).join(''),
      );
    if (body.author !== organizationUrn)
      return json(...LI_ERRORS.forbidden(`organization ${String(body.author)} (the member is not an administrator)`));
    const commentary = String(body.commentary);
    if ([...commentary].length > 3000)
      return unprocessable('ERROR :: /commentary :: length of commentary exceeds 3000 characters\n');
    let imageUrn: string | null = null;
    let altText: string | null = null;
    const content = body.content as { media?: { id?: string; altText?: string } } | undefined;
    if (content) {
      imageUrn = content.media?.id ?? null;
      altText = content.media?.altText ?? null;
      const image = fake.images.find((i) => i.id === imageUrn);
      if (!image) return unprocessable(`ERROR :: /content/media/id :: ${String(imageUrn)} does not exist\n`);
      if (image.owner !== organizationUrn) return json(...LI_ERRORS.forbidden(`image ${image.id}`));
      if (image.status !== 'AVAILABLE')
        return unprocessable(`ERROR :: /content/media/id :: ${image.id} is not AVAILABLE (status ${image.status})\n`);
    }
    const published = parseLittleText(commentary);
    if (fake.rejectDuplicates) {
      const twin = fake.posts.find(
        (p) => !p.deleted && p.author === organizationUrn && p.published.plain === published.plain,
      );
      if (twin) return json(...LI_ERRORS.duplicate(twin.id));
    }
    const id = `urn:li:share:${nextId()}`;
    fake.posts.push({
      id,
      author: organizationUrn,
      submitted: commentary,
      published,
      imageUrn,
      altText,
      createdAt: now(),
      deleted: false,
    });
    return { status: 201, headers: { 'x-restli-id': id, 'x-linkedin-id': id } };
  };

  const rest = async (
    req: IncomingMessage,
    method: string,
    path: string,
    rawQuery: string,
    raw: Buffer,
  ): Promise<Answer> => {
    const auth = checkToken(req);
    if ('status' in auth) return auth;
    const version = req.headers['linkedin-version'];
    if (typeof version !== 'string' || !version)
      return json(400, {
        status: 400,
        code: 'VERSION_MISSING',
        message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
      });
    if (!fake.isActiveVersion(version)) return json(...LI_ERRORS.version_retired(version));
    if (req.headers['x-restli-protocol-version'] !== '2.0.0')
      return badRequest('Rest.li protocol version 2.0.0 is required (X-Restli-Protocol-Version header)');
    const params = rawParams(rawQuery);
    const segments = path.split('/').filter(Boolean).slice(1);
    const [resource, key] = segments;
    const keyUrn = key === undefined ? undefined : key.includes(':') ? null : decodeURIComponent(key);
    if (keyUrn === null) return badRequest(`Invalid key: URN keys must be percent-encoded (${key})`);

    if (resource === 'images' && !key && method === 'POST') {
      if (params.get('action') !== 'initializeUpload') return badRequest('Unknown action');
      const body = JSON.parse(raw.toString('utf8') || '{}') as { initializeUploadRequest?: { owner?: string } };
      const owner = body.initializeUploadRequest?.owner;
      if (!owner)
        return unprocessable(
          'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value\n',
        );
      if (owner !== organizationUrn) return json(...LI_ERRORS.forbidden(`owner ${owner}`));
      const denied = needScope(auth.info, 'w_organization_social', 'images.ACTION.initializeUpload');
      if (denied) return denied;
      const id = `urn:li:image:C4E${randomBytes(8).toString('hex').toUpperCase()}`;
      const uploadToken = randomBytes(12).toString('hex');
      fake.images.push({
        id,
        owner,
        uploadToken,
        status: 'WAITING_UPLOAD',
        pollsLeft: fake.processingPolls,
        bytes: 0,
        width: null,
        height: null,
      });
      return json(200, {
        value: {
          uploadUrlExpiresAt: now() + 3_600_000,
          uploadUrl: `${fake.url}/dms-uploads/${uploadToken}/uploaded-image/0?ca=vector_feedshare&cn=uploads`,
          image: id,
        },
      });
    }
    if (resource === 'images' && keyUrn && method === 'GET') {
      const image = fake.images.find((i) => i.id === keyUrn);
      if (!image) return json(404, { status: 404, code: 'NOT_FOUND', message: `Image ${keyUrn} not found` });
      if (image.status === 'PROCESSING') {
        if (image.pollsLeft > 0) image.pollsLeft -= 1;
        else image.status = 'AVAILABLE';
      }
      return json(200, {
        id: image.id,
        owner: image.owner,
        status: image.status,
        ...(image.status === 'AVAILABLE'
          ? { downloadUrl: `https://media.licdn.com/dms/image/${image.id}`, downloadUrlExpiresAt: now() + DAY }
          : {}),
      });
    }
    if (resource === 'posts' && !key && method === 'POST') return createPost(auth.info, raw);
    if (resource === 'posts' && !key && method === 'GET') {
      if (params.get('q') !== 'author') return badRequest('Unsupported finder');
      const denied = needScope(auth.info, 'r_organization_social', 'partnerApiPostsExternal.FINDER-author.20260901');
      if (denied) return denied;
      const author = urnParam(params.get('author'));
      if (author === null || author === undefined) return badRequest('Invalid value for param: author');
      const start = Number(params.get('start') ?? 0);
      const count = Math.min(Number(params.get('count') ?? 10), 100);
      const rows = fake.posts
        .filter((p) => !p.deleted && p.author === author)
        .sort((a, b) => b.createdAt - a.createdAt);
      return json(200, {
        paging: { start, count, total: rows.length, links: [] },
        elements: rows.slice(start, start + count).map(postJson),
      });
    }
    if (resource === 'posts' && keyUrn && (method === 'GET' || method === 'DELETE')) {
      const post = fake.posts.find((p) => p.id === keyUrn && !p.deleted);
      if (!post) return json(404, { status: 404, code: 'NOT_FOUND', message: `Post ${keyUrn} not found` });
      if (method === 'DELETE') {
        post.deleted = true;
        return { status: 204 };
      }
      return json(200, postJson(post));
    }
    if (resource === 'organizationalEntityShareStatistics' && !key && method === 'GET') {
      if (params.get('q') !== 'organizationalEntity') return badRequest('Unsupported finder');
      const denied = needScope(
        auth.info,
        'rw_organization_admin',
        'organizationalEntityShareStatistics.FINDER-organizationalEntity',
      );
      if (denied) return denied;
      const entity = urnParam(params.get('organizationalEntity'));
      if (!entity) return badRequest('Invalid value for param: organizationalEntity');
      if (entity !== organizationUrn) return json(...LI_ERRORS.forbidden(`organization ${entity}`));
      const shares = listParam(params.get('shares'));
      if (shares === null)
        return badRequest('Invalid value for param: shares (expected List(urn,…) with encoded URNs)');
      const wanted = shares ?? [];
      const elements = wanted
        .map((urn) => fake.posts.find((p) => p.id === urn && !p.deleted))
        .filter((p): p is LiPost => !!p)
        .map((p) => {
          const s = {
            impressionCount: 340,
            uniqueImpressionsCount: 260,
            clickCount: 12,
            likeCount: 9,
            commentCount: 2,
            shareCount: 1,
            ...fake.stats.get(p.id),
          };
          const engagement =
            s.impressionCount > 0
              ? (s.clickCount + s.likeCount + s.commentCount + s.shareCount) / s.impressionCount
              : 0;
          return { organizationalEntity: organizationUrn, share: p.id, totalShareStatistics: { ...s, engagement } };
        });
      return json(200, { paging: { start: 0, count: 10, links: [] }, elements });
    }
    return json(404, { status: 404, message: `No resource found for ${method} ${path}` });
  };

  const upload = async (req: IncomingMessage, path: string, raw: Buffer): Promise<Answer> => {
    const auth = checkToken(req);
    if ('status' in auth) return auth;
    const token = path.split('/')[2];
    const image = fake.images.find((i) => i.uploadToken === token);
    if (!image || image.status !== 'WAITING_UPLOAD')
      return json(400, { status: 400, message: 'Invalid or used upload URL' });
    image.bytes = raw.length;
    try {
      const meta = await sharp(raw).metadata();
      const ok =
        ['jpeg', 'png', 'gif'].includes(meta.format ?? '') && (meta.width ?? 0) * (meta.height ?? 0) < 36_152_320;
      image.width = meta.width ?? null;
      image.height = meta.height ?? null;
      image.status = ok ? 'PROCESSING' : 'PROCESSING_FAILED';
    } catch {
      image.status = 'PROCESSING_FAILED';
    }
    return { status: 201 };
  };

  const write = (res: ServerResponse, answer: Answer) => {
    const headers: Record<string, string> = { 'x-li-uuid': randomBytes(8).toString('hex'), ...answer.headers };
    if (answer.body !== undefined) headers['content-type'] = 'application/json';
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
      const method = req.method ?? 'GET';
      const path = url.pathname;
      const raw = await readBody(req);
      fake.requests.push({ method, path, rawQuery, headers: req.headers, at: Date.now() });
      fake.onRequest?.({ method, path });
      const fault = faults.take(method, path);
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'latency') await sleep(fault.ms);
      if (fault?.kind === 'reset_before') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"elements": [');
        return;
      }
      if (fault?.kind === 'error') {
        write(
          res,
          json(fault.httpStatus ?? 500, { status: fault.httpStatus ?? 500, message: fault.message ?? 'injected' }),
        );
        return;
      }
      const named = takeInjected(method, path);
      if (named) {
        const [status, body] =
          named === 'version_retired'
            ? LI_ERRORS.version_retired(String(req.headers['linkedin-version']))
            : LI_ERRORS[named]();
        write(res, json(status, body));
        return;
      }
      let answer: Answer;
      if (path.startsWith('/oauth/v2/') && method === 'POST')
        answer = oauth(path, new URLSearchParams(raw.toString('utf8')));
      else if (path.startsWith('/dms-uploads/') && (method === 'PUT' || method === 'POST'))
        answer = await upload(req, path, raw);
      else if (path.startsWith('/rest/')) answer = await rest(req, method, path, rawQuery, raw);
      else answer = json(404, { status: 404, message: 'Not Found' });
      if (spoilAnswer(fault, req, res)) return;
      write(res, answer);
    } catch (e) {
      if (!res.headersSent) write(res, json(500, { status: 500, message: `Internal error (${(e as Error).message})` }));
    }
  });
  const listener = await listenLoopback(server);
  fake.url = `http://127.0.0.1:${listener.port}`;
  return fake;
};
