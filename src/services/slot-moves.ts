import { stateLabel } from '../present/labels.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { localDate, localParts, minutesOf, weekdayOf } from '../domain/time.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { planPlatforms } from '../plan/platforms.js';
import { rescheduleNative } from '../publish/native.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { resolvePost } from '../store/post-lookup.js';
import { transitionPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';

/** Ten minutes, as Meta's native scheduling requires and the queue is given. */
const MIN_LEAD_MS = 10 * 60_000;

/**
 * Moves an approved post's slot (the calendar's keyboard move): to a posting day, inside the
 * posting window, at least ten minutes ahead. A post Meta already holds is moved on Facebook
 * (native reschedule); one still in the queue has its slot changed in the store (compare-and-set
 * on `approved`, so a publish starting meanwhile wins).
 */
export const moveApprovedSlot = async (
  baseDeps: ServiceDeps,
  ref: string,
  at: Date,
): Promise<{ scheduledAt: string }> => {
  const post = await resolvePost(baseDeps.db, ref);
  const brand = baseDeps.config.brands[post.brand] ?? baseDeps.brand;
  const deps = { ...baseDeps, brandSlug: post.brand, brand };
  const tz = brand.timezone;
  const posting = planPlatforms(brand)[0]!.posting;
  const day = localDate(at, tz);
  const p = localParts(at, tz);
  const minute = p.hour * 60 + p.minute;
  const window = `${posting.windowStart}–${posting.windowEnd}`;
  if (
    !posting.days.includes(weekdayOf(day)) ||
    minute < minutesOf(posting.windowStart) ||
    minute >= minutesOf(posting.windowEnd)
  ) {
    throw new UsageError(
      l(
        `${day} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} is outside the posting window (${posting.days.join(', ')} ${window}).`,
        `${day} ${String(p.hour).padStart(2, '0')} h ${String(p.minute).padStart(2, '0')} est hors de la fenêtre de publication (${posting.days.join(', ')} ${window}).`,
      ),
      {
        code: 'outside_window',
        fix: l(
          'Pick a posting day and a time inside the window.',
          'Choisissez un jour de publication et une heure dans la fenêtre.',
        ),
      },
    );
  }
  if (at.getTime() < deps.clock.now().getTime() + MIN_LEAD_MS) {
    throw new UsageError(
      l('That time is too soon (less than 10 minutes ahead).', 'Cette heure est trop proche (moins de 10 minutes).'),
      {
        code: 'slot_too_soon',
        fix: l('Pick a later slot.', 'Choisissez un créneau plus tard.'),
      },
    );
  }
  if (post.state === 'scheduled') {
    const moved = await rescheduleNative(deps, post.id, at);
    return { scheduledAt: moved.scheduledAt ?? at.toISOString() };
  }
  if (post.state !== 'approved') {
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: only an approved slot moves.`,
        `La publication ${shortId(post.id)} est ${stateLabel(post.state, 'fr')} : seul un créneau approuvé se déplace.`,
      ),
      {
        code: 'not_approved',
        fix: l('Approve it first (autoscale approve).', 'Approuvez-le d’abord (autoscale approve).'),
      },
    );
  }
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const moved = await transitionPost(trx, w, post.id, 'approved', 'approved', {
      scheduledAt: at.toISOString(),
      slotSeed: null,
    });
    if (!moved) {
      throw new StateError(
        l(`Post ${shortId(post.id)} changed meanwhile.`, `La publication ${shortId(post.id)} a changé entre-temps.`),
        {
          code: 'concurrent_change',
          fix: l(
            'Look at it again (autoscale show) and retry.',
            'Regardez-le de nouveau (autoscale show) et réessayez.',
          ),
        },
      );
    }
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'reschedule',
      data: { from: post.scheduledAt, to: at.toISOString(), via: 'calendar' },
    });
  });
  return { scheduledAt: at.toISOString() };
};
