import type { CommandDef } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const generateCommand: CommandDef = {
  name: 'generate',
  summary: l(
    'Write a post: three variants (professional, storytelling, question)',
    'Rédiger un post : trois variantes (professionnel, récit, question)',
  ),
  options: [
    {
      flags: '-t, --type <type>',
      description: l(
        'content type: case_study, tip, faq, myth_busting, behind_the_scenes, testimonial, industry_news, announcement, poll (default: the optimizer chooses)',
        'type de contenu : case_study, tip, faq, myth_busting, behind_the_scenes, testimonial, industry_news, announcement, poll (par défaut : l’optimiseur choisit)',
      ),
    },
    { flags: '--topic <text>', description: l('subject to write about', 'sujet à traiter') },
    {
      flags: '--date <YYYY-MM-DD>',
      description: l(
        'target publication date (default: today in the brand zone)',
        'date de publication visée (par défaut : aujourd’hui, fuseau de la marque)',
      ),
    },
    {
      flags: '--variants <n>',
      description: l('number of variants, 1 to 3 (default 3)', 'nombre de variantes, de 1 à 3 (par défaut 3)'),
    },
    {
      flags: '--no-image',
      description: l(
        'skip the image step (make it later with `autoscale image <id>`)',
        'sauter l’étape de l’image (la créer plus tard avec `autoscale image <id>`)',
      ),
    },
  ],
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
      description: l('print the post as JSON', 'afficher le post en JSON'),
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
};
