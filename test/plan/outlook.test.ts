import { afterEach, describe, expect, it } from 'vitest';
import { planOutlook, withPlanOutlook } from '../../src/plan/outlook.js';
import { setPlanEntry, skipPlanEntry } from '../../src/plan/plan-edits.js';
import { refreshPlan } from '../../src/plan/plan-service.js';
import { planSection } from '../../src/report/render-plan.js';
import { testStore, type TestStore } from '../helpers/store.js';

/** The weekly report's look ahead: next week's plan and the content mix against its targets. */
describe('the report’s plan outlook', () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });
  // Monday 23 November 2026; the report covers the week before.
  const period = { from: '2026-11-16', to: '2026-11-22' };

  it('adds nothing for a brand that was never planned', async () => {
    const store = await testStore({ now: '2026-11-23T14:00:00Z' });
    stores.push(store);
    const data: Parameters<typeof withPlanOutlook>[1] = { period };
    await withPlanOutlook(store.deps, data);
    expect(data.plan).toBeUndefined();
  });

  it('lists next week’s entries with their reasons, skipped days, and flags a mix over its target', async () => {
    const store = await testStore({ now: '2026-11-23T14:00:00Z' });
    stores.push(store);
    const { deps } = store;
    await refreshPlan(deps, { weeks: 4 });
    await skipPlanEntry(deps, { date: '2026-11-26' });
    // Three announcements in the twelve posting days ahead: 25 %, over the 20 % cap.
    for (const date of ['2026-11-25', '2026-12-02', '2026-12-09'])
      await setPlanEntry(deps, { date, contentType: 'announcement', topic: `Nouveauté ${date}` });

    const outlook = await planOutlook(deps, period);
    expect(outlook.week).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(outlook.entries.map((e) => e.date)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(outlook.entries[1]).toMatchObject({ contentType: 'announcement', fixed: true, state: 'planned' });
    expect(outlook.entries[2]).toMatchObject({ skipped: true });
    expect(outlook.gaps).toEqual([]);
    expect(outlook.mix.past.total).toBe(0);
    expect(outlook.mix.planned).toMatchObject({ from: '2026-11-23', to: '2026-12-20', total: 11 });
    const announcement = outlook.mix.planned.types.find((t) => t.contentType === 'announcement')!;
    expect(announcement).toMatchObject({ count: 3, max: 0.2, status: 'over' });

    const fr = planSection(outlook, 'fr');
    expect(fr.title).toBe('Plan de la semaine prochaine (2026-11-23 → 2026-11-29)');
    expect(fr.entries[1]).toMatch(/^2026-11-25 facebook \[planned, fixée\] announcement — Nouveauté 2026-11-25 \(/);
    expect(fr.entries[2]).toContain('sautée');
    expect(fr.mix[0]).toBe('Quatre dernières semaines\u00a0: aucune publication');
    expect(fr.mix[1]).toContain('1 cible(s) manquée(s)');
    expect(fr.mix[1]).toContain('announcement 27\u00a0% (≤ 20\u00a0%) TROP');
    const en = planSection(outlook, 'en');
    expect(en.mix[1]).toContain('announcement 27 % (≤ 20 %) OVER');
  });
});
