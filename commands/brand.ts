import { defineCommand } from '../src/cli/command-def.js';
import { profileOptions } from '../src/cli/common-options.js';
import { flag, text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const brandCommand = defineCommand({
  name: 'brand',
  summary: l(
    'Manage brands (each with its Page, profile, schedule and voice)',
    'Gérer les marques (chacune avec sa Page, son profil, son horaire et sa voix)',
  ),
  examples: [
    {
      command: 'autoscale brand add plomberie-roy --company "Plomberie Roy" --page-id 1234567890',
      description: l(
        'add a brand, starting from the current profile',
        'ajouter une marque, à partir du profil courant',
      ),
    },
    {
      command: 'autoscale brand use plomberie-roy',
      description: l('make it the current brand', 'en faire la marque courante'),
    },
    {
      command: 'autoscale --brand plomberie-roy list',
      description: l('one command on another brand', 'une commande sur une autre marque'),
    },
  ],
  subcommands: [
    defineCommand({
      name: 'list',
      summary: l('List brands', 'Lister les marques'),
      run: async (ctx) => {
        const { runBrandList } = await import('../src/cli/handlers/config-handlers.js');
        await runBrandList(ctx);
      },
    }),
    defineCommand({
      name: 'add',
      args: ['<slug>'],
      summary: l('Add a brand', 'Ajouter une marque'),
      options: {
        ...profileOptions({
          product: l('what it sells', 'ce qu’elle vend'),
          timezone: l('IANA time zone', 'fuseau IANA'),
        }),
        from: text(
          '--from <slug>',
          l(
            'copy this brand’s profile (default: the current brand)',
            'copier le profil de cette marque (par défaut : la marque courante)',
          ),
        ),
        use: flag('--use', l('make it the current brand', 'en faire la marque courante')),
      },
      run: async (ctx, [slug], opts) => {
        const { runBrandAdd } = await import('../src/cli/handlers/config-handlers.js');
        await runBrandAdd(ctx, slug, opts);
      },
    }),
    defineCommand({
      name: 'use',
      args: ['<slug>'],
      summary: l('Make a brand the current one', 'Faire d’une marque la marque courante'),
      run: async (ctx, [slug]) => {
        const { runBrandUse } = await import('../src/cli/handlers/config-handlers.js');
        await runBrandUse(ctx, slug);
      },
    }),
  ],
});
