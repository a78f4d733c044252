import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCliCollect, tempHome } from '../helpers/cli.js';
import { startHealthchecksFake, type HealthchecksFake } from '../fakes/healthchecks-fake.js';
import { startSlackFake, type SlackFake } from '../fakes/slack-fake.js';
import { confirmedInitArgs } from '../helpers/profile.js';

/** When the daemon itself stops, the owner hears of it: heartbeat pings and the OnFailure= alert. */
describe('dead-man’s switch (built CLI)', () => {
  let slack: SlackFake;
  let monitor: HealthchecksFake;
  const home = tempHome('autoscale-deadman-');

  beforeAll(async () => {
    slack = await startSlackFake();
    monitor = await startHealthchecksFake();
    expect((await runCliCollect(['init', '--yes', ...confirmedInitArgs()], home.dir)).code).toBe(0);
    const file = join(home.dir, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.notify = { quickRetries: 0, quickRetryMs: 10 };
    writeFileSync(file, JSON.stringify(config, null, 2));
  });
  afterAll(async () => {
    await slack.close();
    await monitor.close();
    home.cleanup();
  });

  it('daemon --once pings HEARTBEAT_URL (start, then alive) and keeps the URL out of its output', async () => {
    const r = await runCliCollect(['daemon', '--once', '--now', '2026-11-30T15:00:00Z', '--json'], home.dir, {
      HEARTBEAT_URL: monitor.url,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(monitor.pings.map((p) => p.kind)).toEqual(['start', '']);
    expect(r.stdout + r.stderr).not.toContain(monitor.url.split('/').at(-1));
  });

  it('daemon alert sends "the daemon is down" on Slack at once, with the last tick', async () => {
    const r = await runCliCollect(['daemon', 'alert', '--unit', 'autoscale.service', '--json'], home.dir, {
      SLACK_WEBHOOK_URL: slack.url,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = json(r);
    expect(out).toMatchObject({ unit: 'autoscale.service', lastTick: '2026-11-30T15:00:00.000Z' });
    expect(out.channels).toEqual([{ channel: 'slack', sent: true }]);
    expect(slack.messages).toHaveLength(1);
    expect(String(slack.messages[0]!.body.text)).toMatch(/démon autoscale est arrêté|autoscale daemon is down/);
  });

  it('daemon alert exits 7 when the channel cannot be reached', async () => {
    slack.down();
    const r = await runCliCollect(['daemon', 'alert', '--json'], home.dir, { SLACK_WEBHOOK_URL: slack.url });
    slack.up();
    expect(r.code).toBe(7);
    expect(json(r).channels[0]).toMatchObject({ channel: 'slack', sent: false });
  });

  it('daemon install writes the OnFailure= unit beside the daemon’s', async () => {
    const r = await runCliCollect(['daemon', 'install', '--user', '--json'], home.dir, {
      XDG_CONFIG_HOME: join(home.dir, 'xdg'),
    });
    expect(r.code, r.stderr).toBe(0);
    const out = json(r);
    expect(readFileSync(out.path, 'utf8')).toContain('OnFailure=autoscale-failure.service');
    expect(out.failurePath).toBe(join(home.dir, 'xdg', 'systemd', 'user', 'autoscale-failure.service'));
    expect(readFileSync(out.failurePath, 'utf8')).toMatch(/ExecStart=.* daemon alert --unit autoscale\.service/);
  });
});
