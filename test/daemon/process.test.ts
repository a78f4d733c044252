import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Daemon } from '../../src/daemon/daemon.js';
import { buildRegistry } from '../../src/daemon/handlers.js';
import { acquireLock } from '../../src/daemon/lock.js';
import { memoryLog } from '../../src/jobs/log.js';
import { createLogger, prettyLine } from '../../src/daemon/logger.js';
import { renderUnit } from '../../src/daemon/systemd.js';
import { BusyError } from '../../src/errors/errors.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { enqueueJob, getJob, listJobs, updateJob } from '../../src/store/jobs-repo.js';
import { openDatabase } from '../../src/store/database.js';
import { ROOT } from '../helpers/cli.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:05Z' });
});
afterEach(async () => {
  await store.close();
});

const built = existsSync(join(ROOT, 'dist', 'src', 'daemon', 'runner.js'));

describe('single-instance lock', () => {
  it('refuses a second daemon with the running pid, takes over a stale lock and reports it', () => {
    const file = join(store.home, 'daemon.lock');
    const held = acquireLock(file, '2026-11-24T15:00:00Z');
    expect(held.stale).toBeUndefined();
    let error: unknown;
    try {
      acquireLock(file, 'later', process.pid + 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BusyError);
    expect((error as BusyError).message).toContain(`pid ${process.pid}`);
    expect((error as BusyError).exitCode).toBe(8);
    held.release();
    expect(existsSync(file)).toBe(false);

    // A lock left by a process that no longer exists (SIGKILL, power loss).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(file, JSON.stringify({ pid: dead, host: hostname(), startedAt: 'yesterday' }));
    const taken = acquireLock(file, 'now');
    expect(taken.stale).toMatchObject({ pid: dead, startedAt: 'yesterday' });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    taken.release();
  });
});

describe('logs', () => {
  it('writes JSON lines without secrets, or readable lines on a TTY', () => {
    const lines: string[] = [];
    const log = createLogger({
      pretty: false,
      secrets: ['sk-supersecret-123'],
      write: (l) => lines.push(l),
      level: 'info',
    });
    log.info(
      { url: 'https://graph.facebook.com/v25.0/me?access_token=EAAB123456789' },
      'calling with sk-supersecret-123',
    );
    log.warn({ token: 'abc', nested: { password: 'hunter2' } }, 'careful');
    log.debug({}, 'hidden at info');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 'info', msg: 'calling with ***' });
    expect(first.url).toBe('https://graph.facebook.com/v25.0/me?access_token=***');
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'warn', token: '***', nested: { password: '***' } });
    expect(lines.join('')).not.toMatch(/supersecret|EAAB|hunter2/);
    const pretty = prettyLine(lines[1]!);
    expect(pretty).toMatch(/^\d\d:\d\d:\d\d WARN {2}careful token=\*\*\* nested=/);
  });

  it('prints pretty lines on the brand’s clock, as status does (JSON lines stay UTC)', () => {
    const line = JSON.stringify({ level: 'info', time: '2026-11-24T15:00:05.000Z', msg: 'tick' });
    expect(prettyLine(line, false, 'America/Toronto')).toBe('10:00:05 INFO  tick\n');
    expect(prettyLine(line, false, 'Europe/Paris')).toBe('16:00:05 INFO  tick\n');
  });
});

describe('systemd unit', () => {
  it('is hardened and points at the home and its .env', () => {
    const unit = renderUnit({
      home: '/srv/autoscale',
      nodePath: '/usr/bin/node',
      binPath: '/opt/autoscale/bin/autoscale.js',
      user: false,
      account: 'autoscale',
    });
    for (const line of [
      'User=autoscale',
      'Restart=on-failure',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'ReadWritePaths=/srv/autoscale',
      'EnvironmentFile=-/srv/autoscale/.env',
      'ExecStart=/usr/bin/node /opt/autoscale/bin/autoscale.js --home /srv/autoscale daemon',
      'WantedBy=multi-user.target',
    ])
      expect(unit).toContain(line);
    expect(unit).not.toContain('MemoryDenyWriteExecute');
    const user = renderUnit({
      home: '/home/me/autoscale data',
      nodePath: '/usr/bin/node',
      binPath: '/b.js',
      user: true,
      account: 'x',
    });
    expect(user).not.toContain('User=');
    expect(user).toContain('ProtectHome=read-only');
    expect(user).toContain('ReadWritePaths="/home/me/autoscale data"');
    expect(user).toContain('WantedBy=default.target');
  });
});

const daemonFor = (s: TestStore, log = memoryLog()) =>
  new Daemon({
    base: s.deps,
    config: s.deps.config,
    clock: s.clock,
    registry: buildRegistry({ providerFor: () => createOfflineTextProvider() }),
    log,
    lock: { info: { pid: process.pid, host: 'h', startedAt: '' }, stale: undefined, release: () => undefined },
    mode: 'once',
  });

describe('generation job', () => {
  it('generates once per slot even when the daemon died after the commit', async () => {
    const first = await daemonFor(store).runOnce();
    expect(first.jobs.done).toBe(1);
    const job = (await listJobs(store.deps.db, { kinds: ['generate'] }))[0]!;
    const result = JSON.parse(job.result!);
    // Simulate a crash between the post's commit and the job's completion.
    await updateJob(store.deps.db, job.id, {
      state: 'running',
      leaseOwner: 'dead',
      leaseUntil: '2026-11-24T15:00:06Z',
      result: null,
    });
    store.clock.set('2026-11-24T15:10:00Z');
    const again = await daemonFor(store).runOnce();
    expect(again.jobs).toMatchObject({ reclaimed: 1, done: 1 });
    const after = await getJob(store.deps.db, job.id);
    expect(JSON.parse(after!.result!)).toMatchObject({ postId: result.postId, resumed: true });
    const posts = await store.deps.db
      .selectFrom('posts')
      .select(['id', 'content_type', 'target_date', 'state'])
      .execute();
    expect(posts).toEqual([
      { id: result.postId, content_type: result.contentType, target_date: '2026-11-24', state: 'in_review' },
    ]);
  });
});

describe.skipIf(!built)('processes sharing one database', () => {
  it('two runner processes racing on the same file run each job exactly once', async () => {
    const now = new Date().toISOString();
    for (let i = 0; i < 60; i += 1)
      await enqueueJob<{ work: unknown }>(store.deps.db, now, { kind: 'work', runAt: now, idempotencyKey: `p-${i}` });
    const logFile = join(store.home, 'ran.log');
    writeFileSync(logFile, '');
    const run = (owner: string) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [join(ROOT, 'test', 'fixtures', 'race-worker.mjs'), store.deps.paths.database, owner, logFile],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker ${owner} exited ${code}`))));
      });
    const [a, b] = await Promise.all([run('proc-a'), run('proc-b')]);
    const ran = readFileSync(logFile, 'utf8').trim().split('\n');
    const ids = ran.map((l) => l.split(' ')[0]);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(JSON.parse(a).done + JSON.parse(b).done).toBe(60);
    const states = await listJobs(store.deps.db, { limit: 100 });
    expect(states.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
  });

  it('keeps running when a CLI write holds the database, and catches up after it', async () => {
    // A daemon connection with a short busy timeout, so the lock is felt within the test.
    const opened = await openDatabase(store.deps.paths.database, { busyTimeoutMs: 150 });
    const deps = { ...store.deps, db: opened.db };
    const log = memoryLog();
    const d = new Daemon({
      base: deps,
      config: deps.config,
      clock: store.clock,
      registry: buildRegistry({ providerFor: () => createOfflineTextProvider() }),
      log,
      lock: { info: { pid: process.pid, host: 'h', startedAt: '' }, stale: undefined, release: () => undefined },
      mode: 'daemon',
    });
    const holder = spawn(
      process.execPath,
      [join(ROOT, 'test', 'fixtures', 'hold-write-lock.mjs'), store.deps.paths.database, '1500'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const blocked = await d.tick();
    expect(blocked).toBeUndefined();
    expect(log.entries.some((e) => e.level === 'warn' && /database busy/.test(e.msg ?? ''))).toBe(true);
    await new Promise<void>((resolve) => holder.on('exit', () => resolve()));
    const next = await d.tick();
    expect(next?.scheduled.enqueued).toHaveLength(1);
    expect(next?.jobs.done).toBe(1);
    await opened.close();
  });
});
