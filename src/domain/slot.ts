import { seededRandom } from './random.js';
import type { Weekday } from './content.js';
import { localDate, localTime, minutesOf, weekdayOf, zonedToUtc } from './time.js';

export interface SlotRequest {
  /** Local date in the brand's zone, YYYY-MM-DD. */
  date: string;
  timeZone: string;
  windowStart: string;
  windowEnd: string;
  jitterMinutes: number;
  minGapHours: number;
  /** Slots already taken on the same Page (UTC instants). */
  taken: Date[];
  seed: string;
  /** Minute of day the optimizer prefers; the jitter spreads around it. Uniform when absent. */
  preferredMinute?: number | undefined;
}

export interface Slot {
  at: Date;
  seed: string;
  /** Local minute of day of the drawn slot (before seconds). */
  minuteOfDay: number;
}

const respectsGap = (at: Date, taken: Date[], minGapHours: number) =>
  taken.every((t) => Math.abs(t.getTime() - at.getTime()) >= minGapHours * 3_600_000);

/**
 * Draws a publication time inside the window of the given local day.
 *
 * A centre is drawn (the preferred minute, or uniform in the window), then a uniform jitter of
 * ±jitterMinutes and a random second. Out-of-window draws are redrawn rather than clamped,
 * because clamping piles posts up exactly on the window edges, which looks automated.
 * Draws are reproducible from the seed. Returns undefined when the minimum gap to other posts
 * leaves no room that day.
 */
export const drawSlot = (request: SlotRequest): Slot | undefined => {
  const random = seededRandom(request.seed);
  const start = minutesOf(request.windowStart);
  const end = minutesOf(request.windowEnd);
  const span = end - start;
  const pick = (minute: number) => {
    const second = Math.floor(random() * 60);
    return { at: zonedToUtc(request.date, minute, request.timeZone, second), minuteOfDay: minute };
  };
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const centre = request.preferredMinute ?? start + random() * span;
    const jitter = (random() * 2 - 1) * request.jitterMinutes;
    const minute = Math.floor(centre + jitter);
    if (minute < start || minute >= end) continue;
    const slot = pick(minute);
    if (respectsGap(slot.at, request.taken, request.minGapHours)) return { ...slot, seed: request.seed };
  }
  // The random draws kept colliding: fall back to any free minute in the window.
  const free: number[] = [];
  for (let minute = start; minute < end; minute += 1) {
    if (respectsGap(zonedToUtc(request.date, minute, request.timeZone), request.taken, request.minGapHours))
      free.push(minute);
  }
  if (free.length === 0) return undefined;
  const slot = pick(free[Math.floor(random() * free.length)]!);
  return respectsGap(slot.at, request.taken, request.minGapHours) ? { ...slot, seed: request.seed } : undefined;
};

export interface SlotPlacement {
  weekday: Weekday;
  /** Inside [windowStart, windowEnd) on the brand's clock. */
  inWindow: boolean;
  /** One of the brand's posting days. */
  postingDay: boolean;
}

/** Where an instant falls for a brand: its weekday, and whether it is in the posting window and days. */
export const slotPlacement = (
  at: Date,
  p: { timeZone: string; windowStart: string; windowEnd: string; days: readonly Weekday[] },
): SlotPlacement => {
  const weekday = weekdayOf(localDate(at, p.timeZone));
  const minute = minutesOf(localTime(at, p.timeZone));
  return {
    weekday,
    inWindow: minute >= minutesOf(p.windowStart) && minute < minutesOf(p.windowEnd),
    postingDay: p.days.includes(weekday),
  };
};
