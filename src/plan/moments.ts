import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTENT_TYPES, WEEKDAYS, type ContentType } from '../domain/content.js';
import { addDays, weekdayOf } from '../domain/time.js';
import { ConfigError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { promptsDir } from '../prompts/library.js';

/**
 * The Quebec calendar of moments: shipped as data (prompts/calendar/moments-qc.json) and
 * editable per home (<home>/moments.json). Dates are rules evaluated per year, so movable ones
 * (Easter, the Monday before May 25, the construction holiday) fall right every year; they are
 * local dates of the brand's zone, never UTC instants.
 */

const localized = z.object({ fr: z.string().min(1), en: z.string().min(1) });
const month = z.number().int().min(1).max(12);

const ruleSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), month, day: z.number().int().min(1).max(31) }),
    z.object({
      kind: z.literal('nth-weekday'),
      month,
      weekday: z.enum(WEEKDAYS),
      n: z
        .number()
        .int()
        .min(-5)
        .max(5)
        .refine((n) => n !== 0, { message: 'n counts from 1 (or from -1 at the end)' }),
    }),
    z.object({
      kind: z.literal('weekday-before'),
      month,
      day: z.number().int().min(1).max(31),
      weekday: z.enum(WEEKDAYS),
    }),
    z.object({ kind: z.literal('easter'), offset: z.number().int().min(-60).max(60) }),
  ])
  .and(
    z.object({
      offsetDays: z.number().int().min(-60).max(60).optional(),
      shift: z.enum(['next-business-day']).optional(),
    }),
  );

const momentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected an id such as winter-tires' }),
  name: localized,
  rule: ruleSchema,
  durationDays: z.number().int().min(1).max(60).default(1),
  /** Posting days this many days before (the start) may carry the moment. */
  leadDays: z.number().int().min(0).max(60).default(7),
  holiday: z.boolean().default(false),
  types: z.array(z.enum(CONTENT_TYPES)).min(1).default(['tip']),
  angle: localized,
  disabled: z.boolean().optional(),
});

const overrideSchema = z.union([momentSchema, z.object({ id: z.string().min(1), disabled: z.literal(true) }).strict()]);

const fileSchema = z.object({
  version: z.literal(1).default(1),
  moments: z.array(overrideSchema),
});

export type Moment = z.infer<typeof momentSchema>;
export type MomentRule = z.infer<typeof ruleSchema>;

/** One moment on the calendar: its local dates (inclusive) in a given year. */
export interface MomentOccurrence {
  id: string;
  name: Localized;
  start: string;
  end: string;
  holiday: boolean;
  leadDays: number;
  types: ContentType[];
  angle: Localized;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export const easterSunday = (year: number): string => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const L = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * L) / 451);
  const month = Math.floor((h + L - 7 * m + 114) / 31);
  const day = ((h + L - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
};

const weekdayIndex = (date: string) => WEEKDAYS.indexOf(weekdayOf(date));

/** The rule's date in a year, before `offsetDays` and `shift`. */
const baseDate = (rule: MomentRule, year: number): string => {
  switch (rule.kind) {
    case 'fixed':
      return ymd(year, rule.month, Math.min(rule.day, daysInMonth(year, rule.month)));
    case 'easter':
      return addDays(easterSunday(year), rule.offset);
    case 'weekday-before': {
      let date = addDays(ymd(year, rule.month, Math.min(rule.day, daysInMonth(year, rule.month))), -1);
      while (weekdayOf(date) !== rule.weekday) date = addDays(date, -1);
      return date;
    }
    case 'nth-weekday': {
      const target = WEEKDAYS.indexOf(rule.weekday);
      if (rule.n > 0) {
        const first = ymd(year, rule.month, 1);
        const delta = (target - weekdayIndex(first) + 7) % 7;
        return addDays(first, delta + (rule.n - 1) * 7);
      }
      const last = ymd(year, rule.month, daysInMonth(year, rule.month));
      const delta = (weekdayIndex(last) - target + 7) % 7;
      return addDays(last, -delta - (-rule.n - 1) * 7);
    }
  }
};

const isWeekend = (date: string) => {
  const d = weekdayOf(date);
  return d === 'sat' || d === 'sun';
};

/**
 * The moments of a year, in date order. `shift: next-business-day` moves a date that falls on a
 * weekend or a holiday of the same calendar to the next working day (a tax deadline on a Sunday
 * is the Monday).
 */
export const momentsOfYear = (moments: Moment[], year: number): MomentOccurrence[] => {
  const holidays = new Set(
    moments
      .filter((m) => m.holiday && !m.rule.shift)
      .map((m) => addDays(baseDate(m.rule, year), m.rule.offsetDays ?? 0)),
  );
  return moments
    .filter((m) => !m.disabled)
    .map((m) => {
      let start = addDays(baseDate(m.rule, year), m.rule.offsetDays ?? 0);
      if (m.rule.shift === 'next-business-day')
        while (isWeekend(start) || holidays.has(start)) start = addDays(start, 1);
      return {
        id: m.id,
        name: m.name,
        start,
        end: addDays(start, m.durationDays - 1),
        holiday: m.holiday,
        leadDays: m.leadDays,
        types: m.types,
        angle: m.angle,
      };
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
};

/** Occurrences that touch [from, to] (local dates), their lead time included when asked. */
export const momentsBetween = (
  moments: Moment[],
  from: string,
  to: string,
  options: { withLead?: boolean } = {},
): MomentOccurrence[] => {
  const first = Number(from.slice(0, 4)) - 1;
  const last = Number(to.slice(0, 4)) + 1;
  const out: MomentOccurrence[] = [];
  for (let year = first; year <= last; year += 1) {
    for (const o of momentsOfYear(moments, year)) {
      const opens = options.withLead ? addDays(o.start, -o.leadDays) : o.start;
      if (o.end >= from && opens <= to) out.push(o);
    }
  }
  return out;
};

const parseFile = (text: string, file: string) => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw badFile(file, (error as Error).message);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badFile(file, `${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.moments;
};

const badFile = (file: string, detail: string) =>
  new ConfigError(
    l(
      `${file} is not a valid moments file (${detail}).`,
      `${file} n’est pas un fichier de moments valide (${detail}).`,
    ),
    {
      code: 'bad_moments_file',
      fix: l(
        'Fix the file (see docs/CALENDAR.md for its shape), or remove it to use the shipped Quebec calendar.',
        'Corrigez le fichier (sa forme est décrite dans docs/CALENDAR.md), ou retirez-le pour revenir au calendrier québécois fourni.',
      ),
    },
  );

/** The shipped calendar, then the home's overrides by id (replace, add, or disable). */
export const loadMoments = (homeRoot: string, dir = promptsDir()): Moment[] => {
  const shipped = join(dir, 'calendar', 'moments-qc.json');
  const base = parseFile(readFileSync(shipped, 'utf8'), shipped) as Moment[];
  const byId = new Map(base.map((m) => [m.id, m]));
  const custom = momentsFile(homeRoot);
  if (existsSync(custom)) {
    for (const o of parseFile(readFileSync(custom, 'utf8'), custom)) {
      if ('name' in o) byId.set(o.id, o);
      else byId.delete(o.id);
    }
  }
  return [...byId.values()];
};

export const momentsFile = (homeRoot: string): string => join(homeRoot, 'moments.json');
