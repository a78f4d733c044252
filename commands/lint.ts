import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const lintCommand: CommandDef = {
  name: 'lint',
  args: ['[file]'],
  summary: l(
    'Check a text for AI clichés, anglicisms, French typography and style rules',
    'Vérifier un texte : clichés d’IA, anglicismes, typographie française et règles de style',
  ),
  options: [
    {
      flags: '--style <style>',
      description: l(
        'apply the style rules: professional, storytelling or question',
        'appliquer les règles du style : professional, storytelling ou question',
      ),
    },
    {
      flags: '--text-lang <lang>',
      description: l(
        'language of the text: fr, en or auto (default auto; --lang is the interface language)',
        'langue du texte : fr, en ou auto (par défaut auto; --lang est la langue de l’interface)',
      ),
    },
  ],
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
};
