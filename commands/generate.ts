import { defineCommand } from '../src/cli/command-def.js';
import { CONTENT_TYPES, STYLES } from '../src/domain/content.js';
import { choice, date, flag, integer, text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const generateCommand = defineCommand({
  name: 'generate',
  summary: l(
    'Write a post: three variants (professional, storytelling, question)',
    'Rédiger une publication : trois variantes (professionnel, récit, question)',
  ),
  options: {
    type: choice(
      '-t, --type <type>',
      l(
        'content type: case_study, tip, faq, myth_busting, behind_the_scenes, testimonial, industry_news, announcement, poll (default: the optimizer chooses)',
        'type de contenu : case_study, tip, faq, myth_busting, behind_the_scenes, testimonial, industry_news, announcement, poll (par défaut : l’optimiseur choisit)',
      ),
      CONTENT_TYPES,
    ),
    topic: text('--topic <text>', l('subject to write about', 'sujet à traiter')),
    date: date(
      '--date <YYYY-MM-DD>',
      l(
        'target publication date (default: today in the brand zone)',
        'date de publication visée (par défaut : aujourd’hui, fuseau de la marque)',
      ),
    ),
    variants: integer(
      '--variants <n>',
      l('number of variants, 1 to 3 (default 3)', 'nombre de variantes, de 1 à 3 (par défaut 3)'),
      {
        min: 1,
        max: STYLES.length,
        fix: l(
          'One variant per style: professional, storytelling, question.',
          'Une variante par style : professionnel, récit, question.',
        ),
      },
    ),
    image: flag(
      '--no-image',
      l(
        'skip the image step (make it later with `autoscale image <id>`)',
        'sauter l’étape de l’image (la créer plus tard avec `autoscale image <id>`)',
      ),
    ),
  },
  examples: [
    {
      command: 'autoscale generate --type case_study',
      description: l('three variants of a case study', 'trois variantes d’une étude de cas'),
    },
    {
      command: 'autoscale generate --type announcement --topic "Prise de rendez-vous par texto" --date 2026-12-01',
      description: l('an announcement for a given day', 'une annonce pour un jour donné'),
    },
    {
      command: 'autoscale generate --type tip --json',
      description: l('print the post as JSON', 'afficher la publication en JSON'),
    },
    {
      command: 'autoscale generate',
      description: l(
        'let the optimizer choose the type and the style order',
        'laisser l’optimiseur choisir le type et l’ordre des styles',
      ),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runGenerate } = await import('../src/cli/handlers/generate-handler.js');
    await runGenerate(ctx, opts);
  },
});
