import { defineCommand } from '../src/cli/command-def.js';
import { choice, integer, text } from '../src/cli/options.js';
import { CONTENT_TYPES } from '../src/domain/content.js';
import { l } from '../src/i18n/localized.js';

const platform = () =>
  choice(
    '--platform <name>',
    l('platform (default: the brand’s first one)', 'plateforme (par défaut : la première de la marque)'),
    ['facebook', 'instagram', 'linkedin'],
  );

const setCommand = defineCommand({
  name: 'set',
  args: ['<date>'],
  summary: l('Fix a day’s entry (type, topic, angle)', 'Fixer l’entrée d’une journée (type, sujet, angle)'),
  options: {
    type: choice('--type <type>', l('content type', 'type de contenu'), CONTENT_TYPES),
    topic: text('--topic <text>', l('the subject', 'le sujet')),
    angle: text('--angle <text>', l('the angle to aim for', 'l’angle visé')),
    platform: platform(),
  },
  run: async (ctx, [day], opts) => {
    const { runPlanSet } = await import('../src/cli/handlers/plan-handlers.js');
    await runPlanSet(ctx, day, opts);
  },
});

const skipCommand = defineCommand({
  name: 'skip',
  args: ['<date>'],
  summary: l('No post on that day', 'Aucune publication ce jour-là'),
  options: { platform: platform() },
  run: async (ctx, [day], opts) => {
    const { runPlanSkip } = await import('../src/cli/handlers/plan-handlers.js');
    await runPlanSkip(ctx, day, opts);
  },
});

const swapCommand = defineCommand({
  name: 'swap',
  args: ['<date1>', '<date2>'],
  summary: l(
    'Exchange two days’ entries (or move one to an empty day)',
    'Échanger deux journées (ou déplacer une entrée vers un jour vide)',
  ),
  options: { platform: platform() },
  run: async (ctx, [a, b], opts) => {
    const { runPlanSwap } = await import('../src/cli/handlers/plan-handlers.js');
    await runPlanSwap(ctx, a, b, opts);
  },
});

const releaseCommand = defineCommand({
  name: 'release',
  args: ['<date>'],
  summary: l('Give a fixed day back to the planner', 'Rendre une journée fixée au planificateur'),
  options: { platform: platform() },
  run: async (ctx, [day], opts) => {
    const { runPlanRelease } = await import('../src/cli/handlers/plan-handlers.js');
    await runPlanRelease(ctx, day, opts);
  },
});

const momentsCommand = defineCommand({
  name: 'moments',
  summary: l(
    'The Quebec calendar of moments and their dates (editable in <home>/moments.json)',
    'Le calendrier québécois des moments et leurs dates (modifiable dans <home>/moments.json)',
  ),
  options: {
    year: integer('--year <yyyy>', l('which year (default: this one)', 'quelle année (par défaut : celle-ci)'), {
      min: 1970,
      max: 2200,
    }),
  },
  run: async (ctx, _args, opts) => {
    const { runPlanMoments } = await import('../src/cli/handlers/plan-handlers.js');
    await runPlanMoments(ctx, opts);
  },
});

export const planCommand = defineCommand({
  name: 'plan',
  summary: l(
    'The editorial calendar: build or refresh the plan for the coming weeks, and steer it',
    'Le calendrier éditorial : bâtir ou rafraîchir le plan des prochaines semaines, et l’orienter',
  ),
  description: l(
    'Gives each posting day of each platform a planned entry (content type, topic and angle, source, and why it was chosen: a seasonal moment, an idea, a news item, a past winner to rewrite, the optimizer or a content-mix target). A refresh never touches what you fixed (`plan set`, `plan skip`, `plan swap`) or what is already written. The daemon’s 10:00 generation writes the day’s entry.',
    'Donne à chaque jour de publication de chaque plateforme une entrée prévue (type de contenu, sujet et angle, source, et la raison du choix : un moment de l’année, une idée, une nouvelle, un succès à revisiter, l’optimiseur ou une cible du mélange de contenus). Un rafraîchissement ne touche jamais à ce que vous avez fixé (`plan set`, `plan skip`, `plan swap`) ni à ce qui est déjà rédigé. La génération de 10 h du démon rédige l’entrée du jour.',
  ),
  options: {
    weeks: integer(
      '--weeks <n>',
      l('how many weeks ahead (default 4)', 'combien de semaines à l’avance (4 par défaut)'),
      { min: 1, max: 12 },
    ),
    seed: text(
      '--seed <text>',
      l('seed of the draws (default: the brand)', 'graine des tirages (par défaut : la marque)'),
      {
        nonEmpty: l('Give a word, or leave --seed out.', 'Donnez un mot, ou omettez --seed.'),
      },
    ),
  },
  examples: [
    {
      command: 'autoscale plan',
      description: l('plan the next four weeks', 'planifier les quatre prochaines semaines'),
    },
    {
      command: 'autoscale plan set 2026-12-01 --type tip --topic "Pneus d’hiver : les garages débordent"',
      description: l('fix a day', 'fixer une journée'),
    },
    { command: 'autoscale plan skip 2026-12-24', description: l('no post that day', 'aucune publication ce jour-là') },
    {
      command: 'autoscale plan swap 2026-12-01 2026-12-03',
      description: l('exchange two days', 'échanger deux journées'),
    },
    {
      command: 'autoscale plan moments --year 2027',
      description: l('the moments of a year', 'les moments d’une année'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runPlan } = await import('../src/cli/handlers/plan-handlers.js');
    await runPlan(ctx, opts);
  },
  subcommands: [setCommand, skipCommand, swapCommand, releaseCommand, momentsCommand],
});
