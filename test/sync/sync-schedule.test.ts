import { describe, expect, it } from 'vitest';
import { nextSyncDelayMs, runSyncCycle } from '../../src/sync/schedule.js';
import { memoryReplica } from '../helpers/sync.js';
import { sqlTransport } from '../../src/sync/sql-transport.js';

describe('daemon sync cadence', () => {
  it('syncs every interval while the hub answers and backs off (with jitter, capped) while it does not', () => {
    const mid = () => 0.5;
    expect(nextSyncDelayMs(5, 0, mid)).toBe(300_000);
    expect(nextSyncDelayMs(5, 1, mid)).toBe(60_000);
    expect(nextSyncDelayMs(5, 3, mid)).toBe(240_000);
    expect(nextSyncDelayMs(5, 10, mid)).toBe(2_400_000); // 8 × interval
    expect(nextSyncDelayMs(60, 20, mid)).toBe(3_600_000); // never more than an hour
    expect(nextSyncDelayMs(5, 1, () => 0)).toBe(45_000);
    expect(nextSyncDelayMs(5, 1, () => 1)).toBe(75_000);
  });

  it('never throws: an unreachable hub counts as a failure and schedules a retry', async () => {
    const r = await memoryReplica('daemon');
    const down = sqlTransport({
      target: 'down',
      connect: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
    });
    const first = await runSyncCycle(r.deps, 0, { transport: down });
    expect(first).toMatchObject({ failures: 1 });
    expect(first.report?.offline).toBe(true);
    const second = await runSyncCycle(r.deps, first.failures, { transport: down });
    expect(second.failures).toBe(2);
    // Without a hub configured there is nothing to do.
    expect(await runSyncCycle(r.deps, 0)).toMatchObject({ failures: 0, nextInMs: 300_000 });
    await r.close();
  });
});
