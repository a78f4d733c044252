import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildReport,
  lastCompleteWeek,
  resolvePeriod,
  type Kpi,
  type ReportData,
} from '../../src/report/report-service.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { insertFixture, WEEK_FIXTURE } from '../helpers/report-fixture.js';

let store: TestStore;
const kpi = (data: ReportData, key: Kpi['key']) => data.kpis.find((k) => k.key === key)!;

beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
  await insertFixture(store.deps, WEEK_FIXTURE);
});
afterEach(async () => store.close());

describe('periods', () => {
  it('--week is the last complete Monday–Sunday week in the brand zone', () => {
    // Monday 00:30 in Toronto is still Sunday evening's week +1: 2026-11-23T05:30Z = Mon 00:30 EST.
    expect(lastCompleteWeek(new Date('2026-11-23T05:30:00Z'), 'America/Toronto')).toMatchObject({
      from: '2026-11-16',
      to: '2026-11-22',
    });
    // Sunday 23:30 local (Monday 04:30 UTC) still reports the week before.
    expect(lastCompleteWeek(new Date('2026-11-23T04:30:00Z'), 'America/Toronto')).toMatchObject({
      from: '2026-11-09',
      to: '2026-11-15',
    });
    const p = resolvePeriod({ now: new Date('2026-11-24T15:00:00Z'), timeZone: 'America/Toronto' });
    expect(p).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
      start: '2026-11-16T05:00:00.000Z',
      end: '2026-11-23T05:00:00.000Z',
      days: 7,
    });
  });

  it('crosses the DST change with local-midnight bounds', () => {
    const p = resolvePeriod({ from: '2026-10-26', to: '2026-11-01', now: new Date(), timeZone: 'America/Toronto' });
    expect(p.start).toBe('2026-10-26T04:00:00.000Z');
    expect(p.end).toBe('2026-11-02T05:00:00.000Z');
  });

  it('rejects bad dates and reversed ranges', () => {
    expect(() => resolvePeriod({ from: '2026-13-01', now: new Date(), timeZone: 'UTC' })).toThrow(/not a date/);
    expect(() => resolvePeriod({ from: '2026-11-10', to: '2026-11-01', now: new Date(), timeZone: 'UTC' })).toThrow(
      /before/,
    );
  });
});

describe('weekly report numbers (hand-computed)', () => {
  it('computes every KPI, its basis and the week-over-week change', async () => {
    const data = await buildReport(store.deps);
    expect(data.period).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(data.previous).toMatchObject({ from: '2026-11-09', to: '2026-11-15' });

    // Engagement: P1 7d (15+3+2)/600 and P2 24h 3/300 pooled = 23/900; P3 unmeasured, P4 no viewers.
    const er = kpi(data, 'engagement_rate');
    expect(er.value).toBeCloseTo(23 / 900, 12);
    // Previous: P5 10/500 and P6 1/200 = 11/700.
    expect(er.previous).toBeCloseTo(11 / 700, 12);
    expect(er.change).toBeCloseTo(23 / 900 - 11 / 700, 12);
    expect(er.status).toBe('met');
    expect(er.basis.en).toMatch(/unique viewers/);
    expect(er.note?.en).toBe('2 of 4 posts have no usable metrics yet');

    const uv = kpi(data, 'unique_viewers_per_post');
    expect(uv.value).toBe(450); // (600 + 300) / 2
    expect(uv.previous).toBe(350); // (500 + 200) / 2
    expect(uv.changeRelative).toBeCloseTo(100 / 350, 12);
    expect(uv.status).toBe('below');

    const posts = kpi(data, 'posts_published');
    expect(posts.value).toBe(4);
    expect(posts.target).toBe(3); // tue, wed, thu in the generation schedule
    expect(posts.previous).toBe(2);

    expect(kpi(data, 'quality_score').value).toBe(82.5); // (90+80+85+75)/4
    expect(kpi(data, 'quality_score').previous).toBe(79); // (88+70)/2

    expect(kpi(data, 'cost_per_post_text').value).toBeCloseTo(0.12 / 4, 12); // .05+.03+.02+.02
    expect(kpi(data, 'cost_per_post_image').value).toBeCloseTo(0.12 / 4, 12); // 3 × .04
    expect(kpi(data, 'cost_per_post_total').value).toBeCloseTo(0.06, 12);
    expect(kpi(data, 'cost_per_post_total').previous).toBeCloseTo(0.11 / 2, 12);
    // Period spend includes the rejected draft's $0.10.
    expect(kpi(data, 'cost_period_total').value).toBeCloseTo(0.34, 12);
    expect(kpi(data, 'cost_period_total').previous).toBeCloseTo(0.11, 12);
    expect(data.counts).toEqual({ published: 4, planned: 3, measured: 3, withoutMetrics: 2 });
  });

  it('breaks down by type, style, prompt version and day × hour', async () => {
    const data = await buildReport(store.deps);
    const byType = data.breakdowns.find((b) => b.key === 'content_type')!;
    expect(byType.period).toEqual([
      { key: 'case_study', posts: 1, measured: 1, rate: 20 / 600, viewersPerPost: 600 },
      { key: 'tip', posts: 2, measured: 2, rate: 3 / 300, viewersPerPost: 300 },
      { key: 'faq', posts: 1, measured: 0, rate: null, viewersPerPost: null },
    ]);
    const trailingCase = byType.trailing.find((r) => r.key === 'case_study')!;
    expect(trailingCase.rate).toBeCloseTo(30 / 1100, 12); // P1 + P5
    const byVersion = data.breakdowns.find((b) => b.key === 'prompt_version')!;
    expect(byVersion.period.map((r) => [r.key, r.posts])).toEqual([
      ['v1', 2],
      ['v2', 2],
    ]);
    const tue14 = data.heatmap.cells.find((c) => c.weekday === 'tue' && c.hour === 14)!;
    expect(tue14).toEqual({ weekday: 'tue', hour: 14, posts: 2, rate: 30 / 1100 });
    const fri14 = data.heatmap.cells.find((c) => c.weekday === 'fri' && c.hour === 14)!;
    expect(fri14).toEqual({ weekday: 'fri', hour: 14, posts: 1, rate: null });
    expect(data.heatmap.hours).toEqual([13, 14, 15]);
  });

  it('draws the 12-week trend with gaps, not zeros', async () => {
    const data = await buildReport(store.deps);
    expect(data.trend.weeks).toHaveLength(12);
    expect(data.trend.weeks[11]).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
      posts: 4,
      measured: 3,
      viewersPerPost: 450,
      rate: 23 / 900,
    });
    expect(data.trend.weeks[10]).toMatchObject({ from: '2026-11-09', posts: 2, viewersPerPost: 350 });
    expect(data.trend.weeks[0]).toEqual({
      from: '2026-08-31',
      to: '2026-09-06',
      posts: 0,
      measured: 0,
      viewersPerPost: null,
      rate: null,
    });
  });

  it('names the best and worst posts with reasons, and states missing data', async () => {
    const data = await buildReport(store.deps);
    expect(data.best.map((b) => b.rate)).toEqual([20 / 600]);
    expect(data.worst.map((b) => b.rate)).toEqual([0.01]);
    const reasons = data.best[0]!.reasons.map((r) => r.en);
    expect(reasons[0]).toMatch(/× the 12-week average/);
    expect(reasons).toContain('ends with a question');
    expect(reasons.map((r) => r.replace(/\u00a0/g, ' '))).toContain('case study, storytelling tone, Tuesday 2 p.m.');
    const fr = data.best[0]!.reasons.map((r) => r.fr);
    expect(fr).toContain('étude de cas, ton récit, mardi 14\u00a0h');
    expect(fr[0]).toMatch(/^\d+,\d\u00a0× l’engagement moyen sur 12 semaines \(\d+,\d\d\u00a0%\)$/);
    const missingFr = data.missing.map((m) => m.fr);
    expect(
      missingFr.some((m) =>
        /Facebook n’a pas fourni les personnes atteintes \(relevé à (?:7 jours|24 heures)\)/.test(m),
      ),
    ).toBe(true);
    const missing = data.missing.map((m) => m.en);
    expect(missing.some((m) => /has no metrics yet/.test(m))).toBe(true);
    expect(missing.some((m) => /did not return unique viewers \((?:7-day|24-hour) snapshot\)/.test(m))).toBe(true);
    expect(missing.some((m) => /10 of the 12 trend weeks had no published post/.test(m))).toBe(true);
    expect(data.recommendations.length).toBeGreaterThan(0);
  });

  it('says "no data" for a week with no posts instead of zeros', async () => {
    const data = await buildReport(store.deps, { from: '2026-11-02', to: '2026-11-08' });
    expect(kpi(data, 'engagement_rate')).toMatchObject({
      value: null,
      previous: null,
      change: null,
      status: 'no_data',
    });
    expect(kpi(data, 'unique_viewers_per_post').value).toBeNull();
    expect(kpi(data, 'posts_published')).toMatchObject({ value: 0, target: 3, status: 'below' });
    expect(kpi(data, 'cost_per_post_total').value).toBeNull();
    expect(kpi(data, 'cost_period_total').value).toBe(0);
    expect(data.missing[0]!.en).toMatch(/No post was published/);
    expect(data.best).toEqual([]);
    expect(data.worst).toEqual([]);
  });
});
