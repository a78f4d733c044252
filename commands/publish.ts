import { defineCommand } from '../src/cli/command-def.js';
import { flag, userTime } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const publishCommand = defineCommand({
  name: 'publish',
  args: ['[id]'],
  summary: l(
    'Publish an approved post to the Facebook Page (exactly once)',
    'Publier une publication approuvée sur la Page Facebook (une seule fois)',
  ),
  description: l(
    "Publishes an approved post when its slot has come, hands it to Meta's scheduler in native mode (10 min to 30 days ahead), or publishes it at once with --immediately. A post left publishing or unconfirmed is reconciled with the Page first: it is never posted twice. Without FACEBOOK_ACCESS_TOKEN and a Page id (or with --dry-run), writes what it would post to <home>/dry-run. --due runs one publishing pass for the brand (what the daemon does). The global --now <iso> still sets the clock.",
    'Publie une publication approuvée quand son créneau est venu, le confie au planificateur de Meta en mode natif (de 10 min à 30 jours d’avance), ou le publie tout de suite avec --immediately. Une publication restée publishing ou unconfirmed est d’abord réconciliée avec la Page : elle n’est jamais publiée deux fois. Sans FACEBOOK_ACCESS_TOKEN ni identifiant de Page (ou avec --dry-run), écrit ce qui serait publié dans <home>/dry-run. --due fait un passage de publication pour la marque (ce que fait le démon). L’option globale --now <iso> règle toujours l’horloge.',
  ),
  options: {
    immediately: flag(
      '--immediately',
      l(
        'publish at once, without waiting for the slot (formerly a bare --now)',
        'publier tout de suite, sans attendre le créneau (autrefois --now seul)',
      ),
      { formerly: '--now' },
    ),
    dryRun: flag(
      '--dry-run',
      l('write what would be posted, call nothing', 'écrire ce qui serait publié, sans rien appeler'),
    ),
    due: flag(
      '--due',
      l(
        'publish every due post of the brand (after reconciling interrupted ones)',
        'publier toutes les publications dues de la marque (après réconciliation des interrompus)',
      ),
    ),
    reschedule: userTime(
      '--reschedule <time>',
      l(
        'move a post scheduled on Facebook to this time (10 min–30 days ahead)',
        'déplacer une publication programmée sur Facebook à cette heure (de 10 min à 30 jours)',
      ),
    ),
    cancel: flag(
      '--cancel',
      l(
        'withdraw a post scheduled on Facebook (it goes back to review, without a slot)',
        'retirer une publication programmée sur Facebook (elle retourne en révision, sans créneau)',
      ),
    ),
  },
  exclusive: [
    ['cancel', 'reschedule', 'immediately', 'due'],
    ['cancel', 'reschedule', 'dryRun'],
  ],
  examples: [
    {
      command: 'autoscale publish 3f9a1c2e',
      description: l(
        'publish (or natively schedule) when its slot allows',
        'publier (ou programmer chez Meta) selon son créneau',
      ),
    },
    {
      command: 'autoscale publish 3f9a1c2e --immediately',
      description: l('publish at once', 'publier tout de suite'),
    },
    {
      command: 'autoscale publish 3f9a1c2e --dry-run',
      description: l('see what would be posted', 'voir ce qui serait publié'),
    },
    {
      command: 'autoscale publish 3f9a1c2e --reschedule "2026-12-03 14:20"',
      description: l('move a natively scheduled post', 'déplacer une publication programmée chez Meta'),
    },
    {
      command: 'autoscale publish --due --json',
      description: l('one publishing pass, as JSON', 'un passage de publication, en JSON'),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runPublish } = await import('../src/cli/handlers/publish-handlers.js');
    await runPublish(ctx, id, opts);
  },
});
