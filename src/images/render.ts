import type SharpModule from 'sharp';
import type { BrandProfile } from '../config/schema.js';
import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { hexToRgb, scrimOpacityFor, type Rgb } from './colour.js';
import type { FontSet } from './fonts.js';
import {
  cardBackgroundSvg,
  deepPrimary,
  FEED_CANVAS,
  HEADLINE_BOX,
  HEIGHT,
  overlaySvg,
  textColourFor,
  WIDTH,
  type Canvas,
  type Overlay,
} from './layout.js';

type Sharp = typeof SharpModule;

/**
 * sharp is loaded only when an image is made, so other commands start without libvips. Once
 * loaded it is called directly: a generation hands the composition to sharp's thread in the same
 * turn as the headline arrives, before the thread goes on to check the drafts.
 */
let loaded: Sharp | undefined;
const loadSharp = async (): Promise<Sharp> => (loaded ??= (await import('sharp')).default);
const withSharp = <T>(use: (sharp: Sharp) => Promise<T>): Promise<T> => (loaded ? use(loaded) : loadSharp().then(use));

/** Loads sharp ahead of the first picture (while a provider works). */
export const warmSharp = (): Promise<unknown> => loadSharp();

/**
 * The photo's path run once on a blank picture of the provider's size (JPEG decoding, the
 * attention crop, a text layer, the JPEG), while a provider works: libvips sets each operation
 * up and takes its large buffers on first use, which cost a process's first picture 10–20 ms
 * more on its crop and a few on its composition (measured).
 */
export const warmPhotoPath = async (fonts: FontSet, profile: BrandProfile, size: string): Promise<void> => {
  // `auto` (the provider chooses) warms on the landscape size the feed is cropped from.
  const [, w, h] = /^(\d+)x(\d+)$/.exec(size) ?? [size, '1536', '1024'];
  const [width, height] = [Number(w), Number(h)];
  const sharp = await loadSharp();
  const blank = await sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .jpeg({ quality: 50 })
    .toBuffer();
  await renderOnCrop(fonts, profile, 'Échauffement', await cropPhoto(blank), '');
};

/** Facebook photos must stay under 10 MB; Instagram JPEGs under 8 MB. */
export const MAX_JPEG_BYTES = 8 * 1024 * 1024;

export interface Rendered {
  /** The feed image (Facebook): JPEG for a photo, PNG for the card's flat colours and text. */
  feed: Buffer;
  feedFormat: 'png' | 'jpeg';
  /** The JPEG (Instagram accepts only JPEG); the same buffer as `feed` for a photo. */
  jpeg: Buffer;
  width: number;
  height: number;
  overlay: Overlay;
  scrimOpacity: number | null;
}

type Encoded = Pick<Rendered, 'feed' | 'feedFormat' | 'jpeg'>;
type Pipeline = ReturnType<Sharp>;

const rawOf = (canvas: Canvas) => ({ raw: { width: canvas.width, height: canvas.height, channels: 3 as const } });

/**
 * A JPEG at quality 90, no chroma subsampling so the headline's edges stay clean, lowered by
 * steps while it exceeds the platforms' limit. sharp writes no metadata unless asked (EXIF, GPS,
 * XMP stripped). The Huffman tables are the standard ones: optimising them is a second pass
 * that makes the file only ≈ 6 % smaller (the same pixels), for an upload the platforms
 * recompress anyway, and the feed's encoding took 13 ms with it against 5 ms without, at the
 * end of every generation.
 */
const cappedJpeg = async (source: () => Pipeline): Promise<Buffer> => {
  const at = (quality: number) =>
    source()
      .jpeg({ quality, chromaSubsampling: quality >= 80 ? '4:4:4' : '4:2:0', optimiseCoding: false })
      .toBuffer();
  let quality = 90;
  let jpeg = await at(quality);
  while (jpeg.length > MAX_JPEG_BYTES && quality > 40) {
    quality -= 10;
    jpeg = await at(quality);
  }
  return jpeg;
};

/** The card's files: a PNG for the feed's flat colours and text, and its JPEG twin, in parallel. */
const encodeCard = (raster: Buffer): Promise<Encoded> =>
  withSharp(async (sharp) => {
    const raw = rawOf(FEED_CANVAS);
    const [png, jpeg] = await Promise.all([
      sharp(raster, raw).png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer(),
      cappedJpeg(() => sharp(raster, raw)),
    ]);
    return { feed: png, feedFormat: 'png', jpeg };
  });

/** Composites the SVG text layer on a raw RGB base. */
const withText = (sharp: Sharp, base: Buffer, overlay: string, canvas: Canvas): Pipeline =>
  sharp(base, rawOf(canvas))
    .composite([{ input: Buffer.from(overlay), top: 0, left: 0 }])
    .removeAlpha();

/**
 * A photo with its text layer, composited and encoded in one pass: a photo is only a JPEG (its
 * PNG was seven times larger, 1.9 MB against 250 kB, for an upload the platforms recompress to
 * JPEG anyway), and without the intermediate raster the composition takes a third less time.
 */
const composeJpeg = (base: Buffer, overlay: string, canvas: Canvas = FEED_CANVAS): Promise<Encoded> =>
  withSharp(async (sharp) => {
    const jpeg = await cappedJpeg(() => withText(sharp, base, overlay, canvas));
    return { feed: jpeg, feedFormat: 'jpeg', jpeg };
  });

/** Brightest typical colour (mean + 1 standard deviation per channel) of a box of a raw RGB image. */
const regionColour = (
  raw: Buffer,
  box: { x: number; y: number; width: number; height: number },
  rowWidth = WIDTH,
): Rgb => {
  // Plain local sums, on the way from the crop to the composition: with arrays of sums a call
  // took 3–10 ms (later calls slower), now 4 ms for a process's first and 0.2 ms after it (the
  // photo's warm-up makes the picture's the second), the same sums.
  let r = 0;
  let g = 0;
  let b = 0;
  let rr = 0;
  let gg = 0;
  let bb = 0;
  for (let y = box.y; y < box.y + box.height; y += 2) {
    for (let i = (y * rowWidth + box.x) * 3, end = i + box.width * 3; i < end; i += 6) {
      const vr = raw[i]!;
      const vg = raw[i + 1]!;
      const vb = raw[i + 2]!;
      r += vr;
      g += vg;
      b += vb;
      rr += vr * vr;
      gg += vg * vg;
      bb += vb * vb;
    }
  }
  const n = Math.ceil(box.width / 2) * Math.ceil(box.height / 2);
  const typical = (total: number, squares: number) => {
    const mean = total / n;
    return Math.min(255, mean + Math.sqrt(Math.max(0, squares / n - mean * mean)));
  };
  return [typical(r, rr), typical(g, gg), typical(b, bb)];
};

/** A designed background (the offline card) with the shared text layer; no scrim needed. */
export const renderOnCard = async (
  fonts: FontSet,
  profile: BrandProfile,
  headline: string,
  background: Buffer,
  seed: string,
): Promise<Rendered> => {
  const sharp = await loadSharp();
  const base = await sharp(background)
    .resize(WIDTH, HEIGHT, { fit: 'cover' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
  const overlay = overlaySvg(fonts, { profile, headline, look: 'card', seed });
  const raster = await withText(sharp, base, overlay.svg, FEED_CANVAS).raw().toBuffer();
  return { ...(await encodeCard(raster)), width: WIDTH, height: HEIGHT, overlay, scrimOpacity: null };
};

/** The offline branded card from scratch (samples, benchmarks, tests). */
export const renderCard = async (
  fonts: FontSet,
  profile: BrandProfile,
  headline: string,
  seed: string,
): Promise<Rendered> => {
  const sharp = await loadSharp();
  const background = await sharp(Buffer.from(cardBackgroundSvg(profile, seed)))
    .png()
    .toBuffer();
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
    throw new UsageError(
      l(
        'The file is not an image autoscale can read (PNG, JPEG, WebP, GIF, AVIF, TIFF).',
        'Le fichier n’est pas une image lisible par autoscale (PNG, JPEG, WebP, GIF, AVIF, TIFF).',
      ),
      {
        code: 'not_an_image',
        cause: error,
        fix: l('Export the picture as PNG or JPEG and try again.', 'Exportez l’image en PNG ou JPEG et réessayez.'),
      },
    );
  }
};

/**
 * A photo cropped to the feed's 1200×630 on its most salient part, as raw RGB: the text-free
 * half of `renderOnPhoto`, which a generation starts as soon as the picture arrives.
 */
export const cropPhoto = async (photo: Buffer): Promise<Buffer> => {
  const sharp = await loadSharp();
  return sharp(photo, { failOn: 'error' })
    .rotate()
    .resize(WIDTH, HEIGHT, { fit: 'cover', position: sharp.strategy.attention })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
};

/**
 * A photo (provider answer or the user's own file) cropped to 1200×630 on its most salient part,
 * with the text layer on top. The scrim is as light as the photo allows while keeping the
 * headline at WCAG AA contrast (4.5:1) against the brightest typical colour under the text.
 * `cropped`: the photo already cropped by `cropPhoto` (the same bytes).
 */
export const renderOnPhoto = async (
  fonts: FontSet,
  profile: BrandProfile,
  headline: string,
  photo: Buffer,
  seed: string,
  cropped?: Promise<Buffer>,
): Promise<Rendered> => {
  // A failed early crop is redone here, so its error is reported as the image step's own.
  const base = await (cropped ? cropped.catch(() => cropPhoto(photo)) : cropPhoto(photo));
  return renderOnCrop(fonts, profile, headline, base, seed);
};

/**
 * The text layer on a photo already cropped by `cropPhoto`. Synchronous up to the hand-over to
 * sharp (once sharp is loaded): the layout is done and the composition queued on sharp's thread
 * before the caller's next step runs. Never throws: a failure is the promise's.
 */
export const renderOnCrop = (
  fonts: FontSet,
  profile: BrandProfile,
  headline: string,
  base: Buffer,
  seed: string,
): Promise<Rendered> => {
  try {
    const under = regionColour(base, HEADLINE_BOX);
    const scrim = scrimOpacityFor(under, hexToRgb(deepPrimary(profile)), hexToRgb(textColourFor(profile, 'photo')));
    const overlay = overlaySvg(fonts, { profile, headline, look: 'photo', seed, scrimOpacity: scrim });
    return composeJpeg(base, overlay.svg).then((encoded) => ({
      ...encoded,
      width: WIDTH,
      height: HEIGHT,
      overlay,
      scrimOpacity: scrim,
    }));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
};

/**
 * The same picture for another platform's size: the source (the provider's original, the
 * user's file, or the card background) cropped to the canvas on its most salient part, then the
 * text layer laid out anew for that canvas, so the headline is never cut by a crop. A JPEG
 * only (`feed` is the same buffer): Instagram and LinkedIn take JPEG.
 */
export const renderForCanvas = async (
  fonts: FontSet,
  profile: BrandProfile,
  headline: string,
  source: Buffer,
  look: 'card' | 'photo',
  seed: string,
  canvas: Canvas,
): Promise<Rendered> => {
  const sharp = await loadSharp();
  const base = await sharp(source, { failOn: 'error' })
    .rotate()
    .resize(canvas.width, canvas.height, {
      fit: 'cover',
      position: look === 'photo' ? sharp.strategy.attention : 'centre',
    })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
  const scrim =
    look === 'photo'
      ? scrimOpacityFor(
          regionColour(base, canvas.headlineBox, canvas.width),
          hexToRgb(deepPrimary(profile)),
          hexToRgb(textColourFor(profile, 'photo')),
        )
      : undefined;
  const overlay = overlaySvg(
    fonts,
    { profile, headline, look, seed, ...(scrim !== undefined ? { scrimOpacity: scrim } : {}) },
    canvas,
  );
  return {
    ...(await composeJpeg(base, overlay.svg, canvas)),
    width: canvas.width,
    height: canvas.height,
    overlay,
    scrimOpacity: scrim ?? null,
  };
};

/** The card background alone, as PNG (the source of the card look at any size). */
export const cardBackground = async (profile: BrandProfile, seed: string): Promise<Buffer> => {
  const sharp = await loadSharp();
  return sharp(Buffer.from(cardBackgroundSvg(profile, seed)))
    .png()
    .toBuffer();
};
