import { ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { PermanentJobError } from '../jobs/registry.js';

export interface EmailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; path: string; cid: string }[] | undefined;
}

/**
 * Sends one email over SMTP_URL (smtp:// or smtps://, credentials in the URL). nodemailer is
 * imported on first use; a 5xx SMTP reply (mailbox refused, bad sender) is permanent, anything
 * else (connection refused, timeout, 4xx) is retried.
 */
export const sendEmail = async (smtpUrl: string, message: EmailMessage, timeoutMs: number): Promise<void> => {
  const nodemailer = (await import('nodemailer')).default;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transport.sendMail(message);
  } catch (cause) {
    const code = (cause as { responseCode?: number }).responseCode;
    const text = (cause as Error).message;
    if (typeof code === 'number' && code >= 500) {
      throw new PermanentJobError(`SMTP server refused the message (${code}): ${text}`);
    }
    throw new ExternalError('smtp', l(`Email not sent: ${text}`, `Courriel non envoyé : ${text}`), {
      cause,
      retryable: true,
      fix: l(
        'Check SMTP_URL and that the mail server is up; the notification is retried.',
        'Vérifiez SMTP_URL et que le serveur de courriel répond; la notification sera relancée.',
      ),
    });
  } finally {
    transport.close();
  }
};
