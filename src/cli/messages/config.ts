import { l } from '../../i18n/localized.js';

/** `config path`: what each path is (the JSON keys stay as they are). */
export const CONFIG_PATHS = {
  home: l('home', 'dossier'),
  config: l('config', 'configuration'),
  database: l('database', 'base'),
  media: l('media', 'médias'),
  env: l('secrets', 'secrets'),
  dryRun: l('dry runs', 'simulations'),
} as const;
