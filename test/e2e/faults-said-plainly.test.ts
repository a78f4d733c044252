import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { json, runCli, runCliCollect, tempHome } from '../helpers/cli.js';
import { configSchema } from '../../src/config/schema.js';

/**
 * Faults said plainly (issue 21): the owner learns what happened, when it will be tried again,
 * and nothing is left in a state it should not be in.
 */
const NOW = '2026-12-01T12:00:00Z';

/** A loopback port nothing listens on: connecting is refused at once. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const approvedPost = (home: string): string => {
  const g = runCli(['--now', NOW, 'generate', '--type', 'tip', '--json'], { home });
  expect(g.code, g.stderr).toBe(0);
  const id = json(g).shortId as string;
  // The offline writer's drafts resemble each other: the similarity gate is overridden on purpose.
  const a = runCli(
    ['--now', NOW, 'approve', id, '--variant', '1', '--mode', 'queue', '--at', '2026-12-02 14:00', '--force'],
    { home },
  );
  expect(a.code, a.stderr).toBe(0);
  return id;
};

const stateOf = (home: string, id: string) => json(runCli(['show', id, '--json'], { home }));

describe('publishing faults (built CLI, Graph fake)', () => {
  let fake: GraphFake;
  let home: ReturnType<typeof tempHome>;
  let fbEnv: Record<string, string>;
  beforeAll(async () => {
    fake = await startGraphFake();
    home = tempHome();
    fbEnv = { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url };
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
    // Short waits, so the test does not sit through Meta's real ones.
    for (const [k, v] of [
      ['facebook.slowdownMaxMs', '1500'],
      ['facebook.retryMinMs', '10'],
      ['facebook.settleMs', '0'],
    ] as const)
      expect(runCli(['config', 'set', k, v], { home: home.dir }).code).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    home.cleanup();
  });

  it('a rate-limited `publish --immediately` exits 7 and says when it will be tried again', async () => {
    const id = approvedPost(home.dir);
    fake.inject({
      fault: {
        kind: 'error',
        code: 4,
        httpStatus: 400,
        message: '(#4) Application request limit reached',
        regainMinutes: 30,
      },
      path: '/photos',
    });
    const r = await runCliCollect(['publish', id, '--immediately', '--now', NOW], home.dir, fbEnv);
    expect(r.code).toBe(7);
    expect(r.stdout).toMatch(
      /NOT PUBLISHED \(Facebook: \(#4\) Application request limit reached.*tried again at Tuesday, December 1, 7:30\sa\.m\. \(America\/Toronto\)/,
    );
    const asJson = await runCliCollect(['publish', id, '--immediately', '--now', NOW, '--json'], home.dir, fbEnv);
    expect(asJson.code).toBe(7);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ action: 'deferred', state: 'approved', heldBack: true });
    expect(JSON.parse(asJson.stdout).retryAt).toBe('2026-12-01T12:30:00.000Z');
    expect(stateOf(home.dir, id).state).toBe('approved');
    fake.usage.regainMinutes = 0;
  });

  it("a slow-down forced by Meta's usage headers is announced once, with its reason and wait", async () => {
    fake.clearFaults();
    const ids = [approvedPost(home.dir), approvedPost(home.dir)];
    fake.usage.app = 92;
    try {
      const r = await runCliCollect(['--now', '2026-12-05T12:00:00Z', 'publish', '--due'], home.dir, fbEnv);
      expect(r.code, r.stderr).toBe(0);
      const notices = r.stderr.split('\n').filter((line) => /Meta reports/.test(line));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(
        /Meta reports 92 % of the allowance used \(X-App-Usage\): calls to Facebook are spaced out by 1 s each while usage stays above 80 %/,
      );
      for (const id of ids) expect(stateOf(home.dir, id).state).toBe('published');
    } finally {
      fake.usage.app = 5;
    }
  });

  it('connection refused (nothing sent): the post stays approved and retryable, not unconfirmed', async () => {
    const id = approvedPost(home.dir);
    const port = await closedPort();
    const started = Date.now();
    // After the rate limit of the first test has passed.
    const r = await runCliCollect(
      ['publish', id, '--immediately', '--now', '2026-12-01T13:00:00Z', '--json'],
      home.dir,
      {
        ...fbEnv,
        FACEBOOK_GRAPH_URL: `http://127.0.0.1:${port}`,
      },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(7);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ action: 'deferred', state: 'approved', heldBack: true });
    expect(out.reason).toMatch(/ECONNREFUSED.*nothing was sent/);
    expect(out.retryAt).not.toBeNull();
    const shown = stateOf(home.dir, id);
    expect(shown.state).toBe('approved');
    // Once Facebook answers again (after the cool-down), the same post goes out, once.
    const later = await runCliCollect(
      ['publish', id, '--immediately', '--now', '2026-12-01T13:10:00Z', '--json'],
      home.dir,
      fbEnv,
    );
    expect(later.code, later.stderr).toBe(0);
    expect(JSON.parse(later.stdout)).toMatchObject({ action: 'published' });
  });
});

describe('a text provider that hangs (built CLI, Anthropic fake)', () => {
  let fake: AnthropicFake;
  let home: ReturnType<typeof tempHome>;
  beforeAll(async () => {
    fake = await startAnthropicFake();
    home = tempHome();
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    home.cleanup();
  });

  it('fails within the documented cap (providers.text.totalTimeoutMs), not after minutes', async () => {
    // The defaults, as documented: 45 s per attempt, 120 s for a call with all its retries.
    const defaults = configSchema.parse({ brands: {}, currentBrand: 'x' }).providers.text;
    expect(defaults.timeoutMs).toBe(45_000);
    expect(defaults.totalTimeoutMs).toBe(120_000);
    expect(runCli(['config', 'set', 'providers.text.timeoutMs', '1000'], { home: home.dir }).code).toBe(0);
    expect(runCli(['config', 'set', 'providers.text.totalTimeoutMs', '3000'], { home: home.dir }).code).toBe(0);
    fake.setHang(() => true);
    const started = Date.now();
    const r = await runCliCollect(['generate', '--type', 'tip', '--no-image'], home.dir, {
      ANTHROPIC_API_KEY: 'sk-ant-test-hang',
      ANTHROPIC_BASE_URL: fake.url,
      AUTOSCALE_RETRY_MIN_MS: '50',
    });
    const took = Date.now() - started;
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /no complete answer within 3 s \(\d attempts?\); the provider may be down or hanging.*Fix: Re-run the same command later/,
    );
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('Error')),
    ).toHaveLength(1);
    expect(took).toBeLessThan(15_000);
  });
});
