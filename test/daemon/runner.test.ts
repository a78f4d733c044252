import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { backoffDelay } from '../../src/daemon/backoff.js';
import { memoryLog, silentLog } from '../../src/jobs/log.js';
import { JobRegistry, PermanentJobError, type Handlers, type JobHandler } from '../../src/jobs/registry.js';
import { JobRunner } from '../../src/daemon/runner.js';
import type { DaemonConfig } from '../../src/config/schema.js';
import { UsageError } from '../../src/errors/errors.js';
import { l } from '../../src/i18n/localized.js';
import { JOB_PAYLOADS } from '../../src/store/job-payloads.js';
import { enqueueJob, getJob, listJobs, type NewJob } from '../../src/store/jobs-repo.js';
import { auditFor } from '../../src/store/audit-repo.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

const daemonConfig = (patch: Partial<DaemonConfig> = {}): DaemonConfig => ({
  ...store.deps.config.daemon,
  leaseSeconds: 60,
  backoff: { minSeconds: 10, maxSeconds: 1000, factor: 2 },
  catchUp: { graceSeconds: 900, windowHours: 36, maxMissed: 1, spacingSeconds: 300 },
  ...patch,
});

const runner = (registry: Handlers, owner = 'runner-a', patch: Partial<DaemonConfig> = {}, log = silentLog()) =>
  new JobRunner({
    db: store.deps.db,
    registry,
    owner,
    clock: store.clock,
    daemon: daemonConfig(patch),
    depsFor: () => store.deps,
    writer: store.deps.writer,
    log,
    random: () => 0.5,
  });

/** Kinds for these tests, each taking any payload (the schemas are tested on their own below). */
const TEST_KINDS = {
  work: z.unknown(),
  other: z.unknown(),
  generate: z.unknown(),
  publish: z.unknown(),
  notify: z.unknown(),
};
type TestPayloads = { [K in keyof typeof TEST_KINDS]: unknown };

const add = (key: string, extra: Partial<NewJob<TestPayloads>> = {}) =>
  enqueueJob<TestPayloads>(store.deps.db, store.clock.now().toISOString(), {
    kind: 'work',
    runAt: store.clock.now().toISOString(),
    idempotencyKey: key,
    ...extra,
  });

describe('job runner', () => {
  it('enqueues idempotently and runs a due job once, recording the result', async () => {
    const calls: string[] = [];
    const registry = new JobRegistry(TEST_KINDS).register('work', async (ctx) => {
      calls.push(ctx.job.id);
      return { result: { ok: true, attempt: ctx.attempt } };
    });
    const first = await add('k1');
    const again = await add('k1');
    expect(again).toEqual({ id: first.id, created: false });
    await add('later', { runAt: '2026-11-24T16:00:00Z' });
    const summary = await runner(registry).drain();
    expect(summary).toMatchObject({ ran: 1, done: 1 });
    expect(calls).toEqual([first.id]);
    const job = await getJob(store.deps.db, first.id);
    expect(job).toMatchObject({ state: 'done', attempts: 1, leaseOwner: null, leaseUntil: null });
    expect(JSON.parse(job!.result!)).toEqual({ ok: true, attempt: 1 });
  });

  it('never lets two runners claim the same job (interleaved claims on one store)', async () => {
    const ran: Record<string, string[]> = {};
    const handler: JobHandler = async (ctx) => {
      (ran[ctx.job.id] ??= []).push(ctx.job.leaseOwner!);
      // Yield so the other runner's claim interleaves with this step (no wall-clock wait).
      await new Promise((r) => setImmediate(r));
    };
    const registry = new JobRegistry(TEST_KINDS).register('work', handler);
    for (let i = 0; i < 40; i += 1) await add(`race-${i}`);
    const a = runner(registry, 'runner-a');
    const b = runner(registry, 'runner-b');
    const [sa, sb] = await Promise.all([a.drain(), b.drain()]);
    expect(sa.done + sb.done).toBe(40);
    expect(Object.keys(ran)).toHaveLength(40);
    for (const owners of Object.values(ran)) expect(owners).toHaveLength(1);
    expect(sa.done).toBeGreaterThan(0);
    expect(sb.done).toBeGreaterThan(0);
  });

  it('reclaims a job whose lease expired (crashed daemon) and refuses the stale owner’s late result', async () => {
    const registry = new JobRegistry(TEST_KINDS).register('work', async () => ({ result: 'second' }));
    const { id } = await add('crash');
    const dead = runner(registry, 'dead-daemon');
    const claimed = await dead.claim();
    expect(claimed).toMatchObject({ id, state: 'running', attempts: 1, leaseOwner: 'dead-daemon' });
    // Still leased: another runner leaves it alone.
    const alive = runner(registry, 'alive');
    expect(await alive.drain()).toMatchObject({ ran: 0, reclaimed: 0 });
    store.clock.set('2026-11-24T15:01:01Z');
    const summary = await alive.drain();
    expect(summary).toMatchObject({ reclaimed: 1, ran: 1, done: 1 });
    const job = await getJob(store.deps.db, id);
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    const audit = await auditFor(store.deps.db, [id]);
    expect(audit.map((a) => a.action)).toContain('lease_expired');
    // The dead daemon's settle (if it ever woke up) is refused by compare-and-set.
    const { settleJob } = await import('../../src/store/jobs-repo.js');
    expect(await settleJob(store.deps.db, id, 'dead-daemon', store.clock.now().toISOString(), { state: 'done' })).toBe(
      false,
    );
  });

  it('fails a reclaimed job that has no attempts left', async () => {
    const registry = new JobRegistry(TEST_KINDS).register('work', async () => undefined);
    const { id } = await add('exhausted', { maxAttempts: 1 });
    await runner(registry, 'dead').claim();
    store.clock.set('2026-11-24T15:05:00Z');
    await runner(registry, 'alive').drain();
    expect(await getJob(store.deps.db, id)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('retries with exponential backoff and jitter, then fails for good after max attempts', async () => {
    const registry = new JobRegistry(TEST_KINDS).register('work', async () => {
      throw new Error('upstream 503');
    });
    const { id } = await add('flaky', { maxAttempts: 3 });
    const r = runner(registry);
    const expectDelay = (attempt: number) =>
      backoffDelay(attempt, { minMs: 10_000, maxMs: 1_000_000, factor: 2 }, () => 0.5);
    expect(expectDelay(1)).toBe(15_000);
    expect(expectDelay(2)).toBe(30_000);

    await r.drain();
    let job = await getJob(store.deps.db, id);
    expect(job).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'upstream 503',
      runAt: '2026-11-24T15:00:15.000Z',
    });
    // Not due yet: nothing runs.
    expect((await r.drain()).ran).toBe(0);
    store.clock.set('2026-11-24T15:00:15Z');
    await r.drain();
    job = await getJob(store.deps.db, id);
    expect(job).toMatchObject({ state: 'queued', attempts: 2, runAt: '2026-11-24T15:00:45.000Z' });
    store.clock.set('2026-11-24T15:01:00Z');
    expect(await r.drain()).toMatchObject({ failed: 1 });
    job = await getJob(store.deps.db, id);
    expect(job).toMatchObject({ state: 'failed', attempts: 3, lastError: 'upstream 503' });
    expect((await auditFor(store.deps.db, [id])).map((a) => a.action)).toEqual(['fail']);
  });

  it('caps the backoff and honours a throttle’s retry-after', async () => {
    expect(backoffDelay(30, { minMs: 1000, maxMs: 60_000, factor: 2 }, () => 0.99)).toBe(60_000);
    const registry = new JobRegistry(TEST_KINDS).register('work', async () => {
      throw Object.assign(new Error('throttled'), { retryAfterMs: 3_600_000 });
    });
    const { id } = await add('throttled');
    await runner(registry).drain();
    expect((await getJob(store.deps.db, id))!.runAt).toBe('2026-11-24T16:00:00.000Z');
  });

  it('does not retry permanent errors (bad input, PermanentJobError)', async () => {
    const registry = new JobRegistry(TEST_KINDS)
      .register('work', async () => {
        throw new UsageError(l('bad', 'mauvais'));
      })
      .register('other', async () => {
        throw new PermanentJobError('webhook gone');
      });
    const a = await add('perm-1');
    const b = await add('perm-2', { kind: 'other' });
    await runner(registry).drain();
    expect(await getJob(store.deps.db, a.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(await getJob(store.deps.db, b.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'webhook gone',
    });
  });

  it('reschedules without spending an attempt when the handler asks to wait', async () => {
    let calls = 0;
    const registry = new JobRegistry(TEST_KINDS).register('work', async () => {
      calls += 1;
      return calls === 1 ? { rescheduleAt: new Date('2026-11-24T15:30:00Z') } : { result: 'ok' };
    });
    const { id } = await add('wait');
    await runner(registry).drain();
    expect(await getJob(store.deps.db, id)).toMatchObject({
      state: 'queued',
      attempts: 0,
      runAt: '2026-11-24T15:30:00.000Z',
    });
    store.clock.set('2026-11-24T15:30:00Z');
    await runner(registry).drain();
    expect(await getJob(store.deps.db, id)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('catch-up after an outage: `latest` keeps the newest and skips the rest, `spread` spaces the Page calls', async () => {
    const registry = new JobRegistry(TEST_KINDS)
      .register('generate', async () => undefined, { catchUp: 'latest' })
      .register('publish', async () => undefined, { catchUp: 'spread' })
      .register('notify', async () => undefined, { catchUp: 'all' });
    const hoursAgo = (h: number) => new Date(Date.parse('2026-11-24T15:00:00Z') - h * 3_600_000).toISOString();
    for (const h of [50, 26, 3]) await add(`gen-${h}`, { kind: 'generate', runAt: hoursAgo(h) });
    for (const h of [30, 20, 10, 5]) await add(`pub-${h}`, { kind: 'publish', runAt: hoursAgo(h) });
    for (const h of [30, 20]) await add(`not-${h}`, { kind: 'notify', runAt: hoursAgo(h) });
    const log = memoryLog();
    const r = runner(registry, 'a', {}, log);
    expect(await r.catchUp()).toEqual({ skipped: 2, spread: 3 });
    const jobs = await listJobs(store.deps.db, { limit: 100 });
    const gen = jobs.filter((j) => j.kind === 'generate').sort((x, y) => x.runAt.localeCompare(y.runAt));
    expect(gen.map((j) => j.state)).toEqual(['skipped', 'skipped', 'queued']);
    const pub = jobs
      .filter((j) => j.kind === 'publish')
      .map((j) => j.runAt)
      .sort();
    expect(pub).toEqual([
      hoursAgo(30),
      '2026-11-24T15:05:00.000Z',
      '2026-11-24T15:10:00.000Z',
      '2026-11-24T15:15:00.000Z',
    ]);
    // Only one publish is due now: the Page is not machine-gunned.
    const summary = await r.drain();
    expect(summary.ran).toBe(1 + 1 + 2);
  });

  it('graceful stop abandons a step that does not finish in time and gives the attempt back', async () => {
    let started!: () => void;
    const began = new Promise<void>((r) => (started = r));
    const registry = new JobRegistry(TEST_KINDS).register('work', (ctx) => {
      started();
      return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    const { id } = await add('slow');
    const r = runner(registry);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const draining = r.drain();
    await began;
    const stopping = r.stop(20);
    await vi.advanceTimersByTimeAsync(20);
    expect(await stopping).toBe('abandoned');
    await draining;
    expect(await getJob(store.deps.db, id)).toMatchObject({
      state: 'queued',
      attempts: 0,
      leaseOwner: null,
      lastError: 'abandoned on stop',
    });
  });

  it('graceful stop lets a step that finishes in time complete', async () => {
    let started!: () => void;
    const began = new Promise<void>((r) => (started = r));
    const registry = new JobRegistry(TEST_KINDS).register('work', async () => {
      started();
      await new Promise((r) => setTimeout(r, 30));
      return { result: 'finished' };
    });
    const { id } = await add('quick');
    const r = runner(registry);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const draining = r.drain();
    await began;
    const stopping = r.stop(5000);
    // The step needs 30 ms of its 5 s grace: it finishes and nothing is abandoned.
    await vi.advanceTimersByTimeAsync(30);
    expect(await stopping).toBe('finished');
    await draining;
    expect(await getJob(store.deps.db, id)).toMatchObject({ state: 'done' });
  });

  it('renews the lease of a long step and abandons it when the lease is taken away', async () => {
    const registry = new JobRegistry(TEST_KINDS).register(
      'work',
      (ctx) =>
        new Promise((resolve, reject) => {
          ctx.signal.addEventListener('abort', () => reject(new Error('lost')));
          setTimeout(() => resolve({ result: 'late' }), 600_000);
        }),
    );
    const { id } = await add('long');
    const r = runner(registry, 'a', { leaseSeconds: 60 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const running = r.runOne();
    // Two renewals (every third of the lease) keep it while the step runs.
    await vi.advanceTimersByTimeAsync(40_000);
    expect(await getJob(store.deps.db, id)).toMatchObject({ state: 'running', leaseOwner: 'a' });
    const { updateJob } = await import('../../src/store/jobs-repo.js');
    // Simulate another daemon reclaiming it: the next renewal finds out and abandons the step.
    await updateJob(store.deps.db, id, { leaseOwner: 'someone-else' });
    await vi.advanceTimersByTimeAsync(20_000);
    const outcome = await running;
    expect(outcome?.status).toBe('lost');
  });

  it('reads each payload with its kind’s schema: the handler gets typed values, a bad payload fails for good', async () => {
    const now = store.clock.now().toISOString();
    const seen: number[] = [];
    const registry = new JobRegistry({ count: z.object({ n: z.number().int() }) }).register('count', async (ctx) => {
      seen.push(ctx.payload.n + 1);
    });
    const job = (key: string, payload: unknown) =>
      enqueueJob<{ count: unknown }>(store.deps.db, now, { kind: 'count', runAt: now, idempotencyKey: key, payload });
    const good = await job('good', { n: 2 });
    const bad = await job('bad', { n: 'two' });
    const missing = await job('missing', undefined);
    await runner(registry).drain();
    expect(seen).toEqual([3]);
    expect(await getJob(store.deps.db, good.id)).toMatchObject({ state: 'done' });
    expect(await getJob(store.deps.db, bad.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/^count job: invalid payload \(n: /) as unknown,
    });
    expect(await getJob(store.deps.db, missing.id)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('the daemon’s payload schemas refuse what a handler could not use', () => {
    expect(JOB_PAYLOADS.metrics.safeParse({ postId: 'p', label: '1h' }).success).toBe(false);
    expect(JOB_PAYLOADS.publish.safeParse({}).success).toBe(false);
    expect(JOB_PAYLOADS.generate.safeParse({ slot: '2026-12-01T15:00:00Z', contentType: 'essay' }).success).toBe(false);
    expect(JOB_PAYLOADS.generate.parse({ slot: '2026-12-01T15:00:00Z', local: '10:00' })).toEqual({
      slot: '2026-12-01T15:00:00Z',
      local: '10:00',
    });
  });
});
