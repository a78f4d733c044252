import { Daemon } from '../../src/daemon/daemon.js';
import { buildRegistry, daemonHooks } from '../../src/daemon/handlers.js';
import type { HeartbeatPinger } from '../../src/daemon/heartbeat-ping.js';
import type { HeldLock } from '../../src/daemon/lock.js';
import type { ErrorReporter } from '../../src/daemon/sentry.js';
import { memoryLog } from '../../src/jobs/log.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import type { TestStore } from './store.js';

/** A lock the test holds for the daemon (no file, no previous crash). */
export const noLock: HeldLock = {
  info: { pid: process.pid, host: 'test', startedAt: '' },
  stale: undefined,
  release: () => undefined,
};

/** A `--once` daemon on a test store with the real registry and hooks, offline writer. */
export const onceDaemon = (
  store: TestStore,
  extra: { log?: ReturnType<typeof memoryLog>; reporter?: ErrorReporter; pinger?: HeartbeatPinger } = {},
) =>
  new Daemon({
    base: store.deps,
    config: store.deps.config,
    clock: store.clock,
    registry: buildRegistry({ providerFor: () => createOfflineTextProvider() }),
    hooks: daemonHooks(),
    log: extra.log ?? memoryLog(),
    lock: noLock,
    mode: 'once',
    ...(extra.reporter ? { reporter: extra.reporter } : {}),
    ...(extra.pinger ? { pinger: extra.pinger } : {}),
  });
