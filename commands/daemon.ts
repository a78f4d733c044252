import { defineCommand } from '../src/cli/command-def.js';
import { choice, flag, shaped } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

const installCommand = defineCommand({
  name: 'install',
  summary: l('Write a hardened systemd unit for the daemon', 'Écrire une unité systemd durcie pour le démon'),
  options: {
    user: flag(
      '--user',
      l('a systemd --user unit instead of a system one', 'une unité systemd --user plutôt qu’une unité système'),
    ),
    print: flag('--print', l('print the unit instead of writing it', 'afficher l’unité au lieu de l’écrire')),
    account: shaped(
      '--account <name>',
      l(
        'dedicated account of the system unit (default autoscale)',
        'compte dédié de l’unité système (par défaut autoscale)',
      ),
      {
        convert: (name) => (/^[a-z_][a-z0-9_-]{0,31}$/.test(name) ? name : undefined),
        problem: l('is not a valid user name', 'n’est pas un nom d’utilisateur valide'),
        fix: l('Use lowercase letters, digits, - and _.', 'Utilisez des minuscules, chiffres, - et _.'),
      },
    ).default('autoscale'),
  },
  examples: [
    {
      command: 'sudo autoscale daemon install --home /srv/autoscale',
      description: l('system unit running as the autoscale user', 'unité système sous le compte autoscale'),
    },
    { command: 'autoscale daemon install --user', description: l('per-user unit', 'unité par utilisateur') },
    { command: 'autoscale daemon install --print', description: l('show the unit', 'afficher l’unité') },
  ],
  run: async (ctx, _args, opts) => {
    const { runDaemonInstall } = await import('../src/cli/handlers/daemon-handler.js');
    await runDaemonInstall(ctx, opts);
  },
});

const alertCommand = defineCommand({
  name: 'alert',
  summary: l(
    'Tell the owner the daemon failed (run by systemd OnFailure=; Slack, e-mail, Sentry)',
    'Prévenir que le démon a échoué (lancé par systemd OnFailure=; Slack, courriel, Sentry)',
  ),
  options: {
    unit: shaped(
      '--unit <name>',
      l('the failed unit (default autoscale.service)', 'l’unité en échec (par défaut autoscale.service)'),
      {
        convert: (name) => (/^[\w@.:-]{1,256}$/.test(name) ? name : undefined),
        problem: l('is not a unit name', 'n’est pas un nom d’unité'),
        fix: l('Example: --unit autoscale.service', 'Exemple\u00a0: --unit autoscale.service'),
      },
    ).default('autoscale.service'),
  },
  examples: [
    {
      command: 'autoscale daemon alert --unit autoscale.service',
      description: l(
        'what autoscale-failure.service runs; try it to test the channels',
        'ce que lance autoscale-failure.service; essayez-la pour tester les canaux',
      ),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runDaemonAlert } = await import('../src/cli/handlers/daemon-alert-handler.js');
    await runDaemonAlert(ctx, opts);
  },
});

export const daemonCommand = defineCommand({
  name: 'daemon',
  summary: l(
    'Run the scheduler and durable jobs (generation, publishing, metrics, weekly report, notifications)',
    'Exécuter le planificateur et les tâches durables (génération, publication, statistiques, rapport hebdo, notifications)',
  ),
  options: {
    once: flag(
      '--once',
      l(
        'run everything due now (or at --now) and exit',
        'exécuter tout ce qui est dû maintenant (ou à --now) et quitter',
      ),
    ),
    logLevel: choice(
      '--log-level <level>',
      l('debug, info, warn or error (default info)', 'debug, info, warn ou error (par défaut info)'),
      ['debug', 'info', 'warn', 'error'],
    ),
  },
  examples: [
    {
      command: 'autoscale daemon',
      description: l(
        'run until stopped (systemd: autoscale daemon install)',
        'tourner jusqu’à l’arrêt (systemd : autoscale daemon install)',
      ),
    },
    { command: 'autoscale daemon --once', description: l('one pass, for cron users', 'un seul passage, pour cron') },
    {
      command: 'autoscale daemon --once --now 2026-12-01T15:00:00Z',
      description: l(
        'one pass as if it were that instant (backfill, tests)',
        'un passage comme à cet instant (rattrapage, tests)',
      ),
    },
  ],
  subcommands: [installCommand, alertCommand],
  run: async (ctx, _args, opts) => {
    const { runDaemon } = await import('../src/cli/handlers/daemon-handler.js');
    await runDaemon(ctx, opts);
  },
});
