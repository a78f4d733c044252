import type { Clock } from '../domain/clock.js';
import type { DaemonConfig } from '../config/schema.js';
import { isAutoscaleError } from '../errors/errors.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import type { Db } from '../store/database.js';
import {
  enqueuerAt,
  expiredLeases,
  leaseJob,
  nextDueJob,
  overdueJobs,
  renewLease,
  settleJob,
  updateJob,
} from '../store/jobs-repo.js';
import { immediate } from '../store/tx.js';
import type { WriteContext } from '../store/write-context.js';
import { backoffDelay } from './backoff.js';
import type { DaemonLog } from '../jobs/log.js';
import type { Handlers, JobOutcome } from '../jobs/registry.js';
import type { Job } from '../domain/jobs.js';

export interface RunnerOptions {
  db: Db;
  registry: Handlers;
  /** Unique per process: `<host>:<pid>:<random>`; written to lease_owner. */
  owner: string;
  clock: Clock;
  daemon: DaemonConfig;
  /** Services for a job's brand; null brand means the current one. */
  depsFor: (brand: string | null) => ServiceDeps;
  writer: () => WriteContext;
  log: DaemonLog;
  random?: () => number;
  /** Called after each settled job (notifications of final failures, Sentry). */
  onSettled?: (job: Job, outcome: SettledOutcome) => void | Promise<void>;
}

export type SettledOutcome =
  | { status: 'done'; result: unknown }
  | { status: 'retry'; error: string; runAt: string }
  | { status: 'failed'; error: string; cause: unknown }
  | { status: 'rescheduled'; runAt: string }
  | { status: 'abandoned' }
  | { status: 'lost' };

export interface DrainSummary {
  ran: number;
  done: number;
  retried: number;
  failed: number;
  reclaimed: number;
}

const errorText = (error: unknown): string => {
  if (isAutoscaleError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
};

/** Retrying cannot fix bad input, bad config, a missing row or an illegal state. */
const isPermanent = (error: unknown): boolean => {
  if (error && typeof error === 'object' && (error as { permanent?: unknown }).permanent === true) return true;
  return isAutoscaleError(error) && ['usage', 'config', 'notFound', 'state'].includes(error.kind);
};

/** A throttled API tells how long to wait; never retry earlier than that. */
const retryAfterMs = (error: unknown): number => {
  const value = error && typeof error === 'object' ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
};

class AbandonError extends Error {}

/**
 * The durable job loop. Claiming is one BEGIN IMMEDIATE transaction (select the oldest due job,
 * compare-and-set it to running with a lease), so two daemons on the same file never run the
 * same job; a dead daemon's lease expires and the job is reclaimed. Jobs run one at a time: the
 * work is a handful of API calls a day, and one at a time is gentle on the Page and the CPU.
 */
export class JobRunner {
  readonly #o: RunnerOptions;
  #current: { job: Job; controller: AbortController; done: Promise<void> } | undefined;
  #stopping = false;

  constructor(options: RunnerOptions) {
    this.#o = options;
  }

  get owner(): string {
    return this.#o.owner;
  }

  get busy(): boolean {
    return this.#current !== undefined;
  }

  #now(): string {
    return this.#o.clock.now().toISOString();
  }

  #leaseMs(): number {
    return this.#o.daemon.leaseSeconds * 1000;
  }

  /** Running jobs whose lease ended go back to the queue (or fail if out of attempts). */
  async reclaimExpired(): Promise<number> {
    const now = this.#now();
    const reclaimed = await immediate(this.#o.db, async (trx) => {
      const rows = await expiredLeases(trx, now);
      for (const job of rows) {
        const exhausted = job.attempts >= job.maxAttempts;
        const reason = `lease of ${job.leaseOwner ?? '?'} expired at ${job.leaseUntil ?? '?'} (daemon stopped mid-step)`;
        await updateJob(trx, job.id, {
          state: exhausted ? 'failed' : 'queued',
          leaseOwner: null,
          leaseUntil: null,
          runAt: now,
          lastError: reason,
          updatedAt: now,
        });
        await recordAudit(
          trx,
          { ...this.#o.writer(), now },
          {
            entity: 'job',
            entityId: job.id,
            action: 'lease_expired',
            from: 'running',
            to: exhausted ? 'failed' : 'queued',
            reason,
            data: { kind: job.kind, attempts: job.attempts },
          },
        );
      }
      return rows;
    });
    for (const job of reclaimed)
      this.#o.log.warn({ job: job.id, kind: job.kind, owner: job.leaseOwner }, 'reclaimed a job whose lease expired');
    return reclaimed.length;
  }

  /**
   * Work that piled up while the daemon was down: `latest` kinds keep only the newest
   * `catchUp.maxMissed` and skip the rest; `spread` kinds are re-spaced so the Page is not
   * hit by a burst. Jobs due less than `graceMs` ago are ordinary work, not an outage.
   */
  async catchUp(graceMs = this.#o.daemon.catchUp.graceSeconds * 1000): Promise<{ skipped: number; spread: number }> {
    const nowDate = this.#o.clock.now();
    const now = nowDate.toISOString();
    const before = new Date(nowDate.getTime() - graceMs).toISOString();
    const { maxMissed, spacingSeconds } = this.#o.daemon.catchUp;
    let skipped = 0;
    let spread = 0;
    for (const kind of this.#o.registry.kinds()) {
      const mode = this.#o.registry.get(kind)!.policy.catchUp ?? 'all';
      if (mode === 'all') continue;
      await immediate(this.#o.db, async (trx) => {
        // A job that already started (killed mid-step and reclaimed, or abandoned on stop with its
        // attempt given back) was not missed: it may have written its post already, so it resumes
        // instead of being skipped. Only jobs that never ran count as missed.
        const overdue = (await overdueJobs(trx, kind, before)).filter(
          (j) => mode !== 'latest' || (j.attempts === 0 && j.lastError === null),
        );
        if (overdue.length === 0) return;
        let keep = overdue;
        if (mode === 'latest') {
          keep = maxMissed > 0 ? overdue.slice(-maxMissed) : [];
          for (const job of overdue.slice(0, overdue.length - keep.length)) {
            const reason = `missed while the daemon was down (due ${job.runAt}); only the latest ${maxMissed} are caught up`;
            await updateJob(trx, job.id, { state: 'skipped', lastError: reason, updatedAt: now });
            await recordAudit(
              trx,
              { ...this.#o.writer(), now },
              {
                entity: 'job',
                entityId: job.id,
                action: 'skip',
                from: 'queued',
                to: 'skipped',
                reason,
                data: { kind },
              },
            );
            skipped += 1;
          }
        }
        if (mode === 'spread' && spacingSeconds > 0) {
          for (const [i, job] of keep.entries()) {
            if (i === 0) continue;
            await updateJob(trx, job.id, {
              runAt: new Date(nowDate.getTime() + i * spacingSeconds * 1000).toISOString(),
              updatedAt: now,
            });
            spread += 1;
          }
        }
      });
    }
    if (skipped || spread) this.#o.log.info({ skipped, spread }, 'caught up work missed while down');
    return { skipped, spread };
  }

  /** Claims the oldest due job with a lease, atomically. */
  async claim(): Promise<Job | undefined> {
    const now = this.#now();
    const leaseUntil = new Date(this.#o.clock.now().getTime() + this.#leaseMs()).toISOString();
    return immediate(this.#o.db, async (trx) => {
      const job = await nextDueJob(trx, now, this.#o.registry.kinds());
      if (!job) return undefined;
      if (!(await leaseJob(trx, job.id, this.#o.owner, leaseUntil, now))) return undefined;
      return {
        ...job,
        state: 'running',
        attempts: job.attempts + 1,
        leaseOwner: this.#o.owner,
        leaseUntil,
      };
    });
  }

  /** Claims and runs one due job. Returns undefined when nothing is due. */
  async runOne(): Promise<SettledOutcome | undefined> {
    if (this.#stopping) return undefined;
    const job = await this.claim();
    if (!job) return undefined;
    const controller = new AbortController();
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.#current = { job, controller, done };
    try {
      const outcome = await this.#execute(job, controller);
      await this.#o.onSettled?.(job, outcome);
      return outcome;
    } finally {
      this.#current = undefined;
      settle();
    }
  }

  /** Runs due jobs until none is due (or `maxJobs`, or stop). */
  async drain(maxJobs = Number.POSITIVE_INFINITY): Promise<DrainSummary> {
    const summary: DrainSummary = { ran: 0, done: 0, retried: 0, failed: 0, reclaimed: await this.reclaimExpired() };
    while (!this.#stopping && summary.ran < maxJobs) {
      const outcome = await this.runOne();
      if (!outcome) break;
      summary.ran += 1;
      if (outcome.status === 'done') summary.done += 1;
      else if (outcome.status === 'retry') summary.retried += 1;
      else if (outcome.status === 'failed') summary.failed += 1;
    }
    return summary;
  }

  async #execute(job: Job, controller: AbortController): Promise<SettledOutcome> {
    const { db, log: baseLog } = this.#o;
    const log = baseLog.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    const registered = this.#o.registry.get(job.kind)!;
    // Keep the lease alive while a long step runs; losing it means another daemon may take over.
    const renewEvery = Math.max(Math.floor(this.#leaseMs() / 3), 50);
    const renewal = setInterval(() => {
      const until = new Date(this.#o.clock.now().getTime() + this.#leaseMs()).toISOString();
      renewLease(db, job.id, this.#o.owner, until, this.#now())
        .then((ok) => {
          if (!ok && !controller.signal.aborted) {
            log.warn({}, 'lease lost; abandoning the step');
            controller.abort(new AbandonError('lease lost'));
          }
        })
        .catch((error: unknown) => log.warn({ err: errorText(error) }, 'lease renewal failed (will retry)'));
    }, renewEvery);
    renewal.unref();

    let outcome: JobOutcome | void = undefined;
    let failure: unknown;
    let abandoned = false;
    const started = Date.now();
    log.info({ subject: job.subjectId }, 'job started');
    try {
      outcome = await Promise.race([
        registered.run({
          job,
          attempt: job.attempts,
          deps: this.#o.depsFor(job.brand),
          signal: controller.signal,
          log,
          enqueue: enqueuerAt(db, () => this.#now()),
        }),
        new Promise<never>((_, reject) => {
          controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
        }),
      ]);
    } catch (error) {
      if (controller.signal.aborted) abandoned = true;
      else failure = error;
    } finally {
      clearInterval(renewal);
    }
    const now = this.#now();
    const ms = Date.now() - started;

    if (abandoned) {
      const ok = await settleJob(db, job.id, this.#o.owner, now, {
        state: 'queued',
        runAt: now,
        refundAttempt: true,
        lastError: 'abandoned on stop',
      }).catch(() => false);
      log.warn({ ms, released: ok }, 'job abandoned (will run again)');
      return { status: ok ? 'abandoned' : 'lost' };
    }

    if (failure === undefined) {
      if (outcome?.rescheduleAt) {
        const runAt = outcome.rescheduleAt.toISOString();
        const ok = await settleJob(db, job.id, this.#o.owner, now, {
          state: 'queued',
          runAt,
          refundAttempt: true,
          result: outcome.result,
        });
        log.info({ ms, runAt }, 'job rescheduled');
        return ok ? { status: 'rescheduled', runAt } : { status: 'lost' };
      }
      const result = outcome?.result ?? null;
      const ok = await settleJob(db, job.id, this.#o.owner, now, { state: 'done', result, lastError: null });
      if (!ok) {
        log.warn({ ms }, 'job finished after its lease was lost; its result was not recorded');
        return { status: 'lost' };
      }
      log.info({ ms }, 'job done');
      return { status: 'done', result };
    }

    const message = errorText(failure);
    const exhausted = job.attempts >= job.maxAttempts || isPermanent(failure);
    if (exhausted) {
      const ok = await immediate(db, async (trx) => {
        const settled = await settleJob(trx, job.id, this.#o.owner, now, { state: 'failed', lastError: message });
        if (settled) {
          await recordAudit(
            trx,
            { ...this.#o.writer(), now },
            {
              entity: 'job',
              entityId: job.id,
              action: 'fail',
              from: 'running',
              to: 'failed',
              reason: message,
              data: { kind: job.kind, attempts: job.attempts },
            },
          );
        }
        return settled;
      });
      log.error({ ms, err: message, attempts: job.attempts }, 'job failed for good');
      return ok ? { status: 'failed', error: message, cause: failure } : { status: 'lost' };
    }
    const b = this.#o.daemon.backoff;
    const delay = Math.max(
      backoffDelay(
        job.attempts,
        { minMs: b.minSeconds * 1000, maxMs: b.maxSeconds * 1000, factor: b.factor },
        this.#o.random,
      ),
      retryAfterMs(failure),
    );
    const runAt = new Date(this.#o.clock.now().getTime() + delay).toISOString();
    const ok = await settleJob(db, job.id, this.#o.owner, now, { state: 'queued', runAt, lastError: message });
    log.warn({ ms, err: message, runAt, attempts: job.attempts }, 'job failed; will retry');
    return ok ? { status: 'retry', error: message, runAt } : { status: 'lost' };
  }

  /**
   * Graceful stop: no new claims; the step in flight gets `graceMs` to finish, then is aborted
   * and released back to the queue (its attempt refunded) so the next start runs it at once.
   */
  async stop(graceMs: number): Promise<'idle' | 'finished' | 'abandoned'> {
    this.#stopping = true;
    const current = this.#current;
    if (!current) return 'idle';
    const finished = await Promise.race([
      current.done.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref()),
    ]);
    if (finished) return 'finished';
    current.controller.abort(new AbandonError('daemon stopping'));
    await Promise.race([current.done, new Promise((r) => setTimeout(r, 2000).unref())]);
    return 'abandoned';
  }
}
