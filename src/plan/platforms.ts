import { brandPlatforms } from '../config/platforms.js';
import type { BrandConfig } from '../config/schema.js';
import type { Weekday } from '../domain/content.js';
import { addDays, weekdayOf } from '../domain/time.js';

/** A platform the brand posts on, with its posting days and window (brand time zone). */
export interface PlanPlatform {
  platform: 'facebook' | 'instagram' | 'linkedin';
  posting: { days: Weekday[]; windowStart: string; windowEnd: string; jitterMinutes: number; minGapHours: number };
}

/**
 * The brand's platforms and their schedules, in the order the brand lists them: the one place
 * the plan reads them. `brandPlatforms()` resolves each one's window (Facebook keeps the brand's
 * `posting` section; Instagram and LinkedIn their own or their defaults).
 */
export const planPlatforms = (brand: BrandConfig): PlanPlatform[] =>
  brandPlatforms(brand).map((target) => ({
    platform: target.platform,
    posting: {
      days: target.posting.days,
      windowStart: target.posting.windowStart,
      windowEnd: target.posting.windowEnd,
      jitterMinutes: target.posting.jitterMinutes,
      minGapHours: target.posting.minGapHours,
    },
  }));

export interface PlanSlot {
  platform: PlanPlatform['platform'];
  date: string;
}

/** Every posting day of every platform in [from, to] (local dates), by date then platform order. */
export const postingSlots = (platforms: PlanPlatform[], from: string, to: string): PlanSlot[] => {
  const slots: PlanSlot[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = weekdayOf(date);
    for (const p of platforms) if (p.posting.days.includes(day)) slots.push({ platform: p.platform, date });
  }
  return slots;
};

/** The Monday of a local date's week (weeks run Monday to Sunday, as in the report). */
export const mondayOf = (date: string): string => {
  const offset = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).indexOf(weekdayOf(date));
  return addDays(date, -offset);
};
