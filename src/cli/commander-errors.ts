import { l, type Localized } from '../i18n/localized.js';

/**
 * Commander's parse errors (unknown option, missing argument…) in both languages. Commander
 * writes English only; its message is matched to say the same in French, with the suggestion
 * ("Did you mean …?") kept on the same line.
 */
export const commanderMessage = (code: string, written: string): Localized => {
  const text = written
    .replace(/^error:\s*/i, '')
    .trim()
    .replace(/\s*\n\s*/g, ' ');
  const quoted = /'([^']+)'/.exec(text)?.[1] ?? '';
  const suggestion = /\(Did you mean (.+)\?\)/.exec(text)?.[1];
  const hint = suggestion
    ? l(` (did you mean ${suggestion}?)`, ` (vouliez-vous dire ${suggestion.replace(/^one of /, 'l’une de ')} ?)`)
    : l('', '');
  switch (code) {
    case 'commander.unknownOption':
      return l(`Unknown option ${quoted}${hint.en}.`, `Option inconnue ${quoted}${hint.fr}.`);
    case 'commander.unknownCommand':
      return l(`Unknown command ${quoted}${hint.en}.`, `Commande inconnue ${quoted}${hint.fr}.`);
    case 'commander.optionMissingArgument':
      return l(`${quoted} needs a value.`, `${quoted} demande une valeur.`);
    case 'commander.missingArgument':
      return l(`Missing argument <${quoted}>.`, `Argument <${quoted}> manquant.`);
    case 'commander.excessArguments': {
      const got = /but got (\d+)/.exec(text)?.[1] ?? '?';
      const expected = /Expected (\d+)/.exec(text)?.[1] ?? '?';
      return l(
        `Too many arguments: ${expected} expected, ${got} given.`,
        `Trop d’arguments : ${expected} attendu(s), ${got} donné(s).`,
      );
    }
    default:
      return l(text, text);
  }
};
