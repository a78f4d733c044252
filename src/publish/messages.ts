import { l } from '../i18n/localized.js';

/** Why publishing waited, simulated or stopped: kept with the outcome (both languages, src/i18n/stored.ts). */
export const REASONS = {
  notDue: l('not due yet', 'pas encore due'),
  queueFallback: l(
    'slot too near for native scheduling: the queue publishes it at the slot',
    'créneau trop proche pour la programmation native : la file d’attente la publie au créneau',
  ),
  pagePaused: (why: string) => l(`Page paused: ${why}`, `Page en pause : ${why}`),
  dryRunFlag: l('--dry-run', '--dry-run'),
  missing: (what: string) => l(`no ${what}`, `il manque ${what}`),
  dryRun: l('dry run', 'simulation'),
} as const;

export const DRY_RUN_NOTE = l(
  'Nothing was sent to Facebook. This is what autoscale would have posted.',
  'Rien n’a été envoyé à Facebook. Voici ce qu’autoscale aurait publié.',
);
