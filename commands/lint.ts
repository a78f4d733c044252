import { defineCommand } from '../src/cli/command-def.js';
import { choice, integer, text } from '../src/cli/options.js';
import { STYLES } from '../src/domain/content.js';
import { l } from '../src/i18n/localized.js';

export const lintCommand = defineCommand({
  name: 'lint',
  args: ['[file]'],
  summary: l(
    'Check a text for AI clichés, Quebec French register, typography and style rules',
    'Vérifier un texte : clichés d’IA, registre québécois, typographie et règles de style',
  ),
  description: l(
    'Exits 9 when the text has an error (a cliché, filler, engagement bait, an empty text…) or more warnings than --max-warnings, so scripts can use it as a gate. The cliché score (0–100) sums every machine-writing signal; 50 and above is an error.',
    'Sort avec le code 9 quand le texte a une erreur (cliché, formule creuse, appât à l’engagement, texte vide…) ou plus d’avertissements que --max-warnings : un script peut s’en servir comme barrière. Le score de clichés (0–100) additionne les signaux d’écriture générée; 50 et plus est une erreur.',
  ),
  options: {
    style: choice(
      '--style <style>',
      l(
        'apply the style rules: professional, storytelling or question',
        'appliquer les règles du style : professional, storytelling ou question',
      ),
      STYLES,
    ),
    textLang: choice(
      '--text-lang <lang>',
      l(
        'language of the text: fr, en or auto (default auto; --lang is the interface language)',
        'langue du texte : fr, en ou auto (par défaut auto; --lang est la langue de l’interface)',
      ),
      ['fr', 'en', 'auto'],
    ).default('auto'),
    maxWarnings: integer(
      '--max-warnings <n>',
      l(
        'exit 9 when there are more warnings than this (default: warnings never fail)',
        'sortir avec le code 9 au-delà de ce nombre d’avertissements (par défaut : jamais)',
      ),
      { min: 0 },
    ),
    accept: text(
      '--accept <words>',
      l(
        'comma-separated words to accept, added to the brand’s profile.acceptedWords',
        'mots acceptés, séparés par des virgules, en plus de profile.acceptedWords de la marque',
      ),
    ),
  },
  examples: [
    { command: 'autoscale lint post.txt', description: l('lint a file', 'vérifier un fichier') },
    {
      command: 'pbpaste | autoscale lint - --style question --json',
      description: l('lint standard input, as JSON', 'vérifier l’entrée standard, en JSON'),
    },
    {
      command: 'autoscale lint post.txt --max-warnings 0 && echo ok',
      description: l('fail on any warning (scripts, CI)', 'échouer au moindre avertissement (scripts, CI)'),
    },
  ],
  run: async (ctx, [file], opts) => {
    const { runLint } = await import('../src/cli/handlers/lint-handler.js');
    await runLint(ctx, file, opts);
  },
});
