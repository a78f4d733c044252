import { describe, expect, it } from 'vitest';
import { drawSlot } from '../../src/domain/slot.js';
import {
  addDays,
  formatLocal,
  localDate,
  localTime,
  parseUserTime,
  weekdayOf,
  zonedToUtc,
  zoneOffsetMinutes,
  isValidDate,
} from '../../src/domain/time.js';

const TZ = 'America/Toronto';
const base = {
  timeZone: TZ,
  windowStart: '13:00',
  windowEnd: '16:00',
  jitterMinutes: 30,
  minGapHours: 3,
  taken: [] as Date[],
};

describe('time zone arithmetic', () => {
  it('converts wall-clock time to UTC on both sides of DST', () => {
    expect(zonedToUtc('2026-07-15', 13 * 60, TZ).toISOString()).toBe('2026-07-15T17:00:00.000Z');
    expect(zonedToUtc('2026-12-15', 13 * 60, TZ).toISOString()).toBe('2026-12-15T18:00:00.000Z');
    // The day clocks fall back (2026-11-01) and spring forward (2026-03-08).
    expect(zonedToUtc('2026-11-01', 14 * 60, TZ).toISOString()).toBe('2026-11-01T19:00:00.000Z');
    expect(zonedToUtc('2026-03-08', 14 * 60, TZ).toISOString()).toBe('2026-03-08T18:00:00.000Z');
    expect(zoneOffsetMinutes(new Date('2026-07-01T00:00:00Z'), TZ)).toBe(-240);
  });

  it('moves a non-existent local time forward like clocks do', () => {
    const at = zonedToUtc('2026-03-08', 2 * 60 + 30, TZ);
    expect(localTime(at, TZ)).toBe('03:30');
  });

  it('parses user times as ISO or local', () => {
    expect(parseUserTime('2026-12-01 14:10', TZ)?.toISOString()).toBe('2026-12-01T19:10:00.000Z');
    expect(parseUserTime('2026-12-01T14:10:00Z', TZ)?.toISOString()).toBe('2026-12-01T14:10:00.000Z');
    expect(parseUserTime('tomorrow', TZ)).toBeUndefined();
    expect(parseUserTime('2026-02-30 10:00', TZ)).toBeUndefined();
    expect(parseUserTime('2026-12-01 25:00', TZ)).toBeUndefined();
  });

  it('knows calendar dates and weekdays', () => {
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(weekdayOf('2026-11-24')).toBe('tue');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(localDate(new Date('2026-11-25T03:00:00Z'), TZ)).toBe('2026-11-24');
  });
});

describe('slot drawing', () => {
  it('is reproducible from its seed', () => {
    const a = drawSlot({ ...base, date: '2026-12-01', seed: 's1' });
    const b = drawSlot({ ...base, date: '2026-12-01', seed: 's1' });
    const c = drawSlot({ ...base, date: '2026-12-01', seed: 's2' });
    expect(a?.at.toISOString()).toBe(b?.at.toISOString());
    expect(a?.at.toISOString()).not.toBe(c?.at.toISOString());
  });

  it('stays inside the local window across the November and March DST changes', () => {
    const days = [
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2027-03-12',
      '2027-03-13',
      '2027-03-14',
      '2027-03-15',
      '2027-03-16',
    ];
    for (const date of days) {
      for (let i = 0; i < 50; i += 1) {
        const slot = drawSlot({ ...base, date, seed: `${date}-${i}` })!;
        const local = formatLocal(slot.at, TZ);
        expect(local.slice(0, 10)).toBe(date);
        expect(local.slice(11) >= '13:00' && local.slice(11) < '16:00').toBe(true);
      }
    }
  });

  it('spreads draws over the window instead of piling on the edges', () => {
    const minutes = Array.from(
      { length: 400 },
      (_, i) => drawSlot({ ...base, date: '2026-12-02', seed: `spread-${i}` })!.minuteOfDay,
    );
    const atEdge = minutes.filter((m) => m === 13 * 60 || m === 16 * 60 - 1).length;
    expect(atEdge).toBeLessThan(10);
    expect(Math.min(...minutes)).toBeLessThan(13 * 60 + 20);
    expect(Math.max(...minutes)).toBeGreaterThan(15 * 60 + 40);
  });

  it('keeps the minimum gap to other posts of the Page', () => {
    const taken = [zonedToUtc('2026-12-01', 14 * 60 + 30, TZ)];
    for (let i = 0; i < 30; i += 1) {
      const slot = drawSlot({ ...base, date: '2026-12-01', taken, minGapHours: 1, seed: `gap-${i}` })!;
      expect(Math.abs(slot.at.getTime() - taken[0]!.getTime())).toBeGreaterThanOrEqual(3_600_000);
    }
  });

  it('returns undefined when the gap leaves no room that day', () => {
    const taken = [zonedToUtc('2026-12-01', 14 * 60 + 30, TZ)];
    expect(drawSlot({ ...base, date: '2026-12-01', taken, minGapHours: 3, seed: 'full' })).toBeUndefined();
  });

  it('centres on the preferred minute with jitter', () => {
    for (let i = 0; i < 50; i += 1) {
      const slot = drawSlot({ ...base, date: '2026-12-01', preferredMinute: 14 * 60, seed: `p-${i}` })!;
      expect(Math.abs(slot.minuteOfDay - 14 * 60)).toBeLessThanOrEqual(30);
    }
  });
});
