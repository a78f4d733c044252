import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frenchTypography, NBSP, NNBSP } from '../../src/domain/typography.js';

const show = (s: string) => s.replace(/\u00a0/g, '⍽').replace(/\u202f/g, '·');

describe('French typography fixer', () => {
  it('spaces « : ; ! ? » the OQLF way and treats « !! » and « ?! » as one mark', () => {
    expect(show(frenchTypography('Vraiment? Oui: "demain"; bravo!! Quoi?!'))).toBe(
      'Vraiment·? Oui⍽: «⍽demain⍽»·; bravo·!! Quoi·?!',
    );
  });

  it('never touches links, e-mail addresses, hashtags, mentions, emoticons, clock times or code', () => {
    const text =
      'Voir https://exemple.ca/demo?src=fb&x=1 ou www.exemple.ca/a?b=2, écrire à info@exemple.ca, #PME!! @marc;) :-) :D à 13:30 `a: b ? c`';
    const fixed = frenchTypography(text);
    for (const kept of [
      'https://exemple.ca/demo?src=fb&x=1',
      'www.exemple.ca/a?b=2',
      'info@exemple.ca',
      '#PME',
      '@marc',
      ';)',
      ':-)',
      ':D',
      '13:30',
      '`a: b ? c`',
    ])
      expect(fixed).toContain(kept);
    expect(fixed).not.toContain(' ?src');
  });

  it('puts no-break spaces inside numbers with their units', () => {
    expect(show(frenchTypography('22% de plus, 19h30, 2 400$, 5k$ et 10 000 $ en 2026.'))).toBe(
      '22⍽% de plus, 19⍽h⍽30, 2⍽400⍽$, 5⍽k$ et 10⍽000⍽$ en 2026.',
    );
    expect(frenchTypography('Ouvert de 9 h à 17 h.')).toBe(`Ouvert de 9${NBSP}h à 17${NBSP}h.`);
  });

  it('takes the capital off a clause after a colon, not off a name', () => {
    expect(frenchTypography('Résultat : Vos clients rappellent.')).toBe(`Résultat${NBSP}: vos clients rappellent.`);
    expect(frenchTypography('Notre client : Garage Tremblay.')).toBe(`Notre client${NBSP}: Garage Tremblay.`);
    expect(frenchTypography('Étape 1 : Appelez-nous.')).toBe(`Étape 1${NBSP}: appelez-nous.`);
  });

  it('keeps correct typography as it is', () => {
    const ok = `Il a dit «${NBSP}merci${NBSP}»${NNBSP}! À 19${NBSP}h${NBSP}30${NNBSP}?`;
    expect(frenchTypography(ok)).toBe(ok);
  });

  const url = fc
    .tuple(
      fc.constantFrom('https://', 'http://', 'www.'),
      fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      fc.constantFrom('.ca', '.com', '.ai'),
      fc.stringMatching(/^(\/[a-z0-9_-]{0,8}){0,3}$/),
      fc.option(fc.stringMatching(/^\?[a-z]{1,5}=[a-z0-9]{1,5}(&[a-z]{1,5}=[a-z0-9]{0,5}){0,2}$/), { nil: '' }),
    )
    .map(([scheme, host, tld, path, query]) => `${scheme}${host}${tld}${path}${query}`);
  const prose = fc.array(
    fc.oneof(
      fc.stringMatching(/^[a-zA-Zéèàçù’' ]{0,12}$/),
      fc.constantFrom(
        ':',
        ';',
        '!',
        '?',
        '!!',
        '?!',
        ' ',
        '"',
        '«',
        '»',
        '22 %',
        '19h30',
        '2 400 $',
        ';)',
        ':-)',
        '#PME',
        '@marc',
        '\n',
        'Vos',
        ': Le',
      ),
    ),
    { maxLength: 14 },
  );

  it('property: fixing twice changes nothing more', () => {
    fc.assert(
      fc.property(prose, url, prose, (a, u, b) => {
        const text = `${a.join('')} ${u} ${b.join('')}`;
        const once = frenchTypography(text);
        expect(frenchTypography(once)).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('property: a URL in the text is never changed', () => {
    fc.assert(
      fc.property(prose, url, prose, (a, u, b) => {
        const fixed = frenchTypography(`${a.join('')} ${u} ${b.join('')}`);
        expect(fixed).toContain(u);
      }),
      { numRuns: 400 },
    );
  });
});
