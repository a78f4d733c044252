import type { z } from 'zod';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { JobKind } from '../domain/jobs.js';
import type { JOB_PAYLOADS, JobPayloads } from '../store/job-payloads.js';
import type { Enqueue } from '../store/jobs-repo.js';
import type { DaemonLog } from './log.js';
import type { Job } from '../domain/jobs.js';

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

export interface JobContext<P = unknown> {
  job: Job;
  /** The job's payload, checked against its kind's schema. */
  payload: P;
  /** Attempt number, 1 on the first run. */
  attempt: number;
  /** Services for the job's brand (or the current brand when the job has none). */
  deps: ServiceDeps;
  /** Aborted on graceful stop or when the lease was lost: stop at the next safe point. */
  signal: AbortSignal;
  log: DaemonLog;
  /** Enqueue follow-up work (notifications, verification) idempotently. */
  enqueue: Enqueue;
}

export interface JobOutcome {
  result?: unknown;
  /** Run again at this time without counting a failure (e.g. wait for Meta to settle). */
  rescheduleAt?: Date;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<JobOutcome | void>;

/** The handler of one of the daemon's job kinds, typed by that kind's payload. */
export type HandlerFor<K extends JobKind> = JobHandler<JobPayloads[K]>;

/** What the runner hands a job: everything but the payload, which the registry reads and checks. */
export type RunContext = Omit<JobContext, 'payload'>;

export interface RegisteredHandler {
  kind: string;
  run: (ctx: RunContext) => Promise<JobOutcome | void>;
  policy: JobPolicy;
}

/** Payload schema by job kind (`JOB_PAYLOADS` for the daemon; tests bring their own kinds). */
export type PayloadSchemas = Record<string, z.ZodType>;

/** The payload stored with a job, parsed and checked; a bad one cannot be fixed by retrying. */
const readPayload = <S extends z.ZodType>(kind: string, schema: S, stored: string | null): z.output<S> => {
  let value: unknown;
  try {
    value = stored === null ? undefined : JSON.parse(stored);
  } catch {
    throw new PermanentJobError(`${kind} job: the stored payload is not JSON`);
  }
  const checked = schema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new PermanentJobError(
      `${kind} job: invalid payload${issue ? ` (${issue.path.join('.') || 'payload'}: ${issue.message})` : ''}`,
    );
  }
  return checked.data;
};

/**
 * Handlers by job kind (generation, publishing, verification, metrics, reports, token checks,
 * notifications); the scheduler only enqueues kinds that have a handler. Each handler receives
 * its kind's payload type, checked against the kind's schema before it runs.
 */
export class JobRegistry<S extends PayloadSchemas = typeof JOB_PAYLOADS> {
  readonly #schemas: S;
  readonly #handlers = new Map<string, RegisteredHandler>();

  constructor(schemas: S) {
    this.#schemas = schemas;
  }

  register<K extends keyof S & string>(kind: K, handler: JobHandler<z.output<S[K]>>, policy: JobPolicy = {}): this {
    if (this.#handlers.has(kind)) throw new Error(`job kind "${kind}" registered twice`);
    const schema: S[K] = this.#schemas[kind];
    this.#handlers.set(kind, {
      kind,
      policy,
      run: (ctx) => handler({ ...ctx, payload: readPayload<S[K]>(kind, schema, ctx.job.payload) }),
    });
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

/** What the runner and the daemon need from a registry, whatever its payload schemas. */
export type Handlers = Pick<JobRegistry<PayloadSchemas>, 'get' | 'has' | 'kinds'>;

/** An error that retrying cannot fix (bad input, dead token, duplicate post). */
export class PermanentJobError extends Error {
  readonly permanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}
