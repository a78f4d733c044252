import { defineCommand } from '../src/cli/command-def.js';
import { shaped } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `24h`, `7d` → milliseconds, from one minute to 30 days. */
const duration = (value: string): number | undefined => {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/i.exec(value.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]! : NaN;
  return Number.isFinite(ms) && ms >= 60_000 && ms <= 30 * 86_400_000 ? ms : undefined;
};

export const linkCommand = defineCommand({
  name: 'link',
  args: ['<id>'],
  summary: l('Make a signed review link for the phone', 'Créer un lien de révision signé pour le téléphone'),
  description: l(
    'Prints a review page link signed with HMAC-SHA256 over the post, its current version and the expiry. It is single use for approve, reject or edit, and refused once the post changed or was decided. Links are built on approval.publicUrl.',
    'Affiche un lien vers la page de révision, signé HMAC-SHA256 sur la publication, sa version actuelle et l’échéance. Il sert une seule fois pour approuver, rejeter ou modifier, et il est refusé dès que la publication a changé ou a été décidée. Les liens partent de approval.publicUrl.',
  ),
  options: {
    expires: shaped(
      '--expires <duration>',
      l(
        'life of the link: 30m, 24h, 7d (default approval.linkHours, 24h)',
        'durée du lien : 30m, 24h, 7d (par défaut approval.linkHours, 24h)',
      ),
      {
        convert: duration,
        problem: l('is not a duration from 1m to 30d', 'n’est pas une durée de 1m à 30d'),
        fix: l('Use e.g. 30m, 24h or 7d.', 'Utilisez p. ex. 30m, 24h ou 7d.'),
      },
    ),
  },
  examples: [
    { command: 'autoscale link 3f9a1c2e', description: l('valid 24 h', 'valable 24 h') },
    {
      command: 'autoscale link 3f9a1c2e --expires 2h --json',
      description: l('valid 2 h, as JSON', 'valable 2 h, en JSON'),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runLink } = await import('../src/cli/handlers/approval-handlers.js');
    await runLink(ctx, id, opts);
  },
});
