import type { Weekday } from '../domain/content.js';
import { weekdayOf } from '../domain/time.js';
import { formatFor, inBoth } from '../i18n/format.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';

/** « mar. », "Tue": a weekday as Intl abbreviates it in the language (src/i18n/format.ts). */
export const weekdayName = (day: Weekday, lang: Lang): string => formatFor(lang).weekdayShort(day);

/** Why a slot is not on the post's target date, for the CLI and the studio alike. */
export const movedReason = (from: string, because: 'past' | 'not_posting_day' | 'full' | undefined): Localized => {
  if (because === 'past')
    return l(
      `The target date ${from} is in the past; moved to the next posting day.`,
      `La date visée ${from} est passée\u00a0; reportée au prochain jour de publication.`,
    );
  if (because === 'not_posting_day') {
    const day = weekdayOf(from);
    return inBoth((f) =>
      f.lang === 'fr'
        ? `La date visée ${from} tombe un ${f.weekday(day)}, qui n’est pas un jour de publication\u00a0; reportée au prochain jour de publication.`
        : `The target date ${from} is a ${f.weekday(day)}, not a posting day; moved to the next posting day.`,
    );
  }
  return l(
    `The target date ${from} had no free slot left; moved to the next posting day.`,
    `La date visée ${from} n’avait plus de créneau libre\u00a0; reportée au prochain jour de publication.`,
  );
};
