import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { setConfigValue } from '../../src/services/config-service.js';
import { autoscaleBrand } from '../../src/config/defaults.js';
import { brandPlatforms, PLATFORM_POSTING_DEFAULTS } from '../../src/config/platforms.js';
import { brandSchema, configSchema } from '../../src/config/schema.js';

const parseBrand = (extra: Record<string, unknown>) => brandSchema.parse({ ...autoscaleBrand(), ...extra });

describe('brand.platforms', () => {
  it('defaults to Facebook alone, with the brand posting window (brands written before platforms)', () => {
    const { platforms: _omit, ...legacy } = autoscaleBrand();
    const brand = brandSchema.parse(legacy);
    expect(brand.platforms).toEqual([{ platform: 'facebook' }]);
    const [fb] = brandPlatforms(brand);
    expect(fb).toMatchObject({ platform: 'facebook', account: null });
    expect(fb!.posting).toEqual({
      days: ['tue', 'wed', 'thu'],
      windowStart: '13:00',
      windowEnd: '16:00',
      jitterMinutes: 30,
      minGapHours: 3,
    });
  });

  it('gives each platform its own defaults, overridden field by field', () => {
    const brand = parseBrand({
      facebook: { pageId: '111' },
      platforms: [
        { platform: 'linkedin', account: '12345', posting: { windowStart: '07:30' } },
        { platform: 'facebook' },
        { platform: 'instagram' },
      ],
    });
    const targets = brandPlatforms(brand);
    expect(targets.map((t) => t.platform)).toEqual(['linkedin', 'facebook', 'instagram']);
    expect(targets[0]!.posting.windowStart).toBe('07:30');
    expect(targets[0]!.posting.windowEnd).toBe(PLATFORM_POSTING_DEFAULTS.linkedin.windowEnd);
    expect(targets[0]!.account).toBe('12345');
    expect(targets[1]!.account).toBe('111');
    expect(targets[2]!.posting).toMatchObject(PLATFORM_POSTING_DEFAULTS.instagram);
  });

  it('keeps the default window when one override would invert it', () => {
    const brand = parseBrand({ platforms: [{ platform: 'linkedin', posting: { windowStart: '11:00' } }] });
    const [li] = brandPlatforms(brand);
    expect([li!.posting.windowStart, li!.posting.windowEnd]).toEqual(['08:00', '10:00']);
  });

  it('refuses duplicates, unknown platforms, bad accounts and unknown keys', () => {
    const bad = (platforms: unknown) => brandSchema.safeParse({ ...autoscaleBrand(), platforms }).success;
    expect(bad([{ platform: 'facebook' }, { platform: 'facebook' }])).toBe(false);
    expect(bad([{ platform: 'tiktok' }])).toBe(false);
    expect(bad([{ platform: 'linkedin', account: 'urn:li:person:1' }])).toBe(false);
    expect(bad([{ platform: 'instagram', posting: { window: '8-9' } }])).toBe(false);
    expect(bad([])).toBe(false);
    expect(bad([{ platform: 'instagram', posting: { windowStart: '12:00', windowEnd: '11:00' } }])).toBe(false);
  });

  it('has Instagram and LinkedIn sections with a configurable LinkedIn version', () => {
    const config = configSchema.parse({ currentBrand: 'a', brands: { a: autoscaleBrand() } });
    expect(config.linkedin.apiVersion).toMatch(/^\d{6}$/);
    expect(config.instagram.maxAttempts).toBeGreaterThan(0);
    expect(
      configSchema.safeParse({ currentBrand: 'a', brands: { a: autoscaleBrand() }, linkedin: { apiVersion: 'v2' } })
        .success,
    ).toBe(false);
  });
});

describe('config set brand.platforms', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'cfg-')), 'config.json');

  it('takes a list of names (comma list or JSON); a platform already listed keeps its account and window', () => {
    const config = buildInitialConfig({});
    const slug = config.currentBrand;
    const withIg = setConfigValue(
      config,
      'brand.platforms',
      '[{"platform":"facebook"},{"platform":"instagram","account":"17841400000000001","posting":{"windowStart":"12:00"}}]',
      slug,
      file(),
    );
    const next = setConfigValue(withIg, 'brand.platforms', 'LinkedIn, instagram', slug, file());
    expect(next.brands[slug]!.platforms).toEqual([
      { platform: 'linkedin' },
      { platform: 'instagram', account: '17841400000000001', posting: { windowStart: '12:00' } },
    ]);
    const json = setConfigValue(next, 'brand.platforms', '["facebook"]', slug, file());
    expect(json.brands[slug]!.platforms).toEqual([{ platform: 'facebook' }]);
  });

  it('names an unknown platform and a repeated one', () => {
    const config = buildInitialConfig({});
    expect(() => setConfigValue(config, 'brand.platforms', 'facebook,tiktok', config.currentBrand, file())).toThrow(
      /platforms\.1\.platform/,
    );
    expect(() => setConfigValue(config, 'brand.platforms', 'facebook,facebook', config.currentBrand, file())).toThrow(
      /only once/,
    );
  });
});
