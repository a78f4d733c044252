import { afterEach, describe, expect, it } from 'vitest';
import { Daemon } from '../../src/daemon/daemon.js';
import { buildRegistry, daemonHooks } from '../../src/daemon/handlers.js';
import type { HeldLock } from '../../src/daemon/lock.js';
import { memoryLog } from '../../src/jobs/log.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { confirmSamples } from '../helpers/profile.js';

const noLock: HeldLock = {
  info: { pid: process.pid, host: 'test', startedAt: '' },
  stale: undefined,
  release: () => undefined,
};

/**
 * Three queue posts fall due while the daemon is down for a day. On restart they are published
 * one per `catchUp.spacingSeconds` (300 s), not in a burst, and each exactly once.
 */
describe('publishing missed while down is spread out', () => {
  let store: TestStore | undefined;
  let fake: GraphFake | undefined;
  afterEach(async () => {
    await store?.close();
    await fake?.close();
  });

  it('one post per spacing after a long outage', async () => {
    fake = await startGraphFake();
    const config = confirmSamples(buildInitialConfig({}));
    config.facebook = { ...config.facebook, settleMs: 10, retries: 1, retryMinMs: 10 };
    store = await testStore({
      now: '2026-12-01T12:00:00Z',
      config,
      env: { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url },
    });
    const s = store;
    fake.setNow(() => s.clock.now().getTime());
    for (const at of ['2026-12-01T19:00:00Z', '2026-12-01T22:00:00Z', '2026-12-02T01:00:00Z'])
      await approvedPost(s.deps, { text: `Publication du ${at}`, at });
    const pass = () =>
      new Daemon({
        base: s.deps,
        config: s.deps.config,
        clock: s.clock,
        registry: buildRegistry({ providerFor: () => createOfflineTextProvider() }),
        hooks: daemonHooks(),
        log: memoryLog(),
        lock: noLock,
        mode: 'once',
      }).runOnce();

    s.clock.set('2026-12-02T12:00:00Z'); // back after a day down
    const first = await pass();
    expect(first.catchUp.spread).toBe(2);
    expect(fake.posts.filter((p) => p.published)).toHaveLength(1);
    s.clock.set('2026-12-02T12:02:00Z');
    await pass();
    expect(fake.posts).toHaveLength(1);
    s.clock.set('2026-12-02T12:05:00Z');
    await pass();
    expect(fake.posts).toHaveLength(2);
    s.clock.set('2026-12-02T12:10:00Z');
    await pass();
    expect(fake.posts).toHaveLength(3);
    s.clock.set('2026-12-02T13:00:00Z');
    await pass();
    expect(fake.posts).toHaveLength(3);
    expect(new Set(fake.posts.map((p) => p.message)).size).toBe(3);
  });
});
