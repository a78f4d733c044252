import { WEEKDAYS } from '../domain/content.js';
import { addDays } from '../domain/time.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { PostFact } from '../measure/facts.js';
import { offsetSegments } from '../measure/local-time.js';
import { NATURAL_THRESHOLD } from '../content/judge.js';
import { factCells, type FactCell } from '../store/facts-repo.js';
import { addTo, emptyAgg, pooledRate, sumsOf, viewersPerPost, type Agg } from './kpis.js';
import { dayStart } from './period.js';
import type { GroupRow, HeatCell, Period, TrendWeek } from './report-types.js';

/**
 * The 12 trend weeks ending with the period: breakdowns, the day × hour heatmap and the weekly
 * trend, all from sums that SQL computes over the per-post summaries (one grouped query), plus the
 * few posts still waiting for their summary, added from memory.
 */
export interface TrendWeekRange {
  from: string;
  to: string;
  start: string;
  end: string;
}

export const trendWeeks = (period: Period, tz: string): TrendWeekRange[] => {
  const weeks: TrendWeekRange[] = [];
  for (let i = 11; i >= 0; i -= 1) {
    const to = addDays(period.to, -7 * i);
    const from = addDays(to, -6);
    weeks.push({ from, to, start: dayStart(from, tz), end: dayStart(addDays(to, 1), tz) });
  }
  return weeks;
};

/** A post as a cell of its own (posts in memory join the SQL cells this way). */
export const cellOf = (f: PostFact, weekStarts: string[]): FactCell => {
  const week = weekStarts.findIndex((start) => f.publishedAt < start);
  return {
    ...sumsOf(f),
    contentType: f.contentType,
    style: f.style,
    promptVersion: f.promptVersion,
    week: week < 0 ? weekStarts.length : week,
    weekday: f.weekday,
    hour: f.hour,
  };
};

const rollUp = (cells: FactCell[], key: (c: FactCell) => string): Map<string, Agg> => {
  const out = new Map<string, Agg>();
  for (const c of cells) {
    const k = key(c);
    out.set(k, addTo(out.get(k) ?? emptyAgg(), c));
  }
  return out;
};

export const groupRows = (cells: FactCell[], key: (c: FactCell) => string): GroupRow[] =>
  [...rollUp(cells, key)]
    .map(([k, a]) => ({
      key: k,
      posts: a.posts,
      measured: a.measured,
      rate: pooledRate(a),
      viewersPerPost: viewersPerPost(a),
    }))
    .sort((x, y) => (y.rate ?? -1) - (x.rate ?? -1) || y.posts - x.posts || x.key.localeCompare(y.key));

export const GROUP_KEYS = {
  content_type: (c: FactCell) => c.contentType,
  style: (c: FactCell) => c.style ?? 'unknown',
  prompt_version: (c: FactCell) => c.promptVersion ?? 'unknown',
} as const;

export interface Trailing {
  start: string;
  end: string;
  weekStarts: string[];
  cells: FactCell[];
  weeks: TrendWeek[];
  heatmap: { hours: number[]; weekdays: string[]; cells: HeatCell[] };
}

const WEEKDAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const loadTrailing = async (deps: ServiceDeps, period: Period, queued: PostFact[]): Promise<Trailing> => {
  const tz = deps.brand.timezone;
  const ranges = trendWeeks(period, tz);
  const start = ranges[0]!.start;
  const weekStarts = ranges.slice(1).map((w) => w.start);
  const cells = await factCells(deps.db, deps.brandSlug, {
    from: start,
    to: period.end,
    weekStarts,
    offsets: offsetSegments(tz, start, period.end),
    naturalThreshold: NATURAL_THRESHOLD,
  });
  for (const f of queued) if (f.publishedAt >= start && f.publishedAt < period.end) cells.push(cellOf(f, weekStarts));

  const byWeek = rollUp(cells, (c) => String(c.week));
  const weeks = ranges.map((w, i) => {
    const a = byWeek.get(String(i)) ?? emptyAgg();
    return {
      from: w.from,
      to: w.to,
      posts: a.posts,
      measured: a.measured,
      viewersPerPost: viewersPerPost(a),
      rate: pooledRate(a),
    };
  });

  const hoursSet = new Set<number>(cells.map((c) => c.hour));
  const firstHour = Math.floor(Number(deps.brand.posting.windowStart.slice(0, 2)));
  const windowEnd = deps.brand.posting.windowEnd;
  const lastHour = Math.ceil(Number(windowEnd.slice(0, 2)) + Number(windowEnd.slice(3)) / 60) - 1;
  for (let h = firstHour; h <= lastHour; h += 1) hoursSet.add(h);
  const hours = [...hoursSet].sort((a, b) => a - b);
  const bySlot = rollUp(cells, (c) => `${WEEKDAYS[c.weekday] ?? '?'}-${c.hour}`);
  const heat: HeatCell[] = [];
  for (const wd of WEEKDAY_ORDER) {
    for (const hour of hours) {
      const a = bySlot.get(`${wd}-${hour}`) ?? emptyAgg();
      heat.push({ weekday: wd, hour, posts: a.posts, rate: pooledRate(a) });
    }
  }
  return { start, end: period.end, weekStarts, cells, weeks, heatmap: { hours, weekdays: WEEKDAY_ORDER, cells: heat } };
};
