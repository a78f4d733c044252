import { defineCommand } from '../src/cli/command-def.js';
import { flag, integer, list } from '../src/cli/options.js';
import { POST_STATES } from '../src/domain/post-state.js';
import { l } from '../src/i18n/localized.js';

export const listCommand = defineCommand({
  name: 'list',
  aliases: ['ls'],
  summary: l(
    'List posts, newest first (rejected posts hidden unless --state rejected)',
    'Lister les publications, les plus récentes d’abord (rejetées masquées sauf --state rejected)',
  ),
  options: {
    state: list(
      '-s, --state <state>',
      l(
        'only this state (draft, in_review, approved, scheduled, published, …); comma-separated for several',
        'seulement cet état (draft, in_review, approved, scheduled, published, …); plusieurs séparés par des virgules',
      ),
      POST_STATES,
    ),
    allBrands: flag('--all-brands', l('posts of every brand', 'les publications de toutes les marques')),
    limit: integer(
      '-n, --limit <n>',
      l('at most n posts (default 50; 0 = all)', 'au plus n publications (par défaut 50; 0 = toutes)'),
      { min: 0, fix: l('Example: --limit 20 (0 for all).', 'Exemple : --limit 20 (0 pour tous).') },
    ).default(50),
  },
  examples: [
    {
      command: 'autoscale list',
      description: l('the latest posts of the current brand', 'les dernières publications de la marque courante'),
    },
    {
      command: 'autoscale list --state in_review --json',
      description: l('the review queue as JSON', 'la file de révision en JSON'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runList } = await import('../src/cli/handlers/list-handler.js');
    await runList(ctx, opts);
  },
});
