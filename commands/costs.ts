import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const costsCommand: CommandDef = {
  name: 'costs',
  summary: l(
    'Show what AI calls cost: tokens, dollars, cost per post',
    'Afficher le coût des appels d’IA : jetons, dollars, coût par post',
  ),
  options: [
    { flags: '--week', description: l('the last 7 days', 'les 7 derniers jours') },
    { flags: '--month', description: l('the last 30 days (default)', 'les 30 derniers jours (par défaut)') },
    { flags: '--all', description: l('everything in the ledger', 'tout le registre') },
  ],
  examples: [
    { command: 'autoscale costs --week', description: l('this week’s spending', 'les dépenses de la semaine') },
    { command: 'autoscale costs --month --json', description: l('as JSON', 'en JSON') },
  ],
  run: async (ctx, _args, opts) => {
    const { runCosts } = await import('../src/cli/handlers/costs-handler.js');
    await runCosts(ctx, opts);
  },
};
