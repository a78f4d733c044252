import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../../src/platforms/facebook/client.js';
import { GraphError } from '../../../src/platforms/facebook/errors.js';
import {
  fetchPostInsights,
  metricTotal,
  POST_METRICS,
  RETIRED_METRIC,
} from '../../../src/platforms/facebook/insights.js';
import { createPagePost } from '../../../src/platforms/facebook/pages.js';
import { startGraphFake, type GraphFake } from '../../fakes/graph-fake.js';

let fake: GraphFake;
let client: GraphClient;
let postId: string;

beforeEach(async () => {
  fake = await startGraphFake();
  client = createGraphClient({
    baseUrl: fake.url,
    version: 'v25.0',
    accessToken: fake.token,
    timeoutMs: 2_000,
    uploadTimeoutMs: 2_000,
    retries: 1,
    retryMinMs: 1,
    slowdownPercent: 80,
    slowdownMaxMs: 0,
    breakerErrorPercent: 50,
    breakerVolume: 20,
    breakerCooldownMs: 1_000,
  });
  postId = (await createPagePost(client, { pageId: fake.pageId, message: 'Mesuré' })).postId;
});
afterEach(async () => {
  client.close();
  await fake.close();
});

describe('post insights', () => {
  it('asks only current metrics, never a retired one', () => {
    expect(POST_METRICS.filter((m) => RETIRED_METRIC.test(m))).toEqual([]);
    expect(POST_METRICS).toContain('post_total_media_view_unique');
  });

  it('the fake refuses retired metrics with #100, failing the whole request, as Meta does', async () => {
    const call = client.request({
      method: 'GET',
      path: `/${postId}/insights`,
      query: { metric: 'post_media_view,post_impressions_unique' },
      scope: fake.pageId,
      retry: 'safe',
    });
    await expect(call).rejects.toBeInstanceOf(GraphError);
    await expect(call).rejects.toMatchObject({ graphCode: 100, category: 'invalid' });
    await expect(
      client.request({
        method: 'GET',
        path: `/${postId}/insights`,
        query: { metric: 'post_engaged_users' },
        scope: fake.pageId,
        retry: 'safe',
      }),
    ).rejects.toMatchObject({ graphCode: 100 });
  });

  it('reads lifetime values (numbers and maps) and shares in two calls', async () => {
    fake.posts[0]!.shares = 4;
    fake.posts[0]!.comments = 3;
    fake.insights.set(postId, { post_media_view: 321, post_reactions_by_type_total: { like: 9, wow: 2 } });
    const before = fake.requests.length;
    const r = await fetchPostInsights(client, fake.pageId, postId);
    expect(fake.requests.length - before).toBe(2);
    expect(fake.requests.at(-2)!.query).toMatchObject({ metric: POST_METRICS.join(','), period: 'lifetime' });
    expect(r).toMatchObject({
      views: 321,
      uniqueViewers: 95,
      clicks: 7,
      reactions: 11,
      shares: 4,
      comments: 3,
      commentsBasis: 'summary',
      missing: [],
    });
    expect(fake.requests.at(-1)!.query.fields).toBe('shares,comments.limit(0).summary(true)');
    expect(r.values.post_clicks_by_type).toEqual({ 'link clicks': 4, 'other clicks': 3 });
  });

  it('a missing shares field means 0 shares', async () => {
    expect((await fetchPostInsights(client, fake.pageId, postId)).shares).toBe(0);
  });

  it('tolerates a permission error on one metric and on shares: the rest is still read', async () => {
    fake.deniedMetrics.add('post_clicks');
    fake.denyShares = true;
    const r = await fetchPostInsights(client, fake.pageId, postId);
    expect(r.clicks).toBeNull();
    expect(r.views).toBe(120);
    expect(r.shares).toBeNull();
    expect(r.missing).toEqual([
      { name: 'post_clicks', reason: 'permission #10' },
      { name: 'shares', reason: 'permission #10' },
    ]);
  });

  it('comments refused (no pages_read_user_content): shares kept, comments from the activity map', async () => {
    fake.posts[0]!.shares = 2;
    fake.denyComments = true;
    const r = await fetchPostInsights(client, fake.pageId, postId);
    expect(r).toMatchObject({ shares: 2, comments: 2, commentsBasis: 'activity' });
    expect(r.missing).toEqual([{ name: 'comments', reason: 'permission #10' }]);
  });

  it('token and throttle errors are not swallowed (the pull is retried later)', async () => {
    fake.inject({ fault: { kind: 'error', code: 190, subcode: 463 }, path: '/insights' });
    await expect(fetchPostInsights(client, fake.pageId, postId)).rejects.toMatchObject({ category: 'token' });
    fake.inject({ fault: { kind: 'error', code: 4 }, path: '/insights' });
    await expect(fetchPostInsights(client, fake.pageId, postId)).rejects.toMatchObject({ category: 'throttled' });
  });

  it('sums maps, passes numbers, null when absent', () => {
    expect(metricTotal({ a: 1, b: 2 })).toBe(3);
    expect(metricTotal(5)).toBe(5);
    expect(metricTotal(undefined)).toBeNull();
  });
});
