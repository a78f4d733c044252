import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, runCliCollect, tempHome } from '../helpers/cli.js';
import { startSlackAppFake, type SlackAppFake } from '../fakes/slack-app-fake.js';

/**
 * The long-running daemon holds the approval channels: the Socket Mode connection (SLACK_APP_TOKEN)
 * and the review page (approval.listen). A clean stop closes both.
 */
describe('autoscale daemon with approval.listen and Slack Socket Mode', () => {
  let slack: SlackAppFake;
  const home = tempHome('autoscale-daemon-channels-');

  beforeAll(async () => {
    slack = await startSlackAppFake({ pingMs: 500 });
    expect((await runCliCollect(['init', '--yes'], home.dir)).code).toBe(0);
    const file = join(home.dir, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.approval = { listen: '127.0.0.1:0' };
    config.daemon = { tickSeconds: 1 };
    writeFileSync(file, JSON.stringify(config, null, 2));
  });
  afterAll(async () => {
    await slack.close();
    home.cleanup();
  });

  it('serves the page and holds the Slack connection while it runs', async () => {
    const daemon = runCliAsync(['daemon'], {
      home: home.dir,
      env: {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_CHANNEL: slack.channel,
        SLACK_API_URL: slack.apiUrl,
      },
    });
    let out = '';
    daemon.stdout.on('data', (c: Buffer) => (out += c.toString()));
    daemon.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const url = await slack
        .waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1], 20_000)
        .catch(() => {
          throw new Error(out);
        });
      await slack.waitFor(() => slack.openSockets() === 1, 20_000);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const page = await fetch(`${url}/r/not-a-token.at-all-not-a-signature`);
      expect(page.status).toBe(400); // a link that was never signed: the "not valid" page
      // Secrets never reach the log.
      expect(out).not.toContain(slack.appToken);
      expect(out).not.toContain(slack.botToken);
    } finally {
      daemon.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => daemon.once('close', (c) => r(c)));
    expect(code).toBe(0);
    await slack.waitFor(() => slack.openSockets() === 0, 10_000);
  }, 60_000);
});
