import { countOf, type Fmt } from '../../i18n/format.js';
import { l, type Localized } from '../../i18n/localized.js';

const ERROR = l('error', 'erreur');
const ERRORS = l('errors', 'erreurs');
const WARNING = l('warning', 'avertissement');
const WARNINGS = l('warnings', 'avertissements');
const NOTE = l('note', 'remarque');
const NOTES = l('notes', 'remarques');

/** `lint`. */
export const LINT = {
  /** « 0 erreur, 2 avertissements, 1 remarque; score 98/100, score de clichés 0/100 (français) ». */
  summary: (
    f: Fmt,
    counts: { error: number; warning: number; info: number },
    score: number,
    cliche: number,
    textLang: string,
  ): Localized => {
    const c = (n: number, one: Localized, other: Localized) => countOf(n, one, other);
    const language =
      textLang === 'fr' ? l('French', 'français') : textLang === 'en' ? l('English', 'anglais') : l(textLang, textLang);
    return l(
      `${c(counts.error, ERROR, ERRORS).en}, ${c(counts.warning, WARNING, WARNINGS).en}, ${c(counts.info, NOTE, NOTES).en}; lint score ${f.int(score)}/100, cliché score ${f.int(cliche)}/100 (${language.en} text)`,
      `${c(counts.error, ERROR, ERRORS).fr}, ${c(counts.warning, WARNING, WARNINGS).fr}, ${c(counts.info, NOTE, NOTES).fr}; score ${f.int(score)}/100, score de clichés ${f.int(cliche)}/100 (texte en ${language.fr})`,
    );
  },
  tooManyWarnings: (max: number): Localized =>
    l(
      `Not passed: more than ${countOf(max, WARNING, WARNINGS).en} (exit 9).`,
      `Refusé : plus de ${countOf(max, WARNING, WARNINGS).fr} (code 9).`,
    ),
};
