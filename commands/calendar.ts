import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const calendarCommand: CommandDef = {
  name: 'calendar',
  summary: l(
    'Week grid per platform: planned, draft, in review, approved, published, measured, gaps and moments',
    'Grille par semaine et par plateforme : prévu, brouillon, en révision, approuvé, publié, mesuré, vides et moments',
  ),
  description: l(
    'From this week’s Monday, N weeks (default 4), fitted to the terminal width. --ics prints the same calendar as iCalendar (one event per planned or written post, with its state) for a calendar app.',
    'À partir du lundi de cette semaine, N semaines (4 par défaut), à la largeur du terminal. --ics imprime le même calendrier en iCalendar (un événement par publication prévue ou rédigée, avec son état) pour une application de calendrier.',
  ),
  options: [
    { flags: '--weeks <n>', description: l('how many weeks (default 4)', 'combien de semaines (4 par défaut)') },
    { flags: '--ics', description: l('iCalendar instead of the grid', 'iCalendar plutôt que la grille') },
    { flags: '--out <file>', description: l('write to a file', 'écrire dans un fichier') },
    {
      flags: '--width <n>',
      description: l(
        'columns to fit (default: the terminal’s)',
        'colonnes à respecter (par défaut : celles du terminal)',
      ),
    },
  ],
  examples: [
    { command: 'autoscale calendar', description: l('the next four weeks', 'les quatre prochaines semaines') },
    { command: 'autoscale calendar --weeks 8 --json', description: l('as data', 'en données') },
    {
      command: 'autoscale calendar --ics --out calendrier.ics',
      description: l('for a calendar app', 'pour une application de calendrier'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runCalendar } = await import('../src/cli/handlers/calendar-handler.js');
    await runCalendar(ctx, opts);
  },
};
