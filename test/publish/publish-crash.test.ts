import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHome } from '../../src/config/home.js';
import { loadEnvironment } from '../../src/config/secrets.js';
import type { ServiceDeps } from '../../src/deps/service-deps.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { saveConfig } from '../../src/config/load.js';
import { openDatabase } from '../../src/store/database.js';
import { startGraphFake, type FaultRule } from '../fakes/graph-fake.js';
import { runCliAsync, runCliCollect, BIN } from '../helpers/cli.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { confirmSamples } from '../helpers/profile.js';
import { pool } from '../helpers/pool.js';

/**
 * The publishing process (the built CLI, `publish --due`) is SIGKILLed at a random moment while
 * posts are due; a second run then reconciles and finishes. Whatever the moment, every approved
 * post must exist exactly once on the (fake) Page and be `published` in the store.
 * Build first: `npx tsc -p tsconfig.build.json`.
 */

const TEXTS = [
  'Crash 1 : une réceptionniste IA répond à chaque appel, même à midi.',
  'Crash 2 : vos clients détestent la boîte vocale; voici quoi faire.',
  'Crash 3 : trois questions à poser avant de choisir un service de réponse.',
];

let template: string;
/** How long an uninterrupted `publish --due` takes on this machine now (kills are spread over it). */
let fullRunMs = 700;
/** At least 100 per scenario (the acceptance bar); CRASH_RUNS can only raise it. */
const RUNS = Number(process.env.CRASH_RUNS ?? 100);

const homeDeps = async (home: string) => {
  const paths = resolveHome(home, {});
  const config = confirmSamples(buildInitialConfig({}));
  config.facebook = {
    ...config.facebook,
    settleMs: 40,
    retryMinMs: 1,
    timeoutMs: 500,
    uploadTimeoutMs: 500,
    maxAttempts: 5,
  };
  saveConfig(paths.config, config);
  const opened = await openDatabase(paths.database);
  const deps: ServiceDeps = {
    db: opened.db,
    config,
    brandSlug: config.currentBrand,
    brand: config.brands[config.currentBrand]!,
    clock: { now: () => new Date('2026-01-05T12:00:00Z') },
    env: loadEnvironment(paths.env, {}),
    paths,
    writer: () => ({ now: '2026-01-05T12:00:00.000Z', actor: 'tester@test', replica: 'replica-test' }),
  };
  return { deps, opened };
};

beforeAll(async () => {
  if (!existsSync(BIN) || !existsSync(join(BIN, '..', '..', 'dist', 'src', 'publish', 'publish-service.js'))) {
    throw new Error('Build first: npx tsc -p tsconfig.build.json');
  }
  template = mkdtempSync(join(tmpdir(), 'autoscale-crash-tpl-'));
  const { deps, opened } = await homeDeps(template);
  // Slots in the (real) past: due as soon as the CLI runs. One photo post, two feed posts.
  await approvedPost(deps, { text: TEXTS[0]!, at: '2026-01-06T18:00:00Z', image: true });
  await approvedPost(deps, { text: TEXTS[1]!, at: '2026-01-06T21:00:00Z' });
  await approvedPost(deps, { text: TEXTS[2]!, at: '2026-01-07T18:00:00Z' });
  await opened.close();
  // Calibrate on this machine's current load: time two complete runs and keep the longer.
  const times: number[] = [];
  for (let i = 0; i < 2; i += 1) {
    const home = mkdtempSync(join(tmpdir(), 'autoscale-crash-cal-'));
    cpSync(template, home, { recursive: true });
    const fake = await startGraphFake({ latencyMs: 8 });
    const started = Date.now();
    await runToEnd(['publish', '--due', '--json'], home, {
      FACEBOOK_ACCESS_TOKEN: fake.token,
      FACEBOOK_PAGE_ID: fake.pageId,
      FACEBOOK_GRAPH_URL: fake.url,
    });
    times.push(Date.now() - started);
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
  fullRunMs = Math.max(...times);
}, 60_000);

afterAll(() => {
  if (template) rmSync(template, { recursive: true, force: true });
});

/** Runs the built CLI without blocking this process (the fake Graph API lives here). */
const runToEnd = runCliCollect;

interface RunResult {
  killedAfterMs: number;
  /** Posts on the Page when the process died: 0 (killed early), 1–2 (mid-run), 3 (after). */
  beforeRestart: number;
  counts: number[];
  states: string[];
  livePublications: number[];
  exit: number | null;
}

const oneRun = async (i: number, faults: FaultRule[]): Promise<RunResult> => {
  const home = mkdtempSync(join(tmpdir(), `autoscale-crash-${i}-`));
  cpSync(template, home, { recursive: true });
  const fake = await startGraphFake({ latencyMs: 2 + (i % 5) * 3 });
  for (const f of faults) fake.inject(f);
  const env = { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url };
  try {
    // Half the kills are timed (anywhere from process start to after the last post); the other
    // half fire when Meta receives the k-th call, a few ms later: before it is applied, after it
    // is applied but before the answer arrives, or between the answer and the commit.
    const child = runCliAsync(['publish', '--due', '--json'], { home, env });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    let killedAfterMs = -1;
    const started = Date.now();
    const kill = () => {
      if (killedAfterMs < 0) {
        killedAfterMs = Date.now() - started;
        child.kill('SIGKILL');
      }
    };
    let timer: NodeJS.Timeout | undefined;
    if (i % 2 === 0) {
      timer = setTimeout(kill, Math.floor(Math.random() * fullRunMs * 2));
    } else {
      const k = 1 + Math.floor(Math.random() * 3);
      const delay = Math.floor(Math.random() * (fake.latencyMs + 12));
      let seen = 0;
      fake.onRequest = () => {
        seen += 1;
        if (seen === k) timer = setTimeout(kill, delay);
      };
    }
    await exited;
    if (timer) clearTimeout(timer);
    fake.onRequest = undefined;
    const beforeRestart = fake.posts.length;
    // Restart: reconcile what the kill left, then publish what is still due.
    let result = await runToEnd(['publish', '--due', '--json'], home, env);
    if (result.code !== 0) result = await runToEnd(['publish', '--due', '--json'], home, env);
    const opened = await openDatabase(join(home, 'autoscale.db'));
    const posts = await opened.db.selectFrom('posts').select(['id', 'state']).orderBy('scheduled_at').execute();
    const live = await Promise.all(
      posts.map(
        async (p) =>
          (
            await opened.db
              .selectFrom('publications')
              .select('id')
              .where('post_id', '=', p.id)
              .where('status', '=', 'published')
              .execute()
          ).length,
      ),
    );
    await opened.close();
    return {
      killedAfterMs,
      beforeRestart,
      counts: TEXTS.map((t) => fake.countMessage(t)),
      states: posts.map((p) => p.state),
      livePublications: live,
      exit: result.code,
    };
  } finally {
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
};

const expectExactlyOnce = (results: RunResult[]) => {
  const bad = results.filter(
    (r) =>
      r.counts.some((c) => c !== 1) ||
      r.states.some((s) => s !== 'published') ||
      r.livePublications.some((n) => n !== 1),
  );
  expect(bad, JSON.stringify(bad.slice(0, 3))).toEqual([]);
};

describe('crash safety of `autoscale publish` (built CLI)', () => {
  it(
    'SIGKILL at random points over ≥100 runs: every approved post exactly once, none lost',
    { timeout: 240_000 },
    async () => {
      const results = await pool(RUNS, 3, (i) => oneRun(i, []));
      expectExactlyOnce(results);
      // The kills really landed across the run: before any post, between posts, after all.
      const spread = [0, 1, 2, 3].map((n) => results.filter((r) => Math.min(r.beforeRestart, 3) === n).length);
      console.info(`crash runs by posts already on the Page when killed (0,1,2,3): ${spread.join(', ')}`);
      expect(spread[0]).toBeGreaterThan(0);
      expect(spread[1]! + spread[2]!).toBeGreaterThan(0);
    },
  );

  it(
    'SIGKILL plus "post created but response lost" faults over ≥100 runs: still exactly once',
    { timeout: 240_000 },
    async () => {
      const lost: FaultRule[] = [
        { fault: { kind: 'response_lost' }, method: 'POST', path: /\/(photos|feed)$/, probability: 0.5, times: 3 },
        { fault: { kind: 'apply_and_hang' }, method: 'POST', path: /\/feed$/, probability: 0.1, times: 1 },
      ];
      const results = await pool(RUNS, 3, (i) => oneRun(1000 + i, lost));
      expectExactlyOnce(results);
    },
  );
});
