import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_TYPES, STYLES } from '../../src/domain/content.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { chooseContentType, planGeneration } from '../../src/generate/generation-plan.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { countDecisions, listDecisions } from '../../src/store/learning-repo.js';
import { listPosts } from '../../src/store/posts-repo.js';
import { testStore, type TestStore } from '../helpers/store.js';

const offline = createOfflineTextProvider();
const quiet = { warn: () => undefined };

describe('content type choice', () => {
  const mix = { case_study: 3, tip: 3, faq: 2, myth_busting: 2, testimonial: 1, behind_the_scenes: 1 };
  it('is deterministic per seed, follows the weights and never repeats the last type', () => {
    expect(chooseContentType(mix, 'slot-1')).toBe(chooseContentType(mix, 'slot-1'));
    const counts: Record<string, number> = {};
    let last: string | undefined;
    for (let i = 0; i < 2000; i += 1) {
      const t = chooseContentType(mix, `seed-${i}`, last);
      expect(t).not.toBe(last);
      expect(CONTENT_TYPES).toContain(t);
      counts[t] = (counts[t] ?? 0) + 1;
      last = t;
    }
    expect(Object.keys(counts).sort()).toEqual(Object.keys(mix).sort());
    expect(counts.case_study!).toBeGreaterThan(counts.testimonial! * 1.5);
    expect(chooseContentType({ tip: 1 }, 'x', 'tip')).toBe('tip');
    expect(chooseContentType({}, 'x')).toBe('tip');
  });
});

describe('content type of a scheduled draft', () => {
  it('the optimizer decides, but never a type the editorial mix excludes', async () => {
    const config = buildInitialConfig({});
    const brand = config.brands[config.currentBrand]!;
    brand.generation.mix = { faq: 1 };
    const store = await testStore({ config, now: '2026-12-01T15:00:00Z' });
    try {
      const picks = [];
      for (let d = 1; d <= 8; d += 1)
        picks.push(
          (
            await planGeneration(
              store.deps,
              { source: 'schedule', slot: new Date(Date.UTC(2026, 11, d, 15)), runId: `job-${d}` },
              quiet,
            )
          ).plan,
        );
      expect(picks.every((p) => p.contentType === 'faq')).toBe(true);
      expect(picks.every((p) => typeof p.decisionId === 'string')).toBe(true);
      // With the default mix every type is allowed: the optimizer's own pick stands.
      const open = await testStore({ now: '2026-12-01T15:00:00Z' });
      try {
        const planned = await planGeneration(
          open.deps,
          { source: 'schedule', slot: new Date('2026-12-01T15:00:00Z'), runId: 'job-x' },
          quiet,
        );
        expect(planned.plan.chosenBy).toBe('optimizer');
      } finally {
        await open.close();
      }
    } finally {
      await store.close();
    }
  });
});

describe('planGeneration', () => {
  let store: TestStore;
  beforeEach(async () => {
    // Tuesday 2026-11-24, 10:00 in Toronto.
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
  });
  afterEach(async () => store.close());

  const manual = (extra: { contentType?: string; topic?: string } = {}) =>
    ({ source: 'manual', provider: offline, date: '2026-12-01', ...extra }) as const;

  it('manual --type: the user’s type in the standard style order, recorded as the user’s decision', async () => {
    const planned = await planGeneration(store.deps, manual({ contentType: 'case_study' }));
    expect(planned.origin).toBe('fresh');
    expect(planned.plan).toMatchObject({ contentType: 'case_study', styles: [...STYLES], chosenBy: 'user' });
    const [decision] = await listDecisions(store.deps.db, store.deps.brandSlug, 1);
    expect(decision).toMatchObject({ id: planned.plan.decisionId, contentType: 'case_study' });
    expect(JSON.parse(decision!.explanation).en).toContain('set by the user (--type)');
    // Ready for generatePost: the plan travels with the run so a re-run can resume it.
    expect(planned.input).toMatchObject({ contentType: 'case_study', date: '2026-12-01', styles: [...STYLES] });
    expect(planned.input.plan?.value).toEqual(planned.plan);
    expect(planned.options.decisionId).toBe(planned.plan.decisionId);
    expect(planned.guidance).toMatchObject({ versionId: null, text: '' });
    expect(planned.options.guidance).toBeUndefined();
  });

  it('manual without --type: a re-run of an interrupted request gets its plan back, with no new draw', async () => {
    const failing = {
      ...offline,
      id: 'paid-fake',
      offline: false,
      async generate(): Promise<never> {
        throw new Error('connection reset');
      },
    };
    const first = await planGeneration(store.deps, { ...manual({ topic: 'rendez-vous' }), provider: failing });
    expect(first.plan.chosenBy).toBe('optimizer');
    expect(first.plan.explanation?.en).toMatch(/No measured posts yet/);
    await expect(generatePost(store.deps, failing, first.input, undefined, first.options)).rejects.toThrow(/paid-fake/);
    const decisions = await countDecisions(store.deps.db, store.deps.brandSlug);

    // The plan key is the request (provider included), not the draw: the same command resumes...
    const again = await planGeneration(store.deps, { ...manual({ topic: ' rendez-vous ' }), provider: failing });
    expect(again.origin).toBe('resumed');
    expect(again.plan).toEqual(first.plan);
    expect(await countDecisions(store.deps.db, store.deps.brandSlug)).toBe(decisions);
    // ...and another request draws afresh.
    expect((await planGeneration(store.deps, manual({ topic: 'autre chose' }))).origin).toBe('fresh');
    expect(await countDecisions(store.deps.db, store.deps.brandSlug)).toBe(decisions + 1);

    const paid = { ...failing, generate: offline.generate.bind(offline) };
    const result = await generatePost(store.deps, paid, again.input, undefined, again.options);
    expect(result.resumed).toBe(true);
    const [post] = await listPosts(store.deps.db);
    expect(post).toMatchObject({ id: result.postId, contentType: first.plan.contentType });
  });

  it('a slot: a fresh plan is kept with the job at once; a retry keeps the stored one', async () => {
    const slot = new Date('2026-12-02T15:00:00Z');
    const kept: unknown[] = [];
    const fresh = await planGeneration(store.deps, {
      source: 'schedule',
      slot,
      runId: 'job-1',
      keep: async (plan) => void kept.push(plan),
    });
    expect(fresh.origin).toBe('fresh');
    expect(kept).toEqual([fresh.plan]);
    expect(fresh.input).toEqual({
      contentType: fresh.plan.contentType,
      date: '2026-12-02',
      runId: 'job-1',
      styles: fresh.plan.styles,
    });
    const decisions = await countDecisions(store.deps.db, store.deps.brandSlug);
    const retry = await planGeneration(store.deps, {
      source: 'schedule',
      slot,
      runId: 'job-1',
      plan: fresh.plan,
      keep: async (plan) => void kept.push(plan),
    });
    expect(retry).toMatchObject({ origin: 'kept', plan: fresh.plan });
    expect(kept).toHaveLength(1);
    expect(await countDecisions(store.deps.db, store.deps.brandSlug)).toBe(decisions);
  });

  it('when the learning loop fails, a slot falls back to the mix and a manual request stops', async () => {
    // A brand the configuration does not know: every learning step fails.
    const broken = { ...store.deps, brandSlug: 'ghost' };
    const warnings: string[] = [];
    const planned = await planGeneration(
      broken,
      { source: 'schedule', slot: new Date('2026-12-03T15:00:00Z'), runId: 'job-2' },
      { warn: (_o, m) => void warnings.push(m) },
    );
    expect(planned.plan).toMatchObject({ chosenBy: 'mix', decisionId: null, styles: [...STYLES] });
    expect(Object.keys(store.deps.brand.generation.mix)).toContain(planned.plan.contentType);
    expect(planned.guidance).toBeNull();
    expect(warnings).toEqual(['optimizer unavailable; the editorial mix chooses']);
    await expect(planGeneration(broken, manual())).rejects.toThrow(/Unknown brand "ghost"/);
  });
});
