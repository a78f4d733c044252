import { generatePost } from '../../src/generate/generate-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { announceDraft } from '../../src/approval/announce.js';
import { notifyHandler, type NotifyPayload } from '../../src/notify/notify-service.js';
import { enqueueJob } from '../../src/store/jobs-repo.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { confirmSamples } from '../helpers/profile.js';
import { startSlackSocket } from '../../src/slack/socket.js';
import type { Job } from '../../src/domain/jobs.js';

export const OWNER = 'U0OWNER01';
export const STRANGER = 'U0STRANGE';
export const SECRET = 'a'.repeat(64);
export const quietLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/** Tuesday 1 December 2026, 10:00 in Toronto (EST): the daemon's generation slot. */
export const TUESDAY_10 = '2026-12-01T15:00:00Z';

export const approvalConfig = (patch: (c: Config) => void = () => undefined): Config => {
  // The owner has confirmed the shipped client stories (the sample guard has its own tests).
  const c = confirmSamples(buildInitialConfig({ lang: 'fr' }));
  c.approval = { ...c.approval, slackApprovers: [OWNER] };
  c.notify = { ...c.notify, quickRetries: 0, quickRetryMs: 1 };
  patch(c);
  return configSchema.parse(c);
};

export const approvalStore = (env: Record<string, string> = {}, patch?: (c: Config) => void): Promise<TestStore> =>
  testStore({ now: TUESDAY_10, config: approvalConfig(patch), env: { APPROVAL_SIGNING_SECRET: SECRET, ...env } });

export const draft = async (store: TestStore, date = '2026-12-01'): Promise<string> =>
  (await generatePost(store.deps, createOfflineTextProvider(), { contentType: 'case_study', date })).postId;

/** announceDraft, then runs the queued notify jobs in place (as the daemon would). */
export const announceAndSend = async (store: TestStore, postId: string): Promise<NotifyPayload[]> => {
  const jobs: { id: string; payload: NotifyPayload }[] = [];
  const enqueue = async (job: Parameters<Parameters<typeof announceDraft>[1]>[0]) => {
    const r = await enqueueJob(store.deps.db, store.deps.clock.now().toISOString(), {
      ...job,
      runAt: job.runAt ?? store.deps.clock.now().toISOString(),
    });
    if (r.created) jobs.push({ id: r.id, payload: job.payload as NotifyPayload });
    return r;
  };
  await announceDraft(store.deps, enqueue, postId, quietLog);
  for (const j of jobs) {
    await notifyHandler({
      job: { id: j.id } as Job,
      payload: j.payload,
      attempt: 1,
      deps: store.deps,
      signal: new AbortController().signal,
      log: quietLog as never,
      enqueue,
    });
  }
  return jobs.map((j) => j.payload);
};

/** The Socket Mode connection of a test store to the loopback Slack, connected. */
export const connectSocket = async (
  store: TestStore,
  slack: { appToken: string; botToken: string; apiUrl: string },
  timing: { clientPingTimeoutMs?: number; serverPingTimeoutMs?: number; retryStartMs?: number } = {},
) => {
  const socket = await startSlackSocket({
    deps: store.deps,
    appToken: slack.appToken,
    botToken: slack.botToken,
    apiUrl: slack.apiUrl,
    log: quietLog,
    ...timing,
  });
  await socket.connected;
  return socket;
};
