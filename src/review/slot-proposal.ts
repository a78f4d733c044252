import { randomUUID } from 'node:crypto';
import { drawSlot } from '../domain/slot.js';
import { addDays, formatLocal, localDate, parseUserTime, weekdayOf } from '../domain/time.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { preferredMinuteForPost } from '../store/learning-repo.js';
import { takenSlots } from '../store/posts-repo.js';
import type { Post } from '../domain/post.js';

// Where an approval puts a post in time: a slot drawn in the posting window, or a typed time.

export interface ProposedSlot {
  at: Date;
  seed: string;
  date: string;
  local: string;
  /** Why the slot is on another day than the target date, if it is. */
  movedFrom?: string | undefined;
  movedBecause?: MovedBecause | undefined;
}

/** The target date is gone, is not one of the brand's posting days, or had no free slot left. */
export type MovedBecause = 'past' | 'not_posting_day' | 'full';

/** Why a post whose target date is `target` cannot be published that day (undefined: it can). */
const whyNotOn = (target: string, today: string, days: readonly string[]): MovedBecause =>
  target < today ? 'past' : !days.includes(weekdayOf(target)) ? 'not_posting_day' : 'full';

/**
 * The next slot for a post: in the posting window of its target date, or of the first posting
 * day after it when that day is not a posting day, is past, or is full (minimum gap).
 */
export const proposeSlot = async (deps: ServiceDeps, post: Post, seed?: string): Promise<ProposedSlot> => {
  const { brand } = deps;
  const now = deps.clock.now();
  const today = localDate(now, brand.timezone);
  let date = post.targetDate < today ? today : post.targetDate;
  // The optimizer's preferred hour for this post, when it made a decision for it.
  const preferredMinute = await preferredMinuteForPost(deps.db, post.id);
  const slotSeed = seed ?? `${post.id}:${randomUUID()}`;
  for (let i = 0; i < 60; i += 1, date = addDays(date, 1)) {
    if (!brand.posting.days.includes(weekdayOf(date))) continue;
    const taken = await takenSlots(deps.db, deps.brandSlug, addDays(date, -2), addDays(date, 3), post.id);
    const slot = drawSlot({
      preferredMinute,
      date,
      timeZone: brand.timezone,
      windowStart: brand.posting.windowStart,
      windowEnd: brand.posting.windowEnd,
      jitterMinutes: brand.posting.jitterMinutes,
      minGapHours: brand.posting.minGapHours,
      taken: taken.map((t) => new Date(t)),
      seed: `${slotSeed}:${date}`,
    });
    if (slot && slot.at.getTime() > now.getTime() + 60_000) {
      return {
        at: slot.at,
        seed: `${slotSeed}:${date}`,
        date,
        local: formatLocal(slot.at, brand.timezone),
        movedFrom: date === post.targetDate ? undefined : post.targetDate,
        movedBecause: date === post.targetDate ? undefined : whyNotOn(post.targetDate, today, brand.posting.days),
      };
    }
  }
  throw new StateError(l('No free slot in the next 60 days.', 'Aucun créneau libre dans les 60 prochains jours.'), {
    code: 'no_slot',
    fix: l(
      'Give a time with --at, or widen the posting days/window in the config.',
      'Donnez une heure avec --at, ou élargissez les jours ou la fenêtre de publication dans la configuration.',
    ),
  });
};

export const parseAt = (value: string, timeZone: string, now: Date, flag = '--at'): Date => {
  const at = parseUserTime(value, timeZone);
  if (!at) {
    throw new UsageError(l(`${flag} "${value}" is not a time.`, `${flag} « ${value} » n'est pas une heure.`), {
      code: 'bad_time',
      fix: l(
        `Use ISO-8601 (2026-12-01T14:30:00-05:00) or local "YYYY-MM-DD HH:MM" (${timeZone}).`,
        `Utilisez ISO-8601 (2026-12-01T14:30:00-05:00) ou l’heure locale « AAAA-MM-JJ HH:MM » (${timeZone}).`,
      ),
    });
  }
  if (at.getTime() <= now.getTime()) {
    throw new UsageError(l(`${flag} ${value} is in the past.`, `${flag} ${value} est dans le passé.`), {
      code: 'time_in_past',
      fix: l(
        'Give a future time, or omit --at to draw a slot in the posting window.',
        'Donnez une heure future, ou omettez --at pour tirer un créneau dans la fenêtre de publication.',
      ),
    });
  }
  return at;
};
