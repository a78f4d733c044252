import { defineCommand } from '../src/cli/command-def.js';
import { variantOption } from '../src/cli/common-options.js';
import { choice, flag, integer, text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const editCommand = defineCommand({
  name: 'edit',
  args: ['<id>'],
  summary: l(
    'Edit a variant (a new version; older ones stay)',
    'Modifier une variante (nouvelle version; les anciennes restent)',
  ),
  description: l(
    'Edit the text of a variant. Opens $EDITOR (or $VISUAL) on a terminal; --text or --file for scripts (--file - reads stdin). Every edit is a new version; `--restore <n>` brings back version n.',
    'Modifie le texte d’une variante. Ouvre $EDITOR (ou $VISUAL) dans un terminal; --text ou --file pour les scripts (--file - lit l’entrée standard). Chaque modification crée une version; `--restore <n>` remet la version n.',
  ),
  options: {
    // Required for a variant; --platform edits a platform's text instead (checked by the handler).
    variant: variantOption(),
    text: text('--text <text>', l('the new full text', 'le nouveau texte complet')),
    file: text(
      '--file <path>',
      l(
        'read the new text from a file (- for stdin)',
        'lire le nouveau texte dans un fichier (- pour l’entrée standard)',
      ),
    ),
    headline: text('--headline <text>', l('new headline for the image', 'nouveau titre pour l’image')),
    restore: integer('--restore <version>', l('restore an earlier version', 'restaurer une version antérieure'), {
      min: 1,
      fix: l('See the versions with `autoscale show <id>`.', 'Voyez les versions avec `autoscale show <id>`.'),
    }),
    note: text('--note <text>', l('note kept with the version', 'note conservée avec la version')),
    platform: choice(
      '--platform <name>',
      l(
        'edit the instagram or linkedin text of an approved post, or of --variant n before approval (with --text, --file or --reset)',
        'modifier le texte Instagram ou LinkedIn d’une publication approuvée, ou de --variant n avant l’approbation (avec --text, --file ou --reset)',
      ),
      ['instagram', 'linkedin'],
    ),
    reset: flag(
      '--reset',
      l('with --platform: follow the approved text again', 'avec --platform : suivre de nouveau le texte approuvé'),
    ),
  },
  exclusive: [
    ['restore', 'text', 'file'],
    ['reset', 'text', 'file'],
  ],
  examples: [
    {
      command: 'autoscale edit 3f9a1c2e --platform linkedin --file linkedin.txt',
      description: l('the LinkedIn text of an approved post', 'le texte LinkedIn d’une publication approuvée'),
    },
    {
      command: 'autoscale edit 3f9a1c2e --variant 2 --platform instagram --text "…"',
      description: l(
        'the Instagram text of variant 2, before approval',
        'le texte Instagram de la variante 2, avant l’approbation',
      ),
    },
    { command: 'autoscale edit 3f9a1c2e --variant 2', description: l('edit in $EDITOR', 'modifier dans $EDITOR') },
    {
      command: 'autoscale edit 3f9a1c2e --variant 1 --file nouveau.txt',
      description: l('from a file', 'depuis un fichier'),
    },
    {
      command: 'autoscale edit 3f9a1c2e --variant 1 --restore 1',
      description: l('back to the generated text', 'revenir au texte généré'),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runEdit } = await import('../src/cli/handlers/review-handlers.js');
    await runEdit(ctx, id, opts);
  },
});
