import type { Weekday } from '../domain/content.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import { formatLocal, localDate, weekdayOf } from '../domain/time.js';

const NAMES: Record<Weekday, { en: string; fr: string }> = {
  mon: { en: 'Mon', fr: 'lun.' },
  tue: { en: 'Tue', fr: 'mar.' },
  wed: { en: 'Wed', fr: 'mer.' },
  thu: { en: 'Thu', fr: 'jeu.' },
  fri: { en: 'Fri', fr: 'ven.' },
  sat: { en: 'Sat', fr: 'sam.' },
  sun: { en: 'Sun', fr: 'dim.' },
};

export const weekdayName = (day: Weekday, lang: Lang): string => NAMES[day][lang];

/** "Tue 2026-12-01 14:26" / "mar. 2026-12-01 14:26": a slot as people read it, in the brand's zone. */
export const localWithWeekday = (at: Date, timeZone: string, lang: Lang): string =>
  `${weekdayName(weekdayOf(localDate(at, timeZone)), lang)} ${formatLocal(at, timeZone)}`;

/** Why a slot is not on the post's target date, for the CLI and the studio alike. */
export const movedReason = (from: string, because: 'past' | 'not_posting_day' | 'full' | undefined): Localized => {
  if (because === 'past')
    return l(
      `The target date ${from} is in the past; moved to the next posting day.`,
      `La date visée ${from} est passée\u00a0; reportée au prochain jour de publication.`,
    );
  if (because === 'not_posting_day') {
    const day = weekdayOf(from);
    return l(
      `The target date ${from} is a ${FULL_EN[day]}, not a posting day; moved to the next posting day.`,
      `La date visée ${from} tombe un ${FULL_FR[day]}, qui n’est pas un jour de publication\u00a0; reportée au prochain jour de publication.`,
    );
  }
  return l(
    `The target date ${from} had no free slot left; moved to the next posting day.`,
    `La date visée ${from} n’avait plus de créneau libre\u00a0; reportée au prochain jour de publication.`,
  );
};

const FULL_FR: Record<Weekday, string> = {
  mon: 'lundi',
  tue: 'mardi',
  wed: 'mercredi',
  thu: 'jeudi',
  fri: 'vendredi',
  sat: 'samedi',
  sun: 'dimanche',
};

const FULL_EN: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
