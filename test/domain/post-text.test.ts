import { describe, expect, it } from 'vitest';
import { assertPublishableText, checkPostText, TEXT_LIMITS } from '../../src/domain/post-text.js';
import { l } from '../../src/i18n/localized.js';

const kinds = (text: string, options = {}) => checkPostText(text, options).map((p) => p.kind);

describe('checkPostText (the one check behind edit, import, approval and publication)', () => {
  it('accepts French text with emoji sequences, line breaks and tabs', () => {
    expect(kinds('Bonjour « Québec » : 13 h 05 !\n\tÀ bientôt 👩🏽‍💻 🏴󠁧󠁢󠁳󠁣󠁴󠁿')).toEqual([]);
  });

  it('refuses control, bidi, invisible and not-UTF-8 characters, with line and column', () => {
    const problems = checkPostText('Ligne un\nab\u0000c \u202Ed\u200Be \uFFFD \uD800');
    expect(problems.map((p) => p.kind)).toEqual(['control', 'invisible', 'invisible', 'invalid', 'invalid']);
    expect(problems[0]).toMatchObject({ line: 2, column: 3, what: 'U+0000 NUL' });
  });

  it('lets through an invisible character allowed on purpose, never a control one', () => {
    expect(kinds('a\u200Bb', { allowInvisible: ['U+200B'] })).toEqual([]);
    expect(kinds('a\u0007b', { allowInvisible: ['U+0007'] })).toEqual(['control']);
  });

  it('counts the limit in characters (code points), per platform, from one table', () => {
    expect(TEXT_LIMITS).toEqual({ facebook: 63_206, instagram: 2_200, linkedin: 3_000 });
    expect(kinds('é'.repeat(63_206))).toEqual([]);
    expect(kinds('😀'.repeat(63_206))).toEqual([]); // 126,412 UTF-16 units, 63,206 characters
    expect(checkPostText('a'.repeat(63_207))[0]).toMatchObject({ kind: 'too_long', limit: 63_206, length: 63_207 });
    expect(kinds('a'.repeat(2_201), { platform: 'instagram' })).toEqual(['too_long']);
    expect(kinds('a'.repeat(3_000), { platform: 'linkedin' })).toEqual([]);
  });

  it('names the limit and the fix in one error', () => {
    const where = l('autoscale edit x', 'autoscale edit x');
    expect(() => assertPublishableText('a'.repeat(70_000), l('The text', 'Le texte'), where)).toThrowError(
      /The text is 70,000 characters long; Facebook allows at most 63,206\./,
    );
    expect(() => assertPublishableText('   ', l('The text', 'Le texte'), where)).toThrowError(/is empty/);
  });
});
