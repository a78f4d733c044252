import { describe, expect, it } from 'vitest';
import { drawSlot } from '../../src/domain/slot.js';
import { addDays, localDate, localParts, zoneOffsetMinutes } from '../../src/domain/time.js';
import { proposeSlot } from '../../src/review/review-service.js';
import { getPost } from '../../src/store/posts-repo.js';
import { testStore } from '../helpers/store.js';
import { approvedPost } from '../helpers/publish-fixtures.js';

const TZ = 'America/Toronto';
const minuteOf = (d: Date) => {
  const p = localParts(d, TZ);
  return p.hour * 60 + p.minute;
};
const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));

// 2026-11-01 (Sunday): clocks go back 02:00 → 01:00 (UTC-4 → UTC-5).
// 2027-03-14 (Sunday): clocks go forward 02:00 → 03:00 (UTC-5 → UTC-4).
const AROUND_NOVEMBER = days('2026-10-26', 14);
const AROUND_MARCH = days('2027-03-08', 14);

describe('slots across daylight-saving changes (America/Toronto)', () => {
  it('the zone really changes offset on those days', () => {
    expect(zoneOffsetMinutes(new Date('2026-10-31T18:00:00Z'), TZ)).toBe(-240);
    expect(zoneOffsetMinutes(new Date('2026-11-02T18:00:00Z'), TZ)).toBe(-300);
    expect(zoneOffsetMinutes(new Date('2027-03-13T18:00:00Z'), TZ)).toBe(-300);
    expect(zoneOffsetMinutes(new Date('2027-03-15T18:00:00Z'), TZ)).toBe(-240);
  });

  it.each([...AROUND_NOVEMBER, ...AROUND_MARCH])(
    '%s: every draw lands inside 13:00–16:00 local, on that local day',
    (date) => {
      for (let seed = 0; seed < 60; seed += 1) {
        const slot = drawSlot({
          date,
          timeZone: TZ,
          windowStart: '13:00',
          windowEnd: '16:00',
          jitterMinutes: 30,
          minGapHours: 3,
          taken: [],
          seed: `dst-${seed}`,
        })!;
        expect(localDate(slot.at, TZ)).toBe(date);
        const m = minuteOf(slot.at);
        expect(m).toBeGreaterThanOrEqual(13 * 60);
        expect(m).toBeLessThan(16 * 60);
        expect(m).toBe(slot.minuteOfDay);
      }
    },
  );

  it('a window spanning the change hour itself stays inside the window in local time', () => {
    for (const date of ['2026-11-01', '2027-03-14']) {
      for (let seed = 0; seed < 200; seed += 1) {
        const slot = drawSlot({
          date,
          timeZone: TZ,
          windowStart: '01:00',
          windowEnd: '04:00',
          jitterMinutes: 30,
          minGapHours: 0,
          taken: [],
          seed: `night-${seed}`,
        })!;
        const m = minuteOf(slot.at);
        expect(localDate(slot.at, TZ)).toBe(date);
        // 02:00–02:59 does not exist on 14 March: such draws move forward by the gap, still inside.
        expect(m).toBeGreaterThanOrEqual(60);
        expect(m).toBeLessThan(4 * 60 + 60);
        if (date === '2027-03-14') expect(Math.floor(m / 60)).not.toBe(2);
      }
    }
  });

  it('the minimum gap is measured in real hours across the change', () => {
    const first = drawSlot({
      date: '2026-11-01',
      timeZone: TZ,
      windowStart: '00:00',
      windowEnd: '06:00',
      jitterMinutes: 0,
      minGapHours: 3,
      taken: [],
      seed: 'gap-a',
    })!;
    for (let seed = 0; seed < 50; seed += 1) {
      const second = drawSlot({
        date: '2026-11-01',
        timeZone: TZ,
        windowStart: '00:00',
        windowEnd: '06:00',
        jitterMinutes: 0,
        minGapHours: 3,
        taken: [first.at],
        seed: `gap-${seed}`,
      });
      if (second) expect(Math.abs(second.at.getTime() - first.at.getTime())).toBeGreaterThanOrEqual(3 * 3_600_000);
    }
  });

  it('the same seed reproduces the same slot on both sides of the change', () => {
    for (const date of ['2026-10-29', '2026-11-03', '2027-03-11', '2027-03-16']) {
      const req = {
        date,
        timeZone: TZ,
        windowStart: '13:00',
        windowEnd: '16:00',
        jitterMinutes: 30,
        minGapHours: 3,
        taken: [],
        seed: 'repro',
      };
      expect(drawSlot(req)!.at.getTime()).toBe(drawSlot(req)!.at.getTime());
    }
  });

  it('approval-time slots (proposeSlot) on the posting days around both changes are in the window', async () => {
    for (const [now, target] of [
      ['2026-10-27T12:00:00Z', '2026-10-29'],
      ['2026-10-30T12:00:00Z', '2026-11-03'],
      ['2027-03-09T12:00:00Z', '2027-03-11'],
      ['2027-03-12T12:00:00Z', '2027-03-16'],
    ] as const) {
      const store = await testStore({ now });
      try {
        const id = await approvedPost(store.deps, { text: `DST ${target}`, at: `${target}T18:00:00Z` });
        const post = (await getPost(store.deps.db, id))!;
        for (let i = 0; i < 20; i += 1) {
          const slot = await proposeSlot(store.deps, { ...post, targetDate: target }, `seed-${i}`);
          expect(slot.date).toBe(target);
          expect(localDate(slot.at, TZ)).toBe(target);
          const m = minuteOf(slot.at);
          expect(m >= 13 * 60 && m < 16 * 60).toBe(true);
        }
      } finally {
        await store.close();
      }
    }
  });
});
