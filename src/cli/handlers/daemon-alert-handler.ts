import { redact } from '../../domain/redact.js';
import { alertDaemonFailed } from '../../daemon/failure-alert.js';
import { createLogger } from '../../daemon/logger.js';
import { createReporter } from '../../daemon/sentry.js';
import { formatLocal } from '../../domain/time.js';
import { UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

/** `autoscale daemon alert`: run by systemd (OnFailure=) when the daemon failed for good. */
export const runDaemonAlert = async (ctx: AppContext, opts: Record<string, unknown>) => {
  const unit = typeof opts.unit === 'string' ? opts.unit.trim() : 'autoscale.service';
  if (!/^[\w@.:-]{1,256}$/.test(unit)) {
    throw new UsageError(l(`--unit "${unit}" is not a unit name.`, `--unit « ${unit} » n’est pas un nom d’unité.`), {
      code: 'bad_unit',
      fix: l('Example: --unit autoscale.service', 'Exemple\u00a0: --unit autoscale.service'),
    });
  }
  const deps = await serviceDeps(ctx, 'daemon-alert');
  const secrets = ctx.env.secretValues();
  const dsn = ctx.env.get('SENTRY_DSN');
  const reporter = dsn
    ? await createReporter(dsn, {
        release: 'autoscale@0.1.0',
        log: createLogger({ pretty: true, secrets, write: (chunk) => process.stderr.write(chunk) }),
        scrub: (text) => redact(text, secrets),
      })
    : undefined;
  const alert = await alertDaemonFailed(deps, { unit, reporter });
  const failed = alert.channels.filter((c) => !c.sent);
  // Exit 7 when a configured channel could not be reached (systemd logs it); none configured is
  // a setup problem the text names.
  if (failed.length > 0) ctx.exitCode = 7;
  const tz = deps.brand.timezone;
  ctx.out.data(alert, () => {
    const t = ctx.out.t;
    const lines = [
      t(
        l(
          `Daemon failure alert for ${alert.unit} on ${alert.host} (last tick ${alert.lastTick ? formatLocal(new Date(alert.lastTick), tz) : 'never'}).`,
          `Alerte d’échec du démon pour ${alert.unit} sur ${alert.host} (dernier battement ${alert.lastTick ? formatLocal(new Date(alert.lastTick), tz) : 'jamais'}).`,
        ),
      ),
    ];
    if (alert.channels.length === 0 && !alert.sentry)
      lines.push(
        t(
          l(
            'No channel is configured: set SLACK_WEBHOOK_URL, or SMTP_URL with notify.emailTo, or SENTRY_DSN.',
            'Aucun canal configuré\u00a0: définissez SLACK_WEBHOOK_URL, ou SMTP_URL avec notify.emailTo, ou SENTRY_DSN.',
          ),
        ),
      );
    for (const c of alert.channels)
      lines.push(
        c.sent
          ? t(l(`  sent on ${c.channel}`, `  envoyée sur ${c.channel}`))
          : t(
              l(
                `  not sent on ${c.channel}: ${c.error ?? ''}`,
                `  non envoyée sur ${c.channel}\u00a0: ${c.error ?? ''}`,
              ),
            ),
      );
    if (alert.sentry) lines.push(t(l('  reported to Sentry', '  signalée à Sentry')));
    return lines.join('\n');
  });
};
