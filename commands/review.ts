import { defineCommand } from '../src/cli/command-def.js';
import { flag } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const reviewCommand = defineCommand({
  name: 'review',
  args: ['[id]'],
  summary: l(
    'Open the review studio: pick, edit, regenerate, approve or reject',
    'Ouvrir le studio de révision : choisir, modifier, régénérer, approuver ou rejeter',
  ),
  description: l(
    'Opens the terminal studio on the posts awaiting review, oldest first (or on one post). Every action is saved at once through the same services as approve, reject and edit. Needs an interactive terminal; in scripts use --print, list, show, approve and reject.',
    'Ouvre le studio dans le terminal sur les publications en attente de révision, du plus ancien au plus récent (ou sur une publication). Chaque action est enregistrée aussitôt par les mêmes services que approve, reject et edit. Demande un terminal interactif; dans un script, utilisez --print, list, show, approve et reject.',
  ),
  options: {
    print: flag(
      '--print',
      l(
        'print the current post once as text (or JSON with --json) and exit',
        'afficher la publication courante une fois en texte (ou en JSON avec --json) et quitter',
      ),
    ),
    allBrands: flag('--all-brands', l('review the queue of every brand', 'réviser la file de toutes les marques')),
  },
  examples: [
    {
      command: 'autoscale review',
      description: l('the queue, oldest first', 'la file, du plus ancien au plus récent'),
    },
    { command: 'autoscale review 3f9a1c2e', description: l('one post', 'une publication') },
    {
      command: 'autoscale review --print',
      description: l(
        'the next post as plain text, for scripts',
        'la prochaine publication en texte brut, pour les scripts',
      ),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runReview } = await import('../src/cli/handlers/review-tui-handler.js');
    await runReview(ctx, id, opts);
  },
});
