import { defineCommand } from '../src/cli/command-def.js';
import { flag } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const statusCommand = defineCommand({
  name: 'status',
  summary: l(
    'Counts per state, next publications, what needs attention',
    'Nombre de publications par état, prochaines publications, ce qui demande attention',
  ),
  options: { allBrands: flag('--all-brands', l('every brand', 'toutes les marques')) },
  examples: [
    {
      command: 'autoscale status',
      description: l('the current brand at a glance', 'la marque courante en un coup d’œil'),
    },
    {
      command: 'autoscale status --json',
      description: l('as JSON (for monitoring)', 'en JSON (pour la surveillance)'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runStatus } = await import('../src/cli/handlers/status-handler.js');
    await runStatus(ctx, opts);
  },
});
