import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { NBSP, NNBSP } from '../../src/domain/typography.js';
import { contrastRatio, hexToRgb, mix, scrimOpacityFor } from '../../src/images/colour.js';
import { loadFonts, type FontSet } from '../../src/images/fonts.js';
import { HEADLINE_BOX, HEIGHT, WIDTH, deepPrimary, overlaySvg } from '../../src/images/layout.js';
import { MAX_JPEG_BYTES, renderCard, renderOnPhoto, warmPhotoPath } from '../../src/images/render.js';
import {
  fitHeadline,
  fitText,
  measure,
  missingGlyphs,
  phrasePrefixes,
  prepareHeadline,
  textPathData,
  wrapText,
} from '../../src/images/text-layout.js';
import { autoscaleBrand } from '../../src/config/defaults.js';
import { ROOT } from '../helpers/cli.js';
import { syntheticPhoto } from '../helpers/images.js';

const profile = autoscaleBrand().profile;
const ACCENTS = 'Réceptionniste IA québécoise — 24/7';
const GOLDEN = join(ROOT, 'test', 'golden', 'accents-card.png');

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

/** Share of pixels in the headline box brighter than `threshold` (white text on the blue card). */
const brightShare = async (png: Buffer, threshold = 200): Promise<number> => {
  const { data, info } = await sharp(png)
    .extract({ left: HEADLINE_BOX.x, top: HEADLINE_BOX.y, width: HEADLINE_BOX.width, height: HEADLINE_BOX.height })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let bright = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! > threshold) bright += 1;
  return bright / (info.width * info.height);
};

describe('French typography for headlines', () => {
  it('puts no-break spaces before : ; ! ? and inside « », and glues dashes', () => {
    const out = prepareHeadline('Vos appels du soir?  Voici la réponse : «une réceptionniste» — 24/7!');
    expect(out).toBe(
      `Vos appels du soir${NNBSP}? Voici la réponse${NBSP}: «${NBSP}une réceptionniste${NBSP}»${NBSP}— 24/7${NNBSP}!`,
    );
    expect(prepareHeadline(out)).toBe(out);
  });

  it('leaves English headlines alone apart from spacing', () => {
    expect(prepareHeadline('Missed calls?  Fixed.', 'en-CA')).toBe('Missed calls? Fixed.');
  });

  it('never starts a line with punctuation that belongs to the previous word, and keeps every word', () => {
    const word = fc.stringMatching(/^[a-zéèàçô]{1,12}$/);
    const punct = fc.constantFrom('', '?', '!', ':', ';', ' —');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, punct), { minLength: 1, maxLength: 14 }), (parts) => {
        const text = prepareHeadline(parts.map(([w, p]) => w + p).join(' '));
        const wrapped = wrapText(text, fonts.bold, {
          maxWidth: 700,
          maxLines: 6,
          maxSize: 76,
          minSize: 40,
          lineHeight: 1.1,
        });
        if (wrapped.truncated) return;
        expect(wrapped.lines.join(' ')).toBe(text);
        for (const line of wrapped.lines) {
          expect(line).not.toMatch(/^[?!:;»—]/u);
          expect(
            measure(line, { font: fonts.bold, size: wrapped.size, tracking: wrapped.tracking }),
          ).toBeLessThanOrEqual(700.5);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('shrinks long headlines, then truncates with an ellipsis rather than overflowing', () => {
    const long = wrapText(
      'Les PME de Laval qui manquent des appels le soir perdent des contrats chaque semaine sans le savoir, et voici comment changer cela dès demain matin sans embaucher',
      fonts.bold,
      { maxWidth: 700, maxLines: 4, maxSize: 76, minSize: 40, lineHeight: 1.12 },
    );
    expect(long.size).toBeLessThan(76);
    expect(long.lines.length).toBeLessThanOrEqual(4);
    const huge = wrapText('mot '.repeat(200), fonts.bold, {
      maxWidth: 700,
      maxLines: 4,
      maxSize: 76,
      minSize: 40,
      lineHeight: 1.12,
    });
    expect(huge.truncated).toBe(true);
    expect(huge.lines).toHaveLength(4);
    expect(huge.lines[3]).toMatch(/…$/);
  });
});

describe('headline on the card: never cut inside a phrase', () => {
  const box = { maxWidth: HEADLINE_BOX.width, maxSize: 76, lineHeight: 1.12, tracking: -0.02, maxHeight: 300 };

  it('shorter wordings stop at the end of a phrase, longest first, without a trailing joiner', () => {
    expect(
      phrasePrefixes(prepareHeadline('Clinique à Québec : moins d’absences, plus de temps — et des clients fidèles')),
    ).toEqual([
      `Clinique à Québec${NBSP}: moins d’absences, plus de temps`,
      `Clinique à Québec${NBSP}: moins d’absences`,
      'Clinique à Québec',
    ]);
    expect(phrasePrefixes('Aucune ponctuation ici')).toEqual([]);
  });

  it('a headline too long for four lines shows its first phrases whole, never “…” mid-phrase', () => {
    const long = prepareHeadline(
      'Mécanique automobile à Sherbrooke : plus aucun appel sans réponse pendant la période des pneus, même quand toute l’équipe est sous les voitures et que le téléphone sonne sans arrêt',
    );
    const fitted = fitHeadline(long, fonts.bold, box);
    expect(fitted.shortened).toBe(true);
    expect(fitted.shown).toBe(
      `Mécanique automobile à Sherbrooke${NBSP}: plus aucun appel sans réponse pendant la période des pneus`,
    );
    expect(fitted.lines.join(' ')).toBe(fitted.shown);
    expect(fitted.lines.join(' ')).not.toMatch(/…/);
    expect(fitted.size).toBeGreaterThanOrEqual(40);
    expect(fitted.lines.length).toBeLessThanOrEqual(4);
    // The card's title (and the images row) keep the whole headline; the picture shows the phrase.
    const overlay = overlaySvg(fonts, { profile, headline: long, look: 'card', seed: 's' });
    expect(overlay.text).toBe(long);
    expect(overlay.headline.shown).toBe(fitted.shown);
  });

  it('property: whatever the headline, the shown words are a whole-phrase prefix and fit the box', () => {
    const word = fc.stringMatching(/^[a-zéèàçô]{1,12}$/);
    const punct = fc.constantFrom('', '', '', ',', ' :', '.', ' ?', ' —');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, punct), { minLength: 1, maxLength: 40 }), (parts) => {
        const text = prepareHeadline(parts.map(([w, p]) => w + p).join(' '));
        const fitted = fitHeadline(text, fonts.bold, box);
        const shown = fitted.lines.join(' ');
        expect(fitted.height).toBeLessThanOrEqual(300.5);
        if (!fitted.shortened) expect(shown).toBe(text);
        else if (!shown.endsWith('…')) {
          expect(phrasePrefixes(text)).toContain(shown);
        }
        // An ellipsis only when no phrase of the headline fits at all.
        if (shown.endsWith('…'))
          for (const p of phrasePrefixes(text))
            expect(fitText(p, fonts.bold, { ...box, maxLines: 4, minSize: 40 })).toBeUndefined();
      }),
      { numRuns: 120 },
    );
  });
});

describe('glyph coverage', () => {
  it('Inter draws every character of Quebec French headlines', () => {
    const all = `${ACCENTS} « » ’ àâäçéèêëîïôöùûüÿœæ ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ 0123456789 % $ & @ ( ) … – — ? ! : ;`;
    for (const face of [fonts.bold, fonts.semibold, fonts.regular]) expect(missingGlyphs(face, all)).toEqual([]);
    // An accented letter is drawn with more outline than its base letter.
    const style = { font: fonts.bold, size: 64 };
    expect(textPathData('é', style, 0, 64).length).toBeGreaterThan(textPathData('e', style, 0, 64).length);
    // Regression: opentype.js's own serialiser emitted NaN for é at some positions, and librsvg
    // silently dropped the rest of the headline. Every outline must be valid path data.
    const letters = 'àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆgq';
    for (let x = 600; x < 720; x += 0.731) {
      for (const size of [40, 52, 76]) {
        const d = textPathData(letters, { font: fonts.bold, size, tracking: -0.02 }, x, 300);
        expect(d).toMatch(/^(?:[MLQCZ](?:-?\d+(?:\.\d+)? ?)*)+$/);
      }
    }
    // Decomposed input (e + combining acute) is normalised to the precomposed glyph.
    expect(prepareHeadline('Que\u0301bec')).toBe('Québec');
  });
});

describe('rendered card (golden checks)', () => {
  it('is exactly 1200×630, PNG without metadata, with a JPEG under 8 MB', async () => {
    const card = await renderCard(fonts, profile, ACCENTS, 'golden');
    const meta = await sharp(card.feed).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([WIDTH, HEIGHT, 'png']);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    const jmeta = await sharp(card.jpeg).metadata();
    expect([jmeta.width, jmeta.height, jmeta.format]).toEqual([1200, 630, 'jpeg']);
    expect(card.jpeg.length).toBeLessThanOrEqual(MAX_JPEG_BYTES);
    expect(jmeta.exif).toBeUndefined();
  });

  it('shows the headline: bright text pixels in the headline box, none without a headline', async () => {
    const card = await renderCard(fonts, profile, ACCENTS, 'golden');
    const withText = await brightShare(card.feed);
    const empty = await renderCard(fonts, profile, ' ', 'golden');
    const without = await brightShare(empty.feed);
    expect(withText).toBeGreaterThan(0.08);
    expect(without).toBeLessThan(0.02);
  });

  it('renders the accents: matches the committed reference, and differs from the unaccented text', async () => {
    const card = await renderCard(fonts, profile, ACCENTS, 'golden');
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, card.feed);
    const [a, b] = await Promise.all(
      [card.feed, readFileSync(GOLDEN)].map((p) => sharp(p).removeAlpha().raw().toBuffer()),
    );
    expect(a!.length).toBe(b!.length);
    let diff = 0;
    for (let i = 0; i < a!.length; i++) diff += Math.abs(a![i]! - b![i]!);
    // Tolerance for anti-aliasing differences between libvips/librsvg builds.
    expect(diff / a!.length).toBeLessThan(1.5);

    const plain = await renderCard(fonts, profile, 'Receptionniste IA quebecoise — 24/7', 'golden');
    expect(await brightShare(card.feed)).toBeGreaterThan(await brightShare(plain.feed));
  });

  it('draws every line of a long headline (ink in each line band)', async () => {
    const text =
      'Votre PME perd-elle 1 appel sur 3? Voici ce que nos clients de Laval, Québec et Sherbrooke ont changé en un mois pour ne plus rien manquer';
    const card = await renderCard(fonts, profile, text, 'long');
    expect(card.overlay.headline.lines).toHaveLength(4);
    const { size, lineHeight } = card.overlay.headline;
    const top = HEADLINE_BOX.y + (HEADLINE_BOX.height - (card.overlay.headline.height + 30)) / 2 + 30;
    for (let i = 0; i < 4; i++) {
      const band = await sharp(card.feed)
        .extract({
          left: HEADLINE_BOX.x,
          top: Math.round(top + i * lineHeight),
          width: HEADLINE_BOX.width,
          height: Math.round(size),
        })
        .greyscale()
        .raw()
        .toBuffer();
      const bright = band.filter((v) => v > 200).length / band.length;
      expect(bright, `line ${i + 1}`).toBeGreaterThan(0.08);
      // The right end of each line is drawn too (the NaN bug cut lines short).
      const lineWidth = measure(card.overlay.headline.lines[i]!, {
        font: fonts.bold,
        size,
        tracking: card.overlay.headline.tracking,
      });
      const tail = await sharp(card.feed)
        .extract({
          left: Math.round(HEADLINE_BOX.x + lineWidth - 60),
          top: Math.round(top + i * lineHeight),
          width: 60,
          height: Math.round(size),
        })
        .greyscale()
        .raw()
        .toBuffer();
      expect(tail.filter((v) => v > 200).length, `end of line ${i + 1}`).toBeGreaterThan(50);
    }
  });

  it('is deterministic: same input, same bytes', async () => {
    const one = await renderCard(fonts, profile, ACCENTS, 'seed-x');
    const two = await renderCard(fonts, profile, ACCENTS, 'seed-x');
    expect(one.feed.equals(two.feed)).toBe(true);
  });
});

describe('the photo path warmed while a provider works', () => {
  it('runs on a blank picture of each size the provider may answer in, `auto` included', async () => {
    for (const size of ['1536x1024', '1024x1536', '1024x1024', 'auto']) {
      await expect(warmPhotoPath(fonts, profile, size)).resolves.toBeUndefined();
    }
  });
});

describe('overlay on a photo', () => {
  it('crops any input to 1200×630 and keeps the headline at AA contrast', async () => {
    for (const [w, h] of [
      [1536, 1024],
      [1024, 1536],
      [2000, 600],
    ] as const) {
      const photo = await syntheticPhoto(w, h);
      const out = await renderOnPhoto(fonts, profile, ACCENTS, photo, 's');
      const meta = await sharp(out.feed).metadata();
      expect([meta.width, meta.height]).toEqual([1200, 630]);
      // A photo is one JPEG, for the feed and for Instagram.
      expect([meta.format, out.feedFormat, out.feed === out.jpeg]).toEqual(['jpeg', 'jpeg', true]);
      expect(await brightShare(out.feed, 235)).toBeGreaterThan(0.05);
    }
  });

  it('darkens the scrim more over a bright photo than over a dark one', async () => {
    const white = await sharp({ create: { width: 1536, height: 1024, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const night = await sharp({ create: { width: 1536, height: 1024, channels: 3, background: '#101820' } })
      .png()
      .toBuffer();
    // A lighter brand blue than AutoScale's, so the scrim has to work for its contrast.
    const light = { ...profile, colours: { ...profile.colours, primary: '#4A90E2' } };
    const bright = await renderOnPhoto(fonts, light, ACCENTS, white, 's');
    const dark = await renderOnPhoto(fonts, light, ACCENTS, night, 's');
    expect(bright.scrimOpacity!).toBeGreaterThan(dark.scrimOpacity!);
    const scrim = hexToRgb(deepPrimary(light));
    expect(contrastRatio(mix([255, 255, 255], scrim, bright.scrimOpacity!), [255, 255, 255])).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it('computes the least scrim that reaches the target contrast', () => {
    const a = scrimOpacityFor([255, 255, 255], [0, 0, 0], [255, 255, 255], 4.5, 0, 1);
    expect(contrastRatio(mix([255, 255, 255], [0, 0, 0], a), [255, 255, 255])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(mix([255, 255, 255], [0, 0, 0], a - 0.02), [255, 255, 255])).toBeLessThan(4.5);
  });

  it('strips camera metadata from the output', async () => {
    const photo = await syntheticPhoto(1600, 1000, 'jpeg');
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const out = await renderOnPhoto(fonts, profile, 'Titre', photo, 's');
    expect((await sharp(out.feed).metadata()).exif).toBeUndefined();
    expect((await sharp(out.jpeg).metadata()).exif).toBeUndefined();
  });
});
