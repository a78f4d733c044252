import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

const installCommand: CommandDef = {
  name: 'install',
  summary: l('Write a hardened systemd unit for the daemon', 'Écrire une unité systemd durcie pour le démon'),
  options: [
    {
      flags: '--user',
      description: l(
        'a systemd --user unit instead of a system one',
        'une unité systemd --user plutôt qu’une unité système',
      ),
    },
    {
      flags: '--print',
      description: l('print the unit instead of writing it', 'afficher l’unité au lieu de l’écrire'),
    },
    {
      flags: '--account <name>',
      description: l(
        'dedicated account of the system unit (default autoscale)',
        'compte dédié de l’unité système (par défaut autoscale)',
      ),
    },
  ],
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
};

const alertCommand: CommandDef = {
  name: 'alert',
  summary: l(
    'Tell the owner the daemon failed (run by systemd OnFailure=; Slack, e-mail, Sentry)',
    'Prévenir que le démon a échoué (lancé par systemd OnFailure=; Slack, courriel, Sentry)',
  ),
  options: [
    {
      flags: '--unit <name>',
      description: l('the failed unit (default autoscale.service)', 'l’unité en échec (par défaut autoscale.service)'),
    },
  ],
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
};

export const daemonCommand: CommandDef = {
  name: 'daemon',
  summary: l(
    'Run the scheduler and durable jobs (generation, publishing, metrics, weekly report, notifications)',
    'Exécuter le planificateur et les tâches durables (génération, publication, statistiques, rapport hebdo, notifications)',
  ),
  options: [
    {
      flags: '--once',
      description: l(
        'run everything due now (or at --now) and exit',
        'exécuter tout ce qui est dû maintenant (ou à --now) et quitter',
      ),
    },
    {
      flags: '--log-level <level>',
      description: l('debug, info, warn or error (default info)', 'debug, info, warn ou error (par défaut info)'),
    },
  ],
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
};
