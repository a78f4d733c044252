import { defineCommand } from '../src/cli/command-def.js';
import { flag } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const costsCommand = defineCommand({
  name: 'costs',
  summary: l(
    'Show what AI calls cost: tokens, dollars, cost per post',
    'Afficher le coût des appels d’IA : jetons, dollars, coût par publication',
  ),
  options: {
    week: flag('--week', l('the last 7 days', 'les 7 derniers jours')),
    month: flag('--month', l('the last 30 days (default)', 'les 30 derniers jours (par défaut)')),
    all: flag('--all', l('everything in the ledger', 'tout le registre')),
  },
  exclusive: [['week', 'month', 'all']],
  examples: [
    { command: 'autoscale costs --week', description: l('this week’s spending', 'les dépenses de la semaine') },
    { command: 'autoscale costs --month --json', description: l('as JSON', 'en JSON') },
  ],
  run: async (ctx, _args, opts) => {
    const { runCosts } = await import('../src/cli/handlers/costs-handler.js');
    await runCosts(ctx, opts);
  },
});
