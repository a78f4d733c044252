import { afterEach, describe, expect, it } from 'vitest';
import { generatePost } from '../../src/generate/generate-service.js';
import { planGeneration } from '../../src/generate/generation-plan.js';
import { addIdea, dropIdea, ideasList } from '../../src/plan/ideas-service.js';
import {
  plannedTopicFor,
  releasePlanEntry,
  setPlanEntry,
  skipPlanEntry,
  swapPlanEntries,
} from '../../src/plan/plan-edits.js';
import { refreshPlan } from '../../src/plan/plan-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { listPlanEntries } from '../../src/store/plan-repo.js';
import { getPost } from '../../src/store/posts-repo.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import { testStore, type TestStore } from '../helpers/store.js';

const quiet = { warn: () => undefined };

describe('the plan in the store', () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });
  const open = async (now: string) => {
    const s = await testStore({ now });
    stores.push(s);
    return s;
  };

  it('starts on the brand’s local day and puts the Fête nationale on June 24, even late on the 23rd', async () => {
    // 23:30 in Montreal on June 23 is already June 24 in UTC.
    const { deps } = await open('2026-06-24T03:30:00Z');
    const plan = await refreshPlan(deps, { weeks: 2 });
    expect(plan.from).toBe('2026-06-23');
    expect(plan.entries[0]!.date).toBe('2026-06-23');
    const fete = plan.entries.find((e) => e.sourceRef?.startsWith('fete-nationale@'));
    expect(fete).toMatchObject({ date: '2026-06-24', sourceRef: 'fete-nationale@2026-06-24', source: 'moment' });
    // Canada Day can only go on July 1; moving day, with ten days of lead, takes the Tuesday before.
    expect(plan.entries.find((e) => e.sourceRef?.startsWith('canada-day@'))?.date).toBe('2026-07-01');
    expect(plan.entries.find((e) => e.sourceRef?.startsWith('moving-day@'))?.date).toBe('2026-06-30');
  });

  it('never touches what the owner fixed when it refreshes, with any seed', async () => {
    const { deps } = await open('2026-11-23T14:00:00Z');
    await refreshPlan(deps, { weeks: 4 });
    await setPlanEntry(deps, { date: '2026-11-25', contentType: 'poll', topic: 'Qui répond chez vous le samedi ?' });
    await skipPlanEntry(deps, { date: '2026-12-02' });
    await swapPlanEntries(deps, { first: '2026-12-08', second: '2026-12-10' });
    const fixedBefore = (await listPlanEntries(deps.db, deps.brandSlug, '2026-11-23', '2026-12-20')).filter(
      (e) => e.fixed === 1,
    );
    expect(fixedBefore.map((e) => e.date)).toEqual(['2026-11-25', '2026-12-02', '2026-12-08', '2026-12-10']);
    await addIdea(deps, { text: 'Une idée qui arrive après coup', contentType: 'tip' });
    const refreshed = await refreshPlan(deps, { weeks: 4, seed: 'a different seed' });
    const fixedAfter = (await listPlanEntries(deps.db, deps.brandSlug, '2026-11-23', '2026-12-20')).filter(
      (e) => e.fixed === 1,
    );
    expect(fixedAfter).toEqual(fixedBefore);
    expect(refreshed.kept).toBe(4);
    expect(await plannedTopicFor(deps, '2026-12-02')).toBe('skipped');
    expect(await plannedTopicFor(deps, '2026-11-25')).toMatchObject({
      contentType: 'poll',
      topic: 'Qui répond chez vous le samedi ?',
      source: 'owner',
    });
    // Released, the day goes back to the planner.
    await releasePlanEntry(deps, { date: '2026-11-25' });
    await refreshPlan(deps, { weeks: 4 });
    const day = (await listPlanEntries(deps.db, deps.brandSlug, '2026-11-25', '2026-11-25'))[0]!;
    expect(day.fixed).toBe(0);
  });

  it('refuses a past day, a day that is not a posting day and an unknown type, writing nothing', async () => {
    const { deps } = await open('2026-11-23T14:00:00Z');
    await expect(setPlanEntry(deps, { date: '2026-11-19', contentType: 'tip' })).rejects.toMatchObject({
      code: 'date_in_past',
      exitCode: 2,
    });
    await expect(setPlanEntry(deps, { date: '2026-11-27', contentType: 'tip' })).rejects.toMatchObject({
      code: 'not_a_posting_day',
    });
    await expect(setPlanEntry(deps, { date: '2026-11-25', contentType: 'meme' })).rejects.toMatchObject({
      code: 'unknown_content_type',
    });
    await expect(setPlanEntry(deps, { date: '2026-02-30', contentType: 'tip' })).rejects.toMatchObject({
      code: 'bad_date',
    });
    expect(await listPlanEntries(deps.db, deps.brandSlug, '2026-01-01', '2027-01-01')).toEqual([]);
  });

  it('ideas follow the plan: planned while an entry holds them, open again when dropped from it', async () => {
    const { deps } = await open('2026-11-23T14:00:00Z');
    const idea = await addIdea(deps, {
      text: 'Les cliniques vétérinaires et les urgences du soir',
      contentType: 'case_study',
    });
    await refreshPlan(deps, { weeks: 2 });
    expect((await ideasList(deps, false))[0]!.status).toBe('planned');
    await dropIdea(deps, idea.id);
    const plan = await refreshPlan(deps, { weeks: 2 });
    expect(plan.entries.find((e) => e.sourceRef === idea.id)).toBeUndefined();
    expect((await ideasList(deps, true))[0]!.status).toBe('dropped');
  });

  it('a slot with a planned entry writes its topic, cites its source and records the entry as written', async () => {
    const { deps } = await open('2026-11-24T14:00:00Z');
    await setPlanEntry(deps, {
      date: '2026-11-24',
      contentType: 'industry_news',
      topic: 'Les PME manquent un appel sur trois',
    });
    const entryRow = (await listPlanEntries(deps.db, deps.brandSlug, '2026-11-24', '2026-11-24'))[0]!;
    const planned = await plannedTopicFor(deps, '2026-11-24');
    if (!planned || planned === 'skipped') throw new Error('no planned entry');
    const withSource = {
      ...planned,
      citation: {
        title: 'Les PME manquent un appel sur trois',
        url: 'https://news.test/appels?x=1',
        publisher: 'Les Affaires',
      },
    };
    const g = await planGeneration(
      deps,
      { source: 'schedule', slot: new Date('2026-11-24T15:00:00Z'), runId: 'job-plan', planned: withSource },
      quiet,
    );
    expect(g.plan).toMatchObject({ contentType: 'industry_news', chosenBy: 'plan' });
    const result = await generatePost(deps, createOfflineTextProvider(), g.input, undefined, g.options);
    const post = (await getPost(deps.db, result.postId))!;
    expect(post.topic).toBe('Les PME manquent un appel sur trois');
    for (const v of await variantsForPost(deps.db, result.postId)) {
      expect(v.text).toContain('https://news.test/appels?x=1');
      expect(v.text).toContain('Les Affaires');
    }
    const after = (await listPlanEntries(deps.db, deps.brandSlug, '2026-11-24', '2026-11-24'))[0]!;
    expect(after).toMatchObject({ id: entryRow.id, postId: result.postId });
    // Written: the daemon does not take it again, and a refresh keeps it.
    expect(await plannedTopicFor(deps, '2026-11-24')).toBeUndefined();
    await expect(setPlanEntry(deps, { date: '2026-11-24', contentType: 'tip' })).rejects.toMatchObject({
      code: 'entry_written',
    });
  });
});
