import { cpSync, createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHome } from '../../src/config/home.js';
import { saveConfig } from '../../src/config/load.js';
import { loadEnvironment } from '../../src/config/secrets.js';
import type { ServiceDeps } from '../../src/deps/service-deps.js';
import { platformImage } from '../../src/images/platform-images.js';
import { decodeLittleText } from '../../src/platforms/linkedin/little-text.js';
import { planPlatforms } from '../../src/publish/platform-due.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { openDatabase } from '../../src/store/database.js';
import { getPost } from '../../src/store/posts-repo.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { startInstagramFake, type IgFake } from '../fakes/instagram-fake.js';
import { startLinkedinFake, type LiFake } from '../fakes/linkedin-fake.js';
import { listenLoopback } from '../fakes/loopback.js';
import { BIN, runCliAsync } from '../helpers/cli.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { pool } from '../helpers/pool.js';

/**
 * Three-platform publication under SIGKILL (built CLI, `publish --due`): Facebook, Instagram and
 * LinkedIn for three approved posts. Every run kills the process three times at random moments (timed
 * over a measured run, or a few ms after the k-th request reaches any of the three fakes:
 * before, during or after a platform applies it), then lets it finish. Each platform must end
 * with exactly one post per approved post, and the store must agree with each fake.
 * CRASH_RUNS sets the number of runs (default 70, so 210 kills); build first.
 */

const TEXTS = [
  'Plateformes 1 : une réceptionniste (IA) répond à chaque appel, même à midi.',
  'Plateformes 2 : vos clients [détestent] la boîte_vocale; voici quoi faire.',
  'Plateformes 3 : trois questions à poser avant de choisir un service de réponse.',
];
const RUNS = Number(process.env.CRASH_RUNS ?? 70);
/** Kills per run, each of a fresh process resuming what the previous kill left. */
const KILLS_PER_RUN = 3;

let template: string;
let media: { url: string; close: () => Promise<void> };
/** Publishing span of an uninterrupted run (first request to exit), measured on this machine now. */
let fullRunMs = 1000;

const clock = { now: () => new Date('2026-01-05T12:00:00Z') };

const templateDeps = async (home: string, mediaUrl: string) => {
  const paths = resolveHome(home, {});
  const config = buildInitialConfig({});
  const brand = config.brands[config.currentBrand]!;
  brand.platforms = [{ platform: 'facebook' }, { platform: 'instagram' }, { platform: 'linkedin' }];
  brand.posting = { ...brand.posting, mode: 'queue' };
  config.facebook = {
    ...config.facebook,
    settleMs: 40,
    retryMinMs: 1,
    timeoutMs: 500,
    uploadTimeoutMs: 500,
    maxAttempts: 5,
  };
  config.instagram = { ...config.instagram, settleMs: 40, containerPollMs: 10, maxAttempts: 5, mediaBaseUrl: mediaUrl };
  config.linkedin = {
    ...config.linkedin,
    settleMs: 40,
    imagePollMs: 10,
    retryMinMs: 1,
    timeoutMs: 500,
    maxAttempts: 5,
  };
  saveConfig(paths.config, config);
  const opened = await openDatabase(paths.database);
  const deps: ServiceDeps = {
    db: opened.db,
    config,
    brandSlug: config.currentBrand,
    brand,
    clock,
    env: loadEnvironment(paths.env, {}),
    paths,
    writer: () => ({ now: clock.now().toISOString(), actor: 'tester@test', replica: 'replica-test' }),
  };
  return { deps, opened };
};

interface Fakes {
  fb: GraphFake;
  ig: IgFake;
  li: LiFake;
  env: Record<string, string>;
  close(): Promise<void>;
}

const startFakes = async (latency: number): Promise<Fakes> => {
  const fb = await startGraphFake({ latencyMs: latency });
  const ig = await startInstagramFake({ token: fb.token, pageId: fb.pageId, processingPolls: 1 });
  const li = await startLinkedinFake({ processingPolls: 1 });
  return {
    fb,
    ig,
    li,
    env: {
      FACEBOOK_ACCESS_TOKEN: fb.token,
      FACEBOOK_PAGE_ID: fb.pageId,
      FACEBOOK_GRAPH_URL: fb.url,
      INSTAGRAM_GRAPH_URL: ig.url,
      LINKEDIN_ACCESS_TOKEN: li.accessToken,
      LINKEDIN_ORGANIZATION_ID: li.organizationId,
      LINKEDIN_API_URL: li.url,
    },
    close: async () => {
      await Promise.all([fb.close(), ig.close(), li.close()]);
    },
  };
};

let lastStderr = '';
const runToEnd = (home: string, env: Record<string, string>) =>
  new Promise<number | null>((resolve) => {
    const child = runCliAsync(['publish', '--due', '--json'], { home, env });
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      lastStderr = stderr;
      resolve(code);
    });
  });

beforeAll(async () => {
  if (!existsSync(BIN) || !existsSync(join(BIN, '..', '..', 'dist', 'src', 'publish', 'platform-due.js')))
    throw new Error('Build first: npm run build');
  template = mkdtempSync(join(tmpdir(), 'autoscale-pcrash-tpl-'));
  // Meta fetches Instagram images from here: the template's media folder, served as it is.
  const server = createServer((req, res) => {
    const file = join(template, 'media', (req.url ?? '').replace(/^\//, ''));
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
  const { deps, opened } = await templateDeps(template, media.url);
  // Slots in the (real) past: due as soon as the CLI runs; platform slots drawn the same days.
  const ids = [
    await approvedPost(deps, { text: TEXTS[0]!, at: '2026-01-06T18:00:00Z', image: true, mode: 'queue' }),
    await approvedPost(deps, { text: TEXTS[1]!, at: '2026-01-06T21:00:00Z', image: true, mode: 'queue' }),
    await approvedPost(deps, { text: TEXTS[2]!, at: '2026-01-07T18:00:00Z', image: true, mode: 'queue' }),
  ];
  await planPlatforms(deps);
  // The platform images once, in the template (deterministic; every run reuses them).
  for (const id of ids) {
    const post = (await getPost(deps.db, id))!;
    await platformImage(deps, post, 'instagram');
    await platformImage(deps, post, 'linkedin');
  }
  await opened.close();
  const times: number[] = [];
  for (let i = 0; i < 2; i += 1) {
    const home = mkdtempSync(join(tmpdir(), 'autoscale-pcrash-cal-'));
    cpSync(template, home, { recursive: true });
    const fakes = await startFakes(4);
    let started = 0;
    const first = () => {
      if (!started) started = Date.now();
    };
    fakes.fb.onRequest = first;
    fakes.ig.onRequest = first;
    fakes.li.onRequest = first;
    const spawned = Date.now();
    const code = await runToEnd(home, fakes.env);
    expect(code, lastStderr).toBe(0);
    times.push(Date.now() - started);
    console.info(`calibration: ${Date.now() - spawned} ms in all, ${Date.now() - started} ms from the first request`);
    expect([fakes.fb.posts.length, fakes.ig.media.length, fakes.li.posts.length]).toEqual([3, 3, 3]);
    await fakes.close();
    rmSync(home, { recursive: true, force: true });
  }
  fullRunMs = Math.max(...times);
}, 120_000);

afterAll(async () => {
  await media?.close();
  if (template) rmSync(template, { recursive: true, force: true });
});

interface RunResult {
  kills: number;
  beforeRestart: number;
  problems: string[];
}

/** One child, killed at a random moment (timed, or shortly after the k-th request on any fake). */
const killOnce = async (i: number, home: string, fakes: Fakes): Promise<void> => {
  const child = runCliAsync(['publish', '--due', '--json'], { home, env: fakes.env });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const kill = () => {
    if (!done) {
      done = true;
      child.kill('SIGKILL');
    }
  };
  if (i % 2 === 0) {
    // Timed: anywhere from the first request to a little after a full run's publishing span.
    const after = Math.floor(Math.random() * fullRunMs * 1.2);
    const hook = () => {
      if (!timer) timer = setTimeout(kill, after);
    };
    fakes.fb.onRequest = hook;
    fakes.ig.onRequest = hook;
    fakes.li.onRequest = hook;
  } else {
    const k = 1 + Math.floor(Math.random() * 14);
    const delay = Math.floor(Math.random() * 12);
    let seen = 0;
    const hook = () => {
      seen += 1;
      if (seen === k) timer = setTimeout(kill, delay);
    };
    fakes.fb.onRequest = hook;
    fakes.ig.onRequest = hook;
    fakes.li.onRequest = hook;
  }
  await exited;
  done = true;
  if (timer) clearTimeout(timer);
  fakes.fb.onRequest = undefined;
  fakes.ig.onRequest = undefined;
  fakes.li.onRequest = undefined;
};

const oneRun = async (i: number, lostAnswers: boolean): Promise<RunResult> => {
  const home = mkdtempSync(join(tmpdir(), `autoscale-pcrash-${i}-`));
  cpSync(template, home, { recursive: true });
  const fakes = await startFakes(1 + (i % 4) * 2);
  if (lostAnswers) {
    fakes.fb.inject({
      fault: { kind: 'response_lost' },
      method: 'POST',
      path: /\/(photos|feed)$/,
      probability: 0.3,
      times: 2,
    });
    fakes.ig.inject({
      fault: { kind: 'response_lost' },
      method: 'POST',
      path: '/media_publish',
      probability: 0.4,
      times: 2,
    });
    fakes.li.inject({
      fault: { kind: 'response_lost' },
      method: 'POST',
      path: '/rest/posts',
      probability: 0.4,
      times: 2,
    });
    fakes.li.inject({
      fault: { kind: 'apply_and_hang' },
      method: 'POST',
      path: '/rest/posts',
      probability: 0.1,
      times: 1,
    });
  }
  try {
    await killOnce(i, home, fakes);
    const beforeRestart = fakes.fb.posts.length + fakes.ig.media.length + fakes.li.posts.length;
    for (let k = 1; k < KILLS_PER_RUN; k += 1) await killOnce(i + k, home, fakes);
    // Then let it finish: unknown outcomes settle (40 ms) and are reconciled, the rest published.
    const opened = await openDatabase(join(home, 'autoscale.db'));
    const pending = async () =>
      (await opened.db.selectFrom('platform_posts').select('state').where('state', '!=', 'published').execute())
        .length +
      (await opened.db.selectFrom('posts').select('state').where('state', '!=', 'published').execute()).length;
    for (let round = 0; round < 8 && (await pending()) > 0; round += 1) {
      await runToEnd(home, fakes.env);
      if ((await pending()) > 0) await new Promise((r) => setTimeout(r, 60));
    }
    const problems: string[] = [];
    const posts = await opened.db.selectFrom('posts').select(['id', 'state']).execute();
    const rows = await opened.db.selectFrom('platform_posts').selectAll().execute();
    const fbLive = await opened.db
      .selectFrom('publications')
      .select(['post_id', 'fb_post_id'])
      .where('status', '=', 'published')
      .execute();
    await opened.close();
    for (const [n, text] of TEXTS.entries()) {
      if (fakes.fb.countMessage(text) !== 1) problems.push(`facebook ${n}: ${fakes.fb.countMessage(text)} posts`);
      const igHits = fakes.ig.media.filter((m) => !m.deleted && m.caption.startsWith(text.slice(0, 14)));
      if (igHits.length !== 1) problems.push(`instagram ${n}: ${igHits.length} media`);
      const liHits = fakes.li.posts.filter(
        (p) => !p.deleted && decodeLittleText(p.submitted).startsWith(text.slice(0, 14)),
      );
      if (liHits.length !== 1) problems.push(`linkedin ${n}: ${liHits.length} posts`);
      // Only correctly escaped commentary: read back whole.
      if (liHits.some((p) => p.published.cutAt !== null)) problems.push(`linkedin ${n}: text cut`);
    }
    if (posts.some((p) => p.state !== 'published')) problems.push(`post states ${posts.map((p) => p.state).join(',')}`);
    if (fbLive.length !== 3) problems.push(`facebook publications ${fbLive.length}`);
    for (const live of fbLive)
      if (!fakes.fb.posts.some((p) => p.id === live.fb_post_id))
        problems.push(`store fb id ${live.fb_post_id} not on the Page`);
    for (const row of rows) {
      if (row.state !== 'published') problems.push(`${row.platform} row ${row.state}`);
      const onPlatform =
        row.platform === 'instagram'
          ? fakes.ig.media.some((m) => m.id === row.remote_id)
          : fakes.li.posts.some((p) => p.id === row.remote_id);
      if (!onPlatform) problems.push(`store ${row.platform} id ${row.remote_id} not on the platform`);
    }
    if (rows.length !== 6) problems.push(`platform rows ${rows.length}`);
    return { kills: KILLS_PER_RUN, beforeRestart, problems };
  } finally {
    await fakes.close();
    rmSync(home, { recursive: true, force: true });
  }
};

describe('crash safety of a three-platform publication (built CLI)', () => {
  it(
    `SIGKILL ${KILLS_PER_RUN} times per run over ${RUNS} runs (half with lost answers): exactly one post per platform, store agrees`,
    { timeout: 600_000 },
    async () => {
      const results = await pool(RUNS, 3, (i) => oneRun(i * KILLS_PER_RUN, i % 2 === 1));
      const bad = results.filter((r) => r.problems.length > 0);
      expect(bad.slice(0, 3), JSON.stringify(bad.slice(0, 3))).toEqual([]);
      const kills = results.reduce((s, r) => s + r.kills, 0);
      expect(kills).toBe(KILLS_PER_RUN * RUNS);
      const spread = [0, 1, 2].map(
        (b) => results.filter((r) => Math.min(2, Math.floor(r.beforeRestart / 4)) === b).length,
      );
      console.info(
        `three-platform crash runs: ${kills} kills; posts already out at the first kill (0–3, 4–7, 8–9): ${spread.join(', ')}`,
      );
      expect(spread[0]).toBeGreaterThan(0);
    },
  );
});
