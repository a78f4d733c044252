import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/domain/clock.js';
import { resolveHome } from '../../src/config/home.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import type { Config } from '../../src/config/schema.js';
import { loadEnvironment } from '../../src/config/secrets.js';
import type { ServiceDeps } from '../../src/deps/service-deps.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/database.js';
import { confirmSamples } from './profile.js';

export interface TestStore {
  deps: ServiceDeps;
  opened: OpenedDatabase;
  home: string;
  clock: Clock & { set(iso: string): void };
  close(): Promise<void>;
}

/** A real SQLite store in a temp home, with the AutoScale AI config and a settable clock. */
export const testStore = async (
  options: { now?: string; config?: Config; env?: Record<string, string> } = {},
): Promise<TestStore> => {
  const home = mkdtempSync(join(tmpdir(), 'autoscale-unit-'));
  const paths = resolveHome(home, {});
  const opened = await openDatabase(paths.database);
  let now = new Date(options.now ?? '2026-11-24T15:00:00Z');
  const clock = { now: () => new Date(now.getTime()), set: (iso: string) => (now = new Date(iso)) };
  // The owner has confirmed the shipped facts and stories, unless a test brings its own config.
  const config = options.config ?? confirmSamples(buildInitialConfig({}));
  const brandSlug = config.currentBrand;
  const deps: ServiceDeps = {
    db: opened.db,
    config,
    brandSlug,
    brand: config.brands[brandSlug]!,
    clock,
    env: loadEnvironment(paths.env, options.env ?? {}),
    paths,
    writer: () => ({ now: clock.now().toISOString(), actor: 'tester@test', replica: 'replica-test' }),
  };
  return {
    deps,
    opened,
    home,
    clock,
    close: async () => {
      await opened.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
};
