import type { WebClient } from '@slack/web-api';
import { ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { PermanentJobError } from '../jobs/registry.js';
import type { Environment } from '../config/secrets.js';
import type { Config } from '../config/schema.js';

/** The Slack app's settings: a bot token and a channel make messages interactive. */
export interface SlackAppSettings {
  botToken: string;
  channel: string;
  apiUrl: string | undefined;
}

export const slackAppSettings = (
  env: Pick<Environment, 'get'>,
  config: Pick<Config, 'approval'>,
): SlackAppSettings | undefined => {
  const botToken = env.get('SLACK_BOT_TOKEN');
  const channel = config.approval.slackChannel ?? env.get('SLACK_CHANNEL');
  if (!botToken || !channel) return undefined;
  return { botToken, channel, apiUrl: env.get('SLACK_API_URL') };
};

/**
 * The official Web API client, pointed at SLACK_API_URL when set (tests). It honours 429
 * Retry-After itself; our own job backoff covers longer outages, so its retries stay short.
 */
export const createSlackClient = async (token: string, apiUrl: string | undefined, timeoutMs: number) => {
  const { WebClient, LogLevel } = await import('@slack/web-api');
  return new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    timeout: timeoutMs,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    logLevel: LogLevel.ERROR,
  });
};

/** Slack errors that retrying cannot fix: bad token, unknown channel, refused payload. */
const PERMANENT = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_blocks',
  'invalid_arguments',
  'msg_too_long',
  'missing_scope',
]);

/** Maps a Web API failure to a permanent job error or a retryable external one. */
export const slackFailure = (cause: unknown): Error => {
  const e = cause as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
  const code = e.data?.error;
  if (code && PERMANENT.has(code)) {
    return new PermanentJobError(
      `Slack refused the call (${code}); check SLACK_BOT_TOKEN, the channel and that the app was invited to it`,
    );
  }
  const detail = code ?? e.message ?? String(cause);
  return Object.assign(
    new ExternalError('slack', l(`Slack API error: ${detail}`, `Erreur de l’API Slack : ${detail}`), {
      cause,
      retryable: true,
      fix: l(
        'Check the network and the Slack app settings; the notification is retried.',
        'Vérifiez le réseau et les réglages de l’application Slack; la notification sera relancée.',
      ),
    }),
    e.retryAfter ? { retryAfterMs: e.retryAfter * 1000 } : {},
  );
};

export const postSlackMessage = async (
  client: WebClient,
  channel: string,
  message: { text: string; blocks: unknown[] },
): Promise<{ channel: string; ts: string }> => {
  try {
    const r = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never });
    return { channel: r.channel ?? channel, ts: r.ts ?? '' };
  } catch (cause) {
    throw slackFailure(cause);
  }
};
