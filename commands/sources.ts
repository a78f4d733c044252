import { defineCommand } from '../src/cli/command-def.js';
import { flag } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const sourcesCommand = defineCommand({
  name: 'sources',
  summary: l(
    'News feeds (RSS/Atom) the plan offers as industry_news topics',
    'Fils d’actualité (RSS/Atom) que le plan propose comme sujets industry_news',
  ),
  description: l(
    'The daemon reads every feed once a day (plan.sources.fetchTime) with conditional requests, keeps new items once (duplicates by link or title are skipped), and scores them for the brand’s audience (keywords, and a short judgement by the text model when one is configured).',
    'Le démon lit chaque fil une fois par jour (plan.sources.fetchTime) avec des requêtes conditionnelles, garde les nouveaux articles une seule fois (les doublons par lien ou par titre sont écartés) et les note pour le public de la marque (mots-clés, et un court jugement du modèle de texte s’il est configuré).',
  ),
  examples: [
    {
      command: 'autoscale sources add https://www.lesaffaires.com/rss/pme',
      description: l('add a feed (read once to check it)', 'ajouter un fil (lu une fois pour le vérifier)'),
    },
    { command: 'autoscale sources fetch', description: l('read every feed now', 'lire tous les fils maintenant') },
  ],
  subcommands: [
    defineCommand({
      name: 'add',
      args: ['<url>'],
      summary: l('Add a feed', 'Ajouter un fil'),
      options: {
        check: flag('--no-check', l('add it without reading it first', 'l’ajouter sans le lire d’abord')),
      },
      run: async (ctx, [url], opts) => {
        const { runSourcesAdd } = await import('../src/cli/handlers/sources-handlers.js');
        await runSourcesAdd(ctx, url, opts);
      },
    }),
    defineCommand({
      name: 'list',
      summary: l('Feeds and their last read', 'Les fils et leur dernière lecture'),
      options: { items: flag('--items', l('the latest items too', 'aussi les derniers articles')) },
      run: async (ctx, _args, opts) => {
        const { runSourcesList } = await import('../src/cli/handlers/sources-handlers.js');
        await runSourcesList(ctx, opts);
      },
    }),
    defineCommand({
      name: 'remove',
      args: ['<id-or-url>'],
      summary: l('Remove a feed', 'Retirer un fil'),
      run: async (ctx, [ref]) => {
        const { runSourcesRemove } = await import('../src/cli/handlers/sources-handlers.js');
        await runSourcesRemove(ctx, ref);
      },
    }),
    defineCommand({
      name: 'fetch',
      summary: l('Read every feed now', 'Lire tous les fils maintenant'),
      run: async (ctx) => {
        const { runSourcesFetch } = await import('../src/cli/handlers/sources-handlers.js');
        await runSourcesFetch(ctx);
      },
    }),
  ],
});
