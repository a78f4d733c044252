import { defineCommand } from '../src/cli/command-def.js';
import { flag, integer, text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const calendarCommand = defineCommand({
  name: 'calendar',
  summary: l(
    'Week grid per platform: planned, draft, in review, approved, published, measured, gaps and moments',
    'Grille par semaine et par plateforme : prévu, brouillon, en révision, approuvé, publié, mesuré, vides et moments',
  ),
  description: l(
    'From this week’s Monday, N weeks (default 4), fitted to the terminal width. --ics prints the same calendar as iCalendar (one event per planned or written post, with its state) for a calendar app; --link prints a signed, expiring URL of that feed on approval.publicUrl, which `autoscale serve` answers and a phone calendar can subscribe to.',
    'À partir du lundi de cette semaine, N semaines (4 par défaut), à la largeur du terminal. --ics imprime le même calendrier en iCalendar (un événement par publication prévue ou rédigée, avec son état) pour une application de calendrier; --link affiche une adresse signée et temporaire de ce flux sur approval.publicUrl, à laquelle `autoscale serve` répond et à laquelle un calendrier de téléphone peut s’abonner.',
  ),
  options: {
    weeks: integer('--weeks <n>', l('how many weeks (default 4)', 'combien de semaines (4 par défaut)'), {
      min: 1,
      max: 26,
    }).default(4),
    ics: flag('--ics', l('iCalendar instead of the grid', 'iCalendar plutôt que la grille')),
    link: flag(
      '--link',
      l(
        'print a signed URL of the feed to subscribe to from a phone (served by `autoscale serve`)',
        'afficher une adresse signée du flux, pour s’y abonner depuis un téléphone (servie par `autoscale serve`)',
      ),
    ),
    linkDays: integer(
      '--link-days <n>',
      l(
        'how long the --link URL stays valid (default 90 days)',
        'durée de validité de l’adresse --link (90 jours par défaut)',
      ),
      { min: 1, max: 366 },
    ).default(90),
    out: text('--out <file>', l('write to a file', 'écrire dans un fichier'), {
      nonEmpty: l('Give a file name.', 'Donnez un nom de fichier.'),
    }),
    width: integer(
      '--width <n>',
      l('columns to fit (default: the terminal’s)', 'colonnes à respecter (par défaut : celles du terminal)'),
      { min: 40, max: 400 },
    ),
  },
  examples: [
    { command: 'autoscale calendar', description: l('the next four weeks', 'les quatre prochaines semaines') },
    { command: 'autoscale calendar --weeks 8 --json', description: l('as data', 'en données') },
    {
      command: 'autoscale calendar --ics --out calendrier.ics',
      description: l('for a calendar app', 'pour une application de calendrier'),
    },
    {
      command: 'autoscale calendar --link --weeks 8',
      description: l('a signed feed URL for a phone, 8 weeks', 'adresse signée pour un téléphone, 8 semaines'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runCalendar } = await import('../src/cli/handlers/calendar-handler.js');
    await runCalendar(ctx, opts);
  },
});
