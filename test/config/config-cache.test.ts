import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configCache } from '../../src/config/config-cache.js';
import { readConfig, saveConfig, validateConfig } from '../../src/config/load.js';
import { SCHEMA_MODULE_URL } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors/errors.js';
import { buildInitialConfig } from '../../src/services/init-service.js';

const homes: string[] = [];
const newHome = () => {
  const home = mkdtempSync(join(tmpdir(), 'cfg-cache-'));
  homes.push(home);
  return { home, file: join(home, 'config.json'), cached: join(home, 'cache', 'config.json') };
};
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A configuration that uses optional keys, a second brand, cron overrides and an unknown key. */
const richConfig = () => {
  const base = buildInitialConfig({});
  const brand = base.brands[base.currentBrand]!;
  return {
    ...base,
    lang: 'en',
    brands: { ...base.brands, 'cafe-nord': { ...brand, timezone: 'America/Halifax' } },
    daemon: { cron: { token_check: '15 7 * * 1-5' } },
    prices: {
      text: { 'claude-haiku-4-5': { input: 1, output: 5 } },
      image: { 'gpt-image-2': { low: 0.01, medium: 0.04, high: 0.17 } },
    },
    windowStrat: 'typo',
  };
};

describe('the validated configuration cache', () => {
  it('gives back exactly what validation gives, for the defaults and for a rich file', () => {
    for (const raw of [buildInitialConfig({}), richConfig()]) {
      const { home, file } = newHome();
      writeFileSync(file, JSON.stringify(raw, null, 2));
      const validated = readConfig(file, home);
      const cached = readConfig(file, home);
      expect(cached).toStrictEqual(validated);
      expect(cached.config).toStrictEqual(validateConfig(raw, file));
    }
    const { home, file } = newHome();
    writeFileSync(file, JSON.stringify(richConfig()));
    expect(readConfig(file, home).unknown.map((u) => u.path)).toEqual(['windowStrat']);
    expect(readConfig(file, home).unknown.map((u) => u.path)).toEqual(['windowStrat']);
  });

  it('serves the cached result while the text is unchanged, and validates again after any edit', () => {
    const { home, file, cached } = newHome();
    saveConfig(file, buildInitialConfig({}));
    readConfig(file, home);
    // Marks the cached copy: a read that returns the mark was served from the cache.
    const entry = JSON.parse(readFileSync(cached, 'utf8'));
    entry.config.currentBrand = 'served-from-cache';
    writeFileSync(cached, JSON.stringify(entry));
    expect(readConfig(file, home).config.currentBrand).toBe('served-from-cache');

    writeFileSync(file, `${readFileSync(file, 'utf8')} `);
    expect(readConfig(file, home).config.currentBrand).toBe('autoscale-ai');
  });

  it('never caches an invalid file, and never hides a file that became invalid', () => {
    const { home, file, cached } = newHome();
    const valid = buildInitialConfig({});
    saveConfig(file, valid);
    readConfig(file, home);
    const before = readFileSync(cached, 'utf8');

    writeFileSync(file, JSON.stringify({ ...valid, currentBrand: 'nobody' }));
    expect(() => readConfig(file, home)).toThrow(ConfigError);
    expect(readFileSync(cached, 'utf8')).toBe(before);

    const fresh = newHome();
    writeFileSync(fresh.file, JSON.stringify({ ...valid, brands: { x: { timezone: 'Mars/Olympus' } } }));
    expect(() => readConfig(fresh.file, fresh.home)).toThrow(/Invalid configuration/);
    expect(existsSync(fresh.cached)).toBe(false);
  });

  it('treats a torn or foreign cache file as a miss and replaces it', () => {
    const { home, file, cached } = newHome();
    saveConfig(file, buildInitialConfig({}));
    readConfig(file, home);
    writeFileSync(cached, '{"key": "1234", "config": ');
    expect(readConfig(file, home).config.currentBrand).toBe('autoscale-ai');
    expect(JSON.parse(readFileSync(cached, 'utf8')).config.currentBrand).toBe('autoscale-ai');
    writeFileSync(cached, JSON.stringify({ key: 'other', config: { currentBrand: 'foreign' }, unknown: [] }));
    expect(readConfig(file, home).config.currentBrand).toBe('autoscale-ai');
  });

  it('misses for another build of the schema', () => {
    const { home } = newHome();
    const text = JSON.stringify(buildInitialConfig({}));
    const config = validateConfig(JSON.parse(text), 'config.json');
    const file = join(home, 'config.json');
    configCache(file, text).write({ config, unknown: [] });
    expect(configCache(file, text).read()?.config).toStrictEqual(config);
    const elsewhere = join(home, 'schema-of-another-build.js');
    writeFileSync(elsewhere, '// another build');
    expect(configCache(file, text, { moduleUrl: `file://${elsewhere}` }).read()).toBeUndefined();
    expect(SCHEMA_MODULE_URL).toMatch(/schema\.[jt]s$/);
  });

  it('is private, and filled when the configuration is saved, so the next reads write nothing', () => {
    const { home, file, cached } = newHome();
    saveConfig(file, buildInitialConfig({}));
    expect(statSync(cached).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'cache')).mode & 0o777).toBe(0o700);
    const written = readFileSync(cached, 'utf8');
    const entry = JSON.parse(written);
    entry.config.currentBrand = 'served-from-cache';
    writeFileSync(cached, JSON.stringify(entry));
    expect(readConfig(file, home).config.currentBrand).toBe('served-from-cache');
    expect(readFileSync(cached, 'utf8')).toBe(JSON.stringify(entry));
  });

  it('lives beside a configuration kept outside the home', () => {
    const { home } = newHome();
    const file = join(home, 'xdg', 'autoscale', 'config.json');
    saveConfig(file, buildInitialConfig({}));
    expect(existsSync(join(home, 'xdg', 'autoscale', 'cache', 'config.json'))).toBe(true);
    expect(readConfig(file, join(home, 'data')).config.currentBrand).toBe('autoscale-ai');
    expect(existsSync(join(home, 'data'))).toBe(false);
  });
});
