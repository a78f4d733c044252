import { defineCommand } from '../src/cli/command-def.js';
import { variantOption } from '../src/cli/common-options.js';
import { flag, text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const imageCommand = defineCommand({
  name: 'image',
  args: ['<id>'],
  summary: l(
    'Make or remake a post’s 1200×630 image (OpenAI, offline card or your own file)',
    'Créer ou refaire l’image 1200×630 d’une publication (OpenAI, carte hors ligne ou votre fichier)',
  ),
  description: l(
    'Without options, shows the post’s image (making it if it has none). The headline of the chosen variant (or --variant) is set on the picture with the brand colours. The post keeps its previous image if anything fails.',
    'Sans option, affiche l’image de la publication (et la crée si elle n’en a pas). Le titre de la variante choisie (ou --variant) est posé sur l’image aux couleurs de la marque. La publication garde son image précédente en cas d’échec.',
  ),
  options: {
    regenerate: flag(
      '--regenerate',
      l('make a new image even if the post has one', 'refaire l’image même si la publication en a une'),
    ),
    prompt: text(
      '--prompt <text>',
      l(
        'describe the picture yourself (replaces the prompt built from the brand)',
        'décrire l’image vous-même (remplace la consigne tirée de la marque)',
      ),
      { nonEmpty: l('Describe the picture in a sentence.', 'Décrivez l’image en une phrase.') },
    ),
    variant: variantOption(
      l('use this variant’s headline and subject', 'utiliser le titre et le sujet de cette variante'),
    ),
    file: text(
      '--file <path>',
      l(
        'use your own picture (PNG, JPEG, WebP; at most 25 MB)',
        'utiliser votre propre image (PNG, JPEG, WebP; 25 Mo au plus)',
      ),
    ),
    open: flag('--open', l('open the image with the system viewer', 'ouvrir l’image avec la visionneuse du système')),
  },
  exclusive: [
    ['file', 'prompt'],
    ['file', 'regenerate'],
  ],
  examples: [
    { command: 'autoscale image 3f9a1c2e', description: l('show (or make) the image', 'afficher (ou créer) l’image') },
    {
      command: 'autoscale image 3f9a1c2e --regenerate --variant 2',
      description: l('a new image from variant 2', 'une nouvelle image à partir de la variante 2'),
    },
    {
      command: 'autoscale image 3f9a1c2e --file ~/photos/equipe.jpg --open',
      description: l('your own photo, then open it', 'votre propre photo, puis l’ouvrir'),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runImage } = await import('../src/cli/handlers/image-handler.js');
    await runImage(ctx, id, opts);
  },
});
