import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoFake, type EchoFake } from '../fakes/echo-fake.js';
import { runCliCollect, tempHome, type CliResult } from '../helpers/cli.js';

/**
 * No secret in the store, the logs or the output, even when every upstream echoes the request
 * back in its error (issue 21). Each secret gets a unique value that no secret *shape* matches
 * (so only the redactor's knowledge of the configured values can catch it), the commands run
 * against fakes that fail with the echo, and then every byte of the home (database, WAL,
 * media, dry-run records, config) and every byte printed are searched for each value.
 */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

describe('secret sentinels', () => {
  let echo: EchoFake;
  const home = tempHome('autoscale-sentinel-');
  const outputs: { args: string[]; result: CliResult }[] = [];
  const sentinels: Record<string, string> = {};
  let env: Record<string, string> = {};

  beforeAll(async () => {
    echo = await startEchoFake();
    const pgPort = await closedPort();
    const smtpPort = await closedPort();
    const s = (name: string) =>
      (sentinels[name] = `Qz${name.replace(/_/g, '').toLowerCase()}${Math.random().toString(36).slice(2, 10)}Wx`);
    env = {
      ANTHROPIC_API_KEY: s('ANTHROPIC_API_KEY'),
      ANTHROPIC_BASE_URL: `${echo.url}/anthropic`,
      KIE_API_KEY: s('KIE_API_KEY'),
      OPENAI_API_KEY: s('OPENAI_API_KEY'),
      OPENAI_BASE_URL: `${echo.url}/openai/v1`,
      FACEBOOK_ACCESS_TOKEN: s('FACEBOOK_ACCESS_TOKEN'),
      FACEBOOK_APP_SECRET: s('FACEBOOK_APP_SECRET'),
      FACEBOOK_APP_ID: s('FACEBOOK_APP_ID'),
      FACEBOOK_PAGE_ID: '1234567890',
      FACEBOOK_GRAPH_URL: `${echo.url}/graph`,
      SLACK_WEBHOOK_URL: `${echo.url}/services/T0ECHO/B0ECHO/${s('SLACK_WEBHOOK_PATH')}`,
      SMTP_URL: `smtp://owner:${s('SMTP_PASSWORD')}@127.0.0.1:${smtpPort}`,
      SUPABASE_URL: `${echo.url}/supabase`,
      SUPABASE_SERVICE_KEY: s('SUPABASE_SERVICE_KEY'),
      DATABASE_URL: `postgres://autoscale:${s('DATABASE_PASSWORD')}@127.0.0.1:${pgPort}/hub`,
      SENTRY_DSN: `http://${s('SENTRY_KEY')}@127.0.0.1:${smtpPort}/1`,
      SLACK_BOT_TOKEN: s('SLACK_BOT_TOKEN'),
      SLACK_APP_TOKEN: s('SLACK_APP_TOKEN'),
      SLACK_SIGNING_SECRET: s('SLACK_SIGNING_SECRET'),
      LINKEDIN_ACCESS_TOKEN: s('LINKEDIN_ACCESS_TOKEN'),
      LINKEDIN_CLIENT_SECRET: s('LINKEDIN_CLIENT_SECRET'),
      AUTOSCALE_RETRY_MIN_MS: '5',
    };
    const run = async (...args: string[]) => {
      const result = await runCliCollect(args, home.dir, env);
      outputs.push({ args, result });
      return result;
    };
    const tue = ['--now', '2026-12-01T15:00:00Z'];
    await run('init', '--yes');
    await run('config', 'set', 'facebook.retryMinMs', '5');
    await run('config', 'set', 'facebook.settleMs', '0');
    // Claude (x-api-key), kie.ai (Bearer), OpenAI (Bearer): each fails with the echo.
    await run(...tue, 'generate', '--type', 'tip');
    await run(...tue, 'config', 'set', 'providers.text.provider', 'kie');
    await run(...tue, 'generate', '--type', 'tip', '--json');
    await run(...tue, 'config', 'set', 'providers.text.provider', 'openai');
    await run(...tue, 'generate', '--type', 'faq');
    // A post written offline, its image asked of OpenAI (echo), approved, sent to Facebook (echo).
    await run(...tue, 'config', 'set', 'providers.text.provider', 'offline');
    const made = await run(...tue, 'generate', '--type', 'case_study', '--json');
    const id = (JSON.parse(made.stdout || '{}') as { shortId?: string }).shortId ?? 'missing';
    await run(...tue, 'image', id, '--regenerate');
    await run(...tue, 'approve', id, '--variant', '1', '--mode', 'queue', '--at', '2026-12-01 14:00');
    await run('--now', '2026-12-01T19:05:00Z', 'publish', id, '--immediately');
    await run('--now', '2026-12-01T19:06:00Z', 'publish', '--due', '--json');
    await run('doctor', '--json');
    // Supabase (apikey + Bearer), then a direct Postgres URL with its password.
    await run('sync');
    await run('sync', 'status', '--json');
    await run('config', 'set', 'sync.transport', 'postgres');
    await run('sync');
    // The daemon: scheduled generation (echo), Slack and e-mail notifications, its own logs.
    await run('--now', '2026-12-01T15:00:00Z', 'daemon', '--once');
    await run('--now', '2026-12-01T15:10:00Z', 'daemon', '--once');
    await run('jobs', '--json');
    await run('status', '--json');
    await run('show', id, '--json');
    await run('list', '--all-brands');
    await run('costs');
    await run('--verbose', 'publish', id, '--immediately');
  }, 600_000);

  afterAll(async () => {
    await echo.close();
    home.cleanup();
  });

  it('the fakes were reached and echoed (the test exercises the leak paths)', () => {
    expect(echo.requests).toBeGreaterThan(10);
    const printed = outputs.map((o) => o.result.stderr + o.result.stdout).join('\n');
    // The echo reached our messages: its method and path are there, its secrets are not.
    expect(printed).toMatch(/POST \/anthropic\/v1\/messages/);
    expect(printed).toMatch(/\/graph\/v\d+\.\d+\//);
  });

  it('no sentinel in any byte of the home (database and WAL included)', () => {
    const files = walk(home.dir).filter((f) => !f.endsWith('.env'));
    expect(files.some((f) => f.endsWith('autoscale.db'))).toBe(true);
    const leaks: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const [name, value] of Object.entries(sentinels)) {
        for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64')])
          if (bytes.includes(Buffer.from(form))) leaks.push(`${name} in ${file}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('no sentinel in anything printed (stdout and stderr of every command)', () => {
    const leaks: string[] = [];
    for (const { args, result } of outputs) {
      for (const [name, value] of Object.entries(sentinels)) {
        if ((result.stdout + result.stderr).includes(value)) leaks.push(`${name} in \`${args.join(' ')}\``);
      }
    }
    expect(leaks).toEqual([]);
  });
});
