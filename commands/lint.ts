import { defineCommand } from '../src/cli/command-def.js';
import { choice } from '../src/cli/options.js';
import { STYLES } from '../src/domain/content.js';
import { l } from '../src/i18n/localized.js';

export const lintCommand = defineCommand({
  name: 'lint',
  args: ['[file]'],
  summary: l(
    'Check a text for AI clichés, anglicisms, French typography and style rules',
    'Vérifier un texte : clichés d’IA, anglicismes, typographie française et règles de style',
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
  },
  examples: [
    { command: 'autoscale lint post.txt', description: l('lint a file', 'vérifier un fichier') },
    {
      command: 'pbpaste | autoscale lint - --style question --json',
      description: l('lint standard input, as JSON', 'vérifier l’entrée standard, en JSON'),
    },
  ],
  run: async (ctx, [file], opts) => {
    const { runLint } = await import('../src/cli/handlers/lint-handler.js');
    await runLint(ctx, file, opts);
  },
});
