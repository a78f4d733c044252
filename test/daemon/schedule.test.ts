import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../src/jobs/log.js';
import { nextOccurrence, occurrences, scheduleSpecs } from '../../src/daemon/schedule.js';
import { Scheduler } from '../../src/daemon/scheduler.js';
import { listJobs } from '../../src/store/jobs-repo.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { testStore, type TestStore } from '../helpers/store.js';

const TZ = 'America/Toronto';
const iso = (d: Date[]) => d.map((x) => x.toISOString());

describe('cron occurrences in the brand time zone', () => {
  it('fires Tue–Thu at 10:00 local, before and after the November DST change', () => {
    // 2026-11-01: EDT (UTC-4) → EST (UTC-5).
    const slots = occurrences(
      '0 10 * * tue,wed,thu',
      TZ,
      new Date('2026-10-26T00:00:00Z'),
      new Date('2026-11-07T00:00:00Z'),
    );
    expect(iso(slots)).toEqual([
      '2026-10-27T14:00:00.000Z',
      '2026-10-28T14:00:00.000Z',
      '2026-10-29T14:00:00.000Z',
      '2026-11-03T15:00:00.000Z',
      '2026-11-04T15:00:00.000Z',
      '2026-11-05T15:00:00.000Z',
    ]);
    // node-cron agrees that each instant matches the expression in that zone.
    const task = cron.createTask('0 10 * * tue,wed,thu', () => undefined, { timezone: TZ });
    for (const s of slots) expect(task.match(s)).toBe(true);
    expect(task.match(new Date('2026-11-03T14:00:00Z'))).toBe(false);
    void task.destroy();
  });

  it('stays at 10:00 across the March change and handles the spring gap and the repeated autumn hour', () => {
    // 2026-03-08: EST → EDT.
    expect(
      iso(occurrences('0 10 * * *', TZ, new Date('2026-03-07T00:00:00Z'), new Date('2026-03-09T23:00:00Z'))),
    ).toEqual(['2026-03-07T15:00:00.000Z', '2026-03-08T14:00:00.000Z', '2026-03-09T14:00:00.000Z']);
    // 02:30 does not exist on 2026-03-08: it moves forward by the gap (03:30 EDT), once.
    expect(
      iso(occurrences('30 2 * * *', TZ, new Date('2026-03-08T00:00:00Z'), new Date('2026-03-08T12:00:00Z'))),
    ).toEqual(['2026-03-08T07:30:00.000Z']);
    // 01:30 happens twice on 2026-11-01: the slot fires once.
    expect(
      occurrences('30 1 * * *', TZ, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-01T12:00:00Z')),
    ).toHaveLength(1);
  });

  it('enumerates per-second test schedules and half-open windows', () => {
    const from = new Date('2026-11-24T15:00:00Z');
    expect(occurrences('*/5 * * * * *', TZ, from, new Date('2026-11-24T15:00:20Z'))).toHaveLength(4);
    expect(occurrences('0 10 * * *', TZ, new Date('2026-11-24T15:00:00Z'), new Date('2026-11-24T15:00:00Z'))).toEqual(
      [],
    );
    expect(nextOccurrence('0 8 * * mon', TZ, new Date('2026-11-24T15:00:00Z'))?.toISOString()).toBe(
      '2026-11-30T13:00:00.000Z',
    );
  });

  it('builds schedules from the brand config, only for kinds with a handler', () => {
    const config = buildInitialConfig({});
    const only =
      (...kinds: string[]) =>
      (k: string) =>
        kinds.includes(k);
    expect(scheduleSpecs(config, only('generate'))).toEqual([
      { kind: 'generate', brand: config.currentBrand, expression: '0 10 * * tue,wed,thu', timeZone: TZ },
    ]);
    const all = scheduleSpecs(config, only('generate', 'weekly_report', 'token_check'));
    expect(all.map((s) => [s.kind, s.expression])).toEqual([
      ['generate', '0 10 * * tue,wed,thu'],
      ['weekly_report', '0 8 * * mon'],
      ['token_check', '30 7 * * *'],
    ]);
    config.daemon.cron.generate = '*/2 * * * * *';
    expect(scheduleSpecs(config, only('generate'))[0]!.expression).toBe('*/2 * * * * *');
  });
});

describe('scheduler sync (slots → jobs)', () => {
  let store: TestStore;
  afterEach(async () => {
    await store.close();
  });

  const scheduler = (expression = '0 10 * * tue,wed,thu') =>
    new Scheduler({
      db: store.deps.db,
      specs: [{ kind: 'generate', brand: store.deps.brandSlug, expression, timeZone: TZ }],
      clock: store.clock,
      daemon: store.deps.config.daemon,
      writer: store.deps.writer,
      log: silentLog(),
    });

  it('enqueues each slot once, even from two schedulers, and catches up only the latest missed slot', async () => {
    store = await testStore({ now: '2026-11-23T12:00:00Z' }); // Monday
    const a = scheduler();
    const b = scheduler();
    expect((await a.sync()).enqueued).toEqual([]);
    store.clock.set('2026-11-24T15:00:05Z'); // Tuesday 10:00:05
    const first = await a.sync();
    expect(first.enqueued.map((e) => e.slot)).toEqual(['2026-11-24T15:00:00.000Z']);
    expect((await b.sync()).enqueued).toEqual([]);
    // Down from Tuesday until Friday 09:00 (Wed and Thu missed): only Thursday's is caught up.
    store.clock.set('2026-11-27T14:00:00Z');
    const after = await a.sync();
    expect(after.enqueued.map((e) => e.slot)).toEqual(['2026-11-26T15:00:00.000Z']);
    expect(after.skipped.map((e) => e.slot)).toEqual(['2026-11-25T15:00:00.000Z']);
    const jobs = await listJobs(store.deps.db, { limit: 10 });
    expect(jobs.map((j) => [j.runAt, j.state]).sort()).toEqual([
      ['2026-11-24T15:00:05.000Z', 'queued'],
      ['2026-11-25T15:00:00.000Z', 'skipped'],
      ['2026-11-27T14:00:00.000Z', 'queued'],
    ]);
  });

  it('does not catch up slots older than the window', async () => {
    store = await testStore({ now: '2026-11-24T14:00:00Z' });
    const s = scheduler();
    await s.sync();
    store.clock.set('2026-12-05T12:00:00Z'); // eleven days later, last slot 45 h old
    const r = await s.sync();
    expect(r.enqueued).toEqual([]);
    expect(r.skipped.length).toBe(6);
  });
});
