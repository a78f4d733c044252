import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../../fs/private-files.js';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedactor } from '../../domain/redact.js';
import { loadEnvironment } from '../../config/secrets.js';
import { ensureSigningSecret } from '../../config/signing-secret.js';
import { startApprovalChannels } from './approval-channels.js';
import { Daemon, type OnceSummary } from '../../daemon/daemon.js';
import { buildRegistry, daemonHooks } from '../../daemon/handlers.js';
import { acquireLock } from '../../daemon/lock.js';
import { createLogger } from '../../daemon/logger.js';
import { createReporter } from '../../daemon/sentry.js';
import { createPinger } from '../../daemon/heartbeat-ping.js';
import { FAILURE_UNIT, installSteps, renderFailureUnit, renderUnit, unitPath } from '../../daemon/systemd.js';
import { validCron } from '../../daemon/schedule.js';
import { JOB_KIND_LABELS, labelOf } from '../../present/labels.js';
import { ConfigError, UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { selectTextProvider } from '../../providers/select.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';
import { makeDirs } from '../../fs/private-files.js';

export const runDaemon = async (
  ctx: AppContext,
  opts: { once: boolean; logLevel?: 'debug' | 'info' | 'warn' | 'error' | undefined },
) => {
  const { once } = opts;
  if (ctx.options.now !== undefined && !once) {
    throw new UsageError(
      l(
        '--now only makes sense with --once (a long-running daemon follows the real clock).',
        '--now n’a de sens qu’avec --once (un démon permanent suit l’horloge réelle).',
      ),
      {
        code: 'now_without_once',
        fix: l(
          'Use: autoscale daemon --once --now 2026-12-01T15:00:00Z',
          'Utilisez : autoscale daemon --once --now 2026-12-01T15:00:00Z',
        ),
      },
    );
  }
  const level = opts.logLevel ?? (ctx.options.verbose ? 'debug' : 'info');
  const deps = await serviceDeps(ctx, `daemon@${hostname()}`);
  for (const [kind, expression] of Object.entries(deps.config.daemon.cron)) {
    if (expression && !validCron(expression)) {
      throw new ConfigError(
        l(
          `daemon.cron.${kind} = "${expression}" is not a valid cron expression.`,
          `daemon.cron.${kind} = « ${expression} » n’est pas une expression cron valide.`,
        ),
        {
          code: 'config_invalid',
          fix: l(
            `Correct or remove it, e.g. autoscale config set daemon.cron.${kind} "0 10 * * tue,wed,thu"`,
            `Corrigez-la ou retirez-la : autoscale config set daemon.cron.${kind} "0 10 * * tue,wed,thu"`,
          ),
        },
      );
    }
  }
  // A long-running daemon logs to stdout (journald); --once keeps stdout for its summary.
  const sink = once ? process.stderr : process.stdout;
  const log = createLogger({
    level,
    pretty: Boolean(sink.isTTY),
    colour: Boolean(sink.isTTY) && !ctx.processEnv.NO_COLOR,
    timeZone: deps.brand.timezone,
    secrets: ctx.env.secretValues(),
    write: (chunk) => sink.write(chunk),
  });
  const secrets = ctx.env.secretValues();
  const reporter = await createReporter(ctx.env.get('SENTRY_DSN'), {
    release: 'autoscale@0.1.0',
    log,
    scrub: createRedactor(secrets),
  });
  const lock = acquireLock(ctx.paths.daemonLock, ctx.clock.now().toISOString());
  const registry = buildRegistry({ providerFor: (d) => selectTextProvider(d.config, d.env).provider });
  const daemon = new Daemon({
    base: deps,
    config: deps.config,
    clock: ctx.clock,
    registry,
    hooks: daemonHooks(),
    log,
    lock,
    mode: once ? 'once' : 'daemon',
    reporter,
    pinger: createPinger(ctx.env.get('HEARTBEAT_URL'), { log }),
  });
  try {
    if (once) {
      const summary = await daemon.runOnce();
      ctx.out.data(summary, () => renderOnce(ctx, summary, deps.brand.timezone));
      return;
    }
    const onSignal = (signal: NodeJS.Signals) => {
      void daemon.stop(signal);
    };
    let fatal = false;
    const onFatal = (error: unknown) => {
      // Once only: logging the failure could fail the same way (a closed stdout) and loop.
      if (fatal) return;
      fatal = true;
      // The lock stays behind on purpose: the next start sees it and reports a crash.
      setTimeout(() => process.exit(1), 3000);
      try {
        log.error(
          { err: error instanceof Error ? error.message : String(error) },
          'fatal error; exiting for systemd to restart',
        );
        reporter.capture(error, { where: 'process' });
      } finally {
        void reporter.flush(2000).finally(() => process.exit(1));
      }
    };
    // Writes to a closed stdout fail with EPIPE events; the daemon carries on without its logs.
    const onSinkError = () => undefined;
    sink.on('error', onSinkError);
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    process.on('uncaughtException', onFatal);
    process.on('unhandledRejection', onFatal);
    // The approval channels live as long as the daemon: the review page (approval.listen) and
    // the Slack Socket Mode connection (SLACK_APP_TOKEN + SLACK_BOT_TOKEN).
    const listen = deps.config.approval.listen;
    let channels: Awaited<ReturnType<typeof startApprovalChannels>> | undefined;
    if (listen || (ctx.env.get('SLACK_APP_TOKEN') && ctx.env.get('SLACK_BOT_TOKEN'))) {
      const env =
        listen && ensureSigningSecret(ctx.paths.env, ctx.processEnv)
          ? loadEnvironment(ctx.paths.env, ctx.processEnv)
          : deps.env;
      channels = await startApprovalChannels({ ...deps, env }, log, { listen, listenFlag: 'approval.listen' });
      if (channels.page) log.info({ url: channels.page.url }, 'review page served');
    }
    try {
      await daemon.run();
    } finally {
      await channels?.stop();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.off('uncaughtException', onFatal);
      process.off('unhandledRejection', onFatal);
      sink.off('error', onSinkError);
    }
  } finally {
    lock.release();
    await reporter.flush(2000);
  }
};

const renderOnce = (ctx: AppContext, s: OnceSummary, tz: string): string => {
  const t = ctx.out.t;
  const f = ctx.out.fmt;
  const at = (iso: string) => f.dateTime(new Date(iso), tz);
  const kind = (k: string) => t(labelOf(JOB_KIND_LABELS, k));
  const lines = [t(l(`Daemon pass at ${at(s.at)} (${tz})`, `Passage du démon le ${at(s.at)} (${tz})`))];
  for (const e of s.scheduled.enqueued) lines.push(`  + ${kind(e.kind)} · ${e.brand} · ${at(e.slot)}`);
  for (const e of s.scheduled.skipped)
    lines.push(`  - ${kind(e.kind)} · ${e.brand} · ${at(e.slot)} ${t(l('(missed, skipped)', '(manqué, sauté)'))}`);
  const j = s.jobs;
  lines.push(
    t(
      l(
        `  jobs: ${j.ran} run, ${j.done} done, ${j.retried} to retry, ${j.failed} failed, ${j.reclaimed} reclaimed`,
        `  tâches : ${j.ran} exécutées, ${j.done} terminées, ${j.retried} à relancer, ${j.failed} en échec, ${j.reclaimed} reprises`,
      ),
    ),
  );
  if (s.catchUp.skipped || s.catchUp.spread)
    lines.push(
      t(
        l(
          `  catch-up: ${s.catchUp.skipped} skipped, ${s.catchUp.spread} spread out`,
          `  rattrapage : ${s.catchUp.skipped} sautées, ${s.catchUp.spread} étalées`,
        ),
      ),
    );
  return lines.join('\n');
};

/** bin/autoscale.js of this installation, found from this file (dist/ or src/). */
const findBin = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'bin', 'autoscale.js');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return process.argv[1] ?? 'autoscale';
};

export const runDaemonInstall = async (ctx: AppContext, opts: { user: boolean; print: boolean; account: string }) => {
  const { user, account } = opts;
  const home = ctx.paths.root;
  const unitOptions = { home, nodePath: process.execPath, binPath: findBin(), user, account };
  const unit = renderUnit(unitOptions);
  const path = unitPath(user, ctx.processEnv);
  // OnFailure= names this one: written beside the daemon's unit.
  const failureUnit = renderFailureUnit(unitOptions);
  const failurePath = join(dirname(path), FAILURE_UNIT);
  const steps = installSteps(user, account, home);
  if (opts.print) {
    ctx.out.data({ path, unit, failurePath, failureUnit, steps }, () =>
      [unit.trimEnd(), '', `# ${failurePath}`, failureUnit.trimEnd()].join('\n'),
    );
    return;
  }
  try {
    makeDirs(dirname(path));
    // systemd reads units as their owner or as root; 0644 is what unit files conventionally are.
    writeFileAtomic(path, unit, 0o644);
    writeFileAtomic(failurePath, failureUnit, 0o644);
  } catch (cause) {
    throw new UsageError(
      l(
        `Cannot write ${path}: ${(cause as Error).message}.`,
        `Impossible d’écrire ${path} : ${(cause as Error).message}.`,
      ),
      {
        code: 'unit_write',
        cause,
        fix: l(
          'Run it with sudo, use --user for a per-user unit, or --print > autoscale.service and copy it yourself.',
          'Lancez-la avec sudo, utilisez --user pour une unité par utilisateur, ou --print > autoscale.service et copiez-la vous-même.',
        ),
      },
    );
  }
  if (!existsSync(ctx.paths.env)) {
    ctx.out.warn(
      l(
        `No ${ctx.paths.env} yet: put the API keys there (the unit reads it as EnvironmentFile).`,
        `Pas encore de ${ctx.paths.env} : mettez-y les clés d’API (l’unité le lit comme EnvironmentFile).`,
      ),
    );
  }
  ctx.out.data({ path, unit, failurePath, failureUnit, steps }, () =>
    [
      ctx.out.t(
        l(`Wrote ${path} and ${failurePath}. Next:`, `Fichiers ${path} et ${failurePath} écrits. Ensuite\u00a0:`),
      ),
      ...steps.map((s) => `  ${s}`),
    ].join('\n'),
  );
};
