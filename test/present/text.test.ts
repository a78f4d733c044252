import fc from 'fast-check';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitLine, wrapText } from '../../src/present/text.js';

// The single-column fast path must measure and wrap exactly as string-width and wrap-ansi do:
// the golden screens were made with them, and any other text still goes through them.
const latin = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?()\'"-/%$#@éèêàâçôûùëïÉÈÀÇ«»’“”–—…•€',
);
const space = fc.constantFrom(' ', ' ', ' ', '\u00a0', '\u202f');
const word = fc.array(latin, { minLength: 0, maxLength: 25 }).map((cs) => cs.join(''));
const prose = fc
  .array(fc.tuple(word, fc.array(space, { minLength: 1, maxLength: 3 })), { maxLength: 30 })
  .map((parts) => parts.map(([w, s]) => w + s.join('')).join(''));

const reference = (text: string, width: number) =>
  wrapAnsi(text, Math.max(1, width), { hard: true, trim: true, wordWrap: true }).split('\n');

describe('display width and wrapping', () => {
  it('wraps single-column text exactly as wrap-ansi does (hard, trimmed, at ordinary spaces)', () => {
    fc.assert(
      fc.property(fc.array(prose, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 90 }), (lines, width) => {
        const text = lines.join('\n');
        expect(wrapText(text, width)).toEqual(reference(text, width));
      }),
      { numRuns: 2000 },
    );
  });

  it('measures single-column text as string-width does', () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('hands other text to the libraries: emoji, CJK, colour codes, combining marks, soft hyphens', () => {
    for (const text of [
      'Bravo 🎉 à toute l’équipe',
      '東京の会議',
      '\u001b[1mGras\u001b[22m et normal',
      'e\u0301te\u0301',
      'co\u00adopé',
    ]) {
      expect(displayWidth(text)).toBe(stringWidth(text));
      for (const width of [4, 7, 12]) expect(wrapText(text, width)).toEqual(reference(text, width));
    }
    expect(displayWidth('🎉')).toBe(2);
    expect(displayWidth('\u001b[1mab\u001b[22m')).toBe(2);
  });

  it('never breaks at a no-break space and hangs continuation lines', () => {
    const line = 'Votre réceptionniste répond à 13\u00a0h\u00a005 comme à 2\u00a0h\u00a0du matin, sans pause.';
    const fitted = fitLine(line, 24, 2).split('\n');
    expect(fitted.every((l) => displayWidth(l) <= 24)).toBe(true);
    expect(fitted.slice(1).every((l) => l.startsWith('  '))).toBe(true);
    expect(fitted.some((l) => /\u00a0$|^\s*\u00a0/.test(l))).toBe(false);
    expect(fitted.join(' ').replace(/ +/g, ' ')).toBe(line);
  });
});
