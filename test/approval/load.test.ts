import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackAppFake, type SlackAppFake } from '../fakes/slack-app-fake.js';
import type { SlackSocket } from '../../src/slack/socket.js';
import { auditFor } from '../../src/store/audit-repo.js';
import { getPost } from '../../src/store/posts-repo.js';
import type { TestStore } from '../helpers/store.js';
import { announceAndSend, approvalStore, connectSocket, draft, OWNER } from './fixtures.js';
import { linkFor, serve, type Served } from './server-helpers.js';

let slack: SlackAppFake;
let store: TestStore;
let served: Served;
let socket: SlackSocket;

beforeEach(async () => {
  slack = await startSlackAppFake({ pingMs: 500 });
  store = await approvalStore(
    { SLACK_BOT_TOKEN: slack.botToken, SLACK_CHANNEL: slack.channel, SLACK_API_URL: slack.apiUrl },
    (c) => {
      c.quality.threshold = 0;
      c.approval.rateLimitPerMinute = 10_000;
    },
  );
  served = await serve(store);
  socket = await connectSocket(store, slack);
});

afterEach(async () => {
  await socket.stop();
  await served.server.close();
  await store.close();
  await slack.close();
});

const approvals = async (id: string) =>
  (await auditFor(store.deps.db, [id])).filter((a) => a.action === 'approve').length;

describe('load: 200 concurrent page requests and 50 simultaneous clicks', () => {
  it('leaves exactly one approval per post and no error', async () => {
    const ids = [await draft(store, '2026-12-01'), await draft(store, '2026-12-02'), await draft(store, '2026-12-03')];
    // Post 1: 50 Slack clicks at once (several users' taps and double taps on every variant).
    await announceAndSend(store, ids[0]!);
    const message = slack.messages.at(-1)!;
    // Posts 2 and 3: the review page, 200 concurrent GETs, then 50 approve POSTs at once on post 2.
    const link2 = await linkFor(store, served, ids[1]!);
    const link3 = await linkFor(store, served, ids[2]!);
    const page = await fetch(link2.url);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const gets = Array.from({ length: 200 }, (_, i) => fetch(i % 2 ? link2.url : link3.url).then((r) => r.status));
    const clicks = Array.from({ length: 50 }, (_, i) =>
      slack.click({ user: OWNER, message, actionId: `approve_variant_${(i % 3) + 1}` }),
    );
    const posts = Array.from({ length: 50 }, (_, i) =>
      fetch(`${link2.url}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ csrf, variant: String((i % 3) + 1), slot: 'drawn' }).toString(),
      }).then((r) => r.status),
    );
    const [getCodes, acks, postCodes] = await Promise.all([Promise.all(gets), Promise.all(clicks), Promise.all(posts)]);
    // Page views: every one answered (the approvals running alongside may turn later views of
    // post 2 into the clear "already used/decided" page, never an error).
    expect(getCodes.every((c) => c === 200 || c === 409 || c === 410)).toBe(true);
    expect(getCodes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(100);
    expect(acks).toHaveLength(50);
    expect(acks.every((a) => a.ms < 3000)).toBe(true);
    expect(postCodes.filter((c) => c === 200)).toHaveLength(1);
    expect(postCodes.every((c) => c === 200 || c === 409 || c === 410)).toBe(true);
    await slack.waitFor(() => message.updates.length >= 1 && slack.ephemerals.length >= 49, 30_000);
    expect((await getPost(store.deps.db, ids[0]!))!.state).toBe('approved');
    expect((await getPost(store.deps.db, ids[1]!))!.state).toBe('approved');
    expect((await getPost(store.deps.db, ids[2]!))!.state).toBe('in_review');
    expect(await approvals(ids[0]!)).toBe(1);
    expect(await approvals(ids[1]!)).toBe(1);
    expect(served.logs.filter((l) => l.m === 'request failed')).toHaveLength(0);
  }, 120_000);
});
