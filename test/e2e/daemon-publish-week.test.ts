import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricSnapshotsTable, SyncColumns } from '../../db/schema.js';
import { json, runCliCollect, tempHome } from '../helpers/cli.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { startSlackFake, type SlackFake } from '../fakes/slack-fake.js';
import { startSmtpSink } from '../fakes/smtp-sink.js';
import { confirmedInitArgs } from '../helpers/profile.js';

type Snapshot = Omit<MetricSnapshotsTable, 'id' | 'publication_id' | 'taken_at' | 'raw' | keyof SyncColumns>;

/**
 * A whole week of the daemon against the loopback Graph API fake, driven by `daemon --once
 * --now …` (December 2026, Toronto, EST = UTC−5): draft Tuesday 10:00 → approval → queue
 * publication in the window and a native post verified after Meta published it → metrics at
 * +24 h and +7 d with exact engagement → `measured` → the weekly report on Monday 08:00, with
 * throttling and an outage during the pulls, and Slack/SMTP down on the way.
 */
describe('daemon --once: generation → approval → publication → metrics → weekly report (Graph fake)', () => {
  let slack: SlackFake;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let fake: GraphFake;
  let sim = Date.parse('2026-12-01T14:00:00Z');
  const home = tempHome('autoscale-pubweek-');
  let env: Record<string, string>;
  const db = () => new Database(join(home.dir, 'autoscale.db'), { readonly: true, fileMustExist: true });
  const snapshots = (): Snapshot[] => {
    const d = db();
    try {
      return d.prepare('SELECT * FROM metric_snapshots ORDER BY taken_at').all() as Snapshot[];
    } finally {
      d.close();
    }
  };
  const postState = (id: string): string => {
    const d = db();
    try {
      return (d.prepare('SELECT state FROM posts WHERE id = ?').get(id) as { state: string }).state;
    } finally {
      d.close();
    }
  };
  const fbId = (id: string): string => {
    const d = db();
    try {
      return (
        d
          .prepare("SELECT fb_post_id FROM publications WHERE post_id = ? AND status IN ('published','scheduled')")
          .get(id) as { fb_post_id: string }
      ).fb_post_id;
    } finally {
      d.close();
    }
  };

  beforeAll(async () => {
    slack = await startSlackFake();
    smtp = await startSmtpSink();
    fake = await startGraphFake();
    fake.setNow(() => sim);
    env = {
      SLACK_WEBHOOK_URL: slack.url,
      SMTP_URL: smtp.url,
      FACEBOOK_ACCESS_TOKEN: fake.token,
      FACEBOOK_PAGE_ID: fake.pageId,
      FACEBOOK_GRAPH_URL: fake.url,
    };
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
    config.facebook = { ...(config.facebook ?? {}), settleMs: 10, retries: 1, retryMinMs: 10 };
    writeFileSync(file, JSON.stringify(config, null, 2));
  });
  afterAll(async () => {
    await slack.close();
    await smtp.close();
    await fake.close();
    home.cleanup();
  });

  const once = async (now: string, extraEnv: Record<string, string> = {}) => {
    sim = Date.parse(now);
    const r = await runCliCollect(['daemon', '--once', '--now', now, '--json'], home.dir, { ...env, ...extraEnv });
    expect(r.code, r.stderr).toBe(0);
    return json(r);
  };
  const slackTexts = () => slack.messages.map((m) => String(m.body.text ?? ''));
  const draftOf = async (date: string): Promise<string> => {
    const list = json(await runCliCollect(['list', '--json'], home.dir, env));
    const posts = (Array.isArray(list) ? list : list.posts) as {
      id: string;
      target_date?: string;
      targetDate?: string;
    }[];
    return posts.find((p) => (p.target_date ?? p.targetDate) === date)!.id;
  };

  let a = '';
  let b = '';

  it('Tuesday 10:00: the optimizer picks the type, the draft gets its image, ready for review', async () => {
    const tue = await once('2026-12-01T15:00:20Z');
    expect(tue.scheduled.enqueued.filter((e: { kind: string }) => e.kind === 'generate')).toHaveLength(1);
    a = await draftOf('2026-12-01');
    const job = json(await runCliCollect(['jobs', '--json', '--kind', 'generate'], home.dir, env)).jobs[0];
    expect(job.result).toMatchObject({ postId: a });
    expect(job.result.image).toBeTruthy();
    const d = db();
    const decision = d.prepare('SELECT COUNT(*) AS n FROM optimizer_decisions').get() as { n: number } | undefined;
    d.close();
    expect(decision?.n ?? 0).toBeGreaterThan(0);
    expect(slackTexts().filter((t) => /prête pour révision|ready for review/.test(t))).toHaveLength(1);
  });

  it('approved in queue mode, published at the slot exactly once, with the permalink', async () => {
    const ok = await runCliCollect(
      ['approve', a, '--variant', '1', '--mode', 'queue', '--at', '2026-12-01 14:00', '--now', '2026-12-01T15:30:00Z'],
      home.dir,
      env,
    );
    expect(ok.code, ok.stderr).toBe(0);
    await once('2026-12-01T18:00:00Z'); // before the slot: nothing
    expect(fake.posts).toHaveLength(0);
    slack.down(); // Slack down at publication time: the Page still gets the post
    await once('2026-12-01T19:00:30Z');
    expect(fake.posts.filter((p) => p.published)).toHaveLength(1);
    expect(postState(a)).toBe('published');
    slack.up();
    await once('2026-12-01T19:20:00Z'); // the Slack message goes out on a later pass
    const published = slackTexts().filter((t) => /est publié|is published/.test(t));
    expect(published).toHaveLength(1);
    expect(JSON.stringify(slack.messages.at(-1)!.body)).toContain(`https://www.facebook.com/${fbId(a)}`);
    expect(fake.posts).toHaveLength(1);
  });

  it('Wednesday: a native post is handed to the scheduler of Meta', async () => {
    await once('2026-12-02T15:00:20Z');
    b = await draftOf('2026-12-02');
    expect(
      (
        await runCliCollect(
          [
            'approve',
            b,
            '--variant',
            '1',
            '--mode',
            'native',
            '--at',
            '2026-12-03 13:30',
            '--now',
            '2026-12-02T15:30:00Z',
          ],
          home.dir,
          env,
        )
      ).code,
    ).toBe(0);
    await once('2026-12-02T15:31:00Z');
    expect(postState(b)).toBe('scheduled');
    const onMeta = fake.posts.find(
      (p) => p.id === fbId(b) || `${fake.pageId}_${p.id}` === fbId(b) || p.id.endsWith(fbId(b).split('_').at(-1)!),
    )!;
    expect(onMeta.published).toBe(false);
  });

  it('+24 h: throttled (#80001), then an outage, then the pull: exact engagement, post measured, learning refreshed', async () => {
    const fa = fbId(a);
    const rawA = fa.split('_').at(-1)!;
    const fakeA = fake.posts.find((p) => p.id === fa || p.id === rawA)!;
    fakeA.shares = 3;
    fakeA.comments = 5;
    fake.insights.set(fakeA.id, {
      post_media_view: 1000,
      post_total_media_view_unique: 800,
      post_clicks: 40,
      post_reactions_by_type_total: { like: 10, love: 2 },
    });
    fake.inject({
      fault: {
        kind: 'error',
        code: 80001,
        httpStatus: 400,
        message: '(#80001) There have been too many calls to this Page account',
        regainMinutes: 30,
      },
      path: /insights/,
      times: 1,
    });
    const throttled = await once('2026-12-02T19:01:00Z');
    expect(throttled.jobs.retried).toBeGreaterThanOrEqual(1);
    expect(snapshots()).toHaveLength(0);
    const metricsJob = json(await runCliCollect(['jobs', '--json', '--kind', 'metrics'], home.dir, env)).jobs.find(
      (j: { subjectId: string; lastError: string | null }) => j.subjectId === a && j.lastError,
    );
    expect(metricsJob.lastError).toMatch(/80001|throttl|rate/i);
    // The retry waits for Meta's estimated_time_to_regain_access (30 min) at least.
    expect(Date.parse(metricsJob.runAt)).toBeGreaterThanOrEqual(Date.parse('2026-12-02T19:30:00Z'));

    fake.inject({
      fault: { kind: 'error', code: 2, httpStatus: 503, message: 'Service temporarily unavailable' },
      path: /insights/,
      times: 10,
    });
    await once('2026-12-02T19:35:00Z');
    expect(snapshots()).toHaveLength(0);
    fake.clearFaults();
    await once('2026-12-02T23:00:00Z');
    const s = snapshots();
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      post_id: a,
      label: '24h',
      views: 1000,
      unique_viewers: 800,
      reactions: 12,
      comments: 5,
      shares: 3,
      clicks: 40,
    });
    expect(s[0]!.engagement_rate).toBeCloseTo(20 / 800, 12);
    expect(s[0]!.basis).toContain('(reactions+comments+shares)/unique_viewers');
    expect(postState(a)).toBe('measured');
    const d = db();
    const beliefs = d.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'measured'").get() as { n: number };
    d.close();
    expect(beliefs.n).toBe(1);
    // `show` of the measured post: its Facebook id, permalink, when it went out, and the metrics.
    const shown = json(await runCliCollect(['show', a, '--json'], home.dir, env));
    expect(shown.publication).toMatchObject({ status: 'published', fbPostId: fbId(a) });
    expect(shown.publication.publishedAt).toBeTruthy();
    expect(shown.metrics).toEqual([
      expect.objectContaining({
        label: '24h',
        views: 1000,
        reach: 800,
        reactions: 12,
        comments: 5,
        shares: 3,
        clicks: 40,
      }),
    ]);
    const text = (await runCliCollect(['show', a, '--lang', 'en'], home.dir, env)).stdout;
    expect(text).toContain(`Facebook: ${fbId(a)}`);
    expect(text).toMatch(/Published: \w+day, December \d, \d{1,2}:\d\d\u00a0[ap]\.m\. \(America\/Toronto\)/);
    expect(text).toMatch(
      /Metrics \(24-hour snapshot\): 1,000 views · 800 reached · 12 reactions · 5 comments · 3 shares · 40 clicks · engagement 2\.50\u00a0%/,
    );
  });

  it('Thursday: Meta published the native post at its slot; the verify job sees it', async () => {
    await once('2026-12-03T18:32:30Z'); // slot 13:30 EST + 2 min margin
    expect(postState(b)).toBe('published');
    expect(fake.posts.filter((p) => p.published)).toHaveLength(2);
    expect(slackTexts().filter((t) => /est publié|is published/.test(t))).toHaveLength(2);
  });

  it('B at +24 h: a refused metric keeps the others; low engagement goes by email only', async () => {
    const fb = fbId(b);
    const fakeB = fake.posts.find((p) => p.id === fb || p.id === fb.split('_').at(-1))!;
    fakeB.shares = 0;
    fakeB.comments = 1;
    fake.insights.set(fakeB.id, {
      post_media_view: 1500,
      post_total_media_view_unique: 1000,
      post_reactions_by_type_total: { like: 3 },
    });
    fake.deniedMetrics.add('post_clicks');
    const slackBefore = slack.messages.length;
    const mailsBefore = smtp.mails.length;
    await once('2026-12-04T18:31:00Z');
    fake.deniedMetrics.clear();
    const s = snapshots().find((x) => x.post_id === b && x.label === '24h')!;
    expect(s).toMatchObject({ views: 1500, unique_viewers: 1000, reactions: 3, comments: 1, shares: 0, clicks: null });
    expect(s.engagement_rate).toBeCloseTo(4 / 1000, 12);
    expect(s.missing).toContain('post_clicks');
    expect(postState(b)).toBe('measured');
    const newMails = smtp.mails.slice(mailsBefore).map((m) => m.raw);
    expect(newMails.some((raw) => /Engagement faible|Low engagement/.test(raw))).toBe(true);
    expect(
      slack.messages.slice(slackBefore).some((m) => /Engagement faible|Low engagement/.test(String(m.body.text))),
    ).toBe(false);
  });

  it('Monday: the token check warns of the expiry; at 08:00 the weekly report reaches Slack and, SMTP being down, the email a pass later with the HTML', async () => {
    const slackBefore = slack.messages.length;
    const mailsBefore = smtp.mails.length;
    // The token now expires in 5 days: the daily check (07:30, caught up) says so.
    fake.tokenInfo.expires_at = Math.floor(Date.parse('2026-12-12T00:00:00Z') / 1000);
    const mon = await once('2026-12-07T13:00:30Z', { SMTP_URL: 'smtp://127.0.0.1:9' });
    expect(
      slack.messages.slice(slackBefore).some((m) => /Problème de jeton|token problem/i.test(String(m.body.text))),
    ).toBe(true);
    fake.tokenInfo.expires_at = 0;
    expect(mon.scheduled.enqueued.some((e: { kind: string }) => e.kind === 'weekly_report')).toBe(true);
    const report = slack.messages.slice(slackBefore).find((m) => /Rapport|report/i.test(String(m.body.text)))!;
    expect(report).toBeTruthy();
    expect(String(report.body.text)).toMatch(/2026-11-30|30/);
    expect(smtp.mails.length).toBe(mailsBefore);
    await once('2026-12-07T15:00:00Z');
    const mail = smtp.mails.slice(mailsBefore).find((m) => /Rapport hebdomadaire|Weekly report/.test(m.raw))!;
    expect(mail).toBeTruthy();
    expect(mail.raw).toMatch(/text\/html/);
    expect(mail.raw).toMatch(/<html|<!doctype/i);
  });

  it('+7 d: second snapshots, once each; a record is celebrated; nothing stuck', async () => {
    const fa = fbId(a);
    const fakeA = fake.posts.find((p) => p.id === fa || p.id === fa.split('_').at(-1))!;
    fakeA.shares = 4;
    fakeA.comments = 6;
    fake.insights.set(fakeA.id, {
      post_media_view: 2600,
      post_total_media_view_unique: 2000,
      post_clicks: 90,
      post_reactions_by_type_total: { like: 25, love: 5 },
    });
    await once('2026-12-08T19:01:00Z');
    const s7a = snapshots().find((x) => x.post_id === a && x.label === '7d')!;
    expect(s7a).toMatchObject({ views: 2600, unique_viewers: 2000, reactions: 30, comments: 6, shares: 4, clicks: 90 });
    expect(s7a.engagement_rate).toBeCloseTo(40 / 2000, 12);

    const fb = fbId(b);
    const fakeB = fake.posts.find((p) => p.id === fb || p.id === fb.split('_').at(-1))!;
    fakeB.shares = 10;
    fakeB.comments = 20;
    fake.insights.set(fakeB.id, {
      post_media_view: 1200,
      post_total_media_view_unique: 1000,
      post_clicks: 12,
      post_reactions_by_type_total: { like: 20 },
    });
    const slackBefore = slack.messages.length;
    await once('2026-12-10T18:31:00Z');
    const s7b = snapshots().find((x) => x.post_id === b && x.label === '7d')!;
    expect(s7b.engagement_rate).toBeCloseTo(50 / 1000, 12);
    expect(
      slack.messages.slice(slackBefore).some((m) => /Engagement record|Record engagement/.test(String(m.body.text))),
    ).toBe(true);

    await once('2026-12-11T12:00:00Z');
    const all = snapshots();
    expect(all).toHaveLength(4);
    expect(new Set(all.map((x) => `${x.post_id}:${x.label}`)).size).toBe(4);
    expect(fake.posts.filter((p) => p.published)).toHaveLength(2);
    const jobs = json(await runCliCollect(['jobs', '--json', '--limit', '500'], home.dir, env));
    expect(jobs.counts.running ?? 0).toBe(0);
    expect(jobs.counts.failed ?? 0).toBe(0);
    const kinds = new Set(jobs.jobs.map((j: { kind: string }) => j.kind));
    for (const k of ['generate', 'publish', 'verify', 'metrics', 'notify', 'weekly_report', 'token_check'])
      expect(kinds.has(k), k).toBe(true);
  });
});
