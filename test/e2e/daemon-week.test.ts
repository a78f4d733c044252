import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCliCollect, tempHome } from '../helpers/cli.js';
import { startSlackFake, type SlackFake } from '../fakes/slack-fake.js';
import { startSmtpSink } from '../fakes/smtp-sink.js';
import { confirmedInitArgs } from '../helpers/profile.js';

describe('daemon --once through a simulated week (built CLI)', () => {
  let slack: SlackFake;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const home = tempHome('autoscale-week-');
  let env: Record<string, string>;

  beforeAll(async () => {
    slack = await startSlackFake();
    smtp = await startSmtpSink();
    env = { SLACK_WEBHOOK_URL: slack.url, SMTP_URL: smtp.url };
    expect((await runCliCollect(['init', '--yes', ...confirmedInitArgs()], home.dir)).code).toBe(0);
    const file = join(home.dir, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.notify = {
      emailTo: ['owner@example.test'],
      emailFrom: 'autoscale@example.test',
      quickRetries: 0,
      quickRetryMs: 10,
    };
    config.daemon = { backoff: { minSeconds: 60, maxSeconds: 3600, factor: 2 } };
    // This week counts the drafts' own notifications; reminders have their own tests (test/approval).
    config.approval = { reminders: false };
    writeFileSync(file, JSON.stringify(config, null, 2));
  });
  afterAll(async () => {
    await slack.close();
    await smtp.close();
    home.cleanup();
  });

  const once = async (now: string) => {
    const r = await runCliCollect(['daemon', '--once', '--now', now, '--json'], home.dir, env);
    expect(r.code, r.stderr).toBe(0);
    return json(r);
  };

  it('generates Tue–Thu at 10:00 Toronto time (across the DST change), notifies, and records everything', async () => {
    const generated = (s: { scheduled: { enqueued: { kind: string }[] } }) =>
      s.scheduled.enqueued.filter((e) => e.kind === 'generate').length;
    expect(generated(await once('2026-10-26T14:00:00Z'))).toBe(0); // Mon 10:00 EDT: not a generation day
    expect(generated(await once('2026-10-27T14:00:20Z'))).toBe(1); // Tue 10:00 EDT
    expect(slack.messages).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(generated(await once('2026-10-27T19:00:00Z'))).toBe(0);

    slack.down(); // Wednesday: Slack is down; the draft is still written and the email goes out
    const wed = await once('2026-10-28T14:00:40Z');
    expect(generated(wed)).toBe(1);
    expect(wed.jobs).toMatchObject({ failed: 0, retried: 1 });
    expect(slack.messages).toHaveLength(1);
    expect(smtp.mails).toHaveLength(2);
    slack.up();

    const thu = await once('2026-10-29T14:05:00Z'); // 10:05: within the grace period; Wednesday's Slack goes out too
    expect(generated(thu)).toBe(1);
    expect(slack.messages).toHaveLength(3);
    for (const now of ['2026-10-30T14:00:00Z', '2026-11-02T14:00:00Z']) expect(generated(await once(now))).toBe(0);
    expect(generated(await once('2026-11-03T14:00:20Z'))).toBe(0); // 09:00 EST: not yet
    expect(generated(await once('2026-11-03T15:00:20Z'))).toBe(1); // 10:00 EST

    const list = json(await runCliCollect(['list', '--json'], home.dir, env));
    const posts = (Array.isArray(list) ? list : list.posts) as {
      content_type?: string;
      contentType?: string;
      target_date?: string;
      targetDate?: string;
      state: string;
    }[];
    expect(posts).toHaveLength(4);
    expect(posts.every((p) => p.state === 'in_review')).toBe(true);
    const types = posts.map((p) => p.content_type ?? p.contentType);
    const dates = posts.map((p) => p.target_date ?? p.targetDate).sort();
    expect(dates).toEqual(['2026-10-27', '2026-10-28', '2026-10-29', '2026-11-03']);
    expect(types.length).toBe(4);

    // Four drafts ready for review, and the weekly report of Monday 08:00 (caught up at 09:00).
    const drafts = slack.messages.filter((m) => /ready for review|prête pour révision/.test(m.body.text ?? ''));
    expect(drafts).toHaveLength(4);
    expect(slack.messages).toHaveLength(5);
    expect(smtp.mails).toHaveLength(5);
    expect(smtp.mails[0]!.raw).toMatch(/autoscale approve/);
    expect(smtp.mails.filter((m) => !/autoscale approve/.test(m.raw))).toHaveLength(1);

    const jobs = json(await runCliCollect(['jobs', '--json', '--limit', '100'], home.dir, env));
    // Daily token checks and calendar reads missed between the jumps of this test are skipped
    // (only the latest runs).
    expect(jobs.counts.failed ?? 0).toBe(0);
    expect(jobs.counts.running ?? 0).toBe(0);
    expect(
      jobs.jobs
        .filter((j: { state: string; kind: string }) => j.state === 'skipped')
        .every((j: { kind: string }) => j.kind === 'token_check' || j.kind === 'calendar'),
    ).toBe(true);
    const gens = jobs.jobs.filter((j: { kind: string }) => j.kind === 'generate');
    expect(gens).toHaveLength(4);
    // The optimizer chose each type (and its decision is recorded); the type written is the one stored in the job.
    for (const g of gens) {
      expect(g.payload).toMatchObject({ chosenBy: 'optimizer', decisionId: expect.any(String) });
      expect(types).toContain(g.payload.contentType);
    }
    const slackRetried = jobs.jobs.find(
      (j: { kind: string; attempts: number }) => j.kind === 'notify' && j.attempts === 2,
    );
    expect(slackRetried).toBeTruthy();

    const status = json(await runCliCollect(['status', '--json', '--now', '2026-11-03T16:00:00Z'], home.dir, env));
    expect(status.daemon.heartbeat).toMatchObject({ mode: 'once', lastTick: '2026-11-03T15:00:20.000Z' });
    expect(status.daemon.heartbeat.nextJobs[0]).toMatchObject({
      kind: 'calendar',
      at: '2026-11-04T12:00:00.000Z',
      source: 'schedule',
    }); // 07:00 EST: feeds and plan
    expect(status.daemon.heartbeat.nextJobs[1]).toMatchObject({
      kind: 'token_check',
      at: '2026-11-04T12:30:00.000Z',
      source: 'schedule',
    }); // 07:30 EST
    expect(status.daemon.heartbeat.nextJobs).toContainEqual(
      expect.objectContaining({ kind: 'generate', at: '2026-11-04T15:00:00.000Z', source: 'schedule' }),
    );
  });

  it('retry: refuses a done job, requeues a failed one', async () => {
    const jobs = json(await runCliCollect(['jobs', '--json', '--kind', 'generate'], home.dir, env));
    const done = jobs.jobs[0];
    const refused = await runCliCollect(['retry', done.shortId], home.dir, env);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/only failed or skipped jobs can be retried/);
    expect((await runCliCollect(['retry', 'ffffffff'], home.dir, env)).code).toBe(4);

    // Slack refuses the webhook for good (404): the job fails; the user fixes it and retries.
    slack.faults.push({ kind: 'status', status: 404, body: 'no_service' });
    await once('2026-11-04T15:00:10Z');
    const failed = json(await runCliCollect(['jobs', '--json', '--state', 'failed'], home.dir, env)).jobs;
    expect(failed).toHaveLength(1);
    expect(failed[0].lastError).toMatch(/404/);
    const retried = await runCliCollect(
      ['retry', failed[0].subjectId, '--json', '--now', '2026-11-04T15:05:00Z'],
      home.dir,
      env,
    );
    expect(retried.code, retried.stderr).toBe(0);
    expect(json(retried)).toMatchObject({ via: 'post', retried: [{ state: 'queued', attempts: 0 }] });
    const after = await once('2026-11-04T15:06:00Z');
    expect(after.jobs.done).toBe(1);
  });

  it('one daemon per home: a clear busy error naming the running pid', async () => {
    const lock = join(home.dir, 'daemon.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-11-04T15:00:00Z' }));
    const r = await runCliCollect(['daemon', '--once'], home.dir, env);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain(`pid ${process.pid}`);
    expect(existsSync(lock)).toBe(true);
    writeFileSync(lock, '');
    const usage = await runCliCollect(['daemon', '--now', '2026-11-04T15:00:00Z'], home.dir, env);
    expect(usage.code).toBe(2);
  });

  it('daemon install --user writes the unit; --print shows it', async () => {
    const r = await runCliCollect(['daemon', 'install', '--user', '--json'], home.dir, {
      ...env,
      XDG_CONFIG_HOME: join(home.dir, 'xdg'),
    });
    expect(r.code, r.stderr).toBe(0);
    const out = json(r);
    expect(out.path).toBe(join(home.dir, 'xdg', 'systemd', 'user', 'autoscale.service'));
    expect(readFileSync(out.path, 'utf8')).toContain(`ReadWritePaths=${home.dir}`);
    const printed = await runCliCollect(['daemon', 'install', '--print'], home.dir, env);
    expect(printed.stdout).toContain('NoNewPrivileges=yes');
    expect(printed.stdout).toContain('User=autoscale');
  });
});
