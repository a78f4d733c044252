import { defineCommand } from '../src/cli/command-def.js';
import { clockTime, profileOptions, timeWindow } from '../src/cli/common-options.js';
import { choice, decimal, flag, integer, list, text } from '../src/cli/options.js';
import { WEEKDAYS } from '../src/domain/content.js';
import { l } from '../src/i18n/localized.js';

export const initCommand = defineCommand({
  name: 'init',
  summary: l(
    'Create the home: brand profile, schedule, providers',
    'Créer le dossier de travail : profil de marque, horaire, fournisseurs',
  ),
  description: l(
    'Create config.json in the home. Interactive wizard on a terminal; --yes takes the AutoScale AI defaults, and every answer can be given as a flag.',
    'Crée config.json dans le dossier de travail. Assistant interactif dans un terminal; --yes prend les valeurs par défaut d’AutoScale AI, et chaque réponse peut être donnée en option.',
  ),
  options: {
    yes: flag(
      '-y, --yes',
      l(
        'accept defaults for every unanswered question',
        'accepter les valeurs par défaut pour chaque question sans réponse',
      ),
    ),
    force: flag('--force', l('overwrite an existing config.json', 'écraser un config.json existant')),
    slug: text(
      '--slug <slug>',
      l('brand identifier (default autoscale-ai)', 'identifiant de la marque (par défaut autoscale-ai)'),
    ),
    ...profileOptions({
      product: l('what you sell, in one line', 'ce que vous vendez, en une ligne'),
      timezone: l('IANA time zone (default America/Toronto)', 'fuseau IANA (par défaut America/Toronto)'),
    }),
    tone: text('--tone <text>', l('voice and tone', 'voix et ton')),
    facts: text(
      '--facts <file>',
      l(
        'facts the posts may cite, one per line (replaces the samples)',
        'faits que les publications peuvent citer, un par ligne (remplacent les exemples)',
      ),
    ),
    caseStudies: text(
      '--case-studies <file>',
      l(
        'real client stories, JSON [{title, industry, city, summary, result}] (replaces the samples)',
        'vraies histoires de clients, JSON [{title, industry, city, summary, result}] (remplacent les exemples)',
      ),
    ),
    postingDays: list(
      '--posting-days <days>',
      l('posting days, comma-separated (tue,wed,thu)', 'jours de publication, séparés par des virgules (tue,wed,thu)'),
      WEEKDAYS,
      { lowercase: true },
    ),
    window: timeWindow(
      '--window <HH:MM-HH:MM>',
      l('posting window (13:00-16:00)', 'fenêtre de publication (13:00-16:00)'),
    ),
    jitter: integer(
      '--jitter <minutes>',
      l('random jitter around the slot (30)', 'variation aléatoire autour de l’heure (30)'),
      { min: 0, max: 120 },
    ),
    generationDays: list(
      '--generation-days <days>',
      l('generation days (tue,wed,thu)', 'jours de génération (tue,wed,thu)'),
      WEEKDAYS,
      { lowercase: true },
    ),
    generationTime: clockTime('--generation-time <HH:MM>', l('generation time (10:00)', 'heure de génération (10:00)')),
    threshold: decimal('--threshold <score>', l('quality threshold 0-100 (75)', 'seuil de qualité 0-100 (75)'), {
      min: 0,
      max: 100,
    }),
    textProvider: choice(
      '--text-provider <p>',
      l('auto, offline, anthropic, kie or openai', 'auto, offline, anthropic, kie ou openai'),
      ['auto', 'offline', 'anthropic', 'kie', 'openai'],
    ),
    textModel: text('--text-model <model>', l('text model (claude-sonnet-4-6)', 'modèle de texte (claude-sonnet-4-6)')),
    imageProvider: choice('--image-provider <p>', l('auto, offline or openai', 'auto, offline ou openai'), [
      'auto',
      'offline',
      'openai',
    ]),
    imageModel: text('--image-model <model>', l('image model (gpt-image-2)', 'modèle d’image (gpt-image-2)')),
  },
  examples: [
    {
      command: 'autoscale init --yes',
      description: l('AutoScale AI defaults, no questions', 'valeurs par défaut d’AutoScale AI, sans question'),
    },
    {
      command: 'autoscale init --yes --company "Plomberie Roy" --window 12:00-15:00',
      description: l('defaults with a few answers', 'valeurs par défaut avec quelques réponses'),
    },
    { command: 'autoscale init', description: l('the interactive wizard', 'l’assistant interactif') },
  ],
  run: async (ctx, _args, opts) => {
    const { runInit } = await import('../src/cli/handlers/init-handler.js');
    await runInit(ctx, opts);
  },
});
