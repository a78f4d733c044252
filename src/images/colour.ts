/** Colour arithmetic for the layout: contrast is computed, not eyeballed (WCAG 2.x formulas). */
export type Rgb = readonly [number, number, number];

export const hexToRgb = (hex: string): Rgb => {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
};

export const rgbToHex = (rgb: Rgb): string =>
  `#${rgb
    .map((c) =>
      Math.max(0, Math.min(255, Math.round(c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** Linear blend: t = 0 gives a, t = 1 gives b. */
export const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

export const darken = (hex: string, amount: number): string => rgbToHex(mix(hexToRgb(hex), [0, 0, 0], amount));
export const lighten = (hex: string, amount: number): string => rgbToHex(mix(hexToRgb(hex), [255, 255, 255], amount));

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

export const luminance = (rgb: Rgb): number =>
  0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);

export const contrastRatio = (a: Rgb, b: Rgb): number => {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};

/** The candidate with the best contrast against the background. */
export const bestTextColour = (background: Rgb, candidates: string[]): string => {
  let best = candidates[0]!;
  let bestRatio = -1;
  for (const c of candidates) {
    const r = contrastRatio(hexToRgb(c), background);
    if (r > bestRatio) {
      best = c;
      bestRatio = r;
    }
  }
  return best;
};

/**
 * The least scrim opacity (over a photo region whose brightest typical colour is `under`) that
 * gives the text at least `target` contrast; capped so the photo still shows through.
 */
export const scrimOpacityFor = (under: Rgb, scrim: Rgb, text: Rgb, target = 4.5, min = 0.68, max = 0.94): number => {
  for (let a = min; a <= max; a += 0.01) {
    if (contrastRatio(mix(under, scrim, a), text) >= target) return Math.round(a * 100) / 100;
  }
  return max;
};
