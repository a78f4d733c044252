import type { BrandProfile } from '../config/schema.js';
import { bestTextColour, darken, hexToRgb, lighten, type Rgb } from './colour.js';
import type { FontSet } from './fonts.js';
import { fitHeadline, measure, prepareHeadline, textPathData, type FittedHeadline } from './text-layout.js';

/** Facebook feed size (1.91:1). */
export const WIDTH = 1200;
export const HEIGHT = 630;

/** Safe margins: nothing readable closer to the edge than this (feed crops and rounded corners). */
export const SAFE = { x: 72, top: 60, bottom: 56 } as const;

/** The headline box, exported so golden tests can sample it. */
export const HEADLINE_BOX = { x: SAFE.x, y: 150, width: 700, height: 340 } as const;

export type Look = 'card' | 'photo';

/**
 * A canvas and where the text goes on it. The feed canvas is the original 1200×630 layout;
 * other sizes (Instagram 4:5, LinkedIn 1200×627) get their own boxes, so the headline is laid
 * out again for each size instead of being cropped out of the feed image.
 */
export interface Canvas {
  width: number;
  height: number;
  safe: { x: number; top: number; bottom: number };
  headlineBox: { x: number; y: number; width: number; height: number };
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** Landscape canvases darken the text side (left to right); portrait ones the lower part. */
  orientation: 'landscape' | 'portrait';
}

export const FEED_CANVAS: Canvas = {
  width: WIDTH,
  height: HEIGHT,
  safe: SAFE,
  headlineBox: HEADLINE_BOX,
  maxSize: 76,
  minSize: 40,
  maxLines: 4,
  orientation: 'landscape',
};

/** The layout for any size: the feed layout for landscape sizes, a tall one for portrait. */
export const canvasFor = (width: number, height: number): Canvas => {
  if (width === WIDTH && height === HEIGHT) return FEED_CANVAS;
  if (width / height >= 1.3) {
    const scale = height / HEIGHT;
    const safe = {
      x: Math.round(SAFE.x * scale),
      top: Math.round(SAFE.top * scale),
      bottom: Math.round(SAFE.bottom * scale),
    };
    return {
      width,
      height,
      safe,
      headlineBox: {
        x: safe.x,
        y: Math.round(HEADLINE_BOX.y * scale),
        width: Math.round(Math.min(HEADLINE_BOX.width * scale, width * 0.6)),
        height: Math.round(HEADLINE_BOX.height * scale),
      },
      maxSize: Math.round(76 * scale),
      minSize: Math.round(40 * scale),
      maxLines: 4,
      orientation: 'landscape',
    };
  }
  const unit = width / 1080;
  const safe = { x: Math.round(72 * unit), top: Math.round(72 * unit), bottom: Math.round(64 * unit) };
  return {
    width,
    height,
    safe,
    headlineBox: {
      x: safe.x,
      y: Math.round(height * 0.42),
      width: width - 2 * safe.x,
      height: Math.round(height * 0.42),
    },
    maxSize: Math.round(96 * unit),
    minSize: Math.round(48 * unit),
    maxLines: 5,
    orientation: 'portrait',
  };
};

export interface OverlayInput {
  profile: BrandProfile;
  headline: string;
  look: Look;
  /** Varies the card's decoration per post, deterministically. */
  seed: string;
  /** Photo look: scrim opacity over the text side (computed from the photo for contrast). */
  scrimOpacity?: number;
}

export interface Overlay {
  svg: string;
  headline: FittedHeadline;
  /** The whole headline with the brand's typography (what the picture is matched against). */
  text: string;
  textColour: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const hash = (s: string): number => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

/** Seeded 0..1 values for the decoration. */
const rng = (seed: string) => {
  let state = hash(seed) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
};

/** Scrim base for photos and the card's dark end: the primary, deepened so white text carries. */
export const deepPrimary = (profile: BrandProfile): string => darken(profile.colours.primary, 0.45);

/** White, the brand text colour or the brand background: whichever reads best on the look's base. */
export const textColourFor = (profile: BrandProfile, look: Look): string => {
  const c = profile.colours;
  const background: Rgb = hexToRgb(look === 'card' ? c.primary : deepPrimary(profile));
  return bestTextColour(background, ['#FFFFFF', c.text, c.background]);
};

/** The card background (gradient, dot grid, sound-wave motif) without any text. */
export const cardBackgroundSvg = (profile: BrandProfile, seed: string): string => {
  const c = profile.colours;
  const rand = rng(seed);
  const bars: string[] = [];
  const n = 26;
  const x0 = 800;
  const step = 14;
  const mid = 330;
  const phase = rand() * Math.PI * 2;
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    const envelope = Math.sin(Math.PI * t) ** 0.7;
    const wave = 0.55 + 0.45 * Math.abs(Math.sin(phase + i * 0.62)) * (0.7 + 0.3 * rand());
    const h = Math.max(14, 250 * envelope * wave);
    bars.push(
      `<rect x="${x0 + i * step}" y="${(mid - h / 2).toFixed(1)}" width="7" height="${h.toFixed(1)}" rx="3.5" fill="url(#bar)"/>`,
    );
  }
  const dots: string[] = [];
  for (let y = 40; y < HEIGHT; y += 28) for (let x = 640; x < WIDTH; x += 28) dots.push(`M${x} ${y}h0.01`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c.primary}"/><stop offset="1" stop-color="${deepPrimary(profile)}"/></linearGradient>
<radialGradient id="glow" cx="0.85" cy="0.2" r="0.6"><stop offset="0" stop-color="${c.secondary}" stop-opacity="0.45"/><stop offset="1" stop-color="${c.secondary}" stop-opacity="0"/></radialGradient>
<radialGradient id="glow2" cx="0.05" cy="1" r="0.55"><stop offset="0" stop-color="${c.secondary}" stop-opacity="0.14"/><stop offset="1" stop-color="${c.secondary}" stop-opacity="0"/></radialGradient>
<linearGradient id="bar" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c.secondary}"/><stop offset="1" stop-color="${lighten(c.secondary, 0.35)}" stop-opacity="0.55"/></linearGradient>
<linearGradient id="fade" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="0.5" stop-color="#fff" stop-opacity="1"/></linearGradient>
<mask id="dotmask"><rect x="600" y="0" width="600" height="${HEIGHT}" fill="url(#fade)"/></mask>
</defs>
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#bg)"/>
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow)"/>
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow2)"/>
<path d="${dots.join('')}" stroke="${c.secondary}" stroke-opacity="0.22" stroke-width="3.2" stroke-linecap="round" mask="url(#dotmask)"/>
<circle cx="${x0 + ((n - 1) * step) / 2 + 3}" cy="${mid}" r="196" fill="none" stroke="${c.secondary}" stroke-opacity="0.18" stroke-width="2"/>
<circle cx="${x0 + ((n - 1) * step) / 2 + 3}" cy="${mid}" r="236" fill="none" stroke="${c.secondary}" stroke-opacity="0.09" stroke-width="2"/>
${bars.join('\n')}
</svg>`;
};

/** The brand mark: a rounded square in the accent colour with a small wave, then the company name. */
const logo = (fonts: FontSet, profile: BrandProfile, colour: string, canvas: Canvas): string => {
  const c = profile.colours;
  const x = canvas.safe.x;
  const y = canvas.safe.top;
  const s = 44;
  const wave = [10, 20, 30, 18, 8]
    .map(
      (h, i) =>
        `<rect x="${x + 9 + i * 6}" y="${y + s / 2 - h / 2}" width="3.2" height="${h}" rx="1.6" fill="${deepPrimary(profile)}"/>`,
    )
    .join('');
  const nameStyle = { font: fonts.semibold, size: 26, tracking: -0.005 };
  const name = textPathData(profile.company, nameStyle, x + s + 16, y + s / 2 + 9.5);
  return `<rect x="${x}" y="${y}" width="${s}" height="${s}" rx="11" fill="${c.accent}"/>${wave}<path d="${name}" fill="${colour}"/>`;
};

const footer = (fonts: FontSet, profile: BrandProfile, colour: string, canvas: Canvas): string => {
  const label = profile.website ?? profile.phone;
  if (!label) return '';
  const style = { font: fonts.regular, size: 22, tracking: 0 };
  const y = canvas.height - canvas.safe.bottom;
  const w = measure(label, style);
  const x = canvas.safe.x;
  return (
    `<rect x="${x}" y="${y - 30}" width="28" height="2" fill="${colour}" fill-opacity="0.6"/>` +
    `<path d="${textPathData(label, style, x + 40, y - 22)}" fill="${colour}" fill-opacity="0.82"/>` +
    `<!-- footer ${w.toFixed(0)} -->`
  );
};

/**
 * The text layer, identical for the offline card and photos: logo, accent rule, headline and
 * footer, all as vector paths. The photo look adds a scrim in deep primary under the text side.
 */
export const overlaySvg = (fonts: FontSet, input: OverlayInput, canvas: Canvas = FEED_CANVAS): Overlay => {
  const profile = input.profile;
  const c = profile.colours;
  const text = prepareHeadline(input.headline, profile.language);
  const textColour = textColourFor(profile, input.look);
  const HEADLINE_BOX = canvas.headlineBox;
  const WIDTH = canvas.width;
  const HEIGHT = canvas.height;
  const wrapped = fitHeadline(text, fonts.bold, {
    maxWidth: HEADLINE_BOX.width,
    maxLines: canvas.maxLines,
    maxSize: canvas.maxSize,
    minSize: canvas.minSize,
    lineHeight: 1.12,
    tracking: -0.02,
    maxHeight: HEADLINE_BOX.height - 40,
  });
  const style = { font: fonts.bold, size: wrapped.size, tracking: wrapped.tracking };
  // Headline block centred in its box, with the accent rule 28 px above its cap height.
  const ruleGap = 30;
  const blockTop = HEADLINE_BOX.y + (HEADLINE_BOX.height - (wrapped.height + ruleGap)) / 2 + ruleGap;
  const paths = wrapped.lines
    .map((line, i) =>
      textPathData(line, style, HEADLINE_BOX.x, blockTop + wrapped.size * 0.78 + i * wrapped.lineHeight),
    )
    .join('');
  const [x2, y2] = canvas.orientation === 'portrait' ? [0, 1] : [1, 0];
  const portrait = canvas.orientation === 'portrait';
  const scrim =
    input.look === 'photo'
      ? `<defs><linearGradient id="scrim" x1="0" y1="${portrait ? 1 : 0}" x2="${portrait ? 0 : x2}" y2="${portrait ? 0 : y2}">` +
        `<stop offset="0" stop-color="${deepPrimary(profile)}" stop-opacity="${input.scrimOpacity ?? 0.85}"/>` +
        `<stop offset="0.62" stop-color="${deepPrimary(profile)}" stop-opacity="${input.scrimOpacity ?? 0.85}"/>` +
        `<stop offset="0.9" stop-color="${deepPrimary(profile)}" stop-opacity="0"/></linearGradient>` +
        `<linearGradient id="base" x1="0" y1="0" x2="0" y2="1"><stop offset="0.7" stop-color="${c.primary}" stop-opacity="0"/><stop offset="1" stop-color="${c.primary}" stop-opacity="0.35"/></linearGradient></defs>` +
        `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#scrim)"/><rect width="${WIDTH}" height="${HEIGHT}" fill="url(#base)"/>` +
        `<rect x="0" y="${HEIGHT - 8}" width="${WIDTH}" height="8" fill="${c.accent}"/>`
      : `<rect x="0" y="${HEIGHT - 8}" width="${WIDTH}" height="8" fill="${c.accent}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<title>${esc(wrapped.shown)}</title>
${scrim}
${logo(fonts, profile, textColour, canvas)}
<rect x="${HEADLINE_BOX.x}" y="${blockTop - ruleGap}" width="64" height="6" rx="3" fill="${c.accent}"/>
<path d="${paths}" fill="${textColour}"/>
${footer(fonts, profile, textColour, canvas)}
</svg>`;
  return { svg, headline: wrapped, text, textColour };
};
