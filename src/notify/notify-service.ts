import { brandLang } from '../config/lang.js';
import pRetry from 'p-retry';
import { PermanentJobError, type HandlerFor } from '../jobs/registry.js';
import type { JobKind } from '../domain/jobs.js';
import type { JobPayloads } from '../store/job-payloads.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { Enqueue } from '../store/jobs-repo.js';
import { getPost } from '../store/posts-repo.js';
import { variantsForPost } from '../store/variants-repo.js';
import { imageForPost } from '../store/images-repo.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sendEmail } from './email.js';
import {
  eventKey,
  eventSubject,
  renderMessage,
  type DraftPreview,
  type NotifyEvent,
  type NotifyMessage,
} from './events.js';
import { sendSlack } from './slack.js';
import { createSlackClient, postSlackMessage, slackAppSettings } from './slack-api.js';
import { recordSlackMessage } from '../store/approval-repo.js';
import { gatePreview } from './gate-line.js';

/** slack = incoming webhook (no interactivity); slack_app = the Slack app's bot (interactive review). */
export type Channel = JobPayloads['notify']['channel'];

export const NOTIFY_KIND = 'notify' satisfies JobKind;

/**
 * Channels configured by environment: the Slack app (SLACK_BOT_TOKEN + a channel) or else the
 * incoming webhook (SLACK_WEBHOOK_URL, the no-interactivity fallback), and SMTP_URL + notify.emailTo.
 */
export const configuredChannels = (deps: Pick<ServiceDeps, 'env' | 'config'>): Channel[] => {
  const channels: Channel[] = [];
  if (slackAppSettings(deps.env, deps.config)) channels.push('slack_app');
  else if (deps.env.get('SLACK_WEBHOOK_URL')) channels.push('slack');
  if (deps.env.get('SMTP_URL') && deps.config.notify.emailTo.length > 0) channels.push('email');
  return channels;
};

/** A `notify` job's payload: the channel and the message rendered for it. */
export type NotifyPayload = JobPayloads['notify'];

/** What the approval channels add to a draft-ready notification. */
export interface ReviewExtras {
  /** The signed review page, shown in every channel. */
  link?: string | undefined;
  /** The interactive Slack message, sent instead of the plain one by the Slack app. */
  interactive?: { text: string; blocks: unknown[]; postId: string; reviewVersion: string } | undefined;
}

const draftPreview = async (deps: ServiceDeps, postId: string): Promise<DraftPreview | undefined> => {
  const post = await getPost(deps.db, postId);
  if (!post) return undefined;
  const variants = await variantsForPost(deps.db, postId);
  const image = await imageForPost(deps.db, post);
  return {
    image: image
      ? {
          path: join(deps.paths.media, image.path),
          variant: variants.find((v) => v.id === image.variantId)?.idx ?? null,
        }
      : null,
    contentType: post.contentType,
    targetDate: post.targetDate,
    variants: variants.map((v) => ({
      idx: v.idx,
      style: v.style,
      headline: v.headline,
      text: v.text,
      score: v.qualityScore,
      gate: gatePreview(v.quality),
    })),
  };
};

/**
 * Queues one `notify` job per configured channel. The message is rendered now and stored in
 * the job, so a retry sends the same text and a dead channel never holds up the pipeline:
 * the caller's step is done as soon as the jobs are queued.
 */
export const queueNotification = async (
  deps: ServiceDeps,
  enqueue: Enqueue,
  event: NotifyEvent,
  options: { channels?: Channel[]; review?: ReviewExtras } = {},
): Promise<{ channel: Channel; id: string; created: boolean }[]> => {
  const channels = configuredChannels(deps).filter((c) => !options.channels || options.channels.includes(c));
  if (channels.length === 0) return [];
  const preview = event.type === 'draft_ready' ? await draftPreview(deps, event.postId) : undefined;
  const message = renderMessage(event, {
    lang: brandLang(deps.brand),
    timeZone: deps.brand.timezone,
    now: deps.clock.now(),
    preview,
    link: options.review?.link,
  });
  const queued = [];
  for (const channel of channels) {
    const interactive = channel === 'slack_app' ? options.review?.interactive : undefined;
    const payload: NotifyPayload = interactive
      ? {
          channel,
          event: event.type,
          message: { ...message, slack: { text: interactive.text, blocks: interactive.blocks } },
          review: { postId: interactive.postId, reviewVersion: interactive.reviewVersion },
        }
      : { channel, event: event.type, message };
    const job = await enqueue({
      kind: NOTIFY_KIND,
      brand: 'brand' in event ? event.brand : deps.brandSlug,
      subjectId: eventSubject(event),
      idempotencyKey: `notify:${channel}:${eventKey(event)}`,
      maxAttempts: deps.config.daemon.maxAttempts,
      payload,
    });
    queued.push({ channel, ...job });
  }
  return queued;
};

/**
 * Queues a message rendered elsewhere (the weekly report: its own Slack summary and HTML body),
 * one job per configured channel, keyed by `key` so a re-run of the step sends nothing twice.
 */
export const queueRendered = async (
  deps: ServiceDeps,
  enqueue: Enqueue,
  input: { key: string; event: 'weekly_report'; subjectId?: string | null; message: NotifyMessage },
): Promise<{ channel: Channel; id: string; created: boolean }[]> => {
  const queued = [];
  for (const channel of configuredChannels(deps)) {
    const payload: NotifyPayload = { channel, event: input.event, message: input.message };
    const job = await enqueue({
      kind: NOTIFY_KIND,
      brand: deps.brandSlug,
      subjectId: input.subjectId ?? null,
      idempotencyKey: `notify:${channel}:${input.key}`,
      maxAttempts: deps.config.daemon.maxAttempts,
      payload,
    });
    queued.push({ channel, ...job });
  }
  return queued;
};

/**
 * Sends one message on one channel (no retry: callers add their own). The Slack app channel
 * answers where its message landed, for the caller to keep.
 */
const sendOn = async (
  deps: Pick<ServiceDeps, 'env' | 'config'>,
  payload: Pick<NotifyPayload, 'channel' | 'message'>,
): Promise<{ channel: string; ts: string } | undefined> => {
  const n = deps.config.notify;
  if (payload.channel === 'slack_app') {
    const app = slackAppSettings(deps.env, deps.config);
    if (!app) throw new PermanentJobError('SLACK_BOT_TOKEN or the Slack channel is no longer set');
    const client = await createSlackClient(app.botToken, app.apiUrl, n.timeoutMs);
    return postSlackMessage(client, app.channel, payload.message.slack);
  }
  if (payload.channel === 'slack') {
    const url = deps.env.get('SLACK_WEBHOOK_URL');
    if (!url) throw new PermanentJobError('SLACK_WEBHOOK_URL is no longer set');
    await sendSlack(url, payload.message.slack, n.timeoutMs);
    return undefined;
  }
  const url = deps.env.get('SMTP_URL');
  if (!url || n.emailTo.length === 0) throw new PermanentJobError('SMTP_URL or notify.emailTo is no longer set');
  await sendEmail(
    url,
    {
      from: n.emailFrom,
      to: n.emailTo,
      subject: payload.message.subject,
      text: payload.message.text,
      html: payload.message.html,
      // A picture removed since the message was queued is left out rather than fail the mail.
      attachments: payload.message.attachments?.filter((a) => existsSync(a.path)),
    },
    n.timeoutMs,
  );
  return undefined;
};

/**
 * Sends an event at once on every configured channel, without the job queue: for a process
 * that runs because the daemon is down (systemd OnFailure=), when nothing would drain a queue.
 */
export const sendNow = async (
  deps: Pick<ServiceDeps, 'env' | 'config' | 'brand' | 'clock'>,
  event: NotifyEvent,
): Promise<{ channel: Channel; sent: boolean; error?: string }[]> => {
  const message = renderMessage(event, {
    lang: deps.config.lang ?? 'fr',
    timeZone: deps.brand.timezone,
    now: deps.clock.now(),
  });
  const results = [];
  for (const channel of configuredChannels(deps)) {
    try {
      await pRetry(() => sendOn(deps, { channel, message }), {
        retries: deps.config.notify.quickRetries,
        minTimeout: deps.config.notify.quickRetryMs,
        shouldRetry: ({ error }) => !(error as { permanent?: boolean }).permanent,
      });
      results.push({ channel, sent: true });
    } catch (error) {
      results.push({ channel, sent: false, error: (error as Error).message });
    }
  }
  return results;
};

/** Sends one queued notification: quick in-process retries (p-retry), then the job's durable backoff. */
export const notifyHandler: HandlerFor<'notify'> = async (ctx) => {
  const { deps, signal } = ctx;
  const { payload } = ctx;
  const n = deps.config.notify;
  let posted: { channel: string; ts: string } | undefined;
  const send = async () => {
    posted = await sendOn(deps, payload);
    if (posted && payload.review) {
      await recordSlackMessage(
        deps.db,
        { ...posted, postId: payload.review.postId, reviewVersion: payload.review.reviewVersion },
        deps.clock.now().toISOString(),
      );
    }
  };
  await pRetry(send, {
    retries: n.quickRetries,
    minTimeout: n.quickRetryMs,
    factor: 2,
    randomize: true,
    signal,
    shouldRetry: ({ error }) =>
      !(error as { permanent?: boolean }).permanent && !(error as { retryAfterMs?: number }).retryAfterMs,
    onFailedAttempt: ({ error, attemptNumber }) =>
      ctx.log.warn({ channel: payload.channel, err: error.message, attemptNumber }, 'notification attempt failed'),
  });
  ctx.log.info({ channel: payload.channel, event: payload.event }, 'notification sent');
  return { result: { channel: payload.channel, event: payload.event, ...(posted ? { ts: posted.ts } : {}) } };
};
