import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const linkCommand: CommandDef = {
  name: 'link',
  args: ['<id>'],
  summary: l('Make a signed review link for the phone', 'Créer un lien de révision signé pour le téléphone'),
  description: l(
    'Prints a review page link signed with HMAC-SHA256 over the post, its current version and the expiry. It is single use for approve, reject or edit, and refused once the post changed or was decided. Links are built on approval.publicUrl.',
    'Affiche un lien vers la page de révision, signé HMAC-SHA256 sur le post, sa version actuelle et l’échéance. Il sert une seule fois pour approuver, rejeter ou modifier, et il est refusé dès que le post a changé ou a été décidé. Les liens partent de approval.publicUrl.',
  ),
  options: [
    {
      flags: '--expires <duration>',
      description: l(
        'life of the link: 30m, 24h, 7d (default approval.linkHours, 24h)',
        'durée du lien : 30m, 24h, 7d (par défaut approval.linkHours, 24h)',
      ),
    },
  ],
  examples: [
    { command: 'autoscale link 3f9a1c2e', description: l('valid 24 h', 'valable 24 h') },
    {
      command: 'autoscale link 3f9a1c2e --expires 2h --json',
      description: l('valid 2 h, as JSON', 'valable 2 h, en JSON'),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runLink } = await import('../src/cli/handlers/approval-handlers.js');
    await runLink(ctx, id!, opts);
  },
};
