import type { BrandProfile } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { l } from '../i18n/localized.js';
import { hexToRgb, scrimOpacityFor, type Rgb } from './colour.js';
import type { FontSet } from './fonts.js';
import { cardBackgroundSvg, deepPrimary, HEADLINE_BOX, HEIGHT, overlaySvg, WIDTH, type Overlay } from './layout.js';

/** sharp is loaded only when an image is made, so other commands start without libvips. */
const loadSharp = async () => (await import('sharp')).default;

/** Facebook photos must stay under 10 MB; Instagram JPEGs under 8 MB. */
export const MAX_JPEG_BYTES = 8 * 1024 * 1024;

export interface Rendered {
  png: Buffer;
  jpeg: Buffer;
  width: number;
  height: number;
  overlay: Overlay;
  scrimOpacity: number | null;
}

/** PNG and JPEG from the final raster. sharp writes no metadata unless asked (EXIF, GPS, XMP stripped). */
const encode = async (raster: Buffer): Promise<{ png: Buffer; jpeg: Buffer }> => {
  const sharp = await loadSharp();
  const png = await sharp(raster, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
  let quality = 90;
  let jpeg = await sharp(raster, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality, chromaSubsampling: '4:4:4' }).toBuffer();
  while (jpeg.length > MAX_JPEG_BYTES && quality > 40) {
    quality -= 10;
    jpeg = await sharp(raster, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality }).toBuffer();
  }
  return { png, jpeg };
};

const flatten = async (input: Buffer, overlay: string): Promise<Buffer> => {
  const sharp = await loadSharp();
  return sharp(input)
    .composite([{ input: Buffer.from(overlay), top: 0, left: 0 }])
    .removeAlpha()
    .raw()
    .toBuffer();
};

/** A designed background (the offline card) with the shared text layer; no scrim needed. */
export const renderOnCard = async (fonts: FontSet, profile: BrandProfile, headline: string, background: Buffer, seed: string): Promise<Rendered> => {
  const sharp = await loadSharp();
  const base = await sharp(background).resize(WIDTH, HEIGHT, { fit: 'cover' }).png({ compressionLevel: 0 }).toBuffer();
  const overlay = overlaySvg(fonts, { profile, headline, look: 'card', seed });
  const raster = await flatten(base, overlay.svg);
  return { ...(await encode(raster)), width: WIDTH, height: HEIGHT, overlay, scrimOpacity: null };
};

/** The offline branded card from scratch (samples, benchmarks, tests). */
export const renderCard = async (fonts: FontSet, profile: BrandProfile, headline: string, seed: string): Promise<Rendered> => {
  const sharp = await loadSharp();
  const background = await sharp(Buffer.from(cardBackgroundSvg(profile, seed))).png().toBuffer();
  return renderOnCard(fonts, profile, headline, background, seed);
};

export interface SourceInfo {
  width: number;
  height: number;
  format: string;
}

/** Reads an image's header; anything sharp cannot decode is a usage error, not a crash. */
export const probeImage = async (bytes: Buffer): Promise<SourceInfo> => {
  const sharp = await loadSharp();
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height || !meta.format) throw new Error('no dimensions');
    return { width: meta.width, height: meta.height, format: meta.format };
  } catch (error) {
    throw new UsageError(l('The file is not an image autoscale can read (PNG, JPEG, WebP, GIF, AVIF, TIFF).', 'Le fichier n’est pas une image lisible par autoscale (PNG, JPEG, WebP, GIF, AVIF, TIFF).'), {
      code: 'not_an_image',
      cause: error,
      fix: l('Export the picture as PNG or JPEG and try again.', 'Exportez l’image en PNG ou JPEG et réessayez.'),
    });
  }
};

/**
 * A photo (provider answer or the user's own file) cropped to 1200×630 on its most salient part,
 * with the text layer on top. The scrim is as light as the photo allows while keeping the
 * headline at WCAG AA contrast (4.5:1) against the brightest typical colour under the text.
 */
export const renderOnPhoto = async (fonts: FontSet, profile: BrandProfile, headline: string, photo: Buffer, seed: string): Promise<Rendered> => {
  const sharp = await loadSharp();
  const base = await sharp(photo, { failOn: 'error' })
    .rotate()
    .resize(WIDTH, HEIGHT, { fit: 'cover', position: sharp.strategy.attention })
    .removeAlpha()
    .toColourspace('srgb')
    .png({ compressionLevel: 0 })
    .toBuffer();
  const stats = await sharp(base)
    .extract({ left: HEADLINE_BOX.x, top: HEADLINE_BOX.y, width: HEADLINE_BOX.width, height: HEADLINE_BOX.height })
    .stats();
  const under = stats.channels.slice(0, 3).map((ch) => Math.min(255, ch.mean + ch.stdev)) as unknown as Rgb;
  const probe = overlaySvg(fonts, { profile, headline, look: 'photo', seed });
  const scrim = scrimOpacityFor(under, hexToRgb(deepPrimary(profile)), hexToRgb(probe.textColour));
  const overlay = overlaySvg(fonts, { profile, headline, look: 'photo', seed, scrimOpacity: scrim });
  const raster = await flatten(base, overlay.svg);
  return { ...(await encode(raster)), width: WIDTH, height: HEIGHT, overlay, scrimOpacity: scrim };
};
