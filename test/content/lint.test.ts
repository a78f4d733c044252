import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/content/lint/catalogue.js';
import { detectLang, lintText } from '../../src/content/lint/engine.js';
import { evaluateCorpus, type LabelledText } from '../../src/content/lint/evaluate.js';
import { CONTENT_TYPES, STYLES } from '../../src/domain/content.js';
import { loadBundle } from '../../src/prompts/library.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';

const rules = (text: string, style?: string) => lintText(text, { style }).findings.map((f) => f.rule);

describe('linter', () => {
  it('reports the exact span, message and suggestion', () => {
    const text = 'Une démo ? N’hésitez pas à nous écrire.';
    const f = lintText(text).findings.find((x) => x.rule === 'fr-filler-nhesitez-pas')!;
    expect(text.slice(f.start, f.end)).toBe('N’hésitez pas à');
    expect(f.excerpt).toBe('N’hésitez pas à');
    expect(f.severity).toBe('error');
    expect(f.message.fr).toMatch(/creuse/);
    expect(f.suggestion).toMatch(/Écrivez-nous/);
  });

  it('detects French and English and applies only the matching phrase rules', () => {
    expect(detectLang('Vous avez manqué des appels pendant la fin de semaine.')).toBe('fr');
    expect(detectLang('You missed calls over the weekend and your team is busy.')).toBe('en');
    expect(rules('Let us delve into the topic with you and your team.')).toContain('en-cliche-delve');
    expect(rules('Le meeting de la semaine est annulé pour vous.')).toContain('fr-anglicism-meeting');
    expect(rules('We had a meeting with your team about the calls.')).not.toContain('fr-anglicism-meeting');
  });

  it('counts hashtags, emojis, exclamations and em dashes', () => {
    expect(rules('Un fait.\n\n#a #b #c')).not.toContain('hashtag-excess');
    expect(rules('Un fait.\n\n#a #b #c #d')).toContain('hashtag-excess');
    expect(rules('Un fait 🎉🎉🎉 pour vous.')).toContain('emoji-excess');
    expect(rules('Un fait — un seul tiret pour vous.')).not.toContain('em-dash-overuse');
    expect(rules('Un fait — deux — tirets pour vous.')).toContain('em-dash-overuse');
    expect(rules('Oui ! Non ! Pour vous.')).toContain('exclamation-overuse');
  });

  it('checks the hook, the question ending and the length per style', () => {
    expect(rules('Bonjour à tous, voici notre produit pour vous.')).toContain('hook-first-line');
    expect(rules('Il est 19 h et le téléphone sonne chez vous.')).not.toContain('hook-first-line');
    const q = 'Qui répond chez vous le soir ? '.padEnd(260, '.') + '\n\nLa réceptionniste répond pour vous.';
    expect(rules(q, 'question')).toContain('question-ending');
    expect(rules(`${q}\n\nEt vous, que faites-vous des appels du soir ?\n\n#PME`, 'question')).not.toContain(
      'question-ending',
    );
    expect(rules('Trop court pour vous.', 'storytelling')).toContain('length-bounds');
  });

  it('flags French typography the OQLF way, and accepts correct typography, times and URLs', () => {
    expect(rules('Le résultat : 22 % de plus pour vous.')).toContain('fr-typo-space-before');
    expect(rules('Le résultat\u00a0: 22 % de plus pour vous, à 10:30 sur https://exemple.ca.')).not.toContain(
      'fr-typo-space-before',
    );
    expect(rules('Il a dit "merci" pour vous.')).toContain('fr-typo-quotes');
    expect(rules('Il a dit «\u00a0merci\u00a0» pour vous.')).not.toContain('fr-typo-quotes');
  });

  it('has a catalogue with unique ids, severities and suggestions', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.suggestion.length).toBeGreaterThan(0);
    }
  });

  it('meets the corpus targets: recall ≥ 95 %, false positives ≤ 5 % on clean texts', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'lint-corpus');
    const items: LabelledText[] = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    expect(items.length).toBeGreaterThanOrEqual(60);
    const report = evaluateCorpus(items);
    expect(report.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.falsePositiveRate).toBeLessThanOrEqual(0.05);
  });

  it('passes every offline draft cleanly (no finding at all)', async () => {
    const config = buildInitialConfig({});
    const provider = createOfflineTextProvider();
    for (const contentType of CONTENT_TYPES) {
      for (const style of STYLES) {
        for (const seed of ['a', 'b', 'c']) {
          const r = await provider.generate({
            brandSlug: 'b',
            brand: config.brands[config.currentBrand]!,
            contentType,
            topic: seed === 'c' ? 'Prise de rendez-vous par texto' : null,
            date: '2026-12-01',
            style,
            prompts: loadBundle(contentType, [style]),
            seed,
          });
          expect({
            contentType,
            style,
            findings: lintText(r.draft.text, { style }).findings.map((f) => `${f.rule}: ${f.excerpt}`),
          }).toEqual({ contentType, style, findings: [] });
        }
      }
    }
  });
});
