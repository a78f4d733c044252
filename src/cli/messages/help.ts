import type { ExitCode } from '../../errors/errors.js';
import { l, type Localized } from '../../i18n/localized.js';

/** The help system's own words: commander's headings, placeholders, the exit-code legend. */
export const HELP = {
  description: l(
    'Write, illustrate, review, publish and measure Facebook posts in Quebec French.',
    'Rédiger, illustrer, réviser, publier et mesurer des publications Facebook en français québécois.',
  ),
  version: l('print the version', 'afficher la version'),
  helpOption: l('show this help', 'afficher cette aide'),
  helpCommand: l('show the help of a command', 'afficher l’aide d’une commande'),
  examples: l('Examples:', 'Exemples :'),
  exitCodes: l('Exit codes:', 'Codes de sortie :'),
  fix: l(
    'See `autoscale --help` or `autoscale <command> --help`.',
    'Voyez `autoscale --help` ou `autoscale <commande> --help`.',
  ),
} as const;

/** commander's headings (it passes these exact strings to `styleTitle`). */
export const HEADINGS: Record<string, Localized> = {
  'Usage:': l('Usage:', 'Utilisation :'),
  'Arguments:': l('Arguments:', 'Arguments :'),
  'Options:': l('Options:', 'Options :'),
  'Global Options:': l('Global options:', 'Options globales :'),
  'Commands:': l('Commands:', 'Commandes :'),
};

/** Placeholders in usage lines and flags (`<file>`, `[command]`), shown in the reader's language. */
export const PLACEHOLDERS: Record<string, Localized> = {
  command: l('command', 'commande'),
  options: l('options', 'options'),
  text: l('text', 'texte'),
  file: l('file', 'fichier'),
  name: l('name', 'nom'),
  path: l('path', 'chemin'),
  time: l('time', 'heure'),
  days: l('days', 'jours'),
  value: l('value', 'valeur'),
  key: l('key', 'clé'),
  state: l('state', 'état'),
  states: l('states', 'états'),
  kinds: l('kinds', 'types'),
  ref: l('ref', 'réf'),
  'post-id': l('post-id', 'id-publication'),
  level: l('level', 'niveau'),
  duration: l('duration', 'durée'),
  dir: l('dir', 'dossier'),
  home: l('home', 'dossier'),
  model: l('model', 'modèle'),
  lang: l('lang', 'langue'),
  slug: l('slug', 'marque'),
  tz: l('tz', 'fuseau'),
  p: l('p', 'p'),
  current: l('current', 'courante'),
  platform: l('platform', 'plateforme'),
  platforms: l('platforms', 'plateformes'),
  topic: l('topic', 'sujet'),
  url: l('url', 'url'),
  weeks: l('weeks', 'semaines'),
};

/** The documented exit codes (README), one line each; typed by ExitCode so a new code needs words. */
export const EXIT_CODE_MEANING: Record<keyof typeof ExitCode, Localized> = {
  ok: l('success', 'succès'),
  internal: l(
    'internal error (re-run with --verbose and report it)',
    'erreur interne (relancez avec --verbose et signalez-la)',
  ),
  usage: l('usage: bad flag, argument or value', 'utilisation : option, argument ou valeur invalide'),
  config: l('configuration missing or invalid', 'configuration absente ou invalide'),
  notFound: l('not found (post, brand, key)', 'introuvable (publication, marque, clé)'),
  state: l('wrong state for the action', 'état incompatible avec l’action'),
  store: l('store: database or home unusable', 'stockage : base ou dossier inutilisable'),
  external: l('an external service failed', 'un service externe a échoué'),
  busy: l('busy: another daemon holds the lock', 'occupé : un autre démon tient le verrou'),
  quality: l(
    'quality: lint errors, or an approval below the quality gate',
    'qualité : erreurs du correcteur, ou approbation sous le seuil de qualité',
  ),
  environment: l(
    'environment: the disk is full, read-only or failing',
    'environnement : disque plein, en lecture seule ou défaillant',
  ),
  interrupted: l('interrupted', 'interrompu'),
};

/** The examples under `autoscale --help`. */
export const PROGRAM_EXAMPLES = [
  {
    command: 'autoscale init --yes',
    description: l('create the home with the AutoScale AI profile', 'créer le dossier avec le profil d’AutoScale AI'),
  },
  {
    command: 'autoscale generate --type case_study',
    description: l('write a case study in three styles', 'rédiger une étude de cas en trois styles'),
  },
  { command: 'autoscale review', description: l('open the review studio', 'ouvrir le studio de révision') },
  {
    command: 'autoscale list --state in_review --json',
    description: l('the posts waiting for review, as JSON', 'les publications en attente de révision, en JSON'),
  },
] as const;
