import { createServer } from 'node:http';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../../src/platforms/facebook/client.js';
import { isInstagramError, type InstagramError } from '../../../src/platforms/instagram/errors.js';
import { fetchMediaInsights, INSTAGRAM_METRICS } from '../../../src/platforms/instagram/insights.js';
import { linkedInstagramAccount, listRecentMedia } from '../../../src/platforms/instagram/media.js';
import { publishInstagramImage } from '../../../src/platforms/instagram/publish-flow.js';
import { startInstagramFake, type IgFake } from '../../fakes/instagram-fake.js';
import { listenLoopback } from '../../fakes/loopback.js';

/** The real Graph client and Instagram calls against the loopback Instagram fake. */

let fake: IgFake;
let media: { url: string; close: () => Promise<void> };
const files = new Map<string, Buffer>();

const client = (timeoutMs = 2_000): GraphClient =>
  createGraphClient({
    baseUrl: fake.url,
    version: 'v25.0',
    accessToken: fake.token,
    timeoutMs,
    uploadTimeoutMs: timeoutMs,
    retries: 1,
    retryMinMs: 1,
    slowdownPercent: 80,
    slowdownMaxMs: 0,
    breakerErrorPercent: 100,
    breakerVolume: 100,
    breakerCooldownMs: 1000,
  });

const flow = { pollMs: 1, containerTimeoutMs: 2_000, sleep: async () => {} };

const expectIg = async (p: Promise<unknown>): Promise<InstagramError> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isInstagramError(error), String(error)).toBe(true);
  return error as InstagramError;
};

beforeAll(async () => {
  files.set(
    '/ok.jpg',
    await sharp({ create: { width: 1080, height: 1350, channels: 3, background: '#0B3D91' } })
      .jpeg()
      .toBuffer(),
  );
  files.set(
    '/tall.jpg',
    await sharp({ create: { width: 600, height: 1200, channels: 3, background: '#FFB400' } })
      .jpeg()
      .toBuffer(),
  );
  files.set(
    '/card.png',
    await sharp({ create: { width: 1080, height: 1350, channels: 3, background: '#FFB400' } })
      .png()
      .toBuffer(),
  );
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(body);
  });
  const l = await listenLoopback(server);
  media = { url: `http://127.0.0.1:${l.port}`, close: l.close };
});
afterAll(async () => media.close());
afterEach(async () => fake?.close());

describe('Instagram publishing against the fake', () => {
  it('finds the account from the Page, reads the quota, publishes once and stores the permalink', async () => {
    fake = await startInstagramFake({ processingPolls: 2 });
    const c = client();
    expect(await linkedInstagramAccount(c, fake.pageId)).toBe(fake.igUserId);
    const caption = 'Un appel manqué = un client perdu.\n\n#PMEQuébec #ServiceClient';
    const out = await publishInstagramImage(
      c,
      fake.igUserId,
      { imageUrl: `${media.url}/ok.jpg`, caption, altText: 'Carte bleue' },
      flow,
    );
    expect(out.permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
    expect(fake.countCaption(caption)).toBe(1);
    expect(fake.media[0]!.altText).toBe('Carte bleue');
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths[1]).toBe(`GET /${fake.igUserId}/content_publishing_limit`);
    expect(paths.filter((p) => p.endsWith('/media_publish'))).toHaveLength(1);
    const recent = await listRecentMedia(c, fake.igUserId, Math.floor(Date.now() / 1000) - 60);
    expect(recent.map((m) => m.caption)).toEqual([caption]);
    c.close();
  });

  it('maps every documented error class', async () => {
    fake = await startInstagramFake();
    const c = client();
    const post = (path = '/ok.jpg', caption = 'Texte') => ({ imageUrl: `${media.url}${path}`, caption });
    // 9004: the URL is not reachable (and a PNG is not accepted either).
    expect((await expectIg(publishInstagramImage(c, fake.igUserId, post('/missing.jpg'), flow))).category).toBe(
      'fetch_failed',
    );
    expect((await expectIg(publishInstagramImage(c, fake.igUserId, post('/card.png'), flow))).category).toBe(
      'fetch_failed',
    );
    // 36003: the fake measures the real image.
    expect((await expectIg(publishInstagramImage(c, fake.igUserId, post('/tall.jpg'), flow))).category).toBe(
      'media_invalid',
    );
    // 36004: caption over 2,200 characters.
    expect(
      (await expectIg(publishInstagramImage(c, fake.igUserId, post('/ok.jpg', 'x'.repeat(2201)), flow))).category,
    ).toBe('caption_invalid');
    // ERROR status → container_error; EXPIRED → expired; neither published anything.
    fake.failNextContainers.count = 1;
    const failed = await expectIg(publishInstagramImage(c, fake.igUserId, post(), flow));
    expect([failed.category, failed.sent]).toEqual(['container_error', false]);
    expect(failed.message).toContain('2207082');
    fake.processingPolls = 50;
    fake.setNow(() => Date.now());
    const expiring = publishInstagramImage(c, fake.igUserId, post(), {
      ...flow,
      sleep: async () => {
        fake.setNow(() => Date.now() + 25 * 3_600_000);
      },
    });
    expect((await expectIg(expiring)).category).toBe('expired');
    fake.setNow(() => Date.now());
    fake.processingPolls = 0;
    // Quota 9/2207042 and spam 4/2207051 on media_publish: definite refusals, nothing sent.
    for (const [name, category] of [
      ['quota', 'quota'],
      ['spam', 'spam'],
      ['restricted', 'restricted'],
    ] as const) {
      fake.injectError(name, { path: '/media_publish' });
      // A fresh client each time: spam (code 4) also pauses the client's calls to the account.
      const fresh = client();
      const e = await expectIg(publishInstagramImage(fresh, fake.igUserId, post(), flow));
      fresh.close();
      expect([e.category, e.sent]).toEqual([category, false]);
    }
    // 9007 not ready is waited out.
    fake.injectError('not_ready', { path: '/media_publish', times: 2 });
    await publishInstagramImage(c, fake.igUserId, post('/ok.jpg', 'prêt'), flow);
    expect(fake.countCaption('prêt')).toBe(1);
    // Token and permission.
    fake.injectError('token', { path: '/content_publishing_limit' });
    expect((await expectIg(publishInstagramImage(c, fake.igUserId, post(), flow))).category).toBe('token');
    fake.scopes = fake.scopes.filter((s) => s !== 'instagram_content_publish');
    expect((await expectIg(publishInstagramImage(c, fake.igUserId, post(), flow))).category).toBe('permission');
    c.close();
  });

  it('reads the quota at run time and refuses before any call when it is used up', async () => {
    fake = await startInstagramFake({ quotaTotal: 1 });
    const c = client();
    await publishInstagramImage(c, fake.igUserId, { imageUrl: `${media.url}/ok.jpg`, caption: 'un' }, flow);
    const e = await expectIg(
      publishInstagramImage(c, fake.igUserId, { imageUrl: `${media.url}/ok.jpg`, caption: 'deux' }, flow),
    );
    expect([e.category, e.sent]).toEqual(['quota', false]);
    expect(e.retryAfterMs).toBeGreaterThan(0);
    expect(fake.containers).toHaveLength(1);
    c.close();
  });

  it('a lost answer or a hang on media_publish is an unknown outcome; the listing finds the media', async () => {
    fake = await startInstagramFake();
    const c = client(300);
    fake.inject({ path: '/media_publish', fault: { kind: 'response_lost' } });
    const lost = await expectIg(
      publishInstagramImage(c, fake.igUserId, { imageUrl: `${media.url}/ok.jpg`, caption: 'perdu' }, flow),
    );
    expect([lost.category, lost.sent]).toEqual(['unknown_outcome', true]);
    fake.inject({ path: '/media_publish', fault: { kind: 'apply_and_hang' } });
    const hung = await expectIg(
      publishInstagramImage(c, fake.igUserId, { imageUrl: `${media.url}/ok.jpg`, caption: 'pendu' }, flow),
    );
    expect(hung.category).toBe('unknown_outcome');
    fake.inject({ path: '/media_publish', fault: { kind: 'hang' } });
    await expectIg(
      publishInstagramImage(c, fake.igUserId, { imageUrl: `${media.url}/ok.jpg`, caption: 'jamais' }, flow),
    );
    const captions = (await listRecentMedia(c, fake.igUserId, 0)).map((m) => m.caption);
    expect(captions.sort()).toEqual(['pendu', 'perdu']);
    c.close();
  });

  it('reads the current media metrics; lagging data gives nulls, not zeros', async () => {
    fake = await startInstagramFake();
    const c = client();
    const { mediaId } = await publishInstagramImage(
      c,
      fake.igUserId,
      { imageUrl: `${media.url}/ok.jpg`, caption: 'm' },
      flow,
    );
    fake.insights.set(mediaId, { reach: 400, likes: 20, comments: 5, shares: 3, saved: 2 });
    const insights = await fetchMediaInsights(c, fake.igUserId, mediaId);
    expect(insights).toMatchObject({ reach: 400, likes: 20, interactions: 30, missing: [] });
    expect(fake.requests.at(-1)!.query.metric).toBe(INSTAGRAM_METRICS.join(','));
    fake.insightsLagMs = 3_600_000;
    const lagging = await fetchMediaInsights(c, fake.igUserId, mediaId);
    expect([lagging.reach, lagging.interactions]).toEqual([null, null]);
    expect(lagging.missing.map((m) => m.name)).toEqual([...INSTAGRAM_METRICS]);
    c.close();
  });
});
