import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sparkline } from '../../src/report/charts.js';
import { buildReport, promptVersionLabel } from '../../src/report/report-service.js';
import { renderReport } from '../../src/report/weekly.js';
import { MIN_RECOMMENDATION_POSTS } from '../../src/optimize/insights-service.js';
import { insertFixture, type FixturePost } from '../helpers/report-fixture.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

const VOICE = 'brand-voice@1#a1b2c3';
const LONG = `${VOICE}+type/behind_the_scenes@2#d4e5f6+style/storytelling@1#0a1b2c`;

/** A measured post: `rate` of 1 000 unique viewers, 7-day snapshot. */
const measured = (publishedAt: string, rate: number, extra: Partial<FixturePost> = {}): FixturePost => ({
  contentType: 'tip',
  style: 'professional',
  text: 'Un texte mesuré pour le rapport.',
  publishedAt,
  snapshots: [{ label: '7d', uniqueViewers: 1000, reactions: Math.round(rate * 1000), comments: 0, shares: 0 }],
  ...extra,
});

describe('report: what the owner reads (issue 14)', () => {
  it('an empty 12-week trend draws no bar for 0, and each KPI says "no data" once', async () => {
    expect(sparkline([0, 0, 0], { unicode: true })).toBe('▁▁▁');
    expect(sparkline([2, 2], { unicode: true })).toBe('██');
    const data = await buildReport(store.deps, { from: '2026-11-16', to: '2026-11-22' });
    const table = renderReport(data, 'table', { lang: 'en', colour: false, unicode: true });
    expect(table).toMatch(/Posts +▁{12} +0/);
    const md = renderReport(data, 'md', { lang: 'en', colour: false, unicode: true });
    const engagementRow = md.split('\n').find((line) => line.startsWith('| Engagement rate'))!;
    expect(engagementRow.match(/no data/g)).toHaveLength(2); // the value and the previous week's, not the status
    const tableRows = table.split('\n');
    const at = tableRows.findIndex((line) => line.includes('Engagement rate'));
    // The status goes on a line of its own only when there is one to say ("below target"):
    // "no data" is never repeated there.
    expect(tableRows[at]!.match(/no data/g)).toHaveLength(2);
    const kpis = tableRows.slice(at, tableRows.indexOf('', at));
    expect(kpis.filter((line) => /^\s+no data\s*$/.test(line))).toEqual([]);
  });

  it('a "best post" beats the 12-week average; recommendations wait for enough posts', async () => {
    // Strong earlier weeks, a weak period (16–22 Nov): the period's top post is below average.
    await insertFixture(store.deps, [
      measured('2026-11-03T19:00:00Z', 0.05),
      measured('2026-11-04T19:00:00Z', 0.05),
      measured('2026-11-10T19:00:00Z', 0.05),
      measured('2026-11-17T19:00:00Z', 0.01),
      measured('2026-11-18T19:00:00Z', 0.008),
    ]);
    const data = await buildReport(store.deps, { from: '2026-11-16', to: '2026-11-22' });
    expect(data.best).toEqual([]);
    expect(data.worst.length).toBeGreaterThan(0);
  });

  it('no recommendation rests on a single post', async () => {
    await insertFixture(store.deps, [measured('2026-11-17T19:00:00Z', 0.04, { contentType: 'case_study' })]);
    const data = await buildReport(store.deps, { from: '2026-11-16', to: '2026-11-22' });
    const text = data.recommendations.map((r) => r.en).join('\n');
    expect(MIN_RECOMMENDATION_POSTS).toBeGreaterThan(1);
    expect(text).toMatch(/Only 1 measured post: too few to recommend a change/);
    expect(text).not.toMatch(/Favour|Propose the|Best slot so far/);
  });

  it('prompt versions read as names and numbers, without hashes; long labels never overlap the bars', async () => {
    expect(promptVersionLabel(`${VOICE}+type/tip@2#d4e5f6+style/question@1#0a1b2c`)).toBe(
      'tip v2 · question v1 · voice v1',
    );
    await insertFixture(store.deps, [
      measured('2026-11-17T19:00:00Z', 0.02, { promptVersion: LONG }),
      measured('2026-11-18T19:00:00Z', 0.03, { promptVersion: `${VOICE}+type/tip@2#d4e5f6+style/question@1#0a1b2c` }),
    ]);
    const data = await buildReport(store.deps, { from: '2026-11-16', to: '2026-11-22' });
    for (const format of ['table', 'md', 'html'] as const) {
      const out = renderReport(data, format, { lang: 'en', colour: false, unicode: true });
      expect(out, format).toContain('behind the scenes v2 · storytelling v1 · voice v1');
      expect(out, format).not.toMatch(/#a1b2c3|#d4e5f6|brand-voice@1/);
    }
    const html = renderReport(data, 'html', { lang: 'en', colour: false, unicode: true });
    const chart = html.slice(html.indexOf('By prompt version'));
    // The label is on its own line (y) above its bar (rect y): no shared baseline to run into.
    const row = /<text x="0" y="(\d+)"[^>]*><title>behind the scenes[^]*?<rect x="0" y="(\d+)"/.exec(chart)!;
    expect(Number(row[1])).toBeLessThan(Number(row[2]));
  });
});
