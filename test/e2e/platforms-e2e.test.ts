import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { startInstagramFake, type IgFake } from '../fakes/instagram-fake.js';
import { startLinkedinFake, type LiFake } from '../fakes/linkedin-fake.js';
import { listenLoopback } from '../fakes/loopback.js';
import { json, runCliCollect, tempHome } from '../helpers/cli.js';

/**
 * Built CLI, three platforms: generate → approve → the daemon publishes to LinkedIn (mornings),
 * Instagram (lunch) and Facebook (afternoon) at their own slots → metrics at +24 h →
 * `report --week --json` with the per-platform figures. December 2026, Toronto (UTC−5).
 */
describe('three platforms end to end (built CLI, daemon --once --now)', () => {
  const home = tempHome('autoscale-platforms-e2e-');
  let fb: GraphFake;
  let ig: IgFake;
  let li: LiFake;
  let media: { url: string; close: () => Promise<void> };
  let sim = Date.parse('2026-12-07T15:00:00Z');
  let env: Record<string, string>;
  let postId = '';

  const cli = async (args: string[], now: string) => {
    sim = Date.parse(now);
    const r = await runCliCollect([...args, '--now', now], home.dir, env);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  const rows = () => {
    const d = new Database(join(home.dir, 'autoscale.db'), { readonly: true });
    try {
      return d.prepare('SELECT platform, state, slot_at, remote_id FROM platform_posts ORDER BY platform').all() as {
        platform: string;
        state: string;
        slot_at: string;
        remote_id: string | null;
      }[];
    } finally {
      d.close();
    }
  };

  beforeAll(async () => {
    fb = await startGraphFake();
    ig = await startInstagramFake({ token: fb.token, pageId: fb.pageId });
    li = await startLinkedinFake();
    for (const f of [fb, ig, li]) f.setNow(() => sim);
    const server = createServer((req, res) => {
      const file = join(home.dir, 'media', (req.url ?? '').replace(/^\//, ''));
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
    env = {
      FACEBOOK_ACCESS_TOKEN: fb.token,
      FACEBOOK_PAGE_ID: fb.pageId,
      FACEBOOK_GRAPH_URL: fb.url,
      INSTAGRAM_GRAPH_URL: ig.url,
      LINKEDIN_ACCESS_TOKEN: li.accessToken,
      LINKEDIN_ORGANIZATION_ID: li.organizationId,
      LINKEDIN_API_URL: li.url,
    };
    expect((await runCliCollect(['init', '--yes'], home.dir)).code).toBe(0);
    const file = join(home.dir, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    const brand = config.brands[config.currentBrand];
    brand.platforms = [{ platform: 'facebook' }, { platform: 'instagram' }, { platform: 'linkedin' }];
    brand.posting = { ...brand.posting, mode: 'queue' };
    config.facebook = { ...(config.facebook ?? {}), settleMs: 10, retries: 1, retryMinMs: 10 };
    config.instagram = { mediaBaseUrl: media.url, settleMs: 10, containerPollMs: 10 };
    config.linkedin = { settleMs: 10, imagePollMs: 10, retryMinMs: 10 };
    config.daemon = { backoff: { minSeconds: 60, maxSeconds: 3600, factor: 2 } };
    writeFileSync(file, JSON.stringify(config, null, 2));
  });
  afterAll(async () => {
    await Promise.all([fb?.close(), ig?.close(), li?.close(), media?.close()]);
    home.cleanup();
  });

  it('generate → approve: each platform gets its own slot in its own window', async () => {
    const gen = json(
      await cli(['generate', '--type', 'tip', '--date', '2026-12-08', '--json'], '2026-12-07T15:00:00Z'),
    );
    postId = gen.postId ?? gen.post?.id ?? gen.id;
    expect(postId).toBeTruthy();
    await cli(['approve', postId, '--variant', '1', '--json'], '2026-12-07T15:05:00Z');
    await cli(['daemon', '--once', '--json'], '2026-12-07T15:10:00Z');
    const planned = rows();
    expect(planned.map((r) => [r.platform, r.state])).toEqual([
      ['instagram', 'scheduled'],
      ['linkedin', 'scheduled'],
    ]);
    const hourEst = (iso: string) => (new Date(iso).getUTCHours() + 24 - 5) % 24;
    const igRow = planned.find((r) => r.platform === 'instagram')!;
    const liRow = planned.find((r) => r.platform === 'linkedin')!;
    expect(hourEst(igRow.slot_at)).toBeGreaterThanOrEqual(10);
    expect(hourEst(igRow.slot_at)).toBeLessThanOrEqual(13);
    expect(hourEst(liRow.slot_at)).toBeGreaterThanOrEqual(7);
    expect(hourEst(liRow.slot_at)).toBeLessThanOrEqual(10);
    const shown = json(await cli(['show', postId, '--json'], '2026-12-07T15:11:00Z'));
    expect(shown.platforms.map((p: { platform: string }) => p.platform)).toEqual(['facebook', 'instagram', 'linkedin']);
    expect(shown.platforms[2].text).toMatch(/#/);
  });

  it('the daemon publishes each platform at its slot, once', async () => {
    // Tuesday 10:30 EST: LinkedIn's morning slot has passed, not the others.
    await cli(['daemon', '--once', '--json'], '2026-12-08T15:30:00Z');
    await cli(['daemon', '--once', '--json'], '2026-12-08T15:31:00Z');
    expect([fb.posts.length, ig.media.length, li.posts.length]).toEqual([0, 0, 1]);
    // 13:30 EST: Instagram's lunch slot too.
    await cli(['daemon', '--once', '--json'], '2026-12-08T18:30:00Z');
    await cli(['daemon', '--once', '--json'], '2026-12-08T18:31:00Z');
    expect([ig.media.length, li.posts.length]).toEqual([1, 1]);
    // 16:30 EST: Facebook's afternoon slot.
    await cli(['daemon', '--once', '--json'], '2026-12-08T21:30:00Z');
    await cli(['daemon', '--once', '--json'], '2026-12-08T21:31:00Z');
    expect([fb.posts.length, ig.media.length, li.posts.length]).toEqual([1, 1, 1]);
    expect(rows().map((r) => r.state)).toEqual(['published', 'published']);
    expect(li.posts[0]!.published.cutAt).toBeNull();
  });

  it('+24 h: metrics per platform; report --week --json has the per-platform figures', async () => {
    ig.insights.set(ig.media[0]!.id, { reach: 500, likes: 30, comments: 6, shares: 4, saved: 10 });
    li.stats.set(li.posts[0]!.id, {
      impressionCount: 1000,
      uniqueImpressionsCount: 700,
      clickCount: 20,
      likeCount: 15,
      commentCount: 3,
      shareCount: 2,
    });
    await cli(['daemon', '--once', '--json'], '2026-12-09T22:00:00Z');
    await cli(['daemon', '--once', '--json'], '2026-12-09T22:01:00Z');
    // Overdue pulls that touch a platform are spread 5 min apart by the daemon's catch-up.
    await cli(['daemon', '--once', '--json'], '2026-12-09T22:06:00Z');
    await cli(['daemon', '--once', '--json'], '2026-12-09T22:12:00Z');
    const report = json(await cli(['report', '--week', '--json'], '2026-12-14T14:00:00Z'));
    const by = Object.fromEntries(report.platforms.rows.map((r: { platform: string }) => [r.platform, r])) as Record<
      string,
      { posts: number; measured: number; rate: number | null; interactions: number | null }
    >;
    expect(Object.keys(by)).toEqual(['facebook', 'instagram', 'linkedin']);
    expect(by.instagram).toMatchObject({ posts: 1, measured: 1, interactions: 50 });
    expect(by.instagram!.rate).toBeCloseTo(50 / 500, 6);
    expect(by.linkedin).toMatchObject({ posts: 1, measured: 1, interactions: 40 });
    expect(by.linkedin!.rate).toBeCloseTo(40 / 1000, 6);
    expect(by.facebook).toMatchObject({ posts: 1, measured: 1 });
    expect(by.facebook!.rate).not.toBeNull();
    expect(report.platforms.totals.posts).toBe(3);
  });
});
