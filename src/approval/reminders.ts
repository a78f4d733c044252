import type { ServiceDeps } from '../deps/service-deps.js';
import { addDays, localDate, minutesOf, weekdayOf, zonedToUtc } from '../domain/time.js';
import { recordAudit } from '../store/audit-repo.js';
import { moveReviewDate, notificationQueued, unreviewedPosts } from '../store/approval-repo.js';
import { configuredChannels } from '../notify/notify-service.js';
import { eventKey, type NotifyEvent } from '../notify/events.js';
import type { Enqueue } from '../store/jobs-repo.js';
import { immediate } from '../store/tx.js';
import { announceReview } from './announce.js';

interface ReminderLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

const windowOf = (deps: ServiceDeps, date: string) => ({
  start: zonedToUtc(date, minutesOf(deps.brand.posting.windowStart), deps.brand.timezone),
  end: zonedToUtc(date, minutesOf(deps.brand.posting.windowEnd), deps.brand.timezone),
});

/** The first posting day whose window has not closed yet at `now`. */
const nextPostingDay = (deps: ServiceDeps, now: Date): string => {
  let date = localDate(now, deps.brand.timezone);
  for (let i = 0; i < 14; i += 1, date = addDays(date, 1)) {
    if (deps.brand.posting.days.includes(weekdayOf(date)) && windowOf(deps, date).end.getTime() > now.getTime())
      return date;
  }
  return date;
};

export interface ReminderSummary {
  reminded: number;
  moved: number;
}

/**
 * A draft nobody reviewed does not slide silently. `approval.reminderMinutes` before its posting
 * window opens it gets one reminder (idempotent per post and window); once that window has
 * closed it moves to the next posting day, once (`review_moves`), with an audit row, and the
 * owner is told. Runs at every daemon pass; everything it sends is a durable notify job.
 */
export const reviewReminders = async (
  deps: ServiceDeps,
  enqueue: Enqueue,
  log: ReminderLog,
): Promise<ReminderSummary> => {
  const now = deps.clock.now();
  const lead = deps.config.approval.reminderMinutes * 60_000;
  const summary: ReminderSummary = { reminded: 0, moved: 0 };
  if (!deps.config.approval.reminders) return summary;
  for (const post of await unreviewedPosts(deps.db, deps.brandSlug)) {
    const window = windowOf(deps, post.targetDate);
    if (now.getTime() >= window.end.getTime()) {
      const to = nextPostingDay(deps, now);
      if (to <= post.targetDate) continue;
      const moved = await immediate(deps.db, async (trx) => {
        const w = { ...deps.writer(), actor: 'daemon' };
        if (!(await moveReviewDate(trx, w, post.id, post.targetDate, to))) return false;
        await recordAudit(trx, w, {
          entity: 'post',
          entityId: post.id,
          action: 'review_moved',
          from: post.targetDate,
          to,
          reason: 'not reviewed before its posting window closed',
        });
        return true;
      });
      if (!moved) continue;
      summary.moved += 1;
      log.info({ post: post.id, from: post.targetDate, to }, 'unreviewed draft moved to the next posting day');
      await announceReview(
        deps,
        enqueue,
        { type: 'review_moved', brand: deps.brandSlug, postId: post.id, from: post.targetDate, to },
        log,
      );
      continue;
    }
    const remindAt = window.start.getTime() - lead;
    // Only drafts that existed at the reminder time: one written after it is fresh news already.
    if (now.getTime() >= remindAt && Date.parse(post.createdAt) < remindAt) {
      const event: NotifyEvent = {
        type: 'review_reminder',
        brand: deps.brandSlug,
        postId: post.id,
        windowStart: window.start.toISOString(),
      };
      // Checked first so that a pass does not sign a new link for a reminder already sent.
      if (configuredChannels(deps).length === 0 || (await notificationQueued(deps.db, eventKey(event)))) continue;
      const queued = await announceReview(deps, enqueue, event, log);
      if (queued.some((q) => q.created)) summary.reminded += 1;
    }
  }
  return summary;
};
