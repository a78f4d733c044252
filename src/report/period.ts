import { WEEKDAYS } from '../domain/content.js';
import { addDays, isValidDate, localDate, weekdayOf, zonedToUtc } from '../domain/time.js';
import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { Period } from './report-types.js';

/** Report periods: local dates in the brand's zone, UTC bounds at local midnight. */
export const dayStart = (date: string, tz: string) => zonedToUtc(date, 0, tz).toISOString();

export const periodOf = (from: string, to: string, tz: string): Period => {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from, to, start: dayStart(from, tz), end: dayStart(addDays(to, 1), tz), days };
};

/** The last complete Monday–Sunday week before `now`, in the brand's zone. */
export const lastCompleteWeek = (now: Date, tz: string): Period => {
  const today = localDate(now, tz);
  const monday = addDays(today, -((WEEKDAYS.indexOf(weekdayOf(today)) + 6) % 7));
  return periodOf(addDays(monday, -7), addDays(monday, -1), tz);
};

export const resolvePeriod = (input: {
  from?: string | undefined;
  to?: string | undefined;
  now: Date;
  timeZone: string;
}): Period => {
  for (const [name, value] of [
    ['--from', input.from],
    ['--to', input.to],
  ] as const) {
    if (value !== undefined && !isValidDate(value)) {
      throw new UsageError(
        l(`${name} "${value}" is not a date (YYYY-MM-DD).`, `${name} « ${value} » n'est pas une date (AAAA-MM-JJ).`),
        {
          fix: l('Use a local date such as 2026-11-16.', 'Utilisez une date locale comme 2026-11-16.'),
        },
      );
    }
  }
  if (input.from === undefined && input.to === undefined) return lastCompleteWeek(input.now, input.timeZone);
  const from = input.from ?? addDays(input.to!, -6);
  const to = input.to ?? addDays(from, 6);
  if (to < from) {
    throw new UsageError(l(`--to ${to} is before --from ${from}.`, `--to ${to} est avant --from ${from}.`), {
      fix: l('Swap the dates.', 'Inversez les dates.'),
    });
  }
  return periodOf(from, to, input.timeZone);
};

export const previousOf = (p: Period, tz: string): Period =>
  periodOf(addDays(p.from, -p.days), addDays(p.from, -1), tz);
