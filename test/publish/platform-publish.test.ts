import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { decodeLittleText } from '../../src/platforms/linkedin/little-text.js';
import { publishDuePlatforms } from '../../src/publish/platform-due.js';
import { setPlatformText } from '../../src/publish/platform-text-edit.js';
import { platformPostsOf, platformAttempts } from '../../src/store/platform-posts-repo.js';
import { startInstagramFake, type IgFake } from '../fakes/instagram-fake.js';
import { startLinkedinFake, type LiFake } from '../fakes/linkedin-fake.js';
import { listenLoopback } from '../fakes/loopback.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { testStore, type TestStore } from '../helpers/store.js';

/** The per-platform exactly-once runner, in process, against the Instagram and LinkedIn fakes. */

let ig: IgFake;
let li: LiFake;
let store: TestStore;
let media: { url: string; close: () => Promise<void> };

beforeEach(async () => {
  ig = await startInstagramFake();
  li = await startLinkedinFake();
  const config = buildInitialConfig({});
  const brand = config.brands[config.currentBrand]!;
  brand.platforms = [{ platform: 'facebook' }, { platform: 'instagram' }, { platform: 'linkedin' }];
  config.instagram = { ...config.instagram, settleMs: 50, containerPollMs: 10 };
  config.linkedin = { ...config.linkedin, settleMs: 50, imagePollMs: 10, retryMinMs: 1 };
  config.facebook = { ...config.facebook, retryMinMs: 1 };
  store = await testStore({
    now: '2026-12-08T20:00:00Z',
    config,
    env: {
      FACEBOOK_ACCESS_TOKEN: ig.token,
      FACEBOOK_PAGE_ID: ig.pageId,
      INSTAGRAM_GRAPH_URL: ig.url,
      LINKEDIN_ACCESS_TOKEN: li.accessToken,
      LINKEDIN_ORGANIZATION_ID: li.organizationId,
      LINKEDIN_API_URL: li.url,
    },
  });
  // A public folder serving <home>/media, as a web server in front of it would.
  const server = createServer((req, res) => {
    const file = join(store.deps.paths.media, (req.url ?? '').replace(/^\//, ''));
    if (!existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    createReadStream(file).pipe(res);
  });
  const l = await listenLoopback(server);
  media = { url: `http://127.0.0.1:${l.port}`, close: l.close };
  store.deps.config.instagram.mediaBaseUrl = media.url;
  // The platforms' clocks are the business clock (reconciliation compares their timestamps).
  ig.setNow(() => store.clock.now().getTime());
  li.setNow(() => store.clock.now().getTime());
});
afterEach(async () => {
  await Promise.all([ig.close(), li.close(), media.close()]);
  await store.close();
});

const TEXT =
  'Un garage (Sherbrooke) a capté 40 rendez-vous [printemps] grâce_à la réceptionniste. Voir https://autoscale.ai/garage\n\n#PMEQuébec';

describe('publishing to Instagram and LinkedIn, exactly once each', () => {
  it('plans each platform in its own window, adapts the text and image, publishes once per platform', async () => {
    const postId = await approvedPost(store.deps, { text: TEXT, at: '2026-12-08T18:30:00Z', image: true });
    const first = await publishDuePlatforms(store.deps);
    expect(first.outcomes.map((o) => o.action)).toEqual([]);
    const rows = await platformPostsOf(store.deps.db, postId);
    expect(rows.map((r) => r.platform).sort()).toEqual(['instagram', 'linkedin']);
    // LinkedIn mornings (08:00–10:00), Instagram lunch (11:00–13:00), Toronto time, the next posting day.
    for (const r of rows) expect(new Date(r.slotAt).getTime()).toBeGreaterThan(store.clock.now().getTime());
    store.clock.set('2026-12-10T23:00:00Z');
    const report = await publishDuePlatforms(store.deps);
    expect(report.outcomes.map((o) => [o.platform, o.action]).sort()).toEqual([
      ['instagram', 'published'],
      ['linkedin', 'published'],
    ]);
    expect(ig.media).toHaveLength(1);
    expect(ig.media[0]!.caption).not.toContain('https://');
    expect(ig.media[0]!.caption).toContain('lien dans notre bio');
    expect([ig.media[0]!.image.width, ig.media[0]!.image.height]).toEqual([1080, 1350]);
    expect(li.posts).toHaveLength(1);
    expect(li.posts[0]!.published.cutAt).toBeNull();
    expect(decodeLittleText(li.posts[0]!.submitted)).toContain('(Sherbrooke)');
    // A second run does nothing.
    expect((await publishDuePlatforms(store.deps)).outcomes).toEqual([]);
    expect([ig.media.length, li.posts.length]).toEqual([1, 1]);
  });

  it('a lost answer is reconciled, never published twice; a failure on one platform does not touch the other', async () => {
    const postId = await approvedPost(store.deps, {
      text: 'Texte sans lien.',
      at: '2026-12-08T18:30:00Z',
      image: true,
    });
    await publishDuePlatforms(store.deps);
    store.clock.set('2026-12-10T23:00:00Z');
    li.inject({ method: 'POST', path: '/rest/posts', fault: { kind: 'response_lost' } });
    ig.injectError('caption', { path: '/media' });
    const first = await publishDuePlatforms(store.deps);
    expect(Object.fromEntries(first.outcomes.map((o) => [o.platform, o.action]))).toEqual({
      instagram: 'failed',
      linkedin: 'unconfirmed',
    });
    expect(li.posts).toHaveLength(1);
    // Within the settle time nothing is sent; after it the listing finds the post.
    store.clock.set('2026-12-10T23:10:00Z');
    const second = await publishDuePlatforms(store.deps);
    expect(second.outcomes.map((o) => [o.platform, o.action])).toEqual([['linkedin', 'published']]);
    expect(li.posts).toHaveLength(1);
    const rows = await platformPostsOf(store.deps.db, postId);
    const liRow = rows.find((r) => r.platform === 'linkedin')!;
    expect([liRow.state, liRow.remoteId]).toEqual(['published', li.posts[0]!.id]);
    const igRow = rows.find((r) => r.platform === 'instagram')!;
    expect(igRow.state).toBe('failed');
    expect(igRow.failureReason).toMatch(/caption|légende/i);
    expect((await platformAttempts(store.deps.db, liRow.id)).map((a) => a.status)).toEqual(['published']);
  });

  it('an attempt absent after the settle time is tried again; a quota pause waits without spending attempts', async () => {
    await approvedPost(store.deps, { text: 'Deuxième texte.', at: '2026-12-08T18:30:00Z', image: true });
    await publishDuePlatforms(store.deps);
    store.clock.set('2026-12-10T23:00:00Z');
    li.inject({ method: 'POST', path: '/rest/posts', fault: { kind: 'reset_before' } });
    ig.quotaTotal = 0;
    const first = await publishDuePlatforms(store.deps);
    expect(Object.fromEntries(first.outcomes.map((o) => [o.platform, o.action]))).toEqual({
      instagram: 'retry_later',
      linkedin: 'unconfirmed',
    });
    ig.quotaTotal = 50;
    store.clock.set('2026-12-11T01:00:00Z');
    const second = await publishDuePlatforms(store.deps);
    expect(Object.fromEntries(second.outcomes.map((o) => [o.platform, o.action]))).toEqual({
      instagram: 'published',
      linkedin: 'published',
    });
    expect([ig.media.length, li.posts.length]).toEqual([1, 1]);
  });

  it('says what to set up when a platform has no credentials, and publishes the others', async () => {
    const env = store.deps.env;
    store.deps.env = { ...env, get: (n: string) => (n.startsWith('LINKEDIN') ? undefined : env.get(n)) };
    await approvedPost(store.deps, { text: 'Troisième.', at: '2026-12-08T18:30:00Z', image: true });
    await publishDuePlatforms(store.deps);
    store.clock.set('2026-12-10T23:00:00Z');
    const report = await publishDuePlatforms(store.deps);
    expect(report.outcomes.map((o) => [o.platform, o.action])).toEqual([['instagram', 'published']]);
    expect(report.blocked).toEqual([
      { platform: 'linkedin', posts: 1, reason: expect.stringContaining('LINKEDIN_ACCESS_TOKEN') },
    ]);
  });

  it('a person edits one platform’s text until its first attempt; the rules of the platform are checked', async () => {
    const postId = await approvedPost(store.deps, { text: 'Texte approuvé.', at: '2026-12-08T18:30:00Z', image: true });
    const edited = 'Texte LinkedIn (revu) avec [crochets] et #PMEQuébec';
    await setPlatformText(store.deps, postId, 'linkedin', edited);
    await expect(setPlatformText(store.deps, postId, 'instagram', 'x'.repeat(2201))).rejects.toMatchObject({
      code: 'platform_text_invalid',
    });
    await expect(setPlatformText(store.deps, postId, 'instagram', 'Voir https://a.ca')).rejects.toMatchObject({
      code: 'platform_text_invalid',
    });
    store.clock.set('2026-12-10T23:00:00Z');
    await publishDuePlatforms(store.deps);
    expect(decodeLittleText(li.posts[0]!.submitted)).toBe(edited);
    expect(li.posts[0]!.published.cutAt).toBeNull();
    expect(ig.media[0]!.caption).toContain('Texte approuvé.');
    await expect(setPlatformText(store.deps, postId, 'linkedin', 'trop tard')).rejects.toMatchObject({
      code: 'platform_text_frozen',
    });
  });
});
