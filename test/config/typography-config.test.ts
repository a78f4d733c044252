import { describe, expect, it } from 'vitest';
import { frenchTypography, NBSP, NNBSP } from '../../src/domain/typography.js';
import { validateConfig } from '../../src/config/load.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { getConfigValue, setConfigValue, expandKey, parseValue } from '../../src/services/config-service.js';
import { UsageError, NotFoundError } from '../../src/errors/errors.js';
import { loadEnvironment } from '../../src/config/secrets.js';
import { redact } from '../../src/domain/redact.js';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('French typography', () => {
  it('adds the OQLF spaces and is idempotent', () => {
    const once = frenchTypography('Vraiment ? Oui : "demain" ; bravo !');
    expect(once).toBe(`Vraiment${NNBSP}? Oui${NBSP}: «${NBSP}demain${NBSP}»${NNBSP}; bravo${NNBSP}!`);
    expect(frenchTypography(once)).toBe(once);
  });
  it('leaves clock times alone', () => {
    expect(frenchTypography('à 13:00')).toBe('à 13:00');
  });
});

describe('configuration', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'cfg-')), 'config.json');

  it('init defaults are the AutoScale AI profile in Toronto, Tue–Thu 13–16', () => {
    const config = buildInitialConfig({});
    const brand = config.brands[config.currentBrand]!;
    expect(brand.profile.company).toBe('AutoScale AI');
    expect(brand.timezone).toBe('America/Toronto');
    expect(brand.posting).toMatchObject({
      days: ['tue', 'wed', 'thu'],
      windowStart: '13:00',
      windowEnd: '16:00',
      jitterMinutes: 30,
    });
    expect(brand.generation).toMatchObject({ days: ['tue', 'wed', 'thu'], time: '10:00' });
    expect(config.providers.text.model).toBe('claude-sonnet-4-6');
  });

  it('names the key, the value and what is allowed', () => {
    const config = buildInitialConfig({});
    try {
      setConfigValue(config, 'brand.posting.windowStart', '25:00', config.currentBrand, file());
      expect.unreachable();
    } catch (error) {
      // A value the file would refuse is a usage error (exit 2); the file stays as it was.
      expect(error).toBeInstanceOf(UsageError);
      const msg = (error as UsageError).localized.en;
      expect(msg).toContain('brands.autoscale-ai.posting.windowStart');
      expect(msg).toContain('"25:00"');
      expect(msg).toContain('HH:MM');
    }
  });

  it('rejects a window that closes before it opens and unknown time zones', () => {
    const config = buildInitialConfig({});
    expect(() => setConfigValue(config, 'brand.posting.windowEnd', '12:00', config.currentBrand, file())).toThrow(
      /windowStart must be earlier/,
    );
    expect(() => setConfigValue(config, 'brand.timezone', 'Mars/Olympus', config.currentBrand, file())).toThrow(/IANA/);
  });

  it('sets typed values and writes the file atomically', () => {
    const config = buildInitialConfig({});
    const f = file();
    const next = setConfigValue(config, 'quality.threshold', '82', config.currentBrand, f);
    expect(next.quality.threshold).toBe(82);
    expect(JSON.parse(readFileSync(f, 'utf8')).quality.threshold).toBe(82);
    expect(getConfigValue(next, 'brand.posting.days', next.currentBrand)).toEqual(['tue', 'wed', 'thu']);
  });

  it('never stores secrets in config.json', () => {
    const config = buildInitialConfig({});
    expect(() => setConfigValue(config, 'providers.text.apiKey', 'sk-123', config.currentBrand, file())).toThrow(
      UsageError,
    );
  });

  it('config set: lists as on the command line, unknown keys named as such, retired models refused', () => {
    const config = buildInitialConfig({});
    const f = file();
    const days = setConfigValue(config, 'brand.posting.days', 'tue,wed,thu', config.currentBrand, f);
    expect(days.brands['autoscale-ai']!.posting.days).toEqual(['tue', 'wed', 'thu']);
    const mixed = setConfigValue(config, 'notify.emailTo', 'a@example.com, b@example.com', config.currentBrand, f);
    expect(mixed.notify.emailTo).toEqual(['a@example.com', 'b@example.com']);
    // Unknown keys: not found (exit 4), never "looks like a secret"; prototype keys are unknown.
    for (const key of ['nonexistent.key', 'quality.nope', '__proto__.polluted', 'brand.constructor.x']) {
      const error = (() => {
        try {
          setConfigValue(config, key, '1', config.currentBrand, f);
        } catch (e) {
          return e;
        }
      })();
      expect(error, key).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).localized.en).toMatch(/No configuration key/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A retired image model is refused when set (exit 2), naming its replacement; the file keeps the old value.
    const before = readFileSync(f, 'utf8');
    expect(() => setConfigValue(config, 'providers.image.model', 'dall-e-3', config.currentBrand, f)).toThrow(
      /shut down.*2026-05-12/,
    );
    try {
      setConfigValue(config, 'providers.image.model', 'dall-e-3', config.currentBrand, f);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).fix?.en).toMatch(/gpt-image-2/);
    }
    expect(() => setConfigValue(config, 'quality.threshold', '150', config.currentBrand, f)).toThrow(UsageError);
    expect(readFileSync(f, 'utf8')).toBe(before);
    // Array entries by index: confirming a sample case study.
    const confirmed = setConfigValue(config, 'brand.profile.caseStudies.0.sample', 'false', config.currentBrand, f);
    expect(confirmed.brands['autoscale-ai']!.profile.caseStudies[0]!.sample).toBe(false);
  });

  it('reports unknown keys', () => {
    expect(() => getConfigValue(buildInitialConfig({}), 'nope.x', 'autoscale-ai')).toThrow(NotFoundError);
    expect(expandKey('brand.timezone', 'b')).toEqual(['brands', 'b', 'timezone']);
    expect(parseValue('[1,2]')).toEqual([1, 2]);
    expect(parseValue('hello')).toBe('hello');
  });

  it('rejects a currentBrand that names no brand', () => {
    const raw = JSON.parse(JSON.stringify(buildInitialConfig({})));
    raw.currentBrand = 'ghost';
    expect(() => validateConfig(raw, 'x')).toThrow(/names no brand/);
  });
});

describe('secrets', () => {
  it('reads .env under the environment and redacts values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(
      join(dir, '.env'),
      'ANTHROPIC_API_KEY=sk-ant-secret-123\nSLACK_WEBHOOK_URL=https://hooks.example/abc\n',
    );
    const env = loadEnvironment(join(dir, '.env'), { SLACK_WEBHOOK_URL: 'https://hooks.example/override' });
    expect(env.get('ANTHROPIC_API_KEY')).toBe('sk-ant-secret-123');
    expect(env.get('SLACK_WEBHOOK_URL')).toBe('https://hooks.example/override');
    expect(env.sources()).toMatchObject({ ANTHROPIC_API_KEY: 'dotenv', SLACK_WEBHOOK_URL: 'env' });
    const text = redact('key sk-ant-secret-123 url ?access_token=EAAB123&x=1 Bearer abcdefghijkl', env.secretValues());
    expect(text).not.toContain('sk-ant-secret-123');
    expect(text).not.toContain('EAAB123');
    expect(text).not.toContain('abcdefghijkl');
  });
});
