import type { CalendarData } from '../../plan/calendar.js';
import { localParts, minutesOf } from '../../domain/time.js';

/** The calendar screen's own state: its data, cursor, and a move in progress. Pure. */

export type Moving =
  | { kind: 'entry'; from: number; platform: number }
  | { kind: 'slot'; from: number; platform: number; postId: string; minute: number };

export interface CalendarScreen {
  data?: CalendarData | undefined;
  /** The day under the cursor (index into data.days) and the platform (index into data.platforms). */
  day: number;
  platform: number;
  moving?: Moving | undefined;
}

export type CalendarAction =
  | { type: 'loaded'; data: CalendarData; at?: string | undefined }
  | { type: 'cursor'; delta: number }
  | { type: 'platform' }
  | { type: 'pick'; window: { start: string; end: string; timeZone: string } }
  | { type: 'minute'; delta: number; window: { start: string; end: string } }
  | { type: 'cancel' };

export const initialCalendar: CalendarScreen = { day: 0, platform: 0 };

const postingDay = (data: CalendarData, day: number, platform: number) =>
  data.days[day]?.cells[platform]?.state !== 'none';

/** What the cursor's cell holds that can move: a planned entry, or an approved or scheduled slot. */
export const movable = (data: CalendarData, day: number, platform: number): Moving['kind'] | undefined => {
  const cell = data.days[day]?.cells[platform];
  if (!cell || data.days[day]!.date < data.today) return undefined;
  if (cell.state === 'planned' && cell.entryId) return 'entry';
  if ((cell.state === 'approved' || cell.state === 'scheduled') && cell.postId && cell.scheduledAt) return 'slot';
  return undefined;
};

export const calendarReducer = (s: CalendarScreen, a: CalendarAction): CalendarScreen => {
  switch (a.type) {
    case 'loaded': {
      const at = a.at ?? s.data?.days[s.day]?.date ?? a.data.today;
      const day = Math.max(
        0,
        a.data.days.findIndex((d) => d.date === at),
      );
      return { data: a.data, day, platform: Math.min(s.platform, a.data.platforms.length - 1), moving: undefined };
    }
    case 'cursor': {
      if (!s.data) return s;
      const last = s.data.days.length - 1;
      let day = Math.min(Math.max(0, s.day + a.delta), last);
      // While moving, the cursor lands on posting days only, and never in the past.
      if (s.moving) {
        const step = a.delta > 0 ? 1 : -1;
        while (day > 0 && day < last && !postingDay(s.data, day, s.moving.platform)) day += step;
        if (!postingDay(s.data, day, s.moving.platform) || s.data.days[day]!.date < s.data.today) return s;
      }
      return { ...s, day };
    }
    case 'platform':
      return s.data && !s.moving ? { ...s, platform: (s.platform + 1) % s.data.platforms.length } : s;
    case 'pick': {
      if (!s.data || s.moving) return s;
      const kind = movable(s.data, s.day, s.platform);
      if (kind === 'entry') return { ...s, moving: { kind, from: s.day, platform: s.platform } };
      if (kind === 'slot') {
        const cell = s.data.days[s.day]!.cells[s.platform]!;
        const p = localParts(new Date(cell.scheduledAt!), a.window.timeZone);
        return {
          ...s,
          moving: { kind, from: s.day, platform: s.platform, postId: cell.postId!, minute: p.hour * 60 + p.minute },
        };
      }
      return s;
    }
    case 'minute': {
      if (s.moving?.kind !== 'slot') return s;
      const lo = minutesOf(a.window.start);
      const hi = minutesOf(a.window.end) - 1;
      const minute = Math.min(Math.max(lo, s.moving.minute + a.delta), hi);
      return { ...s, moving: { ...s.moving, minute } };
    }
    case 'cancel':
      return s.moving ? { ...s, day: s.moving.from, moving: undefined } : s;
  }
};

export const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
