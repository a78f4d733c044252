import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const initCommand: CommandDef = {
  name: 'init',
  summary: l(
    'Create the home: brand profile, schedule, providers',
    'Créer le dossier de travail : profil de marque, horaire, fournisseurs',
  ),
  description: l(
    'Create config.json in the home. Interactive wizard on a terminal; --yes takes the AutoScale AI defaults, and every answer can be given as a flag.',
    'Crée config.json dans le dossier de travail. Assistant interactif dans un terminal; --yes prend les valeurs par défaut d’AutoScale AI, et chaque réponse peut être donnée en option.',
  ),
  options: [
    {
      flags: '-y, --yes',
      description: l(
        'accept defaults for every unanswered question',
        'accepter les valeurs par défaut pour chaque question sans réponse',
      ),
    },
    { flags: '--force', description: l('overwrite an existing config.json', 'écraser un config.json existant') },
    {
      flags: '--slug <slug>',
      description: l('brand identifier (default autoscale-ai)', 'identifiant de la marque (par défaut autoscale-ai)'),
    },
    { flags: '--company <name>', description: l('company name', 'nom de l’entreprise') },
    { flags: '--product <text>', description: l('what you sell, in one line', 'ce que vous vendez, en une ligne') },
    { flags: '--audience <text>', description: l('who the posts are for', 'à qui s’adressent les publications') },
    { flags: '--tone <text>', description: l('voice and tone', 'voix et ton') },
    {
      flags: '--facts <file>',
      description: l(
        'facts the posts may cite, one per line (replaces the samples)',
        'faits que les publications peuvent citer, un par ligne (remplacent les exemples)',
      ),
    },
    {
      flags: '--case-studies <file>',
      description: l(
        'real client stories, JSON [{title, industry, city, summary, result}] (replaces the samples)',
        'vraies histoires de clients, JSON [{title, industry, city, summary, result}] (remplacent les exemples)',
      ),
    },
    {
      flags: '--timezone <tz>',
      description: l('IANA time zone (default America/Toronto)', 'fuseau IANA (par défaut America/Toronto)'),
    },
    { flags: '--page-id <id>', description: l('Facebook Page id', 'identifiant de la Page Facebook') },
    {
      flags: '--posting-days <days>',
      description: l(
        'posting days, comma-separated (tue,wed,thu)',
        'jours de publication, séparés par des virgules (tue,wed,thu)',
      ),
    },
    {
      flags: '--window <HH:MM-HH:MM>',
      description: l('posting window (13:00-16:00)', 'fenêtre de publication (13:00-16:00)'),
    },
    {
      flags: '--jitter <minutes>',
      description: l('random jitter around the slot (30)', 'variation aléatoire autour de l’heure (30)'),
    },
    {
      flags: '--generation-days <days>',
      description: l('generation days (tue,wed,thu)', 'jours de génération (tue,wed,thu)'),
    },
    { flags: '--generation-time <HH:MM>', description: l('generation time (10:00)', 'heure de génération (10:00)') },
    { flags: '--threshold <score>', description: l('quality threshold 0-100 (75)', 'seuil de qualité 0-100 (75)') },
    {
      flags: '--text-provider <p>',
      description: l('auto, offline, anthropic or openai', 'auto, offline, anthropic ou openai'),
    },
    {
      flags: '--text-model <model>',
      description: l('text model (claude-sonnet-4-6)', 'modèle de texte (claude-sonnet-4-6)'),
    },
    { flags: '--image-provider <p>', description: l('auto, offline or openai', 'auto, offline ou openai') },
    { flags: '--image-model <model>', description: l('image model (gpt-image-2)', 'modèle d’image (gpt-image-2)') },
  ],
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
};
