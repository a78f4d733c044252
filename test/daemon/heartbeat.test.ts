import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinger } from '../../src/daemon/heartbeat-ping.js';
import { renderFailureUnit, renderUnit } from '../../src/daemon/systemd.js';
import { memoryLog } from '../../src/jobs/log.js';
import { startHealthchecksFake, type HealthchecksFake } from '../fakes/healthchecks-fake.js';
import { onceDaemon } from '../helpers/daemon.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
let monitor: HealthchecksFake;
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:05Z' });
  monitor = await startHealthchecksFake();
});
afterEach(async () => {
  await store.close();
  await monitor.close();
});

const daemon = (url: string | undefined, log = memoryLog()) =>
  onceDaemon(store, { log, pinger: createPinger(url, { log, timeoutMs: 10_000 }) });

describe('dead-man’s switch', () => {
  it('pings the external monitor at start and after each good pass', async () => {
    await daemon(monitor.url).runOnce();
    expect(monitor.pings.map((p) => p.kind)).toEqual(['start', '']);
    const d = daemon(monitor.url);
    await d.startup();
    await d.tick();
    await d.tick();
    // Pings go out in the background (a slow monitor never delays a pass), in order.
    await vi.waitFor(() => expect(monitor.pings.map((p) => p.kind)).toEqual(['start', '', 'start', '', '']), {
      timeout: 10_000,
    });
  });

  it('a monitor that is down never stops the daemon, and is logged once', async () => {
    monitor.down();
    const log = memoryLog();
    const summary = await daemon(monitor.url, log).runOnce();
    expect(summary.jobs.failed).toBe(0);
    const warnings = log.entries.filter((e) => /heartbeat ping failed/.test(e.msg ?? ''));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toMatch(/HTTP 503/);
  });

  it('without HEARTBEAT_URL nothing is sent', async () => {
    await daemon(undefined).runOnce();
    expect(monitor.pings).toHaveLength(0);
  });

  it('the systemd unit names an OnFailure= unit that runs `daemon alert`', () => {
    const o = {
      home: '/srv/autoscale',
      nodePath: '/usr/bin/node',
      binPath: '/opt/autoscale/bin/autoscale.js',
      user: false,
      account: 'autoscale',
    };
    expect(renderUnit(o)).toContain('OnFailure=autoscale-failure.service');
    const failure = renderFailureUnit(o);
    for (const line of [
      'Type=oneshot',
      'User=autoscale',
      'EnvironmentFile=-/srv/autoscale/.env',
      'ExecStart=/usr/bin/node /opt/autoscale/bin/autoscale.js --home /srv/autoscale daemon alert --unit autoscale.service',
    ])
      expect(failure).toContain(line);
  });
});
