import { defineCommand } from '../src/cli/command-def.js';
import { choice, flag, text } from '../src/cli/options.js';
import { CONTENT_TYPES } from '../src/domain/content.js';
import { l } from '../src/i18n/localized.js';

export const ideasCommand = defineCommand({
  name: 'ideas',
  summary: l('The ideas inbox the plan draws from', 'La boîte à idées où puise le plan'),
  examples: [
    {
      command: 'autoscale ideas add "Les cliniques vétérinaires et les urgences du soir" --type case_study',
      description: l('drop an idea', 'déposer une idée'),
    },
    { command: 'autoscale ideas list', description: l('what is waiting', 'ce qui attend') },
    { command: 'autoscale ideas drop 1a2b3c4d', description: l('remove one', 'en retirer une') },
  ],
  subcommands: [
    defineCommand({
      name: 'add',
      args: ['<text>'],
      summary: l('Add an idea (in quotes)', 'Ajouter une idée (entre guillemets)'),
      options: {
        type: choice('--type <type>', l('content type it suits', 'type de contenu qui lui convient'), CONTENT_TYPES),
        link: text('--link <url>', l('a page to cite', 'une page à citer')),
      },
      run: async (ctx, [words], opts) => {
        const { runIdeasAdd } = await import('../src/cli/handlers/ideas-handlers.js');
        await runIdeasAdd(ctx, words, opts);
      },
    }),
    defineCommand({
      name: 'list',
      summary: l('Ideas waiting (or all of them)', 'Les idées en attente (ou toutes)'),
      options: { all: flag('--all', l('used and dropped ones too', 'aussi les utilisées et retirées')) },
      run: async (ctx, _args, opts) => {
        const { runIdeasList } = await import('../src/cli/handlers/ideas-handlers.js');
        await runIdeasList(ctx, opts);
      },
    }),
    defineCommand({
      name: 'drop',
      args: ['<id>'],
      summary: l('Remove an idea from the inbox', 'Retirer une idée de la boîte'),
      run: async (ctx, [id]) => {
        const { runIdeasDrop } = await import('../src/cli/handlers/ideas-handlers.js');
        await runIdeasDrop(ctx, id);
      },
    }),
  ],
});
