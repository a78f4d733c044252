import cron from 'node-cron';
import type { Config } from '../config/schema.js';
import { WEEKDAYS } from '../domain/content.js';
import type { JobKind } from '../domain/jobs.js';
import { addDays, localDate, localParts, minutesOf, zonedToUtc } from '../domain/time.js';

/** The job kinds created from a schedule; their payload is the slot. */
export type SlotKind = Extract<JobKind, 'generate' | 'weekly_report' | 'token_check' | 'calendar'>;

/** One recurring slot: a job kind fired by a cron expression in a brand's time zone. */
export interface ScheduleSpec {
  kind: SlotKind;
  brand: string;
  expression: string;
  timeZone: string;
}

const hm = (hhmm: string) => {
  const m = minutesOf(hhmm);
  return { h: Math.floor(m / 60), m: m % 60 };
};

/**
 * The schedules to run for every brand: generation from `brand.generation` (Tue–Thu 10:00 by
 * default), the weekly report, the daily feed read and plan refresh (`calendar`) and the daily
 * token check (each only when its kind is registered).
 * `daemon.cron` overrides an expression (tests and the soak run use 6-field, per-second ones).
 */
export const scheduleSpecs = (config: Config, hasHandler: (kind: string) => boolean): ScheduleSpec[] => {
  const specs: ScheduleSpec[] = [];
  const d = config.daemon;
  for (const [slug, brand] of Object.entries(config.brands)) {
    const tz = brand.timezone;
    if (hasHandler('generate')) {
      const t = hm(brand.generation.time);
      const days = brand.generation.days.join(',');
      specs.push({
        kind: 'generate',
        brand: slug,
        timeZone: tz,
        expression: d.cron.generate ?? `${t.m} ${t.h} * * ${days}`,
      });
    }
    if (hasHandler('weekly_report')) {
      const t = hm(d.weeklyReport.time);
      specs.push({
        kind: 'weekly_report',
        brand: slug,
        timeZone: tz,
        expression: d.cron.weekly_report ?? `${t.m} ${t.h} * * ${d.weeklyReport.day}`,
      });
    }
    if (hasHandler('calendar')) {
      const t = hm(brand.plan.sources.fetchTime);
      specs.push({
        kind: 'calendar',
        brand: slug,
        timeZone: tz,
        expression: d.cron.calendar ?? `${t.m} ${t.h} * * *`,
      });
    }
    if (hasHandler('token_check')) {
      const t = hm(d.tokenCheck.time);
      specs.push({
        kind: 'token_check',
        brand: slug,
        timeZone: tz,
        expression: d.cron.token_check ?? `${t.m} ${t.h} * * *`,
      });
    }
  }
  return specs;
};

export const validCron = (expression: string): boolean => cron.validate(expression);

/**
 * Instants in (from, to] at which a cron expression fires in a time zone. The wall clock is
 * walked day by day and hour by hour, each hour converted to UTC on its own, so slots stay at
 * 10:00 local across daylight-saving changes; a wall time in the spring gap moves forward by
 * the gap, and a repeated autumn hour fires once. Day of month and day of week must both match.
 */
export const occurrences = (expression: string, timeZone: string, from: Date, to: Date): Date[] => {
  if (to.getTime() <= from.getTime()) return [];
  const f = cron.parse(expression);
  const dows = new Set(
    f.dayOfWeek.map((v) =>
      typeof v === 'number' ? v % 7 : WEEKDAYS.indexOf(String(v).slice(0, 3).toLowerCase() as never),
    ),
  );
  const doms = new Set(f.dayOfMonth.map(Number));
  const months = new Set(f.month);
  const out = new Set<number>();
  const lo = from.getTime();
  const hi = to.getTime();
  const last = localDate(to, timeZone);
  for (let date = localDate(from, timeZone); date <= last; date = addDays(date, 1)) {
    const [y, mo, dd] = date.split('-').map(Number) as [number, number, number];
    const dow = new Date(Date.UTC(y, mo - 1, dd)).getUTCDay();
    if (!months.has(mo) || !doms.has(dd) || !dows.has(dow)) continue;
    for (const h of f.hour) {
      let base = zonedToUtc(date, h * 60, timeZone).getTime();
      // In the spring gap the conversion can land an hour early (01:00 for a missing 02:00);
      // walk forward to the wall hour that exists (03:00), as clocks do.
      const landed = localParts(new Date(base), timeZone).hour;
      if (landed !== h) {
        let diff = (h - landed + 24) % 24;
        if (diff > 12) diff -= 24;
        base += Math.max(diff, 0) * 3_600_000;
      }
      if (base + 3_600_000 <= lo || base > hi) continue;
      for (const m of f.minute) {
        for (const s of f.second) {
          const t = base + m * 60_000 + s * 1000;
          if (t > lo && t <= hi) out.add(t);
        }
      }
    }
  }
  return [...out].sort((a, b) => a - b).map((t) => new Date(t));
};

/** The next firing after `after` (heartbeat and `autoscale jobs`), searching up to 8 days. */
export const nextOccurrence = (expression: string, timeZone: string, after: Date): Date | undefined => {
  // Widening windows keep per-second test schedules cheap and weekly ones complete.
  for (const span of [60_000, 3_600_000, 86_400_000, 8 * 86_400_000]) {
    const found = occurrences(expression, timeZone, after, new Date(after.getTime() + span))[0];
    if (found) return found;
  }
  return undefined;
};

/** Local wall-clock label of a slot, for logs and payloads. */
export const slotLabel = (slot: Date, timeZone: string): string => {
  const p = localParts(slot, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
};
