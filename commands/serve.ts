import { defineCommand } from '../src/cli/command-def.js';
import { shaped } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const serveCommand = defineCommand({
  name: 'serve',
  summary: l(
    'Serve the signed review page and hold the Slack connection',
    'Servir la page de révision signée et maintenir la connexion Slack',
  ),
  description: l(
    'Serves the mobile review page of signed links (approve, reject with a reason, light edit, slot change), the signed media URLs and, with SLACK_SIGNING_SECRET, Slack’s HTTP interactivity at /slack/actions. With SLACK_APP_TOKEN and SLACK_BOT_TOKEN it also holds the Slack Socket Mode connection. The daemon does the same when approval.listen is set. Put it behind a TLS reverse proxy and set approval.publicUrl (docs/APPROVAL.md).',
    'Sert la page mobile des liens signés (approuver, rejeter avec une raison, retouche, changement d’heure), les URL de médias signées et, avec SLACK_SIGNING_SECRET, l’interactivité HTTP de Slack sur /slack/actions. Avec SLACK_APP_TOKEN et SLACK_BOT_TOKEN, il maintient aussi la connexion Socket Mode de Slack. Le démon fait de même quand approval.listen est défini. Placez-le derrière un mandataire inverse TLS et définissez approval.publicUrl (docs/APPROVAL.md).',
  ),
  options: {
    listen: shaped(
      '--listen <host:port>',
      l(
        'address to listen on (default approval.listen, else 127.0.0.1:8787)',
        'adresse d’écoute (par défaut approval.listen, sinon 127.0.0.1:8787)',
      ),
      {
        convert: (v) => (/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(v.trim()) ? v.trim() : undefined),
        problem: l('is not host:port', 'n’est pas hôte:port'),
        fix: l(
          'Use e.g. 127.0.0.1:8787 (behind a reverse proxy) or 0.0.0.0:8787.',
          'Utilisez p. ex. 127.0.0.1:8787 (derrière un mandataire inverse) ou 0.0.0.0:8787.',
        ),
      },
    ),
  },
  examples: [
    { command: 'autoscale serve', description: l('on 127.0.0.1:8787', 'sur 127.0.0.1:8787') },
    {
      command: 'autoscale serve --listen 0.0.0.0:8787',
      description: l(
        'on every interface (prefer a reverse proxy)',
        'sur toutes les interfaces (préférez un mandataire inverse)',
      ),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runServe } = await import('../src/cli/handlers/approval-handlers.js');
    await runServe(ctx, opts);
  },
});
