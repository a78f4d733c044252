import { afterEach, describe, expect, it } from 'vitest';
import { textFeatures, type PostFeatures } from '../../src/measure/features.js';
import { deriveGuidance } from '../../src/optimize/guidance.js';
import { currentGuidance, setGuidanceStatus } from '../../src/optimize/guidance-service.js';
import { loadPredictor, predictEngagement, refitPredictor } from '../../src/optimize/predictor-service.js';
import { featureVector, fitPredictor, MIN_FIT_SAMPLES, ridge } from '../../src/optimize/predictor.js';
import { simulate } from '../../src/optimize/simulator.js';
import { guidanceExposure, recordGuidanceExposure } from '../../src/store/learning-repo.js';
import { insertFixture, type FixturePost } from '../helpers/report-fixture.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const feat = (over: Partial<PostFeatures>): PostFeatures => ({
  length: 600,
  questionEnd: false,
  hasNumber: false,
  story: false,
  emojis: 0,
  hashtags: 0,
  opening: 'statement',
  ending: 'cta',
  weekday: 2,
  hour: 14,
  contentType: 'tip',
  style: 'professional',
  ...over,
});

describe('text features', () => {
  it('finds the closing question behind hashtags and emojis, figures, stories and emojis', () => {
    const f = textFeatures('L’an dernier, un client de Lévis perdait 12 appels par jour. Et vous? 📞 #PME #Québec');
    expect(f).toMatchObject({ questionEnd: true, hasNumber: true, story: true, emojis: 1, hashtags: 2 });
    expect(textFeatures('Appelez-nous.')).toMatchObject({
      questionEnd: false,
      hasNumber: false,
      story: false,
      emojis: 0,
    });
  });
});

describe('guidance derivation', () => {
  it('finds what the top third shares that the bottom third lacks', () => {
    const rows = Array.from({ length: 12 }, (_, i) => {
      const good = i % 2 === 0;
      return {
        features: feat({ questionEnd: good, length: good ? 400 : 900, emojis: good ? 0 : 3 }),
        rate: good ? 0.03 + i * 0.001 : 0.008,
      };
    });
    const rules = deriveGuidance(rows);
    const keys = rules.map((r) => r.ruleKey);
    expect(keys).toEqual(expect.arrayContaining(['question_end:yes', 'length:short', 'emojis:fewer']));
    const q = rules.find((r) => r.ruleKey === 'question_end:yes')!;
    expect(q.evidence).toMatchObject({ top: 1, bottom: 0, nTop: 4, nBottom: 4 });
    expect(q.textFr).toMatch(/^Terminez par une question ouverte/);
    expect(rules.find((r) => r.ruleKey === 'length:short')!.textFr).toContain('Restez sous environ 400 caractères');
  });

  it('says nothing with too few posts or no difference', () => {
    expect(deriveGuidance([{ features: feat({}), rate: 0.02 }])).toEqual([]);
    expect(deriveGuidance(Array.from({ length: 10 }, () => ({ features: feat({}), rate: 0 })))).toEqual([]);
  });
});

const questionHistory = (n: number): FixturePost[] =>
  Array.from({ length: n }, (_, i) => {
    const good = i % 2 === 0;
    return {
      contentType: 'tip',
      style: 'question',
      text: good ? `Conseil ${i}: répondez vite. Et vous, que faites-vous?` : `Conseil ${i} : répondez vite.`,
      publishedAt: new Date(Date.UTC(2026, 9, 1 + i, 18, 30)).toISOString(),
      snapshots: [{ label: '7d' as const, uniqueViewers: 1000, reactions: good ? 30 : 8, comments: 0, shares: 0 }],
    };
  });

describe('versioned guidance (store)', () => {
  it('versions only on change; the owner can reject and pin; variants record what they saw', async () => {
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    const empty = await currentGuidance(store.deps);
    expect(empty).toMatchObject({ versionId: null, text: '' });

    await insertFixture(store.deps, questionHistory(12));
    const v1 = await currentGuidance(store.deps);
    expect(v1.versionNo).toBe(1);
    expect(v1.text.split('\n')[0]).toBe('Leçons tirées de nos publications mesurées (guide v1) :');
    expect(v1.text).toContain(
      '- Terminez par une question ouverte adressée au lecteur (100 % des meilleures publications contre 0 % des moins bonnes)',
    );
    expect((await currentGuidance(store.deps)).versionId).toBe(v1.versionId);

    const line = v1.lines.find((x) => x.ruleKey === 'question_end:yes')!;
    const v2 = await setGuidanceStatus(store.deps, line.id.slice(-8), 'rejected');
    expect(v2.versionNo).toBe(2);
    expect(v2.text).not.toContain('Terminez par une question');
    // Re-deriving does not bring a rejected line back.
    expect((await currentGuidance(store.deps)).versionNo).toBe(2);

    await setGuidanceStatus(store.deps, 'question_end:yes', 'pinned');
    const v3 = await currentGuidance(store.deps);
    expect(v3.versionNo).toBe(3);
    expect(v3.lines.find((x) => x.ruleKey === 'question_end:yes')!.status).toBe('pinned');

    await recordGuidanceExposure(store.deps.db, store.deps.writer(), 'variant-1', v3.versionId!);
    expect(await guidanceExposure(store.deps.db, 'variant-1')).toBe(v3.versionId);
    await expect(setGuidanceStatus(store.deps, 'nope', 'pinned')).rejects.toThrow(/No guidance line/);
  });
});

describe('engagement predictor', () => {
  it('ridge recovers known weights on noise-free data', () => {
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const row = [1, (i % 7) / 7, (i % 3) / 3];
      x.push(row);
      y.push(0.01 + 0.02 * row[1]! - 0.005 * row[2]!);
    }
    const w = ridge(x, y, 1e-9);
    expect(w[0]).toBeCloseTo(0.01, 6);
    expect(w[1]).toBeCloseTo(0.02, 6);
    expect(w[2]).toBeCloseTo(-0.005, 6);
  });

  it('fitted on simulated history, it beats the mean-only baseline and reports its error', () => {
    const sim = simulate({ seed: 'predictor', posts: 120, policy: 'random' });
    const model = fitPredictor(sim.posts.map((p) => ({ features: p.features, rate: p.observedRate })));
    expect(model.kind).toBe('fitted');
    expect(model.mae).not.toBeNull();
    expect(model.mae!).toBeLessThan(model.baselineMae!);
    expect(featureVector(sim.posts[0]!.features)).toHaveLength(model.weights.length);
  });

  it('falls back to the benchmark prior below the minimum history, and scores 0–100', async () => {
    expect(fitPredictor([]).kind).toBe('prior');
    const p = predictEngagement(feat({ questionEnd: true, hasNumber: true }));
    expect(p.model).toBe('prior');
    expect(p.rate).toBeCloseTo(0.0075 + 0.001 + 0.0008, 10);
    expect(p.score).toBe(Math.round((p.rate / 0.02) * 100));
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    await insertFixture(store.deps, questionHistory(MIN_FIT_SAMPLES));
    const fitted = await refitPredictor(store.deps);
    expect(fitted.kind).toBe('fitted');
    const loaded = await loadPredictor(store.deps);
    expect(loaded.weights).toEqual(fitted.weights);
    const q = predictEngagement(feat({ questionEnd: true, style: 'question' }), loaded);
    const n = predictEngagement(feat({ questionEnd: false, style: 'question' }), loaded);
    expect(q.rate).toBeGreaterThan(n.rate);
    expect(q.score).toBeLessThanOrEqual(100);
  });
});

describe('refreshLearning', () => {
  it('refreshes beliefs, guidance and predictor; refitting unchanged data stores no new fit', async () => {
    const { refreshLearning } = await import('../../src/optimize/insights-service.js');
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
    await insertFixture(store.deps, questionHistory(MIN_FIT_SAMPLES));
    const first = await refreshLearning(store.deps);
    expect(first.posts).toBe(MIN_FIT_SAMPLES);
    expect(first.guidance.versionNo).toBe(1);
    await refreshLearning(store.deps);
    const fits = await store.deps.db.selectFrom('predictor_fits').select('id').execute();
    expect(fits).toHaveLength(1);
  });
});
