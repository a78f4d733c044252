import { sql } from 'kysely';
import type { Job } from '../domain/jobs.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';
import type { JobPayloads } from './job-payloads.js';
import type { JobState } from '../domain/jobs.js';

export type { Job } from '../domain/jobs.js';

/** Payload type by job kind; the default is every kind the daemon runs (tests bring their own). */
export type PayloadMap = Record<string, unknown>;

interface JobFields {
  subjectId?: string | null;
  brand?: string | null;
  /** Same key, same job: enqueueing twice (two daemons, a crash and a restart) is a no-op. */
  idempotencyKey: string;
  maxAttempts?: number;
  state?: 'queued' | 'skipped';
  lastError?: string | null;
}

/** A job of one kind with that kind's payload (which may be left out only when it may be undefined). */
type JobOf<M extends PayloadMap, When> = {
  [K in keyof M & string]: JobFields &
    When & { kind: K } & (undefined extends M[K] ? { payload?: M[K] } : { payload: M[K] });
}[keyof M & string];

export type NewJob<M extends PayloadMap = JobPayloads> = JobOf<M, { runAt: string }>;

/** Enqueues follow-up work, due now unless it names its own `runAt`: what jobs and hooks are handed. */
export type Enqueue<M extends PayloadMap = JobPayloads> = (
  job: JobOf<M, { runAt?: string }>,
) => Promise<{ id: string; created: boolean }>;

export const enqueuerAt =
  <M extends PayloadMap = JobPayloads>(db: Db, now: () => string): Enqueue<M> =>
  (job) => {
    const at = now();
    return enqueueJob<M>(db, at, { ...job, runAt: job.runAt ?? at });
  };

export const enqueueJob = async <M extends PayloadMap = JobPayloads>(
  db: Db,
  now: string,
  job: NewJob<M>,
): Promise<{ id: string; created: boolean }> => {
  const id = newId();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      subject_id: job.subjectId ?? null,
      brand: job.brand ?? null,
      run_at: job.runAt,
      state: job.state ?? 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts ?? 5,
      lease_owner: null,
      lease_until: null,
      idempotency_key: job.idempotencyKey,
      last_error: job.lastError ?? null,
      payload: job.payload === undefined ? null : JSON.stringify(job.payload),
      result: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { id, created: true };
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('idempotency_key', '=', job.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
};

export const getJob = async (db: Db, id: string): Promise<Job | undefined> =>
  fromMaybeRow(await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst());

/** Full id, or the short form (last 8 hex digits) shown by `autoscale jobs`. */
export const findJobsByRef = async (db: Db, ref: string): Promise<Job[]> => {
  const exact = await getJob(db, ref);
  if (exact) return [exact];
  if (!/^[0-9a-f-]{4,}$/i.test(ref)) return [];
  const tail = ref.replace(/-/g, '').toLowerCase();
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('id', 'like', `%${tail.slice(-4)}`)
    .execute();
  return fromRows(rows.filter((r) => r.id.replace(/-/g, '').endsWith(tail) || r.id.startsWith(ref)));
};

export const jobsForSubject = async (db: Db, subjectId: string): Promise<Job[]> =>
  fromRows(await db.selectFrom('jobs').selectAll().where('subject_id', '=', subjectId).orderBy('created_at').execute());

export interface JobFilter {
  states?: JobState[];
  kinds?: string[];
  brand?: string;
  limit?: number;
}

export const listJobs = async (db: Db, filter: JobFilter = {}): Promise<Job[]> => {
  let q = db.selectFrom('jobs').selectAll();
  if (filter.states?.length) q = q.where('state', 'in', filter.states);
  if (filter.kinds?.length) q = q.where('kind', 'in', filter.kinds);
  if (filter.brand) q = q.where((eb) => eb.or([eb('brand', '=', filter.brand!), eb('brand', 'is', null)]));
  return fromRows(
    await q
      .orderBy('run_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 50)
      .execute(),
  );
};

export const countJobsByState = async (db: Db): Promise<Record<string, number>> => {
  const rows = await db
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
};

/** The next queued jobs, soonest first (heartbeat, status). */
export const upcomingJobs = async (db: Db, limit: number, kinds?: string[]): Promise<Job[]> => {
  let q = db.selectFrom('jobs').selectAll().where('state', '=', 'queued');
  if (kinds) q = kinds.length ? q.where('kind', 'in', kinds) : q.where(sql<boolean>`0`);
  return fromRows(await q.orderBy('run_at').orderBy('id').limit(limit).execute());
};

/** Running jobs whose lease ended: their daemon died or hung. */
export const expiredLeases = async (db: Db, now: string): Promise<Job[]> =>
  fromRows(
    await db.selectFrom('jobs').selectAll().where('state', '=', 'running').where('lease_until', '<', now).execute(),
  );

/** The oldest due queued job among `kinds` (caller holds the write lock). */
export const nextDueJob = async (db: Db, now: string, kinds: string[]): Promise<Job | undefined> => {
  if (kinds.length === 0) return undefined;
  return fromMaybeRow(
    await db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'queued')
      .where('run_at', '<=', now)
      .where('kind', 'in', kinds)
      .orderBy('run_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  );
};

/** Compare-and-set on state: only one claimer can move a queued job to running. */
export const leaseJob = async (
  db: Db,
  id: string,
  owner: string,
  leaseUntil: string,
  now: string,
): Promise<boolean> => {
  const r = await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      lease_owner: owner,
      lease_until: leaseUntil,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
};

export const renewLease = async (
  db: Db,
  id: string,
  owner: string,
  leaseUntil: string,
  now: string,
): Promise<boolean> => {
  const r = await db
    .updateTable('jobs')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
};

export interface Settle {
  state: 'done' | 'queued' | 'failed' | 'skipped';
  runAt?: string;
  lastError?: string | null;
  result?: unknown;
  /** Give the attempt back (graceful stop abandoned the step before it did anything). */
  refundAttempt?: boolean;
}

/** Ends a lease. False when the lease was lost (expired and reclaimed by another runner). */
export const settleJob = async (db: Db, id: string, owner: string, now: string, s: Settle): Promise<boolean> => {
  const r = await db
    .updateTable('jobs')
    .set((eb) => ({
      state: s.state,
      lease_owner: null,
      lease_until: null,
      updated_at: now,
      ...(s.runAt ? { run_at: s.runAt } : {}),
      ...(s.lastError !== undefined ? { last_error: s.lastError } : {}),
      ...(s.result !== undefined ? { result: JSON.stringify(s.result) } : {}),
      ...(s.refundAttempt ? { attempts: eb('attempts', '-', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
};

/** Reclaim or retry: unconditional updates used under the write lock. */
export const updateJob = async (
  db: Db,
  id: string,
  patch: Partial<
    Pick<
      Job,
      | 'state'
      | 'runAt'
      | 'attempts'
      | 'maxAttempts'
      | 'leaseOwner'
      | 'leaseUntil'
      | 'lastError'
      | 'updatedAt'
      | 'payload'
      | 'result'
    >
  >,
): Promise<void> => {
  await db.updateTable('jobs').set(toRow(patch)).where('id', '=', id).execute();
};

/** Queued jobs of a kind that were due before `before` (work that piled up while down). */
export const overdueJobs = async (db: Db, kind: string, before: string): Promise<Job[]> =>
  fromRows(
    await db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('state', '=', 'queued')
      .where('run_at', '<', before)
      .orderBy('run_at')
      .orderBy('id')
      .execute(),
  );

/** The most recently failed jobs, for `status`. */
export const recentFailedJobs = async (
  db: Db,
  limit: number,
): Promise<Pick<Job, 'id' | 'kind' | 'subjectId' | 'attempts' | 'lastError'>[]> =>
  fromRows(
    await db
      .selectFrom('jobs')
      .select(['id', 'kind', 'subject_id', 'attempts', 'last_error'])
      .where('state', '=', 'failed')
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute(),
  );
