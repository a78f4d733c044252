import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from '../../../src/platforms/facebook/client.js';
import { facebookCredentials, type FacebookCredentials } from '../../../src/platforms/facebook/credentials.js';
import { facebookTokenCheck } from '../../../src/platforms/facebook/doctor-check.js';
import { checkTokenHealth } from '../../../src/platforms/facebook/token-health.js';
import { resolveHome } from '../../../src/config/home.js';
import { loadEnvironment } from '../../../src/config/secrets.js';
import { buildInitialConfig } from '../../../src/services/init-service.js';
import { startGraphFake, type GraphFake } from '../../fakes/graph-fake.js';

let fake: GraphFake;
let client: GraphClient;
let creds: FacebookCredentials;
const now = new Date();

beforeEach(async () => {
  fake = await startGraphFake({ appSecret: 'the-app-secret', appId: '4242' });
  client = createGraphClient({
    baseUrl: fake.url,
    version: 'v25.0',
    accessToken: fake.token,
    appSecret: 'the-app-secret',
    timeoutMs: 2_000,
    uploadTimeoutMs: 2_000,
    retries: 0,
    retryMinMs: 1,
    slowdownPercent: 80,
    slowdownMaxMs: 0,
    breakerErrorPercent: 50,
    breakerVolume: 20,
    breakerCooldownMs: 1_000,
  });
  creds = {
    pageId: fake.pageId,
    accessToken: fake.token,
    tokenVariable: 'FACEBOOK_ACCESS_TOKEN',
    appSecret: 'the-app-secret',
    appId: '4242',
    baseUrl: fake.url,
    version: 'v25.0',
  };
});
afterEach(async () => {
  client.close();
  await fake.close();
});

const statuses = (r: Awaited<ReturnType<typeof checkTokenHealth>>) =>
  Object.fromEntries(r.results.map((x) => [x.id, x.status]));

describe('token health (debug_token)', () => {
  it('a non-expiring PAGE token of the right Page with every scope is healthy', async () => {
    const r = await checkTokenHealth(client, creds, now);
    expect(r.ok).toBe(true);
    expect(statuses(r)).toMatchObject({
      'facebook-token': 'ok',
      'facebook-token-scopes': 'ok',
      'facebook-token-expiry': 'ok',
    });
    // Asked with the app token, never the page token as access_token.
    expect(fake.requests.at(-1)!.query.access_token).toBe('4242|the-app-secret');
  });

  it('invalid token → fail with the reconnect steps', async () => {
    fake.tokenInfo = {
      ...fake.tokenInfo,
      is_valid: false,
      error: { message: 'Error validating access token: The user has changed the password.' },
    };
    const r = await checkTokenHealth(client, creds, now);
    expect(r.ok).toBe(false);
    expect(r.results[0]!.fix?.en).toMatch(/me\/accounts/);
  });

  it('a USER token, another Page, or missing scopes fail; missing read_insights only warns', async () => {
    fake.tokenInfo = {
      ...fake.tokenInfo,
      type: 'USER',
      profile_id: '999',
      scopes: ['pages_show_list', 'pages_read_engagement'],
    };
    const r = await checkTokenHealth(client, creds, now);
    expect(statuses(r)).toMatchObject({
      'facebook-token-type': 'fail',
      'facebook-token-page': 'fail',
      'facebook-token-scopes': 'fail',
      'facebook-token-insights': 'warn',
    });
    expect(r.results.find((x) => x.id === 'facebook-token-scopes')!.message.en).toMatch(/pages_manage_posts/);
  });

  it('expiry close → warn, passed → fail; data access expiry checked too', async () => {
    const soon = Math.floor(now.getTime() / 1000) + 3 * 86_400;
    fake.tokenInfo = {
      ...fake.tokenInfo,
      expires_at: soon,
      data_access_expires_at: Math.floor(now.getTime() / 1000) - 60,
    };
    const r = await checkTokenHealth(client, creds, now);
    expect(statuses(r)).toMatchObject({
      'facebook-token-expires-at': 'warn',
      'facebook-token-data-access-expires-at': 'fail',
    });
  });

  it('a dead token error (190) on debug_token fails; an outage only warns', async () => {
    fake.inject({ fault: { kind: 'error', code: 190, subcode: 460 }, path: '/debug_token' });
    expect((await checkTokenHealth(client, creds, now)).results[0]!.status).toBe('fail');
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 503 }, path: '/debug_token' });
    expect((await checkTokenHealth(client, creds, now)).results[0]!.status).toBe('warn');
  });

  it('doctor check: info without credentials; per-brand token variable wins', async () => {
    const config = buildInitialConfig({});
    const paths = resolveHome('/nonexistent-home', {});
    const none = await facebookTokenCheck(
      { paths, env: loadEnvironment(paths.env, {}), clock: { now: () => now }, nodeVersion: 'v20.20.0' },
      config,
    );
    expect(none[0]).toMatchObject({ id: 'facebook-token', status: 'info' });
    const env = loadEnvironment(paths.env, {
      FACEBOOK_ACCESS_TOKEN: 'shared',
      FACEBOOK_ACCESS_TOKEN_AUTOSCALE_AI: fake.token,
      FACEBOOK_PAGE_ID: fake.pageId,
      FACEBOOK_GRAPH_URL: fake.url,
      FACEBOOK_APP_SECRET: 'the-app-secret',
      FACEBOOK_APP_ID: '4242',
    });
    const found = facebookCredentials({
      env,
      config,
      brandSlug: 'autoscale-ai',
      brand: config.brands['autoscale-ai']!,
    });
    expect(found.ok && found.credentials.tokenVariable).toBe('FACEBOOK_ACCESS_TOKEN_AUTOSCALE_AI');
    const results = await facebookTokenCheck(
      { paths, env, clock: { now: () => now }, nodeVersion: 'v20.20.0' },
      config,
    );
    expect(results.every((r) => r.status === 'ok')).toBe(true);
  });
});

describe('secrets', () => {
  it('per-brand Page tokens are redacted like the shared one', () => {
    const env = loadEnvironment('/nonexistent/.env', { FACEBOOK_ACCESS_TOKEN_OTHER_BRAND: 'EAAbrandtoken123' });
    expect(env.secretValues()).toContain('EAAbrandtoken123');
  });
});
