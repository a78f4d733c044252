import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, tempHome } from '../helpers/cli.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { startSlackFake, type SlackFake } from '../fakes/slack-fake.js';
import { startSmtpSink } from '../fakes/smtp-sink.js';
import { seededRandom } from '../../src/domain/random.js';
import { confirmedInitArgs } from '../helpers/profile.js';

/**
 * The real daemon process on a fast schedule (a generation slot every 3 s), SIGKILLed at random
 * moments and restarted, with Slack failing now and then. Meanwhile the test approves drafts
 * (queue mode, slot 2 s ahead): the daemon publishes them on the loopback Graph fake and pulls
 * their '24h' and '7d' metrics (shortened to 2 s and 5 s), with the insights endpoint failing
 * now and then. SOAK_SECONDS sets the length (default 90); SOAK_SEED replays a run.
 */
const SOAK_MS = Number(process.env.SOAK_SECONDS ?? 90) * 1000;
const SEED = process.env.SOAK_SEED ?? String(Date.now());

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('daemon soak: SIGKILL at random moments', () => {
  let slack: SlackFake;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let fake: GraphFake;
  const home = tempHome('autoscale-soak-');

  beforeAll(async () => {
    slack = await startSlackFake();
    smtp = await startSmtpSink();
    fake = await startGraphFake();
  });
  afterAll(async () => {
    await fake.close();
    await slack.close();
    await smtp.close();
    home.cleanup();
  });

  it(
    `ends with every slot generated once and no job stuck (seed ${SEED})`,
    { timeout: SOAK_MS + 200_000 },
    async () => {
      const random = seededRandom(SEED);
      const env = {
        SLACK_WEBHOOK_URL: slack.url,
        SMTP_URL: smtp.url,
        FACEBOOK_ACCESS_TOKEN: fake.token,
        FACEBOOK_PAGE_ID: fake.pageId,
        FACEBOOK_GRAPH_URL: fake.url,
      };
      const init = runCliAsync(['init', '--yes', ...confirmedInitArgs()], { home: home.dir, env });
      expect((await exited(init)).code).toBe(0);
      const file = join(home.dir, 'config.json');
      const config = JSON.parse(readFileSync(file, 'utf8'));
      config.notify = { emailTo: ['owner@example.test'], quickRetries: 0, quickRetryMs: 10, timeoutMs: 2000 };
      config.daemon = {
        tickSeconds: 0.5,
        leaseSeconds: 3,
        stopGraceSeconds: 2,
        backoff: { minSeconds: 0.5, maxSeconds: 3, factor: 2 },
        catchUp: { graceSeconds: 2, windowHours: 1, maxMissed: 1, spacingSeconds: 1 },
        maxAttempts: 8,
        metricsDelaySeconds: { h24: 2, d7: 5 },
        cron: { generate: '*/3 * * * * *' },
      };
      config.facebook = {
        ...(config.facebook ?? {}),
        settleMs: 50,
        retries: 1,
        retryMinMs: 10,
        timeoutMs: 3000,
        breakerVolume: 100,
      };
      writeFileSync(file, JSON.stringify(config, null, 2));

      let kills = 0;
      let terms = 0;
      let starts = 0;
      const logs: string[] = [];
      const start = () => {
        starts += 1;
        const child = runCliAsync(['daemon', '--log-level', 'warn'], { home: home.dir, env });
        child.stdout.on('data', (c: Buffer) => logs.push(c.toString()));
        child.stderr.on('data', (c: Buffer) => logs.push(c.toString()));
        return child;
      };
      const approved = new Set<string>();
      /** Approves up to two drafts (queue mode, slot 2 s ahead) while the daemon runs or is down. */
      const approveSome = async () => {
        const db = new Database(join(home.dir, 'autoscale.db'), { readonly: true });
        let drafts: { id: string }[];
        try {
          drafts = db.prepare(`SELECT id FROM posts WHERE state = 'in_review' ORDER BY created_at LIMIT 2`).all() as {
            id: string;
          }[];
        } finally {
          db.close();
        }
        for (const d of drafts) {
          const at = new Date(Date.now() + 2000).toISOString();
          const r = runCliAsync(['approve', d.id, '--variant', '1', '--mode', 'queue', '--at', at], {
            home: home.dir,
            env,
          });
          if ((await exited(r)).code === 0) approved.add(d.id);
        }
      };
      const deadline = Date.now() + SOAK_MS;
      while (Date.now() < deadline) {
        // The insights endpoint fails now and then (outage, throttle) during the pulls.
        const f = random();
        if (f < 0.2)
          fake.inject({
            fault: { kind: 'error', code: 2, httpStatus: 503, message: 'Service temporarily unavailable' },
            path: /insights/,
            times: 2,
          });
        else if (f < 0.3)
          fake.inject({
            fault: {
              kind: 'error',
              code: 80001,
              httpStatus: 400,
              message: '(#80001) too many calls',
              regainMinutes: 0,
            },
            path: /insights/,
            times: 1,
          });
        // Slack misbehaves now and then: a 500, a dropped connection, a slow answer.
        for (let i = 0; i < 3; i += 1) {
          const r = random();
          if (r < 0.15) slack.faults.push({ kind: 'status', status: 500 });
          else if (r < 0.2) slack.faults.push({ kind: 'drop' });
          else if (r < 0.25) slack.faults.push({ kind: 'delay', ms: 300 });
        }
        const child = start();
        await sleep(1000 + random() * 5000);
        if (Date.now() < deadline - 20_000 && existsSync(join(home.dir, 'autoscale.db'))) await approveSome();
        if (random() < 0.8) {
          child.kill('SIGKILL');
          kills += 1;
          const gone = await exited(child);
          expect(gone.signal, logs.join('').slice(-3000)).toBe('SIGKILL');
        } else {
          child.kill('SIGTERM');
          terms += 1;
          expect((await exited(child)).code).toBe(0);
        }
      }
      // A last, calm run: leases of killed steps expire, backoffs elapse, then a clean stop.
      slack.faults.length = 0;
      fake.clearFaults();
      const last = start();
      // Until the work is done rather than for a fixed time: on a loaded machine (the whole suite
      // on two cores) 14 s was sometimes too short for the last metrics pull.
      const settled = () => {
        const db = new Database(join(home.dir, 'autoscale.db'), { readonly: true });
        try {
          // Generation slots (and their announcements) never stop coming: the approved posts' work is
          // what must be finished, each published and pulled twice.
          const pending = db
            .prepare(
              `SELECT count(*) AS n FROM jobs WHERE kind IN ('publish', 'verify', 'metrics') AND state IN ('queued', 'running')`,
            )
            .get() as { n: number };
          const pulls = db.prepare(`SELECT count(*) AS n FROM metric_snapshots`).get() as { n: number };
          return pending.n === 0 && pulls.n >= approved.size * 2;
        } finally {
          db.close();
        }
      };
      const calmFrom = Date.now();
      await sleep(6_000);
      while (Date.now() - calmFrom < 90_000 && !settled()) await sleep(500);
      last.kill('SIGTERM');
      const end = await exited(last);
      expect(end.code, logs.join('')).toBe(0);
      const stoppedAt = Date.now();

      const db = new Database(join(home.dir, 'autoscale.db'), { readonly: true });
      try {
        const jobs = db.prepare('SELECT * FROM jobs').all() as {
          id: string;
          kind: string;
          state: string;
          run_at: string;
          result: string | null;
          attempts: number;
          last_error: string | null;
          subject_id: string | null;
        }[];
        const byState = (s: string) => jobs.filter((j) => j.state === s);
        // No job stuck: nothing running, nothing failed, nothing queued that was already due.
        expect(byState('running')).toEqual([]);
        expect(byState('failed').map((j) => `${j.kind}: ${j.last_error}`)).toEqual([]);
        const overdue = byState('queued').filter((j) => Date.parse(j.run_at) < stoppedAt - 10_000);
        expect(overdue.map((j) => `${j.kind} ${j.run_at}`)).toEqual([]);

        // Each generation slot ran once: one post per done job, and no post without its job.
        const gens = jobs.filter((j) => j.kind === 'generate' && j.state === 'done');
        const postIds = gens.map((j) => (JSON.parse(j.result!) as { postId: string }).postId);
        expect(new Set(postIds).size).toBe(gens.length);
        const posts = db.prepare('SELECT id FROM posts').all() as { id: string }[];
        expect(posts.map((p) => p.id).sort()).toEqual([...postIds].sort());
        expect(gens.length).toBeGreaterThan(5);

        // Every draft was announced (at least once: a kill after Slack accepted but before the job
        // was settled can repeat a message; it can never lose one). A message whose channel failed
        // at the very end may still be waiting for its next retry, but none may have given up.
        const notifyJobs = jobs.filter((j) => j.kind === 'notify');
        expect(notifyJobs.filter((j) => j.state === 'failed')).toEqual([]);
        const notified = new Set(
          notifyJobs.filter((j) => j.state === 'done' || j.state === 'queued').map((j) => j.subject_id),
        );
        for (const id of postIds) expect(notified.has(id)).toBe(true);
        const restarts = slack.messages.filter((m) => /crash|arrêt brutal/.test(m.body.text ?? '')).length;
        expect(restarts).toBeGreaterThan(0);

        // Every approved post is on the fake Page exactly once, published and measured twice.
        expect(approved.size).toBeGreaterThan(2);
        const live = fake.posts.filter((p) => !p.deleted);
        const pubs = db.prepare(`SELECT post_id, fb_post_id FROM publications WHERE status = 'published'`).all() as {
          post_id: string;
          fb_post_id: string;
        }[];
        const states = db.prepare(`SELECT id, state FROM posts`).all() as { id: string; state: string }[];
        const stateOf = new Map(states.map((p) => [p.id, p.state]));
        for (const id of approved) expect(stateOf.get(id), id).toBe('measured');
        expect(pubs.map((p) => p.post_id).sort()).toEqual([...approved].sort());
        expect(live).toHaveLength(approved.size);
        expect(new Set(pubs.map((p) => p.fb_post_id)).size).toBe(approved.size);
        const snaps = db.prepare(`SELECT post_id, label FROM metric_snapshots`).all() as {
          post_id: string;
          label: string;
        }[];
        expect(snaps).toHaveLength(approved.size * 2);
        expect(new Set(snaps.map((x) => `${x.post_id}:${x.label}`)).size).toBe(approved.size * 2);
        const metricsJobs = jobs.filter((j) => j.kind === 'metrics');
        expect(metricsJobs.every((j) => j.state === 'done')).toBe(true);
        expect(metricsJobs).toHaveLength(approved.size * 2);

        const heartbeat = JSON.parse(
          (db.prepare(`SELECT value FROM meta WHERE key = 'daemon_heartbeat'`).get() as { value: string }).value,
        );
        expect(heartbeat.stoppedAt).not.toBeNull();
        const skipped = byState('skipped').length;
        console.log(
          `soak seed=${SEED}: ${starts} starts, ${kills} SIGKILL, ${terms} SIGTERM; ${gens.length} generations, ${skipped} slots skipped while down, ${slack.messages.length} Slack messages (${slack.attempts} attempts), ${smtp.mails.length} emails; ${approved.size} approved and published, ${fake.requests.filter((r) => r.path.includes('insights')).length} insights calls`,
        );
      } finally {
        db.close();
      }
    },
  );
});
