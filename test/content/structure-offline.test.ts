import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/content/lint/engine.js';
import { CONTENT_TYPES, STYLES } from '../../src/domain/content.js';
import { fitHeadline, planStructures, prefsFromRules } from '../../src/domain/structure.js';
import { textFeatures } from '../../src/measure/features.js';
import { deriveGuidance } from '../../src/optimize/guidance.js';
import { loadBundle } from '../../src/prompts/library.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import type { TextRequest } from '../../src/providers/types.js';
import { acceptableDraft } from '../../src/generate/draft-checks.js';
import { buildInitialConfig } from '../../src/services/init-service.js';

const config = buildInitialConfig({});
const brand = config.brands[config.currentBrand]!;
const provider = createOfflineTextProvider();
const request = (extra: Partial<TextRequest>): TextRequest => ({
  brandSlug: 'b',
  brand,
  contentType: 'case_study',
  topic: null,
  date: '2026-12-01',
  style: 'professional',
  prompts: loadBundle(extra.contentType ?? 'case_study', [extra.style ?? 'professional']),
  seed: `b:${extra.contentType ?? 'case_study'}:${extra.date ?? '2026-12-01'}:${extra.topic ?? ''}`,
  ...extra,
});

describe('structure plans', () => {
  it('the variants of a post differ in angle and shape; the question style opens and ends on a question', () => {
    const plans = planStructures('seed', STYLES);
    expect(new Set(plans.map((p) => p.angle)).size).toBe(3);
    expect(new Set(plans.map((p) => p.hashtags)).size).toBe(3);
    expect(plans[2]).toMatchObject({ opening: 'question', ending: 'question' });
  });

  it('learned preferences shape every variant but one, which keeps exploring', () => {
    const prefs = prefsFromRules(['no_hashtags:yes', 'length:short', 'question_end:no']);
    expect(prefs).toEqual({ hashtags: 'none', length: 'short', ending: 'cta' });
    const plans = planStructures('seed', ['professional', 'storytelling', 'question'], prefs);
    expect(plans.slice(0, 2).every((p) => p.hashtags === 0 && p.length === 'short' && p.ending === 'cta')).toBe(true);
    expect(plans[2]!.hashtags).toBeGreaterThan(0);
  });

  it('headlines fit 60 characters at a phrase boundary, never mid-phrase', () => {
    expect(fitHeadline('Clinique dentaire à Québec : les rendez-vous manqués ont baissé de 22 % en deux mois')).toBe(
      'Les rendez-vous manqués ont baissé de 22 % en deux mois',
    );
    const h = fitHeadline('Un garage indépendant de Sherbrooke qui laissait sonner le téléphone au printemps');
    expect(h.length).toBeLessThanOrEqual(60);
    expect(h).not.toMatch(/\s(de|du|le|la|à|et)$/);
  });
});

describe('the offline writer', () => {
  it('writes every type and style without a lint finding, one client per post, no quotes, short headlines', async () => {
    for (const contentType of CONTENT_TYPES)
      for (const date of ['2026-12-01', '2026-12-08']) {
        const plans = planStructures(`b:${contentType}:${date}:`, STYLES);
        for (const [i, style] of STYLES.entries()) {
          const r = await provider.generate(
            request({ contentType, style, date, structure: plans[i], acceptable: acceptableDraft(style) }),
          );
          const problems = lintText(r.draft.text, { style }).findings.filter((f) => f.severity !== 'info');
          expect({ contentType, style, problems: problems.map((f) => `${f.rule}: ${f.excerpt}`) }).toEqual({
            contentType,
            style,
            problems: [],
          });
          expect(r.draft.headline.length).toBeLessThanOrEqual(60);
          const prose = r.draft.text.replace(/#\S+/g, '');
          const cities = brand.profile.caseStudies.filter((c) => c.city && prose.includes(c.city));
          expect(cities.length).toBeLessThanOrEqual(1);
          expect(r.draft.text).not.toMatch(/«[^»]*»\s*,?\s*(dit|raconte|explique|says)/u);
          for (const tag of r.draft.text.match(/#\S+/g) ?? []) expect(brand.profile.hashtags).toContain(tag);
        }
      }
  });

  it('follows the plan: hashtags or none, closing question or call to action, length', async () => {
    const base = { angle: 'case', opening: 'number', numbers: true } as const;
    const none = await provider.generate(
      request({ structure: { ...base, ending: 'cta', length: 'short', hashtags: 0 } }),
    );
    const two = await provider.generate(
      request({ structure: { ...base, ending: 'question', length: 'long', hashtags: 2 } }),
    );
    expect(textFeatures(none.draft.text)).toMatchObject({ hashtags: 0, ending: 'cta', hasNumber: true });
    expect(textFeatures(two.draft.text)).toMatchObject({ hashtags: 2, ending: 'question' });
    expect(two.draft.text.length).toBeGreaterThan(none.draft.text.length);
  });

  it('does not repeat itself for a new date or topic', async () => {
    const a = await provider.generate(request({ style: 'storytelling' }));
    const same = await provider.generate(request({ style: 'storytelling' }));
    const topic = await provider.generate(request({ style: 'storytelling', topic: 'Les appels du samedi' }));
    const later = await provider.generate(
      request({ style: 'storytelling', date: '2026-12-08', recent: [{ hook: a.draft.text.split('\n')[0]! }] }),
    );
    expect(same.draft.text).toBe(a.draft.text);
    expect(topic.draft.text).not.toBe(a.draft.text);
    expect(later.draft.text).not.toBe(a.draft.text);
  });
});

describe('learning the structure traits', () => {
  it('guidance learns hashtags, openings and endings when they separate top posts from bottom posts', () => {
    const post = (text: string, rate: number) => ({
      features: { ...textFeatures(text), weekday: 2, hour: 14, contentType: 'tip', style: 'professional' },
      rate,
    });
    const top = 'Combien d’appels manquez-vous le soir ?\n\nUn fait précis ici.\n\nEt chez vous, qui répond ?';
    const bottom = 'Un fait précis ici, sans question.\n\nÉcrivez-nous en message privé.\n\n#PME #Québec';
    const obs = [
      ...Array(5)
        .fill(0)
        .map((_, i) => post(top, 0.04 + i / 1000)),
      ...Array(5)
        .fill(0)
        .map((_, i) => post(bottom, 0.005 + i / 1000)),
    ];
    const keys = deriveGuidance(obs).map((r) => r.ruleKey);
    expect(keys).toEqual(expect.arrayContaining(['no_hashtags:yes', 'opening_question:yes', 'question_end:yes']));
    const prefs = prefsFromRules(keys);
    expect(prefs).toMatchObject({ hashtags: 'none', ending: 'question', opening: 'question' });
  });
});
