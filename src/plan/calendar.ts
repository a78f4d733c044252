import type { ServiceDeps } from '../deps/service-deps.js';
import type { PlanSourceKind } from '../domain/plan.js';
import { addDays, localDate, localTime, weekdayOf } from '../domain/time.js';
import type { Localized } from '../i18n/localized.js';
import { listPlanEntries } from '../store/plan-repo.js';
import { loadMoments, momentsBetween } from './moments.js';
import { postsByDay } from './plan-data.js';
import { entryView } from './plan-service.js';
import { mondayOf, planPlatforms } from './platforms.js';

/** What one platform's day holds: a post's state, a planned entry, a gap or nothing. */
export type CellState =
  | 'planned'
  | 'skipped'
  | 'draft'
  | 'in_review'
  | 'approved'
  | 'scheduled'
  | 'publishing'
  | 'unconfirmed'
  | 'published'
  | 'measured'
  | 'rejected'
  | 'failed'
  | 'gap'
  | 'none';

export interface CalendarCell {
  platform: string;
  state: CellState;
  contentType: string | null;
  /** The post's headline, else the entry's topic. */
  title: string | null;
  postId: string | null;
  entryId: string | null;
  /** Local HH:MM of the slot, when the post has one. */
  time: string | null;
  scheduledAt: string | null;
  source: PlanSourceKind | null;
  reason: Localized | null;
  fixed: boolean;
  citation: { title: string | null; url: string | null } | null;
}

export interface CalendarDay {
  date: string;
  weekday: string;
  postingDay: boolean;
  events: { id: string; name: Localized; holiday: boolean; start: string; end: string }[];
  cells: CalendarCell[];
}

export interface CalendarData {
  timeZone: string;
  today: string;
  from: string;
  to: string;
  platforms: string[];
  days: CalendarDay[];
}

/** Weeks from this week's Monday: `weeks` of them, Monday to Sunday. */
export const calendarRange = (deps: ServiceDeps, weeks: number): { from: string; to: string } => {
  const from = mondayOf(localDate(deps.clock.now(), deps.brand.timezone));
  return { from, to: addDays(from, weeks * 7 - 1) };
};

/**
 * The calendar of a brand from `from` to `to`: per day and platform, the post (with its state
 * and slot) or the planned entry, gaps on posting days with neither, and the moments of the
 * Quebec calendar. A post appears on the day it goes out (its slot), else its target date.
 */
export const buildCalendar = async (deps: ServiceDeps, range: { from: string; to: string }): Promise<CalendarData> => {
  const tz = deps.brand.timezone;
  const platforms = planPlatforms(deps.brand);
  const lead = platforms[0]!.platform;
  const today = localDate(deps.clock.now(), tz);
  const entries = (await listPlanEntries(deps.db, deps.brandSlug, range.from, range.to)).map(entryView);
  const posts = await postsByDay(deps, range.from, range.to);
  const moments = momentsBetween(loadMoments(deps.paths.root), range.from, range.to);
  const days: CalendarDay[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const dayPosts = posts.filter((p) => p.day === date && !['rejected'].includes(p.state));
    const cells: CalendarCell[] = platforms.map((p) => {
      const entry = entries.find((e) => e.date === date && e.platform === p.platform);
      const post =
        (entry?.postId ? posts.find((x) => x.id === entry.postId) : undefined) ??
        (p.platform === lead ? dayPosts[0] : undefined);
      // The entry's origin shows only with its own post (or with no post yet).
      const own = entry && (!post || post.id === entry.postId) ? entry : undefined;
      const base = {
        platform: p.platform,
        entryId: own?.id ?? null,
        source: own?.source ?? null,
        reason: own?.reason ?? null,
        fixed: own?.fixed ?? false,
        citation: own?.citation ?? null,
      };
      if (post)
        return {
          ...base,
          state: post.state as CellState,
          contentType: post.contentType,
          title: post.headline ?? post.topic,
          postId: post.id,
          time: post.scheduledAt ? localTime(new Date(post.scheduledAt), tz) : null,
          scheduledAt: post.scheduledAt,
        };
      if (entry)
        return {
          ...base,
          state: entry.skipped ? 'skipped' : 'planned',
          contentType: entry.contentType,
          title: entry.topic,
          postId: null,
          time: null,
          scheduledAt: null,
        };
      return {
        ...base,
        state: p.posting.days.includes(weekday) ? 'gap' : 'none',
        contentType: null,
        title: null,
        postId: null,
        time: null,
        scheduledAt: null,
      };
    });
    days.push({
      date,
      weekday,
      postingDay: platforms.some((p) => p.posting.days.includes(weekday)),
      events: moments
        .filter((m) => m.start <= date && m.end >= date)
        .map((m) => ({ id: m.id, name: m.name, holiday: m.holiday, start: m.start, end: m.end })),
      cells,
    });
  }
  return { timeZone: tz, today, from: range.from, to: range.to, platforms: platforms.map((p) => p.platform), days };
};
