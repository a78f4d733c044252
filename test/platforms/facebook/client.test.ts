import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createGraphClient,
  type GraphClient,
  type GraphClientOptions,
  type GraphEvent,
} from '../../../src/platforms/facebook/client.js';
import { classifyGraphError, GraphError } from '../../../src/platforms/facebook/errors.js';
import {
  createPagePost,
  listRecentPosts,
  listScheduledPosts,
  publishScheduledNow,
  reschedulePost,
  deletePost,
  debugToken,
} from '../../../src/platforms/facebook/pages.js';
import { parseUsage, slowdownMs } from '../../../src/platforms/facebook/usage.js';
import { startGraphFake, type GraphFake } from '../../fakes/graph-fake.js';

let fake: GraphFake;
let client: GraphClient;
let events: GraphEvent[];
let sleeps: number[];

const make = (extra: Partial<GraphClientOptions> = {}) =>
  createGraphClient({
    baseUrl: fake.url,
    version: 'v25.0',
    accessToken: fake.token,
    timeoutMs: 2_000,
    uploadTimeoutMs: 2_000,
    retries: 3,
    retryMinMs: 1,
    slowdownPercent: 80,
    slowdownMaxMs: 1_000,
    breakerErrorPercent: 50,
    breakerVolume: 10,
    breakerCooldownMs: 60_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onEvent: (e) => events.push(e),
    ...extra,
  });

const catchError = async (p: Promise<unknown>): Promise<GraphError> => {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  }
  throw new Error('expected a GraphError');
};

const page = () => fake.pageId;
const feed = (c: GraphClient, message = 'Bonjour') => createPagePost(c, { pageId: page(), message });
const list = (c: GraphClient) => listRecentPosts(c, page(), 0);

beforeEach(async () => {
  fake = await startGraphFake();
  events = [];
  sleeps = [];
  client = make();
});
afterEach(async () => {
  client.close();
  await fake.close();
});

describe('Graph client: wire protocol', () => {
  it('pins the version, sends the token, and posts photos as multipart source + caption', async () => {
    const image = { data: Buffer.from('89504e470d0a1a0a', 'hex'), filename: 'card.png', contentType: 'image/png' };
    const created = await createPagePost(client, { pageId: page(), message: 'Texte du post', image });
    expect(created.photoId).toMatch(/^\d+$/);
    expect(created.postId).toMatch(new RegExp(`^${page()}_\\d+$`));
    const req = fake.requests.at(-1)!;
    expect(req.path).toBe(`/${page()}/photos`);
    expect(req.fields.caption).toBe('Texte du post');
    expect(req.fields.message).toBeUndefined();
    expect(req.file).toMatchObject({ field: 'source', filename: 'card.png', contentType: 'image/png', bytes: 8 });
    expect(req.query.access_token).toBe(fake.token);
  });

  it('posts text to /feed and returns the post id', async () => {
    const created = await feed(client, 'Un texte');
    expect(created).toEqual({ postId: expect.stringMatching(/_/), photoId: null });
    expect(fake.requests.at(-1)!.path).toBe(`/${page()}/feed`);
  });

  it('schedules natively, lists, reschedules, publishes now and cancels', async () => {
    const t = Math.floor(Date.now() / 1000) + 3_600;
    const a = await createPagePost(client, { pageId: page(), message: 'Plus tard', scheduledPublishTime: t });
    const b = await createPagePost(client, { pageId: page(), message: 'Annulé', scheduledPublishTime: t + 60 });
    expect((await listScheduledPosts(client, page())).map((p) => p.id).sort()).toEqual([a.postId, b.postId].sort());
    await reschedulePost(client, page(), a.postId, t + 7_200);
    expect(fake.posts.find((p) => p.id === a.postId)!.scheduledPublishTime).toBe(t + 7_200);
    await publishScheduledNow(client, page(), a.postId);
    await deletePost(client, page(), b.postId);
    expect((await list(client)).map((p) => p.id)).toEqual([a.postId]);
    expect(await listScheduledPosts(client, page())).toEqual([]);
    // Meta refuses a time under 10 minutes: a clear invalid error, not a retry.
    const e = await catchError(
      createPagePost(client, {
        pageId: page(),
        message: 'Trop tôt',
        scheduledPublishTime: Math.floor(Date.now() / 1000) + 60,
      }),
    );
    expect(e.category).toBe('invalid');
  });

  it('signs every call with appsecret_proof when the app secret is set (classic and timed forms)', async () => {
    await fake.close();
    fake = await startGraphFake({ appSecret: 'shh-app-secret' });
    const plain = make({ appSecret: 'shh-app-secret' });
    await feed(plain, 'signé');
    expect(fake.requests.at(-1)!.query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
    const timed = make({ appSecret: 'shh-app-secret', timedProof: true });
    await list(timed);
    expect(fake.requests.at(-1)!.query.appsecret_time).toMatch(/^\d+$/);
    const wrong = make({ appSecret: 'not-the-secret' });
    expect((await catchError(list(wrong))).category).toBe('invalid');
    for (const c of [plain, timed, wrong]) c.close();
  });

  it('debug_token uses the app token and reads the fields', async () => {
    await fake.close();
    fake = await startGraphFake({ appSecret: 'sec', appId: '42' });
    const c = make({ appSecret: 'sec' });
    const d = await debugToken(c, fake.token, '42|sec');
    expect(d).toMatchObject({ isValid: true, type: 'PAGE', profileId: fake.pageId, expiresAt: 0 });
    expect(d.scopes).toContain('read_insights');
    c.close();
  });
});

describe('Graph client: error taxonomy', () => {
  it('classifies every documented code', () => {
    const c = (code: number, status = 400, extra: object = {}) => classifyGraphError({ code, ...extra }, status);
    expect(c(1)).toBe('transient');
    expect(c(2)).toBe('transient');
    expect(c(9999, 400, { is_transient: true })).toBe('transient');
    expect(c(2, 500)).toBe('unknown_outcome');
    for (const code of [4, 17, 32, 613, 80001]) expect(c(code)).toBe('throttled');
    expect(c(190)).toBe('token');
    expect(c(102)).toBe('token');
    expect(c(10)).toBe('permission');
    expect(c(200)).toBe('permission');
    expect(c(299)).toBe('permission');
    expect(c(506)).toBe('duplicate');
    expect(c(368)).toBe('policy');
    expect(c(100)).toBe('invalid');
    expect(classifyGraphError(undefined, 503)).toBe('unknown_outcome');
    expect(classifyGraphError(undefined, 429)).toBe('throttled');
  });

  it('transient errors (1, 2, is_transient) are retried with backoff on safe calls', async () => {
    fake.inject({ fault: { kind: 'error', code: 1, httpStatus: 400 }, path: '/posts' });
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 500 }, path: '/posts' });
    fake.inject({ fault: { kind: 'error', code: 12345, httpStatus: 400, isTransient: true }, path: '/posts' });
    await feed(client);
    const before = fake.requests.length;
    expect(await list(client)).toHaveLength(1);
    expect(fake.requests.length - before).toBe(4);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(3);
  });

  it('a create call is never repeated by the client: transient → error for the caller to reconcile', async () => {
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 500 }, path: '/feed' });
    const e = await catchError(feed(client));
    expect(e.category).toBe('unknown_outcome');
    expect(e.sent).toBe(true);
    expect(fake.requests.filter((r) => r.path.endsWith('/feed'))).toHaveLength(1);
  });

  it.each([4, 17, 32, 613, 80001])('throttled %i: stops calling and waits max(regain time, backoff)', async (code) => {
    fake.inject({ fault: { kind: 'error', code, regainMinutes: 7 }, path: '/posts' });
    const e = await catchError(list(client));
    expect(e.category).toBe('throttled');
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(7 * 60_000);
    const before = fake.requests.length;
    const again = await catchError(list(client));
    expect(again.category).toBe('throttled');
    expect(again.sent).toBe(false);
    expect(fake.requests.length).toBe(before);
    expect(client.throttledUntil(page())).toBeGreaterThan(Date.now());
  });

  it('throttled without a regain estimate still waits the backoff', async () => {
    fake.inject({ fault: { kind: 'error', code: 613 }, path: '/posts' });
    const e = await catchError(list(client));
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(60);
  });

  it.each([458, 460, 463, 467, 492])('token dead (190/%i): no retry, explains how to reconnect', async (subcode) => {
    fake.inject({ fault: { kind: 'error', code: 190, subcode }, path: '/posts' });
    const e = await catchError(list(client));
    expect(e.category).toBe('token');
    expect(e.subcode).toBe(subcode);
    expect(e.fix?.en).toMatch(/non-expiring Page token/);
    expect(fake.requests.filter((r) => r.path.endsWith('/posts'))).toHaveLength(1);
  });

  it('code 102 (session) is a dead token too; a wrong token answers 190', async () => {
    fake.inject({ fault: { kind: 'error', code: 102 }, path: '/posts' });
    expect((await catchError(list(client))).category).toBe('token');
    const bad = make({ accessToken: 'EAAwrongtoken999' });
    expect((await catchError(list(bad))).category).toBe('token');
    bad.close();
  });

  it.each([10, 200, 230, 299])('permission %i: no retry', async (code) => {
    fake.inject({ fault: { kind: 'error', code }, path: '/feed' });
    const e = await catchError(feed(client));
    expect(e.category).toBe('permission');
    expect(e.fix?.en).toMatch(/pages_manage_posts/);
  });

  it('duplicate 506 and policy 368 are never retried', async () => {
    fake.inject({ fault: { kind: 'error', code: 506 }, path: '/posts' });
    expect((await catchError(list(client))).category).toBe('duplicate');
    fake.inject({ fault: { kind: 'error', code: 368 }, path: '/posts' });
    expect((await catchError(list(client))).category).toBe('policy');
    expect(fake.requests.filter((r) => r.path.endsWith('/posts'))).toHaveLength(2);
  });

  it('timeouts and lost responses are unknown outcomes; a refused connection is not sent', async () => {
    fake.inject({ fault: { kind: 'apply_and_hang' }, path: '/feed' });
    const timeout = await catchError(
      make({ timeoutMs: 150 }).request({
        method: 'POST',
        path: `/${page()}/feed`,
        form: { message: 'x' },
        scope: page(),
        retry: 'once',
      }),
    );
    expect(timeout.category).toBe('unknown_outcome');
    expect(timeout.sent).toBe(true);
    fake.inject({ fault: { kind: 'response_lost' }, path: '/feed' });
    const lost = await catchError(feed(client, 'perdu'));
    expect(lost.category).toBe('unknown_outcome');
    expect(fake.countMessage('perdu')).toBe(1);
    fake.inject({ fault: { kind: 'apply_then_500' }, path: '/feed' });
    expect((await catchError(feed(client, 'proxy'))).category).toBe('unknown_outcome');
    fake.inject({ fault: { kind: 'malformed' }, path: '/feed' });
    expect((await catchError(feed(client, 'illisible'))).category).toBe('unknown_outcome');
    const spare = createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', () => r()));
    const port = (spare.address() as AddressInfo).port;
    await new Promise<void>((r) => spare.close(() => r()));
    const closed = make({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
    const refused = await catchError(
      closed.request({ method: 'POST', path: `/${page()}/feed`, form: { message: 'x' }, scope: page(), retry: 'once' }),
    );
    expect(refused.category).toBe('transient');
    expect(refused.sent).toBe(false);
    closed.close();
  });

  it('never leaks the token or the proof in messages', async () => {
    await fake.close();
    fake = await startGraphFake({ appSecret: 'app-secret-value' });
    const c = make({ appSecret: 'app-secret-value' });
    fake.inject({
      fault: {
        kind: 'error',
        code: 100,
        message: `bad request for access_token=${fake.token}&appsecret_proof=abcdef0123`,
      },
      path: '/feed',
    });
    const e = await catchError(feed(c));
    const text = JSON.stringify({ m: e.message, l: e.localized, d: e.details });
    expect(text).not.toContain(fake.token);
    expect(text).not.toContain('abcdef0123');
    expect(text).toContain('***');
    c.close();
  });
});

describe('Graph client: usage headers and slow-down', () => {
  it('parses X-App-Usage and X-Business-Use-Case-Usage', () => {
    const h = new Headers({
      'x-app-usage': '{"call_count":81,"total_time":10,"total_cputime":5}',
      'x-business-use-case-usage':
        '{"123":[{"type":"pages","call_count":12,"total_cputime":90,"total_time":3,"estimated_time_to_regain_access":4}]}',
    });
    const u = parseUsage(h)!;
    expect(u.maxPercent).toBe(90);
    expect(u.app).toEqual({ callCount: 81, totalTime: 10, totalCputime: 5 });
    expect(u.regainAccessMs).toBe(4 * 60_000);
    expect(parseUsage(new Headers({ 'x-app-usage': 'not json' }))).toBeUndefined();
    expect(slowdownMs(u, 80, 1_000)).toBe(500);
    expect(slowdownMs({ ...u, maxPercent: 79 }, 80, 1_000)).toBe(0);
  });

  it('slows down from 80 % usage: the next call waits', async () => {
    await list(client);
    expect(sleeps).toEqual([]);
    fake.usage.app = 90;
    await list(client);
    await list(client);
    expect(sleeps.length).toBe(1);
    expect(sleeps[0]).toBeGreaterThan(400);
    expect(client.lastUsage()?.maxPercent).toBe(90);
  });
  it('at 100 % with a regain estimate, stops calling until access is regained', async () => {
    fake.usage.business = 100;
    fake.usage.regainMinutes = 5;
    await list(client);
    const before = fake.requests.length;
    const e = await catchError(list(client));
    expect(e).toMatchObject({ category: 'throttled', sent: false });
    expect(e.retryAfterMs).toBeGreaterThan(4 * 60_000);
    expect(fake.requests.length).toBe(before);
  });
});

describe('Graph client: circuit breaker per Page', () => {
  it('opens on repeated failures, fails fast, and closes after the cool-down', async () => {
    const c = make({ retries: 0, breakerCooldownMs: 200, breakerVolume: 3 });
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 503 }, path: '/posts', times: 3 });
    for (let i = 0; i < 3; i += 1) expect((await catchError(list(c))).category).toBe('transient');
    expect(c.breakerState(page())).toBe('open');
    const before = fake.requests.length;
    const open = await catchError(list(c));
    expect(open.category).toBe('circuit_open');
    expect(open.sent).toBe(false);
    expect(fake.requests.length).toBe(before);
    // Another Page has its own breaker.
    expect(c.breakerState('999')).toBe('closed');
    await new Promise((r) => setTimeout(r, 260));
    expect(c.breakerState(page())).toBe('half_open');
    await list(c);
    expect(c.breakerState(page())).toBe('closed');
    expect(events.filter((e) => e.type === 'breaker').map((e) => (e as { state: string }).state)).toEqual([
      'open',
      'half_open',
      'closed',
    ]);
    c.close();
  });

  it('clear refusals (permission, invalid, duplicate) do not open the breaker', async () => {
    const c = make({ retries: 0, breakerVolume: 2 });
    fake.inject({ fault: { kind: 'error', code: 100 }, path: '/posts', times: 5 });
    for (let i = 0; i < 5; i += 1) expect((await catchError(list(c))).category).toBe('invalid');
    expect(c.breakerState(page())).toBe('closed');
    c.close();
  });
});
