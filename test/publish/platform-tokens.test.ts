import { afterEach, describe, expect, it } from 'vitest';
import { linkedinTokenCheck } from '../../src/publish/platform-tokens.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { startLinkedinFake, type LiFake } from '../fakes/linkedin-fake.js';
import { testStore, type TestStore } from '../helpers/store.js';

let li: LiFake;
let store: TestStore;
afterEach(async () => {
  await li.close();
  await store.close();
});

const setup = async (refresh: boolean) => {
  li = await startLinkedinFake();
  const config = buildInitialConfig({});
  config.brands[config.currentBrand]!.platforms = [{ platform: 'facebook' }, { platform: 'linkedin' }];
  store = await testStore({
    now: new Date().toISOString(),
    config,
    env: {
      LINKEDIN_ACCESS_TOKEN: li.accessToken,
      LINKEDIN_ORGANIZATION_ID: li.organizationId,
      LINKEDIN_API_URL: li.url,
      LINKEDIN_CLIENT_ID: li.clientId,
      LINKEDIN_CLIENT_SECRET: li.clientSecret,
      ...(refresh ? { LINKEDIN_REFRESH_TOKEN: li.refreshToken } : {}),
    },
  });
  li.tokens.get(li.accessToken)!.expiresAt = Date.now() + 4 * 86_400_000;
};

describe('daily LinkedIn token check', () => {
  it('refreshes an access token close to expiry when the app can, and reminds nothing', async () => {
    await setup(true);
    const out = await linkedinTokenCheck(store.deps);
    expect(out).toEqual({ refreshed: true, notices: [] });
  });

  it('reminds before expiry when it cannot refresh', async () => {
    await setup(false);
    const out = await linkedinTokenCheck(store.deps);
    expect(out.refreshed).toBe(false);
    expect(out.notices).toHaveLength(1);
    expect(out.notices[0]!.detail).toMatch(/LinkedIn.*(4|3) jours/);
  });
});
