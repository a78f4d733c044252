import { WEEKDAYS, type Weekday } from './content.js';

const formatterCache = new Map<string, Intl.DateTimeFormat>();
const partsFormatter = (timeZone: string) => {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
};

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const localParts = (instant: Date, timeZone: string): LocalParts => {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
};

/** Offset of the zone from UTC at that instant, in minutes (Toronto: -300 in winter, -240 in summer). */
export const zoneOffsetMinutes = (instant: Date, timeZone: string): number => {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const localDate = (instant: Date, timeZone: string): string => {
  const p = localParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

export const localTime = (instant: Date, timeZone: string): string => {
  const p = localParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};

export const isValidDate = (value: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

export const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * The UTC instant of a wall-clock time in a zone. Around a DST change the offset is
 * re-evaluated at the candidate instant; a time that does not exist (spring gap) moves
 * forward by the gap, as clocks do.
 */
export const zonedToUtc = (date: string, minuteOfDay: number, timeZone: string, second = 0): Date => {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, mo - 1, d, 0, 0, second) + minuteOfDay * 60_000;
  const first = naive - zoneOffsetMinutes(new Date(naive), timeZone) * 60_000;
  const offsetAtFirst = zoneOffsetMinutes(new Date(first), timeZone);
  const second_ = naive - offsetAtFirst * 60_000;
  if (second_ === first) return new Date(first);
  // The guess straddled a change: the second candidate is right unless the wall time falls in
  // the spring-forward gap, where the first candidate is that time moved forward by the gap.
  return zoneOffsetMinutes(new Date(second_), timeZone) === offsetAtFirst ? new Date(second_) : new Date(first);
};

export const weekdayOf = (date: string): Weekday => {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]!;
};

export const addDays = (date: string, days: number): string => {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, mo - 1, d + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
};

/** Strict ISO-8601 instant with an explicit zone (Z or ±hh:mm). */
export const parseInstant = (value: string): Date | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/**
 * A time typed by a person: an ISO instant with zone, or a local "YYYY-MM-DD HH:MM"
 * (or with a T) read in the brand's time zone.
 */
export const parseUserTime = (value: string, timeZone: string): Date | undefined => {
  const instant = parseInstant(value.trim());
  if (instant) return instant;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!m || !isValidDate(m[1]!)) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  if (h > 23 || mi > 59) return undefined;
  return zonedToUtc(m[1]!, h * 60 + mi, timeZone);
};

export const formatLocal = (instant: Date, timeZone: string): string =>
  `${localDate(instant, timeZone)} ${localTime(instant, timeZone)}`;
