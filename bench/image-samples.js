// Regenerates the sample images in docs/images/ from the built code (npm run build first):
//   node bench/image-samples.js
// Same layout engine as `autoscale image`; the "provider" picture is a synthetic photo.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { autoscaleBrand } from '../dist/src/config/defaults.js';
import { loadFonts } from '../dist/src/images/fonts.js';
import { renderCard, renderOnPhoto } from '../dist/src/images/render.js';
import { syntheticPhoto } from './lib/synthetic-photo.js';

const out = join(import.meta.dirname, '..', 'docs', 'images');
const profile = autoscaleBrand().profile;
const fonts = await loadFonts();

const card = await renderCard(fonts, profile, 'Réceptionniste IA québécoise — 24/7', 'sample-card');
writeFileSync(join(out, 'sample-offline-card.png'), card.feed);

const provider = await syntheticPhoto(1536, 1024, { seed: 7 });
const overlay = await renderOnPhoto(
  fonts,
  profile,
  'Plomberie à Laval : 27 appels du soir captés en un mois',
  provider,
  'sample-photo',
);
writeFileSync(join(out, 'sample-provider-overlay.jpg'), overlay.feed);

// A phone photo (portrait, with EXIF) as a user would bring it: cropped, overlaid, metadata stripped.
const own = await sharp(await syntheticPhoto(1080, 1350, { seed: 3 }))
  .jpeg({ quality: 90 })
  .withMetadata({ exif: { IFD0: { Make: 'Phone', Copyright: 'Garage Sherbrooke' } } })
  .toBuffer();
const byo = await renderOnPhoto(
  fonts,
  profile,
  'Vos clients vous appellent-ils pendant la saison des pneus?',
  own,
  'sample-file',
);
writeFileSync(join(out, 'sample-bring-your-own.jpg'), byo.feed);

console.log(
  JSON.stringify(
    {
      card: card.overlay.headline.lines,
      overlay: { lines: overlay.overlay.headline.lines, scrim: overlay.scrimOpacity },
      byo: { lines: byo.overlay.headline.lines, scrim: byo.scrimOpacity },
    },
    null,
    1,
  ),
);
