import { AutoscaleError } from '../errors.js';
import type { Lang } from '../i18n/localized.js';

/** One line for the status bar: the message and what to do, as the CLI prints them. */
export const describeError = (error: unknown, lang: Lang): string => {
  if (error instanceof AutoscaleError) {
    const fix = error.fix?.[lang];
    return fix ? `${error.localized[lang]} ${fix}` : error.localized[lang];
  }
  const message = error instanceof Error ? error.message : String(error);
  return lang === 'fr' ? `Erreur inattendue : ${message}` : `Unexpected error: ${message}`;
};
