import { defineCommand } from '../src/cli/command-def.js';
import { flag } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const scheduleCommand = defineCommand({
  name: 'schedule',
  summary: l(
    'Upcoming publication slots, their mode and state',
    'Prochains créneaux de publication, leur mode et leur état',
  ),
  options: { allBrands: flag('--all-brands', l('every brand', 'toutes les marques')) },
  examples: [
    { command: 'autoscale schedule', description: l('what goes out when, and how', 'ce qui part, quand et comment') },
    { command: 'autoscale schedule --json', description: l('as JSON', 'en JSON') },
  ],
  run: async (ctx, _args, opts) => {
    const { runSchedule } = await import('../src/cli/handlers/publish-handlers.js');
    await runSchedule(ctx, opts);
  },
});
