import { defineCommand } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const configCommand = defineCommand({
  name: 'config',
  summary: l('Read or change the configuration', 'Lire ou modifier la configuration'),
  examples: [
    { command: 'autoscale config get quality.threshold', description: l('one value', 'une valeur') },
    {
      command: 'autoscale config set brand.posting.windowStart 12:30',
      description: l(
        'a value of the current brand (brand. = brands.<current>.)',
        'une valeur de la marque courante (brand. = brands.<courante>.)',
      ),
    },
    {
      command: 'autoscale config set brand.profile.hashtags \'["#PME","#Québec"]\'',
      description: l('JSON values for lists and numbers', 'valeurs JSON pour les listes et les nombres'),
    },
    { command: 'autoscale config path', description: l('where the file is', 'où se trouve le fichier') },
  ],
  subcommands: [
    defineCommand({
      name: 'get',
      args: ['[key]'],
      summary: l('Print a value (or everything)', 'Afficher une valeur (ou tout)'),
      run: async (ctx, [key]) => {
        const { runConfigGet } = await import('../src/cli/handlers/config-handlers.js');
        await runConfigGet(ctx, key);
      },
    }),
    defineCommand({
      name: 'set',
      args: ['<key>', '<value>'],
      summary: l('Change a value (validated before it is written)', 'Changer une valeur (validée avant l’écriture)'),
      run: async (ctx, [key, value]) => {
        const { runConfigSet } = await import('../src/cli/handlers/config-handlers.js');
        await runConfigSet(ctx, key, value);
      },
    }),
    defineCommand({
      name: 'path',
      summary: l(
        'Print the paths of the config, database, media and .env',
        'Afficher les chemins de la configuration, de la base, des médias et du .env',
      ),
      run: async (ctx) => {
        const { runConfigPath } = await import('../src/cli/handlers/config-handlers.js');
        await runConfigPath(ctx);
      },
    }),
  ],
});
