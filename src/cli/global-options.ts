import { l } from '../i18n/localized.js';
import { choice, flag, instant, text } from './options.js';

/** Options every command accepts, before or after its name. */
export const GLOBAL_OPTIONS = {
  json: flag(
    '--json',
    l(
      'print data as JSON on stdout (logs stay on stderr)',
      'afficher les données en JSON sur stdout (journaux sur stderr)',
    ),
  ),
  verbose: flag('--verbose', l('show details and stack traces', 'afficher les détails et les traces de pile')),
  home: text(
    '--home <dir>',
    l(
      'home folder for config, database and media (env AUTOSCALE_HOME)',
      'dossier de travail : configuration, base et médias (env AUTOSCALE_HOME)',
    ),
  ),
  lang: choice('--lang <lang>', l('UI language: fr or en', 'langue de l’interface : fr ou en'), ['fr', 'en']),
  brand: text(
    '--brand <name>',
    l('brand to work on (default: the current one)', 'marque visée (par défaut : la marque courante)'),
  ),
  now: instant(
    '--now <iso>',
    l(
      'act as if it were this instant (ISO-8601 with zone; schedules, backfills, tests)',
      'agir comme s’il était cet instant (ISO-8601 avec fuseau; horaires, rattrapages, tests)',
    ),
  ),
  wide: flag(
    '--wide',
    l(
      'full-width tables: no truncation or wrapping (piped output is full width unless COLUMNS is set)',
      'tableaux pleine largeur : ni coupure ni retour à la ligne (sortie redirigée : pleine largeur sauf si COLUMNS est défini)',
    ),
  ),
  color: flag('--no-color', l('disable colours (also NO_COLOR=1)', 'désactiver les couleurs (aussi NO_COLOR=1)')),
};
