import { l, type Lang, type Localized } from './localized.js';
import { frenchSpacing, NBSP } from './typography.js';

/**
 * The one formatter for numbers, money, percentages, dates and times, built on Intl (`fr-CA`,
 * `en-CA`). Every screen, the report, the page, Slack and e-mail go through it, so « 1,12 % »,
 * « 9,67 $ » and « 13 h 05 » read the same everywhere. Spaces inside a value are no-break
 * (U+00A0): a number is never split from its unit across lines.
 */
export interface Fmt {
  readonly lang: Lang;
  readonly locale: 'fr-CA' | 'en-CA';
  /** A message in the language, French spacing applied. */
  t: (text: Localized) => string;
  /** An integer, grouped: « 1 000 », "1,000". */
  int: (n: number) => string;
  /** A decimal with at most `max` fraction digits (and at least `min`). */
  num: (n: number, max?: number, min?: number) => string;
  /** A ratio as a percentage: 0.0112 → « 1,12 % », "1.12 %". */
  percent: (ratio: number, digits?: number) => string;
  /** A change of a ratio in percentage points, signed: « +0,25 pt ». */
  points: (delta: number, digits?: number) => string;
  /** US dollars (the providers bill in USD): « 9,67 $ », "$9.67"; sub-cent amounts keep 4 digits. */
  money: (usd: number, digits?: number) => string;
  /** The local calendar day: 2026-12-08 (ISO order in both languages, as fr-CA writes it). */
  date: (instant: Date, timeZone: string) => string;
  /** « mardi 8 décembre », "Tuesday, December 8". */
  dateLong: (instant: Date, timeZone: string) => string;
  /** A local day given as YYYY-MM-DD, long: « mardi 8 décembre ». */
  day: (localDate: string) => string;
  /** A local day given as YYYY-MM-DD, short, without the weekday: « 1er déc. », « 8 déc. », "Dec 8". */
  dayMonth: (localDate: string) => string;
  /** « mar. 8 déc. », "Tue, Dec 8". */
  dateShort: (instant: Date, timeZone: string) => string;
  /** « 13 h 05 », "1:05 p.m.". */
  time: (instant: Date, timeZone: string) => string;
  /** « 2026-12-08 13 h 05 », the compact form tables use. */
  dateTime: (instant: Date, timeZone: string) => string;
  /** « mardi 8 décembre, 13 h 05 », "Tuesday, December 8, 1:05 p.m.". */
  slot: (instant: Date, timeZone: string) => string;
  /** A wall-clock time given as HH:MM: « 13 h », « 13 h 30 », "1 p.m.", "1:30 p.m.". */
  clock: (hhmm: string) => string;
  /** An hour of the day: « 13 h », "1 p.m.". */
  hour: (h: number) => string;
  /** A weekday key (sun…sat) in full: « lundi », "Monday". */
  weekday: (key: string) => string;
  /** A weekday key, abbreviated: « lun. », "Mon". */
  weekdayShort: (key: string) => string;
  /** The word for n (Intl.PluralRules): `plural(0, forms)` → « publication » in French. */
  plural: (n: number, one: Localized, other: Localized) => string;
  /** n and its noun: « 3 publications », « 0 publication », "1 post". */
  count: (n: number, one: Localized, other: Localized) => string;
  /** A duration: « 2 h 05 min », « 45 s », "3 min". */
  duration: (ms: number) => string;
  /** « a, b et c », "a, b, and c". */
  list: (items: readonly string[], kind?: 'and' | 'or') => string;
  /** What a missing number reads as. */
  readonly noData: string;
}

const WEEKDAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
/** 2024-01-07 was a Sunday: + index gives the weekday at noon UTC, any zone's same day. */
const weekdayDate = (key: string) => new Date(Date.UTC(2024, 0, 7 + (WEEKDAY_INDEX[key] ?? 0), 12));

/** Intl may put a plain or a narrow space inside a value; one kind, no-break, everywhere. */
const glue = (s: string) => s.replace(/[ \u202f]/g, NBSP);

export const createFormat = (lang: Lang): Fmt => {
  const locale = lang === 'fr' ? 'fr-CA' : 'en-CA';
  const numbers = new Map<string, Intl.NumberFormat>();
  const nf = (min: number, max: number, sign = false) => {
    const key = `${min}:${max}:${sign}`;
    let f = numbers.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        minimumFractionDigits: min,
        maximumFractionDigits: max,
        ...(sign ? { signDisplay: 'exceptZero' as const } : {}),
      });
      numbers.set(key, f);
    }
    return f;
  };
  const dates = new Map<string, Intl.DateTimeFormat>();
  const df = (timeZone: string, kind: string, options: Intl.DateTimeFormatOptions) => {
    const key = `${kind}:${timeZone}`;
    let f = dates.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
      dates.set(key, f);
    }
    return f;
  };
  // Built on first use (each Intl object costs a few milliseconds; most commands need none of these).
  let rules: Intl.PluralRules | undefined;
  const lists: Partial<Record<'and' | 'or', Intl.ListFormat>> = {};
  let days: Intl.NumberFormat | undefined;
  const num = (n: number, max = 1, min = 0) => glue(nf(min, max).format(n));
  // Quebec usage writes « 9 h 05 », not Intl's « 09 h 05 ».
  const frenchTime = (h: number, m: number | null) =>
    `${h}${NBSP}h${m === null ? '' : `${NBSP}${String(m).padStart(2, '0')}`}`;
  const time = (instant: Date, timeZone: string) => {
    const f = df(timeZone, 'time', { hour: 'numeric', minute: '2-digit', hourCycle: lang === 'fr' ? 'h23' : 'h12' });
    if (lang === 'en') return glue(f.format(instant));
    const parts = f.formatToParts(instant);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return frenchTime(part('hour'), part('minute'));
  };
  const date = (instant: Date, timeZone: string) =>
    df(timeZone, 'date', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  const dateLong = (instant: Date, timeZone: string) =>
    df(timeZone, 'long', { weekday: 'long', day: 'numeric', month: 'long' }).format(instant);
  const hour = (h: number) =>
    lang === 'fr'
      ? frenchTime(h, null)
      : glue(df('UTC', 'hour', { hour: 'numeric' }).format(new Date(Date.UTC(2024, 0, 1, h))));
  const plural = (n: number, one: Localized, other: Localized) =>
    ((rules ??= new Intl.PluralRules(locale)).select(n) === 'one' ? one : other)[lang];

  const fmt: Fmt = {
    lang,
    locale,
    t: (text) => (lang === 'fr' ? frenchSpacing(text.fr) : text.en),
    int: (n) => glue(nf(0, 0).format(Math.round(n))),
    num,
    percent: (ratio, digits = 2) => `${num(ratio * 100, digits, digits)}${NBSP}%`,
    points: (delta, digits = 2) => `${glue(nf(digits, digits, true).format(delta * 100))}${NBSP}pt`,
    money: (usd, digits) => {
      const d = digits ?? (usd !== 0 && Math.abs(usd) < 0.01 ? 4 : 2);
      return glue(
        new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: 'USD',
          currencyDisplay: 'narrowSymbol',
          minimumFractionDigits: d,
          maximumFractionDigits: d,
        }).format(usd),
      );
    },
    date,
    dateLong,
    day: (localDate) => {
      const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
      return dateLong(new Date(Date.UTC(y, m - 1, d, 12)), 'UTC');
    },
    dayMonth: (localDate) => {
      const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
      const text = glue(
        df('UTC', 'dayMonth', { day: 'numeric', month: 'short' }).format(new Date(Date.UTC(y, m - 1, d, 12))),
      );
      // French writes the first of the month as an ordinal: « 1er décembre ».
      return lang === 'fr' ? text.replace(/^1(?=\u00a0)/, '1er') : text;
    },
    dateShort: (instant, timeZone) =>
      df(timeZone, 'short', { weekday: 'short', day: 'numeric', month: 'short' }).format(instant),
    time,
    dateTime: (instant, timeZone) => `${date(instant, timeZone)} ${time(instant, timeZone)}`,
    slot: (instant, timeZone) => `${dateLong(instant, timeZone)}, ${time(instant, timeZone)}`,
    clock: (hhmm) => {
      const [h, m] = hhmm.split(':').map(Number) as [number, number];
      if (m === 0) return hour(h);
      return lang === 'fr' ? frenchTime(h, m) : time(new Date(Date.UTC(2024, 0, 1, h, m)), 'UTC');
    },
    hour,
    weekday: (key) => df('UTC', 'weekday', { weekday: 'long' }).format(weekdayDate(key)),
    weekdayShort: (key) => df('UTC', 'weekdayShort', { weekday: 'short' }).format(weekdayDate(key)),
    plural,
    count: (n, one, other) =>
      `${Number.isInteger(n) ? glue(nf(0, 0).format(n)) : num(n)}${NBSP}${plural(n, one, other)}`,
    // Symbols in both languages (« 2 h 5 min », "2 h 5 min"): Intl's English short units read "hrs".
    duration: (ms) => {
      const unit = (n: number, symbol: string) => `${n}${NBSP}${symbol}`;
      const s = Math.round(Math.abs(ms) / 1000);
      if (s < 60) return unit(s, 's');
      const m = Math.round(s / 60);
      if (m < 60) return unit(m, 'min');
      const h = Math.floor(m / 60);
      if (h >= 48)
        return glue(
          (days ??= new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' })).format(
            Math.round(h / 24),
          ),
        );
      const rest = m % 60;
      return rest ? `${unit(h, 'h')}${NBSP}${unit(rest, 'min')}` : unit(h, 'h');
    },
    list: (items, kind = 'and') =>
      (lists[kind] ??= new Intl.ListFormat(locale, { type: kind === 'and' ? 'conjunction' : 'disjunction' })).format(
        items,
      ),
    noData: l('no data', 'aucune donnée')[lang],
  };
  return fmt;
};

// Made on first use: the Intl objects cost ~15 ms to build, which every command paid at start-up.
const formats: Partial<Record<Lang, Fmt>> = {};
const formatOf = (lang: Lang): Fmt => (formats[lang] ??= createFormat(lang));

/** The shared formatter of a language (built on first use, once per process). */
export const formatFor = (lang: Lang): Fmt => formatOf(lang);

/**
 * n and its noun in both languages (Intl.PluralRules), for a message built before the reader's
 * language is known: `l(\`${countOf(n, POST, POSTS).en} left\`, …)` → "1 post", « 0 publication ».
 */
export const countOf = (n: number, one: Localized, other: Localized): Localized => ({
  en: formatOf('en').count(n, one, other),
  fr: formatOf('fr').count(n, one, other),
});

/**
 * A message rendered by the formatter in both languages, for data built before the reader's
 * language is known (a report's reasons): `inBoth((f) => f.percent(r))` → "1.12 %", « 1,12 % ».
 */
export const inBoth = (render: (f: Fmt) => string): Localized => ({
  en: render(formatOf('en')),
  fr: render(formatOf('fr')),
});
