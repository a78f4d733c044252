import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const brandCommand: CommandDef = {
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
    {
      name: 'list',
      summary: l('List brands', 'Lister les marques'),
      run: async (ctx) => {
        const { runBrandList } = await import('../src/cli/handlers/config-handlers.js');
        await runBrandList(ctx);
      },
    },
    {
      name: 'add',
      args: ['<slug>'],
      summary: l('Add a brand', 'Ajouter une marque'),
      options: [
        { flags: '--company <name>', description: l('company name', 'nom de l’entreprise') },
        { flags: '--product <text>', description: l('what it sells', 'ce qu’elle vend') },
        { flags: '--audience <text>', description: l('who the posts are for', 'à qui s’adressent les publications') },
        { flags: '--timezone <tz>', description: l('IANA time zone', 'fuseau IANA') },
        { flags: '--page-id <id>', description: l('Facebook Page id', 'identifiant de la Page Facebook') },
        {
          flags: '--from <slug>',
          description: l(
            'copy this brand’s profile (default: the current brand)',
            'copier le profil de cette marque (par défaut : la marque courante)',
          ),
        },
        { flags: '--use', description: l('make it the current brand', 'en faire la marque courante') },
      ],
      run: async (ctx, [slug], opts) => {
        const { runBrandAdd } = await import('../src/cli/handlers/config-handlers.js');
        await runBrandAdd(ctx, slug!, opts);
      },
    },
    {
      name: 'use',
      args: ['<slug>'],
      summary: l('Make a brand the current one', 'Faire d’une marque la marque courante'),
      run: async (ctx, [slug]) => {
        const { runBrandUse } = await import('../src/cli/handlers/config-handlers.js');
        await runBrandUse(ctx, slug!);
      },
    },
  ],
};
