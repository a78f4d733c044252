/** queued → running → done | failed; `skipped` marks missed work deliberately not caught up. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'skipped'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * Every kind of durable job. Each has a payload schema (src/store/job-payloads.ts) and a daemon
 * handler (src/daemon/handlers.ts).
 */
export const JOB_KINDS = [
  'generate',
  'notify',
  'publish',
  'verify',
  'metrics',
  'weekly_report',
  'token_check',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A durable job as the store hands it out (`payload` and `result` are JSON text). */
export interface Job {
  id: string;
  kind: string;
  subjectId: string | null;
  brand: string | null;
  runAt: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  idempotencyKey: string;
  lastError: string | null;
  payload: string | null;
  result: string | null;
  createdAt: string;
  updatedAt: string;
}
