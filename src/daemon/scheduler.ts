import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../domain/clock.js';
import type { DaemonConfig } from '../config/schema.js';
import { recordAudit } from '../store/audit-repo.js';
import type { Db } from '../store/database.js';
import { enqueueJob } from '../store/jobs-repo.js';
import { getMeta, setMeta } from '../store/meta-repo.js';
import { immediate } from '../store/tx.js';
import type { WriteContext } from '../store/write-context.js';
import type { DaemonLog } from '../jobs/log.js';
import { nextOccurrence, occurrences, slotLabel, type ScheduleSpec } from './schedule.js';

export interface SchedulerOptions {
  db: Db;
  specs: ScheduleSpec[];
  clock: Clock;
  daemon: DaemonConfig;
  writer: () => WriteContext;
  log: DaemonLog;
  /** Slots later than this are on time; older ones are "missed while down". */
  graceMs?: number;
  maxAttempts?: number;
}

export interface SyncResult {
  enqueued: { kind: string; brand: string; slot: string; id: string }[];
  skipped: { kind: string; brand: string; slot: string }[];
}

const cursorKey = (s: ScheduleSpec) => `schedule_cursor:${s.kind}:${s.brand}`;

/** The job for one slot; the key makes it exist at most once whoever enqueues it. */
export const slotKey = (s: ScheduleSpec, slot: Date) => `${s.kind}:${s.brand}:${slot.toISOString()}`;

/**
 * Turns schedule slots into jobs. The source of truth is a cursor per schedule in `meta`:
 * every sync enqueues the slots in (cursor, now] and moves the cursor, in one transaction.
 * node-cron only decides *when* to sync (a precise wake-up at the slot); a missed wake-up,
 * a restart or `daemon --once` run later all reach the same jobs through the cursor.
 */
export class Scheduler {
  readonly #o: SchedulerOptions;
  #tasks: ScheduledTask[] = [];

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  get specs(): ScheduleSpec[] {
    return this.#o.specs;
  }

  #grace(): number {
    return this.#o.graceMs ?? Math.max(this.#o.daemon.catchUp.graceSeconds * 1000, this.#o.daemon.tickSeconds * 2000);
  }

  async sync(): Promise<SyncResult> {
    const result: SyncResult = { enqueued: [], skipped: [] };
    if (this.#o.specs.length === 0) return result;
    const nowDate = this.#o.clock.now();
    const now = nowDate.toISOString();
    const grace = this.#grace();
    const { windowHours, maxMissed } = this.#o.daemon.catchUp;
    await immediate(this.#o.db, async (trx) => {
      for (const spec of this.#o.specs) {
        const stored = await getMeta(trx, cursorKey(spec));
        // First start: slots up to the grace period old still run (an install at 10:05 generates).
        const cursor = stored ? new Date(stored) : new Date(nowDate.getTime() - grace);
        if (cursor.getTime() >= nowDate.getTime()) continue;
        const slots = occurrences(spec.expression, spec.timeZone, cursor, nowDate);
        const onTime = slots.filter((s) => nowDate.getTime() - s.getTime() <= grace);
        const missed = slots.filter((s) => nowDate.getTime() - s.getTime() > grace);
        const recent = missed.filter((s) => nowDate.getTime() - s.getTime() <= windowHours * 3_600_000);
        const caughtUp = maxMissed > 0 ? recent.slice(-maxMissed) : [];
        const keep = new Set([...caughtUp, ...onTime].map((s) => s.getTime()));
        for (const slot of slots) {
          const slotIso = slot.toISOString();
          const payload = { slot: slotIso, local: slotLabel(slot, spec.timeZone) };
          if (keep.has(slot.getTime())) {
            const job = await enqueueJob(trx, now, {
              kind: spec.kind,
              brand: spec.brand,
              runAt: now < slotIso ? slotIso : now,
              idempotencyKey: slotKey(spec, slot),
              maxAttempts: this.#o.maxAttempts ?? this.#o.daemon.maxAttempts,
              payload,
            });
            if (job.created) result.enqueued.push({ kind: spec.kind, brand: spec.brand, slot: slotIso, id: job.id });
          } else {
            // Recorded, not run: `autoscale jobs` shows what the outage cost.
            const reason = `slot ${payload.local} missed while the daemon was down (limit: latest ${maxMissed} within ${windowHours} h)`;
            const job = await enqueueJob(trx, now, {
              kind: spec.kind,
              brand: spec.brand,
              runAt: slotIso,
              idempotencyKey: slotKey(spec, slot),
              payload,
              state: 'skipped',
              lastError: reason,
            });
            if (job.created) {
              await recordAudit(
                trx,
                { ...this.#o.writer(), now },
                {
                  entity: 'job',
                  entityId: job.id,
                  action: 'skip',
                  to: 'skipped',
                  reason,
                  data: { kind: spec.kind, brand: spec.brand },
                },
              );
              result.skipped.push({ kind: spec.kind, brand: spec.brand, slot: slotIso });
            }
          }
        }
        await setMeta(trx, cursorKey(spec), now);
      }
    });
    for (const e of result.enqueued)
      this.#o.log.info({ kind: e.kind, brand: e.brand, slot: e.slot, job: e.id }, 'scheduled slot enqueued');
    for (const s of result.skipped)
      this.#o.log.warn({ kind: s.kind, brand: s.brand, slot: s.slot }, 'missed slot skipped (catch-up limit)');
    return result;
  }

  /** Starts node-cron tasks that call `wake` at each slot, in the brand's time zone. */
  start(wake: () => void): void {
    for (const spec of this.#o.specs) {
      const task = cron.schedule(spec.expression, () => wake(), {
        timezone: spec.timeZone,
        name: `${spec.kind}:${spec.brand}`,
        noOverlap: true,
      });
      this.#tasks.push(task);
    }
  }

  async stop(): Promise<void> {
    for (const task of this.#tasks) await task.destroy();
    this.#tasks = [];
  }

  /** The next slot of every schedule (heartbeat). */
  nextSlots(after: Date): { kind: string; brand: string; at: string }[] {
    return this.#o.specs.flatMap((s) => {
      const at = nextOccurrence(s.expression, s.timeZone, after);
      return at ? [{ kind: s.kind, brand: s.brand, at: at.toISOString() }] : [];
    });
  }
}
