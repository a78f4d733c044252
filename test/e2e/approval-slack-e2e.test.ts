import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCliAsync, runCliCollect, tempHome } from '../helpers/cli.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { startSlackAppFake, type SlackAppFake } from '../fakes/slack-app-fake.js';
import { confirmedInitArgs } from '../helpers/profile.js';

const OWNER = 'U0OWNER01';

/**
 * The owner's day through the built CLI: the daemon writes the draft at Tuesday 10:00 (Toronto),
 * the Slack app posts the interactive message, the owner taps "Approve 2" (Socket Mode, held by
 * `autoscale serve`), and the daemon publishes variant 2 at its slot on the Graph fake.
 */
describe('daemon → interactive Slack message → one click → published at the slot', () => {
  let slack: SlackAppFake;
  let graph: GraphFake;
  let sim = Date.parse('2026-12-01T15:00:20Z');
  const home = tempHome('autoscale-approval-e2e-');
  let env: Record<string, string>;
  const db = () => new Database(join(home.dir, 'autoscale.db'), { readonly: true, fileMustExist: true });

  beforeAll(async () => {
    slack = await startSlackAppFake({ pingMs: 500 });
    graph = await startGraphFake();
    graph.setNow(() => sim);
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_CHANNEL: slack.channel,
      SLACK_API_URL: slack.apiUrl,
      FACEBOOK_ACCESS_TOKEN: graph.token,
      FACEBOOK_PAGE_ID: graph.pageId,
      FACEBOOK_GRAPH_URL: graph.url,
    };
    // The owner confirmed the shipped facts and client stories (the sample guard has its own tests).
    expect((await runCliCollect(['init', '--yes', ...confirmedInitArgs()], home.dir)).code).toBe(0);
    // init created the signing secret for review links, private to the owner.
    expect(readFileSync(join(home.dir, '.env'), 'utf8')).toMatch(/^APPROVAL_SIGNING_SECRET=[0-9a-f]{64}$/m);
    const file = join(home.dir, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.lang = 'fr';
    config.approval = { slackApprovers: [OWNER] };
    config.quality = { ...config.quality, threshold: 0 };
    config.notify = { quickRetries: 0, quickRetryMs: 10 };
    config.facebook = { settleMs: 10, retries: 1, retryMinMs: 10 };
    config.brands[config.currentBrand].posting.mode = 'queue';
    writeFileSync(file, JSON.stringify(config, null, 2));
  });
  afterAll(async () => {
    await slack.close();
    await graph.close();
    home.cleanup();
  });

  it('publishes variant 2, approved from Slack, at its slot, once', async () => {
    const tue = await runCliCollect(['daemon', '--once', '--now', '2026-12-01T15:00:20Z', '--json'], home.dir, env);
    expect(tue.code, tue.stderr).toBe(0);
    const message = await slack.waitFor(() => slack.messages[0]);
    expect(message.blocks.find((b) => b.type === 'actions')).toBeTruthy();
    expect(message.text).toMatch(/prête pour révision/);

    const serve = runCliAsync(['serve', '--listen', '127.0.0.1:0', '--now', '2026-12-01T15:05:00Z', '--json'], {
      home: home.dir,
      env,
    });
    let out = '';
    let err = '';
    serve.stdout.on('data', (c: Buffer) => (out += c.toString()));
    serve.stderr.on('data', (c: Buffer) => (err += c.toString()));
    try {
      await slack
        .waitFor(() => slack.openSockets() === 1, 20_000)
        .catch((e: Error) => {
          throw new Error(`${e.message}\n${err}`);
        });
      expect(JSON.parse(out)).toMatchObject({ slack: { socketMode: true } });
      const ack = await slack.click({ user: OWNER, message, actionId: 'approve_variant_2' });
      expect(ack.ms).toBeLessThan(3000);
      await slack.waitFor(() => message.updates.length === 1, 10_000);
      expect(message.text).toMatch(/Approuvé par <@U0OWNER01> : variante 2/);
    } finally {
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('close', r));
    }
    const d = db();
    const post = d.prepare('SELECT id, state, scheduled_at, chosen_variant_id FROM posts').get() as {
      id: string;
      state: string;
      scheduled_at: string;
      chosen_variant_id: string;
    };
    const chosen = d.prepare('SELECT idx FROM variants WHERE id = ?').get(post.chosen_variant_id) as { idx: number };
    const text = (
      d
        .prepare(
          'SELECT vv.text FROM variants v JOIN variant_versions vv ON vv.variant_id = v.id AND vv.version_no = v.current_version_no WHERE v.id = ?',
        )
        .get(post.chosen_variant_id) as { text: string }
    ).text;
    d.close();
    expect(post.state).toBe('approved');
    expect(chosen.idx).toBe(2);
    // The slot is in Tuesday's window, 13:00–16:00 Toronto ± 30 min.
    const at = Date.parse(post.scheduled_at);
    expect(at).toBeGreaterThanOrEqual(Date.parse('2026-12-01T17:30:00Z'));
    expect(at).toBeLessThanOrEqual(Date.parse('2026-12-01T21:30:00Z'));

    const before = new Date(at - 60_000).toISOString();
    sim = Date.parse(before);
    expect((await runCliCollect(['daemon', '--once', '--now', before], home.dir, env)).code).toBe(0);
    expect(graph.posts.filter((p) => p.published)).toHaveLength(0);
    const after = new Date(at + 30_000).toISOString();
    sim = Date.parse(after);
    const r = await runCliCollect(['daemon', '--once', '--now', after], home.dir, env);
    expect(r.code, r.stderr).toBe(0);
    const published = graph.posts.filter((p) => p.published && !p.deleted);
    expect(published).toHaveLength(1);
    // The published text is variant 2's (the publisher may append the brand's hashtags).
    expect(published[0]!.message.replace(/\r\n/g, '\n').slice(0, 200)).toBe(text.slice(0, 200));
    const show = json(await runCliCollect(['show', post.id, '--json'], home.dir, env));
    expect(show.post?.state ?? show.state).toBe('published');
  }, 120_000);
});
