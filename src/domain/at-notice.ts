import { l, type Localized } from '../i18n/localized.js';
import {
  formatLocal,
  localDate,
  localTime,
  minutesOf,
  parseInstant,
  weekdayOf,
  zoneOffsetMinutes,
  zonedToUtc,
} from './time.js';
import type { Weekday } from './content.js';

export interface PostingWindow {
  days: readonly Weekday[];
  windowStart: string;
  windowEnd: string;
}

/**
 * What a person should know about an explicit `--at` before it is kept: the wall time does not
 * exist (spring forward) or exists twice (fall back) in the brand's zone, or it falls outside
 * the posting days and window. Each notice says the time that will really be used.
 */
export const atNotices = (value: string, at: Date, timeZone: string, window: PostingWindow): Localized[] => {
  const notices: Localized[] = [];
  const real = `${formatLocal(at, timeZone)} ${timeZone} (${at.toISOString().slice(0, 16)}Z)`;
  const wall = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (wall && !parseInstant(value.trim())) {
    const [, day = '', hour = '', minuteText = ''] = wall;
    const asked = `${day} ${hour}:${minuteText}`;
    if (formatLocal(at, timeZone) !== asked) {
      notices.push(
        l(
          `${asked} does not exist in ${timeZone} (the clocks jump forward that night): it is taken as ${real}.`,
          `${asked} n’existe pas à ${timeZone} (on avance l’heure cette nuit-là) : l’heure retenue est ${real}.`,
        ),
      );
    } else {
      const minute = Number(hour) * 60 + Number(minuteText);
      const other = [-60, 60]
        .map((shift) => new Date(at.getTime() + shift * 60_000))
        .find((d) => formatLocal(d, timeZone) === asked);
      if (other) {
        const first = other.getTime() < at.getTime() ? other : at;
        const chosen = zonedToUtc(day, minute, timeZone);
        notices.push(
          l(
            `${asked} happens twice in ${timeZone} (the clocks fall back that night): the ${chosen.getTime() === first.getTime() ? 'first' : 'second'} one is used, ${real}.`,
            `${asked} arrive deux fois à ${timeZone} (on recule l’heure cette nuit-là) : la ${chosen.getTime() === first.getTime() ? 'première' : 'seconde'} est retenue, ${real}.`,
          ),
        );
      }
    }
  }
  const date = localDate(at, timeZone);
  const minutes = minutesOf(localTime(at, timeZone));
  const outsideHours = minutes < minutesOf(window.windowStart) || minutes >= minutesOf(window.windowEnd);
  const offDay = !window.days.includes(weekdayOf(date));
  if (outsideHours || offDay) {
    const span = `${window.days.join(', ')} ${window.windowStart}–${window.windowEnd}`;
    notices.push(
      l(
        `${real} is outside the posting ${offDay ? 'days' : 'window'} (${span}): kept because you asked for it.`,
        `${real} est en dehors ${offDay ? 'des jours' : 'de la fenêtre'} de publication (${span}) : conservé parce que vous l’avez demandé.`,
      ),
    );
  } else if (parseInstant(value.trim()) && offsetOf(value.trim()) !== zoneOffsetMinutes(at, timeZone)) {
    // An instant written in another zone: say once what it is in the brand's zone.
    notices.push(l(`${value.trim()} is ${real}.`, `${value.trim()} correspond à ${real}.`));
  }
  return notices;
};

/** Minutes east of UTC of an ISO instant's suffix (Z or ±hh:mm). */
const offsetOf = (iso: string): number => {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
};
