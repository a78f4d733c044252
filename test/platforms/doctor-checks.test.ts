import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveHome } from '../../src/config/home.js';
import { loadEnvironment } from '../../src/config/secrets.js';
import { instagramCheck } from '../../src/platforms/instagram/doctor-check.js';
import { linkedinCheck } from '../../src/platforms/linkedin/doctor-check.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { startInstagramFake, type IgFake } from '../fakes/instagram-fake.js';
import { startLinkedinFake, type LiFake } from '../fakes/linkedin-fake.js';

let ig: IgFake | undefined;
let li: LiFake | undefined;
let home: string;
afterEach(async () => {
  await ig?.close();
  await li?.close();
  rmSync(home, { recursive: true, force: true });
});

const setup = (env: Record<string, string>) => {
  home = mkdtempSync(join(tmpdir(), 'doctor-pl-'));
  const config = buildInitialConfig({});
  config.brands[config.currentBrand]!.platforms = [
    { platform: 'facebook' },
    { platform: 'instagram' },
    { platform: 'linkedin' },
  ];
  const paths = resolveHome(home, {});
  return {
    config,
    input: {
      paths,
      env: loadEnvironment(paths.env, env),
      clock: { now: () => new Date() },
      nodeVersion: process.version,
    },
  };
};

describe('doctor: Instagram and LinkedIn', () => {
  it('checks the account link, permissions, quota, media URL; token scopes, expiry and the organization', async () => {
    ig = await startInstagramFake();
    li = await startLinkedinFake();
    const { config, input } = setup({
      FACEBOOK_ACCESS_TOKEN: ig.token,
      FACEBOOK_PAGE_ID: ig.pageId,
      INSTAGRAM_GRAPH_URL: ig.url,
      LINKEDIN_ACCESS_TOKEN: li.accessToken,
      LINKEDIN_ORGANIZATION_ID: li.organizationId,
      LINKEDIN_API_URL: li.url,
      LINKEDIN_CLIENT_ID: li.clientId,
      LINKEDIN_CLIENT_SECRET: li.clientSecret,
    });
    ig.scopes = ig.scopes.filter((s) => s !== 'instagram_manage_insights');
    const igResults = Object.fromEntries((await instagramCheck(input, config)).map((r) => [r.id, r.status]));
    expect(igResults).toEqual({
      'instagram-media-url': 'fail',
      'instagram-account': 'ok',
      'instagram-scopes': 'fail',
      'instagram-quota': 'ok',
    });
    li.tokens.get(li.accessToken)!.expiresAt = Date.now() + 3 * 86_400_000;
    const liResults = Object.fromEntries((await linkedinCheck(input, config)).map((r) => [r.id, r.status]));
    expect(liResults).toMatchObject({
      'linkedin-scopes': 'ok',
      'linkedin-access-expiry': 'warn',
      'linkedin-refresh': 'info',
      'linkedin-organization': 'ok',
    });
    config.linkedin.apiVersion = '202401';
    const retired = await linkedinCheck(input, config);
    const org = retired.find((r) => r.id === 'linkedin-organization')!;
    expect(org.status).toBe('fail');
    expect(org.fix?.en).toContain('linkedin.apiVersion');
  });

  it('says what is missing without credentials', async () => {
    const { config, input } = setup({});
    expect((await instagramCheck(input, config)).map((r) => [r.id, r.status])).toContainEqual([
      'instagram-token',
      'fail',
    ]);
    expect((await linkedinCheck(input, config)).map((r) => [r.id, r.status])).toEqual([['linkedin-token', 'fail']]);
  });
});
