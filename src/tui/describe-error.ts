import { AutoscaleError } from '../errors/errors.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';

/**
 * The services speak in CLI flags (`--reason`, `--at`); in the studio the same problems are
 * fixed by typing, so these codes get the studio's wording. Every other error is shown as the
 * CLI prints it: the message and what to do.
 */
const STUDIO_WORDING: Record<string, (e: AutoscaleError) => { message?: Localized; fix: Localized }> = {
  missing_reason: () => ({
    fix: l(
      'Type why (it teaches the optimizer what to avoid), then Enter; Esc cancels.',
      'Tapez pourquoi (l’optimiseur apprend ce qu’il faut éviter), puis Entrée; Échap annule.',
    ),
  }),
  missing_instruction: () => ({
    fix: l(
      'Type what to change, e.g. "plus court", then Enter.',
      'Tapez quoi changer, p. ex. « plus court », puis Entrée.',
    ),
  }),
  bad_time: () => ({
    message: l('That is not a time.', 'Ce n’est pas une heure.'),
    fix: l(
      'Type "YYYY-MM-DD HH:MM" (brand time zone) or ISO-8601 with a zone; Esc goes back to the proposed slot.',
      'Tapez « AAAA-MM-JJ HH:MM » (fuseau de la marque) ou ISO-8601 avec fuseau; Échap revient au créneau proposé.',
    ),
  }),
  time_in_past: () => ({
    message: l('That time is in the past.', 'Cette heure est passée.'),
    fix: l(
      'Type a future time, or Esc to go back to the proposed slot.',
      'Tapez une heure future, ou Échap pour revenir au créneau proposé.',
    ),
  }),
  empty_text: () => ({
    fix: l(
      'Nothing was saved; type the text, or Esc to cancel.',
      'Rien n’a été enregistré; tapez le texte, ou Échap pour annuler.',
    ),
  }),
};

/** One line for the status bar: the message and what to do. */
export const describeError = (error: unknown, lang: Lang): string => {
  if (error instanceof AutoscaleError) {
    const studio = STUDIO_WORDING[error.code]?.(error);
    const message = (studio?.message ?? error.localized)[lang];
    const fix = (studio?.fix ?? error.fix)?.[lang];
    return fix ? `${message} ${fix}` : message;
  }
  const message = error instanceof Error ? error.message : String(error);
  return lang === 'fr' ? `Erreur inattendue : ${message}` : `Unexpected error: ${message}`;
};
