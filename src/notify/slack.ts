import { ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { PermanentJobError } from '../jobs/registry.js';

export interface SlackPayload {
  text: string;
  blocks: unknown[];
}

/**
 * Posts to a Slack incoming webhook. Slack answers 200 "ok"; a 4xx other than 429 means the
 * webhook or the payload is wrong (retrying cannot help); 429 carries Retry-After; 5xx and
 * network errors are transient.
 */
export const sendSlack = async (webhookUrl: string, payload: SlackPayload, timeoutMs: number): Promise<void> => {
  let response: Response;
  try {
    response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    throw new ExternalError(
      'slack',
      l(
        `Slack webhook unreachable: ${(cause as Error).message}`,
        `Webhook Slack injoignable : ${(cause as Error).message}`,
      ),
      {
        cause,
        retryable: true,
        fix: l(
          'Check the network and SLACK_WEBHOOK_URL; the notification is retried.',
          'Vérifiez le réseau et SLACK_WEBHOOK_URL; la notification sera relancée.',
        ),
      },
    );
  }
  const body = await response.text().catch(() => '');
  if (response.ok) return;
  const detail = `HTTP ${response.status}${body ? ` ${body.slice(0, 120)}` : ''}`;
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after') ?? '0');
    throw Object.assign(
      new ExternalError('slack', l(`Slack rate limit (${detail})`, `Limite de débit Slack (${detail})`), {
        retryable: true,
      }),
      { retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : 0 },
    );
  }
  if (response.status >= 400 && response.status < 500) {
    throw new PermanentJobError(
      `Slack refused the message (${detail}); check SLACK_WEBHOOK_URL (invalid_token, no_service, channel_not_found) or the payload`,
    );
  }
  throw new ExternalError('slack', l(`Slack error ${detail}`, `Erreur Slack ${detail}`), { retryable: true });
};
