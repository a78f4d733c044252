import type { ServiceDeps } from '../deps/service-deps.js';
import type { Enqueue, JobRow } from '../store/jobs-repo.js';
import type { DaemonLog } from './log.js';

/**
 * What to do with jobs of a kind that piled up while the daemon was down.
 * - `all`: run them all now (cheap, local work such as notifications);
 * - `spread`: run them all, but spaced by `daemon.catchUp.spacingSeconds` (anything touching the Page);
 * - `latest`: run only the latest `daemon.catchUp.maxMissed`, mark the rest skipped.
 */
export type CatchUpMode = 'all' | 'spread' | 'latest';

export interface JobPolicy {
  maxAttempts?: number;
  catchUp?: CatchUpMode;
}

export interface JobContext {
  job: JobRow;
  payload: unknown;
  /** Attempt number, 1 on the first run. */
  attempt: number;
  /** Services for the job's brand (or the current brand when the job has none). */
  deps: ServiceDeps;
  /** Aborted on graceful stop or when the lease was lost: stop at the next safe point. */
  signal: AbortSignal;
  log: DaemonLog;
  /** Enqueue follow-up work (notifications, verification) idempotently. */
  enqueue: Enqueue;
  /** Error monitoring (Sentry when configured) for what people must hear of even if the job succeeds. */
  report?: ((error: unknown, context: Record<string, unknown>) => void) | undefined;
}

export interface JobOutcome {
  result?: unknown;
  /** Run again at this time without counting a failure (e.g. wait for Meta to settle). */
  rescheduleAt?: Date;
}

export type JobHandler = (ctx: JobContext) => Promise<JobOutcome | void>;

export interface RegisteredHandler {
  kind: string;
  handler: JobHandler;
  policy: JobPolicy;
}

/**
 * Handlers by job kind (generation, publishing, verification, metrics, reports, token checks,
 * notifications); the scheduler only enqueues kinds that have a handler.
 */
export class JobRegistry {
  readonly #handlers = new Map<string, RegisteredHandler>();

  register(kind: string, handler: JobHandler, policy: JobPolicy = {}): this {
    if (this.#handlers.has(kind)) throw new Error(`job kind "${kind}" registered twice`);
    this.#handlers.set(kind, { kind, handler, policy });
    return this;
  }

  get(kind: string): RegisteredHandler | undefined {
    return this.#handlers.get(kind);
  }

  has(kind: string): boolean {
    return this.#handlers.has(kind);
  }

  kinds(): string[] {
    return [...this.#handlers.keys()];
  }
}

/** An error that retrying cannot fix (bad input, dead token, duplicate post). */
export class PermanentJobError extends Error {
  readonly permanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}
