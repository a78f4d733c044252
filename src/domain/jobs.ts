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
