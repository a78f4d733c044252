import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Daemon } from '../../src/daemon/daemon.js';
import { buildRegistry } from '../../src/daemon/handlers.js';
import { memoryLog } from '../../src/jobs/log.js';
import type { HeldLock } from '../../src/daemon/lock.js';
import { renderMessage } from '../../src/notify/events.js';
import { configuredChannels, queueNotification } from '../../src/notify/notify-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { enqueueJob, listJobs } from '../../src/store/jobs-repo.js';
import { startSlackFake, type SlackFake } from '../fakes/slack-fake.js';
import { startSmtpSink } from '../fakes/smtp-sink.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { confirmSamples } from '../helpers/profile.js';

let slack: SlackFake;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  slack = await startSlackFake();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await slack.close();
  await smtp.close();
});

let store: TestStore;
const noLock: HeldLock = {
  info: { pid: process.pid, host: 'test', startedAt: '' },
  stale: undefined,
  release: () => undefined,
};

const fastConfig = () => {
  const config = confirmSamples(buildInitialConfig({}));
  config.notify = {
    ...config.notify,
    emailTo: ['owner@example.test'],
    emailFrom: 'autoscale@example.test',
    quickRetries: 1,
    quickRetryMs: 5,
    timeoutMs: 2000,
  };
  config.daemon = { ...config.daemon, backoff: { minSeconds: 60, maxSeconds: 3600, factor: 2 } };
  return config;
};

beforeEach(async () => {
  slack.messages.length = 0;
  slack.faults.length = 0;
  slack.up();
  smtp.mails.length = 0;
  store = await testStore({
    now: '2026-11-24T15:00:05Z',
    config: fastConfig(),
    env: { SLACK_WEBHOOK_URL: slack.url, SMTP_URL: smtp.url },
  });
});
afterEach(async () => {
  await store.close();
});

const daemon = (log = memoryLog(), lock = noLock) =>
  new Daemon({
    base: store.deps,
    config: store.deps.config,
    clock: store.clock,
    registry: buildRegistry({ providerFor: () => createOfflineTextProvider() }),
    log,
    lock,
    mode: 'once',
    random: () => 0,
  });

describe('notifications', () => {
  it('uses only the channels configured by environment', () => {
    expect(configuredChannels(store.deps)).toEqual(['slack', 'email']);
    expect(
      configuredChannels({ ...store.deps, env: { get: () => undefined, secretValues: () => [], sources: () => ({}) } }),
    ).toEqual([]);
  });

  it('generation at the slot sends "ready for review" to Slack (Block Kit) and by email', async () => {
    const summary = await daemon().runOnce();
    expect(summary.scheduled.enqueued).toHaveLength(1);
    expect(summary.jobs).toMatchObject({ done: 3, failed: 0 });
    expect(slack.messages).toHaveLength(1);
    const body = slack.messages[0]!.body;
    expect(body.text).toMatch(/prête pour révision/);
    expect(body.blocks![0]!.type).toBe('header');
    const all = JSON.stringify(body.blocks);
    expect(all).toMatch(/professional/);
    expect(all).toMatch(/autoscale approve [0-9a-f]{8} --variant 1/);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['owner@example.test']);
    expect(smtp.mails[0]!.raw).toMatch(/Subject: =?\?UTF-8|Subject: \[autoscale\]/);
    // The picture that goes out: named in Slack with the variant whose headline it carries, and
    // shown inline in the mail.
    expect(all).toMatch(/Image \(titre de la variante 1; approuver une autre variante[^)]*\) : \/[^"]+\.png/);
    expect(smtp.mails[0]!.raw).toMatch(/Content-ID: <post-image>/i);
    expect(smtp.mails[0]!.raw).toMatch(/cid:post-image/);
    const jobs = await listJobs(store.deps.db, { limit: 10 });
    expect(jobs.map((j) => `${j.kind}:${j.state}`).sort()).toEqual(['generate:done', 'notify:done', 'notify:done']);
  });

  it('Slack and SMTP down: the post is generated anyway, notifications retry later and then go out', async () => {
    slack.down();
    await smtp.close();
    const log = memoryLog();
    const summary = await daemon(log).runOnce();
    expect(summary.jobs).toMatchObject({ done: 1, retried: 2 });
    const notify = (await listJobs(store.deps.db, { kinds: ['notify'] })).map((j) => [j.state, j.attempts, j.runAt]);
    expect(notify).toEqual([
      ['queued', 1, '2026-11-24T15:01:05.000Z'],
      ['queued', 1, '2026-11-24T15:01:05.000Z'],
    ]);
    expect(log.entries.some((e) => e.msg === 'notification attempt failed')).toBe(true);
    // Channels come back; the next pass after the backoff delivers.
    slack.up();
    smtp = await startSmtpSink();
    store.deps.env = {
      ...store.deps.env,
      get: (n: string) => (n === 'SMTP_URL' ? smtp.url : n === 'SLACK_WEBHOOK_URL' ? slack.url : undefined),
    };
    store.clock.set('2026-11-24T15:01:05Z');
    const again = await daemon().runOnce();
    expect(again.jobs).toMatchObject({ done: 2 });
    expect(slack.messages).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it('a transient Slack error is absorbed by the quick retry; a 404 webhook fails for good without retries', async () => {
    store.clock.set('2026-11-24T18:00:00Z'); // no generation slot now
    slack.faults.push({ kind: 'status', status: 500 });
    await queueNotification(
      store.deps,
      (j) =>
        enqueueJob(store.deps.db, store.clock.now().toISOString(), { ...j, runAt: store.clock.now().toISOString() }),
      {
        type: 'publish_failed',
        brand: store.deps.brandSlug,
        postId: '01a211e7-0000-7000-8000-000000000001',
        reason: 'Graph error #100',
      },
    );
    const s = await daemon().runOnce();
    expect(s.jobs).toMatchObject({ done: 2 });
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]!.body.text).toMatch(/a échoué/);

    slack.faults.push({ kind: 'status', status: 404, body: 'no_service' });
    await queueNotification(
      store.deps,
      (j) =>
        enqueueJob(store.deps.db, store.clock.now().toISOString(), { ...j, runAt: store.clock.now().toISOString() }),
      {
        type: 'token_problem',
        brand: store.deps.brandSlug,
        detail: 'Error validating access token: session expired (#190/463)',
      },
    );
    const before = slack.attempts;
    await daemon().runOnce();
    expect(slack.attempts - before).toBe(1);
    const failed = (await listJobs(store.deps.db, { states: ['failed'] }))[0]!;
    expect(failed.lastError).toMatch(/HTTP 404 no_service/);
  });

  it('a daemon restart after a crash is announced', async () => {
    const crashed: HeldLock = { ...noLock, stale: { pid: 4242, host: 'test', startedAt: '2026-11-24T10:00:00Z' } };
    await daemon(memoryLog(), crashed).runOnce();
    const texts = slack.messages.map((m) => m.body.text ?? '');
    expect(texts.some((t) => /redémarré après un arrêt brutal/.test(t))).toBe(true);
    expect(JSON.stringify(slack.messages.map((m) => m.body.blocks))).toMatch(/4242/);
  });

  it('renders every event in both languages with its command', () => {
    const postId = '01a211e7-0000-7000-8000-00000000abcd';
    const events = [
      { type: 'published', brand: 'b', postId, permalink: 'https://www.facebook.com/1_2' },
      { type: 'publish_unconfirmed', brand: 'b', postId, reason: 'timeout after send' },
      { type: 'low_engagement', brand: 'b', postId, rate: 0.004, threshold: 0.01, basis: 'unique_viewers' },
      { type: 'record_engagement', brand: 'b', postId, rate: 0.052, previousBest: 0.031 },
    ] as const;
    for (const e of events) {
      for (const lang of ['en', 'fr'] as const) {
        const m = renderMessage(e, { lang, timeZone: 'America/Toronto', now: new Date() });
        expect(m.subject).toMatch(/^\[autoscale\] /);
        expect(m.text).toMatch(/autoscale show 0000abcd/);
        expect(m.slack.blocks.length).toBeGreaterThan(1);
      }
    }
    expect(renderMessage(events[2], { lang: 'en', timeZone: 'UTC', now: new Date() }).subject).toMatch(/0\.40\u00a0%/);
    expect(renderMessage(events[0], { lang: 'en', timeZone: 'UTC', now: new Date() }).text).toMatch(
      /facebook\.com\/1_2/,
    );
  });
});
