import { defineCommand } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const showCommand = defineCommand({
  name: 'show',
  args: ['<id>'],
  summary: l(
    'Show a post: variants, versions, scores, image, cost and history',
    'Afficher une publication : variantes, versions, scores, image, coût et historique',
  ),
  examples: [
    {
      command: 'autoscale show 3f9a1c2e',
      description: l('by short id (last characters of the id)', 'par identifiant court (derniers caractères)'),
    },
    { command: 'autoscale show 3f9a1c2e --json', description: l('as JSON', 'en JSON') },
  ],
  run: async (ctx, [id]) => {
    const { runShow } = await import('../src/cli/handlers/list-handler.js');
    await runShow(ctx, id);
  },
});
