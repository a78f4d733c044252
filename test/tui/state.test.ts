import { describe, expect, it } from 'vitest';
import { BROWSE_BINDINGS } from '../../src/tui/keybindings.js';
import { resolveKey } from '../../src/tui/key-resolve.js';
import { createEditor, editorReducer, rowsOf } from '../../src/tui/state/editor-state.js';
import { initialQueue, queueReducer } from '../../src/tui/state/queue-state.js';
import { evaluateDraft } from '../../src/content/quality.js';
import { pick } from '../../src/i18n/localized.js';
import { findingLine, layoutDiff, layoutText } from '../../src/tui/text-layout.js';
import { parseQuality } from '../../src/tui/view-model.js';

const plain = (lines: ReturnType<typeof layoutText>) => lines.map((l) => l.map((s) => s.text).join(''));

describe('text layout', () => {
  it('wraps at word boundaries and keeps paragraphs', () => {
    expect(plain(layoutText('un deux trois quatre\n\ncinq', [], 10))).toEqual([
      'un deux',
      'trois',
      'quatre',
      '',
      'cinq',
    ]);
  });

  it('brackets each finding at its exact span, numbered, and tags the segments', () => {
    const text = 'Dans le paysage numérique actuel, tout change. Bref.';
    const lines = layoutText(
      text,
      [
        { ruleId: 'cliche', severity: 'error', start: 8, end: 32, message: '' },
        { ruleId: 'short', severity: 'info', start: 47, end: 51, message: '' },
      ],
      200,
    );
    expect(plain(lines)).toEqual(['Dans le ⟦paysage numérique actuel⟧¹, tout change. ⟦Bref⟧².']);
    const tagged = lines[0]!.filter((s) => s.finding === 1 && !s.marker);
    expect(tagged.map((s) => s.text).join('')).toBe('paysage numérique actuel');
    expect(tagged[0]!.severity).toBe('error');
  });

  it('draws a word diff with markers readable without colour', () => {
    const lines = layoutDiff(
      [{ value: 'Texte ' }, { value: 'long', removed: true }, { value: 'court', added: true }, { value: '.' }],
      80,
    );
    expect(plain(lines)).toEqual(['Texte [-long-]{+court+}.']);
  });
});

describe('quality parsing', () => {
  const text = 'Dans le paysage numérique actuel, tout change.';
  it('the length finding explains itself (stored message, or the rule’s for older rows)', () => {
    const short = 'Votre équipe manque-t-elle des appels le soir ? Écrivez-nous.';
    const report = evaluateDraft({
      text: short,
      style: 'question',
      contentType: 'tip',
      threshold: 80,
      similarityThreshold: 0.8,
    });
    const stored = JSON.parse(JSON.stringify(report)) as typeof report;
    const length = parseQuality(JSON.stringify(stored), short, 1).findings.find((f) => f.ruleId === 'length-bounds')!;
    expect(findingLine(length, 0, (m) => pick(m, 'en'))).toMatch(/61\scharacters; the question style wants \d+–\d+/);
    expect(findingLine(length, 0, (m) => pick(m, 'fr'))).toMatch(/caractères; le style question demande de \d+ à \d+/);
    // A row written before messages were stored: the rule's own message from the catalogue.
    for (const f of stored.lint.findings) delete (f as { message?: unknown }).message;
    const old = parseQuality(JSON.stringify(stored), short, 1).findings.find((f) => f.ruleId === 'length-bounds')!;
    expect(findingLine(old, 0, (m) => pick(m, 'en'))).toMatch(/: Length outside the bounds for this style\./);
  });

  it('reads lint findings and judge reasons defensively', () => {
    const raw = JSON.stringify({
      lint: {
        findings: [
          { ruleId: 'cliche', severity: 'warning', start: 8, end: 32, message: 'cliché', suggestion: 'Soyez concret' },
          { nonsense: true },
          'x',
        ],
      },
      judge: { reasons: ['Accroche faible', { reason: 'Pas de chiffre' }] },
    });
    const q = parseQuality(raw, text, 1);
    expect(q.findings).toEqual([
      { ruleId: 'cliche', severity: 'warning', start: 8, end: 32, message: 'cliché', suggestion: 'Soyez concret' },
    ]);
    expect(q.reasons).toEqual(['Accroche faible', 'Pas de chiffre']);
    expect(q.stale).toBe(0);
  });

  it('drops findings that no longer fit the text, or were made for another version', () => {
    const outOfRange = parseQuality(
      JSON.stringify({ lint: { findings: [{ start: 40, end: 400, severity: 'error' }] } }),
      text,
      1,
    );
    expect(outOfRange.findings).toEqual([]);
    expect(outOfRange.stale).toBe(1);
    const otherVersion = parseQuality(
      JSON.stringify({ lint: { versionNo: 1, findings: [{ start: 0, end: 4 }] } }),
      text,
      2,
    );
    expect(otherVersion.findings).toEqual([]);
    expect(otherVersion.stale).toBe(1);
    const moved = parseQuality(
      JSON.stringify({ lint: { findings: [{ start: 0, end: 4, excerpt: 'Bref' }] } }),
      text,
      1,
    );
    expect(moved.stale).toBe(1);
  });

  it('ignores missing or broken quality', () => {
    expect(parseQuality(null, text, 1)).toEqual({ reasons: [], findings: [], stale: 0 });
    expect(parseQuality('{not json', text, 1)).toEqual({ reasons: [], findings: [], stale: 0 });
    expect(parseQuality('[1,2]', text, 1)).toEqual({ reasons: [], findings: [], stale: 0 });
  });
});

describe('editor state', () => {
  const view = { width: 10, height: 3 };
  it('soft-wraps rows and moves up and down through them keeping the column', () => {
    expect(rowsOf('un deux trois quatre', 10).map((r) => r.start)).toEqual([0, 8, 14]);
    let s = createEditor('un deux trois quatre');
    s = editorReducer(s, { type: 'up' }, view);
    s = editorReducer(s, { type: 'up' }, view);
    expect(s.cursor).toBe(6);
    s = editorReducer(s, { type: 'insert', text: 'X' }, view);
    expect(s.text).toBe('un deuXx trois quatre');
  });

  it('turns pasted CRLF into new lines and scrolls to keep the cursor visible', () => {
    let s = createEditor('');
    s = editorReducer(s, { type: 'insert', text: 'a\r\nb\rc\nd\ne' }, view);
    expect(s.text).toBe('a\nb\nc\nd\ne');
    expect(s.scroll).toBe(2);
    s = editorReducer(s, { type: 'backspace' }, view);
    expect(s.text).toBe('a\nb\nc\nd\n');
  });
});

describe('queue and keys', () => {
  it('removes a decided post and keeps the position; skip wraps around', () => {
    let q = queueReducer(initialQueue, { type: 'queue', ids: ['a', 'b', 'c'] });
    q = queueReducer(q, { type: 'skip' });
    expect(q.ids[q.index]).toBe('b');
    q = queueReducer(q, { type: 'decided' });
    expect(q.ids).toEqual(['a', 'c']);
    expect(q.ids[q.index]).toBe('c');
    q = queueReducer(q, { type: 'skip' });
    expect(q.ids[q.index]).toBe('a');
    q = queueReducer(queueReducer(q, { type: 'decided' }), { type: 'decided' });
    expect(q.status).toBe('empty');
    expect(q.decided).toBe(3);
  });

  it('maps every key of the issue from one table, and hides i without an image service', () => {
    const caps = { image: false, preview: false, externalEditor: true };
    const keys: [string, object, string][] = [
      ['1', {}, 'variant1'],
      ['2', {}, 'variant2'],
      ['3', {}, 'variant3'],
      ['', { leftArrow: true }, 'prevVariant'],
      ['', { rightArrow: true }, 'nextVariant'],
      ['e', {}, 'edit'],
      ['E', { shift: true }, 'editExternal'],
      ['g', {}, 'regenerate'],
      ['h', {}, 'history'],
      ['a', {}, 'approve'],
      ['r', {}, 'reject'],
      ['s', {}, 'skip'],
      ['q', {}, 'quit'],
      ['?', {}, 'help'],
    ];
    for (const [input, key, command] of keys) expect(resolveKey(BROWSE_BINDINGS, caps, input, key)).toBe(command);
    expect(resolveKey(BROWSE_BINDINGS, caps, 'i', {})).toBeUndefined();
    expect(resolveKey(BROWSE_BINDINGS, { ...caps, image: true }, 'i', {})).toBe('image');
  });
});

describe('errors in the studio', () => {
  it('words flag-based fixes for typing, and keeps the others as the CLI prints them', async () => {
    const { describeError } = await import('../../src/tui/describe-error.js');
    const { UsageError, StateError } = await import('../../src/errors/errors.js');
    const { l } = await import('../../src/i18n/localized.js');
    const missing = new UsageError(l('A rejection needs a reason.', 'Un rejet demande une raison.'), {
      code: 'missing_reason',
      fix: l('Add --reason', 'Ajoutez --reason'),
    });
    expect(describeError(missing, 'en')).toBe(
      'A rejection needs a reason. Type why (it teaches the optimizer what to avoid), then Enter; Esc cancels.',
    );
    expect(describeError(missing, 'fr')).toContain('Tapez pourquoi');
    const state = new StateError(l('Post x is published.', 'Le post x est publié.'), {
      fix: l('Generate a new one.', 'Générez-en un autre.'),
    });
    expect(describeError(state, 'fr')).toBe('Le post x est publié. Générez-en un autre.');
    expect(describeError(new Error('boom'), 'en')).toBe('Unexpected error: boom');
  });
});
