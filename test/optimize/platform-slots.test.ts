import { describe, expect, it } from 'vitest';
import { choosePlatformSlot } from '../../src/optimize/platform-slots.js';
import { zonedToUtc } from '../../src/domain/time.js';

const TZ = 'America/Toronto';
/** A history where one local hour clearly engages more. */
const history = (goodHour: number, n = 12) =>
  Array.from({ length: n }, (_, i) => {
    const hour = [8, 9][i % 2]!;
    const at = zonedToUtc(`2026-11-${String(3 + i).padStart(2, '0')}`, hour * 60 + 10, TZ);
    return { publishedAt: at.toISOString(), engagementRate: hour === goodHour ? 0.06 : 0.015, label: '24h' };
  });

describe('per-platform slot learning', () => {
  it('stays uniform until a platform has its own measured posts', () => {
    const choice = choosePlatformSlot(history(9, 3), { windowStart: '08:00', windowEnd: '10:00' }, TZ, 's');
    expect(choice).toMatchObject({ basis: 'uniform', preferredMinute: undefined });
  });

  it('prefers the hour that performed on that platform', () => {
    const picks = Array.from({ length: 40 }, (_, i) =>
      choosePlatformSlot(history(9), { windowStart: '08:00', windowEnd: '10:00' }, TZ, `seed-${i}`),
    );
    const late = picks.filter((p) => p.preferredMinute! >= 9 * 60).length;
    expect(late).toBeGreaterThan(32);
    expect(picks[0]!.evidence[9]).toMatchObject({ posts: 6 });
  });

  it('ignores results outside the platform’s window (another platform’s hours say nothing)', () => {
    const choice = choosePlatformSlot(history(9), { windowStart: '11:00', windowEnd: '13:00' }, TZ, 's');
    expect(choice.basis).toBe('uniform');
  });
});
