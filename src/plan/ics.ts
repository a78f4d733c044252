import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDays } from '../domain/time.js';
import type { Lang } from '../i18n/localized.js';
import type { CalendarData } from './calendar.js';
import { stateLabel, typeLabel } from './calendar-grid.js';

const noonUtc = (date: string) => new Date(`${date}T12:00:00Z`);

/** Minutes a timed post occupies in a phone calendar. */
const SLOT_MINUTES = 15;

/**
 * The calendar as iCalendar (RFC 5545), one event per planned or written post with its state:
 * a post with a slot is a timed event at the slot (UTC), anything else an all-day event on its
 * day. UIDs are stable (`post-<id>` once written, `plan-<id>` before), so a phone subscribed to
 * the feed updates events in place. Skipped days, gaps and rejected posts are left out.
 */
export const renderIcs = (data: CalendarData, o: { lang: Lang; brandName: string; now: Date }): string => {
  const calendar = ical({
    name: o.lang === 'fr' ? `${o.brandName} — calendrier éditorial` : `${o.brandName} — editorial calendar`,
    prodId: { company: 'autoscale', product: 'calendar', language: o.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
    timezone: null,
  });
  for (const day of data.days) {
    for (const cell of day.cells) {
      if (['none', 'gap', 'skipped', 'rejected'].includes(cell.state)) continue;
      const state = stateLabel(cell.state, o.lang);
      const type = typeLabel(cell.contentType, o.lang);
      const written = cell.postId !== null;
      const platform = data.platforms.length > 1 ? ` · ${cell.platform}` : '';
      const lines = [
        `${o.lang === 'fr' ? 'État' : 'State'} : ${state}`,
        `${o.lang === 'fr' ? 'Type' : 'Type'} : ${type}`,
        cell.title ? `${o.lang === 'fr' ? 'Sujet' : 'Topic'} : ${cell.title}` : '',
        cell.reason ? `${o.lang === 'fr' ? 'Pourquoi' : 'Why'} : ${cell.reason[o.lang]}` : '',
        cell.citation?.url ? `Source : ${cell.citation.title ?? ''} ${cell.citation.url}`.trim() : '',
        cell.postId ? `autoscale show ${cell.postId.replace(/-/g, '').slice(-8)}` : '',
      ].filter(Boolean);
      const timed = cell.scheduledAt !== null;
      const start = timed ? new Date(cell.scheduledAt!) : noonUtc(day.date);
      calendar.createEvent({
        id: `${written ? `post-${cell.postId!}` : `plan-${cell.entryId!}`}${cell.platform === data.platforms[0] ? '' : `-${cell.platform}`}@autoscale`,
        start,
        end: timed ? new Date(start.getTime() + SLOT_MINUTES * 60_000) : noonUtc(addDays(day.date, 1)),
        allDay: !timed,
        stamp: o.now,
        summary: `[${state}] ${type}${cell.title ? ` — ${cell.title}` : ''}${platform}`,
        description: lines.join('\n'),
        status: cell.state === 'planned' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
        categories: [{ name: cell.state }, ...(cell.contentType ? [{ name: cell.contentType }] : [])],
        url: cell.citation?.url ?? null,
      });
    }
  }
  return calendar.toString();
};
