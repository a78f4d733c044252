import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus, expectedCliche, type LabelledText } from '../../src/content/lint/evaluate.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'lint-corpus');
const split = (name: string): LabelledText[] =>
  readdirSync(join(root, name))
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(join(root, name, f), 'utf8')) as LabelledText[]);
const SPLITS = ['dev', 'holdout', 'fresh'];

describe('labelled evaluation corpus (test/fixtures/lint-corpus)', () => {
  it('holds 300+ labelled texts, French and English, clichéd and clean', () => {
    const all = SPLITS.flatMap(split);
    expect(all.length).toBeGreaterThanOrEqual(300);
    for (const lang of ['fr', 'en'])
      for (const label of ['cliche', 'clean'])
        expect(all.filter((t) => t.lang === lang && t.label === label).length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((t) => t.text)).size).toBe(all.length);
  });

  it.each(SPLITS)('%s split: recall ≥ 95 % and false positives ≤ 5 %, per language', (name) => {
    const report = evaluateCorpus(split(name));
    for (const lang of ['fr', 'en'] as const) {
      expect(report.byLang[lang]!.recall, `${name} ${lang} recall`).toBeGreaterThanOrEqual(0.95);
      expect(report.byLang[lang]!.falsePositiveRate, `${name} ${lang} false positives`).toBeLessThanOrEqual(0.05);
    }
  });

  it('understands the label shapes other corpora use', () => {
    expect(expectedCliche({ text: 'x', label: 'AI' })).toBe(true);
    expect(expectedCliche({ text: 'x', label: 'human' })).toBe(false);
    expect(expectedCliche({ text: 'x', cliche: true })).toBe(true);
    expect(expectedCliche({ text: 'x', expect: [] })).toBe(false);
    expect(expectedCliche({ text: 'x' })).toBeUndefined();
  });
});
