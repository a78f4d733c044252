import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCollect, tempHome } from '../helpers/cli.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { confirmedInitArgs } from '../helpers/profile.js';

/** Runs the built CLI without blocking this process (the fake Graph API lives here). */
const cli = runCliCollect;

let home: ReturnType<typeof tempHome>;
let fake: GraphFake;
let fbEnv: Record<string, string>;
const ids: string[] = [];

beforeAll(async () => {
  home = tempHome();
  fake = await startGraphFake();
  fbEnv = { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url };
  expect((await cli(['init', '--yes', ...confirmedInitArgs()], home.dir)).code).toBe(0);
  for (const type of ['tip', 'faq', 'case_study']) {
    const g = await cli(['generate', '--type', type, '--json', '--now', '2026-12-01T12:00:00Z'], home.dir);
    const id = JSON.parse(g.stdout).shortId as string;
    ids.push(id);
    const a = await cli(
      [
        'approve',
        id,
        '--variant',
        '1',
        '--mode',
        'queue',
        '--now',
        '2026-12-01T12:00:00Z',
        '--at',
        `2026-12-0${ids.length + 1} 14:00`,
      ],
      home.dir,
    );
    expect(a.code, a.stderr).toBe(0);
  }
});
afterAll(async () => {
  await fake.close();
  home.cleanup();
});

describe('autoscale publish / schedule (built CLI)', () => {
  it('schedule --json lists the approved slots with mode and handling', async () => {
    const r = await cli(['schedule', '--json', '--now', '2026-12-01T12:00:00Z'], home.dir);
    const data = JSON.parse(r.stdout);
    expect(data.entries.map((e: { shortId: string }) => e.shortId)).toEqual(ids);
    expect(data.entries[0]).toMatchObject({
      state: 'approved',
      mode: 'queue',
      handling: 'dry_run',
      local: '2026-12-02 14:00',
    });
    const human = await cli(['schedule', '--now', '2026-12-01T12:00:00Z'], home.dir, fbEnv);
    expect(human.stdout).toMatch(/queue +the daemon publishes at the slot/);
    // The mode column is not repeated by the handling text ("native native", "queue queue:").
    expect(human.stdout).not.toMatch(/\b(native|queue) +\1\b/);
  });

  it('without credentials, publish is a dry run: a JSON file, the post stays approved', async () => {
    const r = await cli(['publish', ids[0]!, '--json', '--now', '2026-12-01T12:00:00Z'], home.dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ action: 'dry_run', state: 'approved' });
    const file = JSON.parse(readFileSync(out.dryRunPath, 'utf8'));
    expect(file).toMatchObject({ dryRun: true, page: null, publishAt: '2026-12-02T19:00:00.000Z' });
    expect(file.text.length).toBeGreaterThan(50);
    const human = await cli(['publish', ids[0]!, '--now', '2026-12-01T12:00:00Z'], home.dir);
    expect(human.stdout).toMatch(/DRY RUN .*nothing was sent to Facebook/);
  });

  it('not due yet: waits; --immediately (before or after the id) publishes at once, exactly once', async () => {
    const early = await cli(['--now', '2026-12-01T12:00:00Z', 'publish', ids[1]!, '--json'], home.dir, fbEnv);
    expect(JSON.parse(early.stdout)).toMatchObject({ action: 'deferred', reason: 'not due yet' });
    const told = await cli(['--now', '2026-12-01T12:00:00Z', 'publish', ids[1]!], home.dir, fbEnv);
    expect(told.stdout).toMatch(/Use --immediately to publish at once/);
    // The global clock given after the id stays the clock.
    const now = await cli(
      ['publish', '--immediately', ids[1]!, '--now', '2026-12-01T12:00:00Z', '--json'],
      home.dir,
      fbEnv,
    );
    expect(now.code, now.stderr).toBe(0);
    expect(JSON.parse(now.stdout)).toMatchObject({ action: 'published', state: 'published' });
    expect(now.stderr).not.toMatch(/deprecated/);
    const again = await cli(['publish', ids[1]!, '--immediately', '--json'], home.dir, fbEnv);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).action).toBe('unchanged');
    expect(fake.posts.filter((p) => !p.deleted)).toHaveLength(1);
  });

  it('the old bare `publish --now` still publishes at once, with a deprecation note; `--now <iso>` is the clock', async () => {
    const clock = ['--now', '2026-12-01T12:00:00Z'];
    const g = await cli(['generate', '--type', 'announcement', '--json', ...clock], home.dir);
    const id = JSON.parse(g.stdout).shortId as string;
    const a = await cli(['approve', id, '--mode', 'queue', '--at', '2026-12-08 14:00', ...clock], home.dir);
    expect(a.code, a.stderr).toBe(0);
    // An instant after --now: the global clock, not the old flag.
    const waits = await cli(['publish', id, ...clock, '--json'], home.dir, fbEnv);
    expect(JSON.parse(waits.stdout)).toMatchObject({ action: 'deferred', reason: 'not due yet' });
    expect(waits.stderr).not.toMatch(/deprecated/);
    // Before the id: this used to fail with "--now is not an ISO-8601 instant".
    const old = await cli([...clock, 'publish', '--now', id, '--json'], home.dir, fbEnv);
    expect(old.code, old.stderr).toBe(0);
    expect(JSON.parse(old.stdout)).toMatchObject({ action: 'published', state: 'published' });
    expect(old.stderr).toMatch(/`autoscale publish --now` is deprecated .*use `autoscale publish --immediately`/);
    const after = await cli(['publish', id, '--now', '--json'], home.dir, fbEnv);
    expect(JSON.parse(after.stdout).action).toBe('unchanged');
    expect(after.stderr).toMatch(/deprecated/);
    const fr = await cli(['--lang', 'fr', 'publish', id, '--now'], home.dir, fbEnv);
    expect(fr.stderr).toMatch(/`autoscale publish --now` est obsolète .*`autoscale publish --immediately`/);
    expect(fake.posts.filter((p) => !p.deleted)).toHaveLength(2);
  });

  it('publish --due publishes what is due; a token error fails the post, exit 7, no secret printed', async () => {
    fake.inject({
      fault: { kind: 'error', code: 190, subcode: 460, message: `Error validating access token ${fake.token}` },
      path: '/photos',
    });
    const r = await cli(['--now', '2026-12-05T12:00:00Z', 'publish', '--due', '--json'], home.dir, fbEnv);
    expect(r.code).toBe(7);
    expect(r.stdout + r.stderr).not.toContain(fake.token);
    const report = JSON.parse(r.stdout);
    expect(report.outcomes.some((o: { action: string }) => o.action === 'failed')).toBe(true);
    const status = JSON.parse((await cli(['status', '--json'], home.dir)).stdout);
    const failed = status.attention.find((a: { state: string }) => a.state === 'failed');
    expect(failed.reason).toMatch(/#190/);
    expect(failed.resolve).toMatch(/autoscale show/);
  });

  it('native: scheduled on Facebook, approve refused, rescheduled, then cancelled back to review', async () => {
    const g = await cli(['generate', '--type', 'myth_busting', '--json'], home.dir);
    const id = JSON.parse(g.stdout).shortId as string;
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await cli(['approve', id, '--variant', '2', '--mode', 'native', '--at', at], home.dir)).code).toBe(0);
    const scheduled = JSON.parse((await cli(['publish', id, '--json'], home.dir, fbEnv)).stdout);
    expect(scheduled).toMatchObject({ action: 'scheduled', state: 'scheduled' });
    const held = fake.posts.find((p) => p.id === scheduled.fbPostId)!;
    expect(held.published).toBe(false);
    const again = await cli(['approve', id], home.dir);
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/--reschedule/);
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const moved = await cli(['publish', id, '--reschedule', later, '--json'], home.dir, fbEnv);
    expect(moved.code, moved.stderr).toBe(0);
    expect(held.scheduledPublishTime).toBe(Date.parse(later) / 1000);
    const cancelled = await cli(['publish', id, '--cancel', '--json'], home.dir, fbEnv);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ state: 'in_review', cancelled: true });
    expect(held.deleted).toBe(true);
  });

  it('usage errors: no id; bare --now on another command; conflicting flags', async () => {
    expect((await cli(['publish'], home.dir)).code).toBe(2);
    const bare = await cli(['list', '--now'], home.dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--now <iso> needs a value/);
    const both = await cli(['publish', ids[0]!, '--cancel', '--immediately'], home.dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--immediately and --cancel cannot be used together|--cancel and --immediately/);
  });

  it('doctor checks the token with debug_token', async () => {
    const r = await cli(['doctor', '--json'], home.dir, fbEnv);
    const checks = JSON.parse(r.stdout).checks as { id: string; status: string }[];
    expect(checks.find((c) => c.id === 'facebook-token')).toMatchObject({ status: 'ok' });
    expect(checks.find((c) => c.id === 'facebook-token-scopes')).toMatchObject({ status: 'ok' });
    fake.tokenInfo = { ...fake.tokenInfo, type: 'USER' };
    const bad = await cli(['doctor', '--json'], home.dir, fbEnv);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).checks.find((c: { id: string }) => c.id === 'facebook-token-type').status).toBe(
      'fail',
    );
  });
});
