import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { queueNotification } from '../notify/notify-service.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { enqueuerAt, upcomingJobs } from '../store/jobs-repo.js';
import { getMeta, setMeta } from '../store/meta-repo.js';
import type { HeldLock } from './lock.js';
import type { DaemonLog } from '../jobs/log.js';
import type { Handlers, JobContext } from '../jobs/registry.js';
import { JobRunner, type DrainSummary } from './runner.js';
import { scheduleSpecs } from './schedule.js';
import { Scheduler, type SyncResult } from './scheduler.js';
import { noReporter, type ErrorReporter } from './sentry.js';

export const HEARTBEAT_KEY = 'daemon_heartbeat';

export interface Heartbeat {
  pid: number;
  host: string;
  owner: string;
  mode: 'daemon' | 'once';
  startedAt: string;
  lastTick: string | null;
  stoppedAt: string | null;
  nextJobs: { kind: string; brand: string | null; at: string; source: 'queue' | 'schedule' }[];
}

/** What a hook gets: every brand's services, and an idempotent enqueue. */
export interface HookContext {
  brands: ServiceDeps[];
  enqueue: JobContext['enqueue'];
  log: DaemonLog;
  owner: string;
}

/**
 * Work the daemon does outside jobs: `start` once before anything else (reconcile what a crash
 * left on the Page), `pass` at every pass before jobs run (derive jobs from the posts table).
 */
export interface DaemonHooks {
  start?: (h: HookContext) => Promise<void>;
  pass?: (h: HookContext) => Promise<void>;
}

export interface DaemonOptions {
  hooks?: DaemonHooks;
  /** Services for the current brand; other brands reuse it with their own config. */
  base: ServiceDeps;
  config: Config;
  clock: Clock;
  registry: Handlers;
  log: DaemonLog;
  lock: HeldLock;
  mode: 'daemon' | 'once';
  reporter?: ErrorReporter;
  random?: () => number;
}

export interface OnceSummary {
  at: string;
  scheduled: SyncResult;
  catchUp: { skipped: number; spread: number };
  jobs: DrainSummary;
}

const isBusy = (error: unknown) =>
  /SQLITE_BUSY|database is locked/i.test(String((error as Error)?.message ?? error)) ||
  (error as { code?: string })?.code === 'SQLITE_BUSY';

/**
 * The daemon: scheduler (slots → jobs), runner (jobs → steps), heartbeat. `runOnce` does one
 * pass at the clock's instant (`daemon --once --now …`); `run` loops until `stop`.
 */
export class Daemon {
  readonly #o: DaemonOptions;
  readonly runner: JobRunner;
  readonly scheduler: Scheduler;
  readonly owner: string;
  readonly startedAt: string;
  #stopping = false;
  #wake: (() => void) | undefined;
  #lastTick: string | null = null;
  #loop: Promise<void> | undefined;
  #stopPromise: Promise<'idle' | 'finished' | 'abandoned'> | undefined;

  constructor(o: DaemonOptions) {
    this.#o = o;
    this.owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.startedAt = o.clock.now().toISOString();
    const daemon = o.config.daemon;
    const writer = () => ({ ...o.base.writer(), now: o.clock.now().toISOString() });
    this.runner = new JobRunner({
      db: o.base.db,
      registry: o.registry,
      owner: this.owner,
      clock: o.clock,
      daemon,
      depsFor: (brand) => this.depsFor(brand),
      writer,
      log: o.log,
      ...(o.random ? { random: o.random } : {}),
      onSettled: (job, outcome) => {
        if (outcome.status === 'failed')
          (o.reporter ?? noReporter).capture(outcome.cause, { job: job.id, kind: job.kind, attempts: job.attempts });
      },
    });
    this.scheduler = new Scheduler({
      db: o.base.db,
      specs: scheduleSpecs(o.config, (kind) => o.registry.has(kind)),
      clock: o.clock,
      daemon,
      writer,
      log: o.log,
    });
  }

  depsFor(brand: string | null): ServiceDeps {
    const slug = brand ?? this.#o.base.brandSlug;
    if (slug === this.#o.base.brandSlug) return this.#o.base;
    const config = this.#o.config.brands[slug];
    if (!config) {
      throw new ConfigError(
        l(
          `The job names brand "${slug}", which is not in the config.`,
          `La tâche vise la marque « ${slug} », absente de la configuration.`,
        ),
        {
          code: 'unknown_brand',
          fix: l(
            'Add the brand back (autoscale brand add) or retry the job after fixing it.',
            'Rajoutez la marque (autoscale brand add) ou relancez la tâche après correction.',
          ),
        },
      );
    }
    return { ...this.#o.base, brandSlug: slug, brand: config };
  }

  #hookContext(): HookContext {
    const db = this.#o.base.db;
    return {
      brands: Object.keys(this.#o.config.brands).map((slug) => this.depsFor(slug)),
      enqueue: enqueuerAt(db, () => this.#o.clock.now().toISOString()),
      log: this.#o.log,
      owner: this.owner,
    };
  }

  /** Jobs derived from the posts table (publish, verify, metrics), before the runner drains. */
  async #pass(): Promise<void> {
    await this.#o.hooks?.pass?.(this.#hookContext());
  }

  async #heartbeat(stopped = false): Promise<void> {
    const { db } = this.#o.base;
    const now = this.#o.clock.now();
    const queued = await upcomingJobs(db, 5, this.#o.registry.kinds());
    const slots = this.scheduler.nextSlots(now);
    const beat: Heartbeat = {
      pid: process.pid,
      host: hostname(),
      owner: this.owner,
      mode: this.#o.mode,
      startedAt: this.startedAt,
      lastTick: this.#lastTick,
      stoppedAt: stopped ? now.toISOString() : null,
      nextJobs: [
        ...queued.map((j) => ({ kind: j.kind, brand: j.brand, at: j.runAt, source: 'queue' as const })),
        ...slots.map((s) => ({ kind: s.kind, brand: s.brand, at: s.at, source: 'schedule' as const })),
      ]
        .sort((a, b) => a.at.localeCompare(b.at))
        .slice(0, 5),
    };
    await setMeta(db, HEARTBEAT_KEY, JSON.stringify(beat));
  }

  /** Startup: crash report, catch-up of work that piled up while down, first heartbeat. */
  async startup(): Promise<{ skipped: number; spread: number }> {
    const { base, lock, log } = this.#o;
    if (lock.stale && lock.stale.pid > 0) {
      const previous = await getMeta(base.db, HEARTBEAT_KEY)
        .then((v) => (v ? (JSON.parse(v) as Partial<Heartbeat>) : undefined))
        .catch(() => undefined);
      log.warn(
        { previousPid: lock.stale.pid, lastTick: previous?.lastTick ?? null },
        'previous daemon did not stop cleanly; resuming its work',
      );
      const now = this.#o.clock.now().toISOString();
      await queueNotification(
        base,
        enqueuerAt(base.db, () => now),
        {
          type: 'daemon_restart',
          host: hostname(),
          pid: process.pid,
          previousPid: lock.stale.pid,
          previousStart: lock.stale.startedAt || null,
          lastTick: previous?.lastTick ?? null,
        },
      );
    }
    // Before any job: settle what a crash left in flight, then derive due work, so that work
    // missed while down goes through the catch-up limits below like any other overdue job.
    try {
      await this.#o.hooks?.start?.(this.#hookContext());
      await this.#pass();
    } catch (error) {
      if (!isBusy(error)) throw error;
      log.warn({ err: (error as Error).message }, 'database busy at start; the next pass derives the work');
    }
    const caught = await this.runner.catchUp();
    await this.#heartbeat();
    return caught;
  }

  /** One pass: enqueue due slots, run due jobs, beat. Database busy → try again next tick. */
  async tick(): Promise<{ scheduled: SyncResult; jobs: DrainSummary } | undefined> {
    try {
      const scheduled = await this.scheduler.sync();
      await this.#pass();
      const jobs = await this.runner.drain();
      this.#lastTick = this.#o.clock.now().toISOString();
      await this.#heartbeat();
      return { scheduled, jobs };
    } catch (error) {
      if (isBusy(error)) {
        this.#o.log.warn(
          { err: (error as Error).message },
          'database busy (another writer); retrying at the next tick',
        );
      } else {
        this.#o.log.error({ err: (error as Error).message }, 'tick failed; retrying at the next tick');
        (this.#o.reporter ?? noReporter).capture(error, { where: 'tick' });
      }
      return undefined;
    }
  }

  async runOnce(): Promise<OnceSummary> {
    const catchUp = await this.startup();
    const scheduled = await this.scheduler.sync();
    await this.#pass();
    const jobs = await this.runner.drain();
    this.#lastTick = this.#o.clock.now().toISOString();
    await this.#heartbeat(true);
    return { at: this.#lastTick, scheduled, catchUp, jobs };
  }

  /** Runs until `stop()`. Resolves after the last step settled and the heartbeat says stopped. */
  run(): Promise<void> {
    this.#loop ??= this.#run();
    return this.#loop;
  }

  async #run(): Promise<void> {
    const { log, config } = this.#o;
    // A CLI write holding the database at start delays the start; it does not kill the daemon.
    for (;;) {
      try {
        await this.startup();
        break;
      } catch (error) {
        if (!isBusy(error) || this.#stopping) throw error;
        log.warn({ err: (error as Error).message }, 'database busy at start (another writer); trying again');
        await new Promise((r) => setTimeout(r, Math.min(config.daemon.tickSeconds * 1000, 5000)));
      }
    }
    this.scheduler.start(() => this.#wake?.());
    log.info(
      {
        owner: this.owner,
        schedules: this.scheduler.specs.map((s) => `${s.kind}:${s.brand} "${s.expression}" ${s.timeZone}`),
        kinds: this.#o.registry.kinds(),
      },
      'daemon started',
    );
    const tickMs = config.daemon.tickSeconds * 1000;
    while (!this.#stopping) {
      await this.tick();
      if (this.#stopping) break;
      const delay = await this.#nextDelay(tickMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    const step = await (this.#stopPromise ?? Promise.resolve('idle' as const));
    await this.#heartbeat(true).catch(() => undefined);
    log.info({ step }, 'stopped');
  }

  async #nextDelay(tickMs: number): Promise<number> {
    try {
      const next = (await upcomingJobs(this.#o.base.db, 1, this.#o.registry.kinds()))[0];
      if (!next) return tickMs;
      const until = new Date(next.runAt).getTime() - this.#o.clock.now().getTime();
      return Math.min(tickMs, Math.max(until, 50));
    } catch {
      return tickMs;
    }
  }

  /**
   * Graceful stop: no new work; the step in flight finishes or is released. `run()` resolves
   * after that and after the last heartbeat (stoppedAt), so the caller can then close the DB.
   */
  stop(reason: string): Promise<'idle' | 'finished' | 'abandoned'> {
    this.#stopPromise ??= (async () => {
      this.#stopping = true;
      this.#o.log.info({ reason }, 'stopping');
      await this.scheduler.stop();
      this.#wake?.();
      return this.runner.stop(this.#o.config.daemon.stopGraceSeconds * 1000);
    })();
    return this.#stopPromise;
  }
}
