import { zoneOffsetMinutes } from '../domain/time.js';
import type { OffsetSegments } from '../store/facts-repo.js';

const DAY = 86_400_000;

/**
 * Local weekday and hour of many instants in one zone without asking Intl for each: the zone's
 * offset is read at the start and end of each UTC day and reused for every instant of a day
 * whose offset does not change (zones change offset at most once a day).
 */
export const localClock = (timeZone: string) => {
  const atDay = new Map<number, number>();
  const offsetAtDayStart = (day: number) => {
    let off = atDay.get(day);
    if (off === undefined) {
      off = zoneOffsetMinutes(new Date(day * DAY), timeZone);
      atDay.set(day, off);
    }
    return off;
  };
  const offsetAt = (ms: number) => {
    const day = Math.floor(ms / DAY);
    const start = offsetAtDayStart(day);
    return start === offsetAtDayStart(day + 1) ? start : zoneOffsetMinutes(new Date(ms), timeZone);
  };
  return {
    offsetAt,
    /** 0 = Sunday … 6 = Saturday, and 0–23, in the zone. */
    weekdayHour(iso: string): { weekday: number; hour: number } {
      const ms = Date.parse(iso);
      const local = new Date(ms + offsetAt(ms) * 60_000);
      return { weekday: local.getUTCDay(), hour: local.getUTCHours() };
    },
  };
};

/**
 * The zone's offsets over [from, to) as segments, for SQL that groups by local weekday and
 * hour: each day boundary is checked and a change is narrowed down to the minute.
 */
export const offsetSegments = (timeZone: string, from: string, to: string): OffsetSegments => {
  const clock = localClock(timeZone);
  const start = Date.parse(from);
  const end = Date.parse(to);
  const segments: OffsetSegments = [];
  let current = clock.offsetAt(start);
  for (let day = Math.floor(start / DAY) + 1; day * DAY <= end + DAY; day += 1) {
    const next = clock.offsetAt(day * DAY);
    if (next === current) continue;
    // The change happened in (day − 1, day]: find its first minute.
    let lo = (day - 1) * DAY;
    let hi = day * DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (clock.offsetAt(mid) === current) lo = mid;
      else hi = mid;
    }
    segments.push({ until: new Date(hi).toISOString(), minutes: current });
    current = next;
  }
  segments.push({ until: null, minutes: current });
  return segments;
};
