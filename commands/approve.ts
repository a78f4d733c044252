import { defineCommand } from '../src/cli/command-def.js';
import { variantOption } from '../src/cli/common-options.js';
import { choice, flag, text, userTime } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const approveCommand = defineCommand({
  name: 'approve',
  args: ['<id>'],
  summary: l(
    'Approve a post with one variant, at a drawn or given time',
    'Approuver une publication avec une variante, à une heure tirée ou donnée',
  ),
  description: l(
    'Approve a post. Without --at, a slot is drawn in the posting window of its target date (time zone and daylight saving aware, minimum gap between posts); without --variant, the best-scored variant that passes the quality gate is used. A variant below the gate, clichéd, too short or too similar to a past post is refused (exit 9) unless --force is given; the override and its reasons are written to the audit log.',
    'Approuve une publication. Sans --at, un créneau est tiré dans la fenêtre de publication de sa date visée (fuseau et heure avancée compris, écart minimal entre les publications); sans --variant, la variante la mieux notée qui passe le seuil de qualité est retenue. Une variante sous le seuil, avec des clichés, trop courte ou trop semblable à une publication passée est refusée (code 9), sauf avec --force; la dérogation et ses raisons vont au journal d’audit.',
  ),
  options: {
    variant: variantOption(),
    at: userTime(
      '--at <time>',
      l(
        'publication time: ISO-8601, or "YYYY-MM-DD HH:MM" in the brand time zone',
        'heure de publication : ISO-8601, ou « AAAA-MM-JJ HH:MM » dans le fuseau de la marque',
      ),
    ),
    mode: choice(
      '--mode <mode>',
      l(
        'native (Meta holds the post) or queue (the daemon publishes)',
        'native (Meta garde la publication) ou queue (le démon publie)',
      ),
      ['native', 'queue'],
    ),
    note: text('--note <text>', l('note kept in the audit log', 'note conservée dans le journal d’audit')),
    force: flag(
      '--force',
      l(
        'approve a variant below the quality gate or flagged too similar (the override is audited)',
        'approuver une variante sous le seuil de qualité ou jugée trop semblable (la dérogation est consignée)',
      ),
    ),
  },
  examples: [
    {
      command: 'autoscale approve 3f9a1c2e --variant 2',
      description: l('variant 2 at a drawn slot', 'variante 2 à un créneau tiré'),
    },
    {
      command: 'autoscale approve 3f9a1c2e --variant 1 --at "2026-12-01 14:10"',
      description: l('at a local time', 'à une heure locale'),
    },
    {
      command: 'autoscale approve 3f9a1c2e --variant 3 --force --note "chiffre vérifié avec le client"',
      description: l('override the quality gate, with a reason', 'contourner le seuil de qualité, avec une raison'),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runApprove } = await import('../src/cli/handlers/review-handlers.js');
    await runApprove(ctx, id, opts);
  },
});
