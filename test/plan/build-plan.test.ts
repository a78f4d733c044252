import { describe, expect, it } from 'vitest';
import { planSchema } from '../../src/config/plan-config.js';
import { addDays } from '../../src/domain/time.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadMoments, momentsBetween } from '../../src/plan/moments.js';
import type { PlanInputs } from '../../src/plan/plan-inputs.js';
import { postingSlots, type PlanPlatform } from '../../src/plan/platforms.js';
import { autoscaleBrand } from '../../src/config/defaults.js';

const facebook: PlanPlatform = {
  platform: 'facebook',
  posting: { days: ['tue', 'wed', 'thu'], windowStart: '13:00', windowEnd: '16:00', jitterMinutes: 30, minGapHours: 3 },
};

const inputs = (over: Partial<PlanInputs> = {}): PlanInputs => {
  const from = '2027-01-05';
  const to = addDays(from, 8 * 7 - 1);
  return {
    slots: postingSlots([facebook], from, to),
    kept: [],
    history: [],
    moments: [],
    ideas: [],
    news: [],
    evergreen: [],
    revisited: [],
    preference: null,
    mix: autoscaleBrand().generation.mix,
    targets: { announcement: { max: 0.2 } },
    config: planSchema.parse({}),
    profile: autoscaleBrand().profile,
    seed: 'test-seed',
    windowSlots: 12,
    ...over,
  };
};

/** Every 28-day window: how many entries of a type it holds. */
const windowCounts = (entries: { date: string; contentType: string }[], type: string) => {
  const dates = entries.filter((e) => e.contentType === type).map((e) => e.date);
  const first = entries[0]!.date;
  const last = entries[entries.length - 1]!.date;
  const counts: number[] = [];
  for (let start = addDays(first, -27); start <= last; start = addDays(start, 1)) {
    const end = addDays(start, 27);
    counts.push(dates.filter((d) => d >= start && d <= end).length);
  }
  return counts;
};

describe('buildPlan', () => {
  it('gives every posting day an entry with a type, a source and a reason', () => {
    const plan = buildPlan(inputs());
    expect(plan).toHaveLength(24);
    for (const e of plan) {
      expect(['tue', 'wed', 'thu']).toContain(new Date(`${e.date}T12:00:00Z`).toUTCString().slice(0, 3).toLowerCase());
      expect(e.contentType).toBeTruthy();
      expect(e.reason.en).toBeTruthy();
      expect(e.reason.fr).toBeTruthy();
    }
  });

  it('keeps promotional posts to at most one in five in every four weeks, however many ideas ask for them', () => {
    const ideas = Array.from({ length: 20 }, (_, i) => ({
      id: `idea-${i}`,
      text: `Annonce ${i}`,
      contentType: 'announcement' as const,
      link: null,
    }));
    const plan = buildPlan(inputs({ ideas, config: { ...planSchema.parse({}), ideasPerWeek: 7 } }));
    const counts = windowCounts(plan, 'announcement');
    // 20 % of 12 posting days = 2.4: never more than 2 in any 28 days, and the cap is used.
    expect(Math.max(...counts)).toBe(2);
    expect(plan.filter((e) => e.contentType === 'announcement').length).toBeGreaterThanOrEqual(4);
    // History counts too: two announcements just before the plan leave no room in its first days.
    const history = [
      { date: '2026-12-29', contentType: 'announcement' },
      { date: '2026-12-30', contentType: 'announcement' },
    ];
    const withHistory = buildPlan(inputs({ ideas, history, config: { ...planSchema.parse({}), ideasPerWeek: 7 } }));
    const firstAnnouncement = withHistory.find((e) => e.contentType === 'announcement')!;
    // A third would share a 28-day window with both until that window has moved past the first.
    expect(firstAnnouncement.date > addDays('2026-12-29', 27)).toBe(true);
  });

  it('reaches each minimum share in every four-week block, against the optimizer’s taste', () => {
    const preference = {
      scale: 0.2,
      beliefs: [
        { type: 'tip', mean: 0.05, sd: 0.001, posts: 40 },
        { type: 'case_study', mean: 0.001, sd: 0.001, posts: 40 },
        { type: 'faq', mean: 0.002, sd: 0.001, posts: 40 },
      ],
    };
    const plan = buildPlan(inputs({ preference, targets: { case_study: { min: 0.25 }, tip: { max: 0.5 } } }));
    for (const block of [plan.slice(0, 12), plan.slice(12, 24)]) {
      expect(block.filter((e) => e.contentType === 'case_study').length).toBeGreaterThanOrEqual(3);
      expect(block.filter((e) => e.contentType === 'tip').length).toBeLessThanOrEqual(6);
    }
    const forced = plan.filter((e) => e.sourceKind === 'mix');
    expect(forced.length).toBeGreaterThan(0);
    expect(forced[0]!.reason.en).toMatch(/Content-mix target: case study/);
  });

  it('is deterministic under a seed, and the seed matters', () => {
    const a = buildPlan(inputs());
    const b = buildPlan(inputs());
    expect(b).toEqual(a);
    const other = buildPlan(inputs({ seed: 'another-seed' }));
    expect(other.map((e) => `${e.contentType}:${e.topic}`)).not.toEqual(a.map((e) => `${e.contentType}:${e.topic}`));
  });

  it('places a moment on the last posting day before it, once', () => {
    const from = '2026-11-10';
    const slots = postingSlots([facebook], from, addDays(from, 27));
    const moments = momentsBetween(loadMoments('/nonexistent'), from, addDays(from, 27), { withLead: true });
    const plan = buildPlan(inputs({ slots, moments }));
    const tires = plan.filter((e) => e.sourceRef?.startsWith('winter-tires@'));
    expect(tires.map((e) => e.date)).toEqual(['2026-12-01']);
    expect(tires[0]).toMatchObject({ sourceKind: 'moment', topic: 'Pneus d’hiver obligatoires' });
    // Black Friday (Fri Nov 27): the Thursday before.
    expect(plan.find((e) => e.sourceRef === 'black-friday@2026-11-27')?.date).toBe('2026-11-26');
  });

  it('leaves kept days alone and counts them in the mix', () => {
    const kept = [
      {
        platform: 'facebook',
        date: '2027-01-05',
        contentType: 'announcement',
        topic: 'Nouveau',
        angle: null,
        sourceKind: 'owner',
        sourceRef: null,
      },
      {
        platform: 'facebook',
        date: '2027-01-06',
        contentType: 'announcement',
        topic: 'Encore',
        angle: null,
        sourceKind: 'owner',
        sourceRef: null,
      },
    ];
    const ideas = [{ id: 'i1', text: 'Promo', contentType: 'announcement' as const, link: null }];
    const plan = buildPlan(inputs({ kept, ideas }));
    expect(plan.find((e) => e.date === '2027-01-05' || e.date === '2027-01-06')).toBeUndefined();
    // The two kept announcements fill the cap of their window: the idea waits four weeks.
    const idea = plan.find((e) => e.sourceRef === 'i1')!;
    expect(idea.date > addDays('2027-01-05', 27)).toBe(true);
  });

  it('offers fresh news as industry_news with its citation, and never stale news', () => {
    const news = [
      {
        id: 'n1',
        title: 'Pénurie de main-d’œuvre : les PME répondent moins au téléphone',
        url: 'https://news.test/a',
        publisher: 'Les Affaires',
        date: '2027-01-04',
        score: 0.8,
        judgement: null,
      },
      {
        id: 'n2',
        title: 'Vieille nouvelle',
        url: 'https://news.test/b',
        publisher: 'Les Affaires',
        date: '2026-10-01',
        score: 0.9,
        judgement: null,
      },
    ];
    const plan = buildPlan(inputs({ news }));
    const entry = plan.find((e) => e.sourceKind === 'news')!;
    expect(entry).toMatchObject({
      contentType: 'industry_news',
      sourceRef: 'n1',
      citation: { url: 'https://news.test/a', publisher: 'Les Affaires' },
    });
    expect(plan.find((e) => e.sourceRef === 'n2')).toBeUndefined();
  });

  it('proposes a past winner for a rewrite only after its rest', () => {
    const evergreen = [
      {
        postId: 'p1',
        contentType: 'case_study' as const,
        headline: 'Clinique dentaire',
        rate: 0.031,
        date: '2026-10-01',
      },
    ];
    const plan = buildPlan(
      inputs({ evergreen, config: { ...planSchema.parse({}), evergreen: { restDays: 120, top: 5, perFourWeeks: 2 } } }),
    );
    const revisit = plan.filter((e) => e.sourceKind === 'evergreen');
    expect(revisit).toHaveLength(1);
    expect(revisit[0]!.date >= addDays('2026-10-01', 120)).toBe(true);
    expect(revisit[0]!.reason.fr).toMatch(/Succès à revisiter/);
  });
});
