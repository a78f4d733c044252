import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/report/csv-parse.js';
import { bar, sparkline, toAscii, unicodeFromEnv } from '../../src/report/charts.js';
import { buildReport, type ReportData } from '../../src/report/report-service.js';
import { buildWeeklyReport, renderReport } from '../../src/report/weekly.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { insertFixture, WEEK_FIXTURE } from '../helpers/report-fixture.js';

let store: TestStore;
let data: ReportData;
let empty: ReportData;

beforeAll(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
  await insertFixture(store.deps, WEEK_FIXTURE);
  data = await buildReport(store.deps);
  empty = await buildReport(store.deps, { from: '2026-11-02', to: '2026-11-08' });
});
afterAll(async () => store.close());

const render = (
  format: Parameters<typeof renderReport>[1],
  extra: Partial<Parameters<typeof renderReport>[2]> = {},
  d = data,
) => renderReport(d, format, { lang: 'en', colour: false, unicode: true, ...extra });

describe('charts', () => {
  it('sparklines and bars degrade to ASCII and mark gaps', () => {
    expect(sparkline([1, null, 3, 2], { unicode: true })).toBe('▁·█▅');
    expect(sparkline([1, null, 3, 2], { unicode: false })).toBe('_~#=');
    expect(sparkline([null, null], { unicode: true })).toBe('··');
    expect(bar(0.5, 1, 8, { unicode: false })).toBe('####');
    expect(bar(0.5, 1, 8, { unicode: true })).toBe('████');
    expect(bar(null, 1, 8, { unicode: false })).toBe('~');
    expect(toAscii('≥ 2,00 % → réussi… “ok” — ±1 ✅')).toBe('>= 2,00 % -> reussi... "ok" - +/-1 ?');
  });

  it('reads UTF-8 support from the locale', () => {
    expect(unicodeFromEnv({ LANG: 'fr_CA.UTF-8' })).toBe(true);
    expect(unicodeFromEnv({ LANG: 'C' })).toBe(false);
    expect(unicodeFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'POSIX' })).toBe(false);
    expect(unicodeFromEnv({ LANG: 'en_US.ISO-8859-1' })).toBe(false);
  });
});

describe('formats', () => {
  it('table: numbers, charts, no ANSI without colour; pure ASCII without UTF-8', () => {
    const text = render('table');
    expect(text).toContain('2.56\u00a0%');
    expect(text).toContain('Unique viewers per post');
    expect(text).toMatch(/Reach per post\s+·{10}▁█/);
    expect(text).not.toMatch(/\u001b\[/);
    const ascii = render('table', { unicode: false });
    expect(ascii).toMatch(/^[\x00-\x7f]*$/);
    expect(ascii).toContain('-----');
    expect(ascii).toContain('>= 2.00 %');
    // Every line fits the width asked for.
    const narrow = renderReport(data, 'table', { lang: 'fr', colour: false, unicode: true, columns: 80 });
    for (const line of narrow.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const coloured = render('table', { colour: true });
    expect(coloured).toMatch(/\u001b\[32mon target\u001b\[39m/);
    const fr = renderReport(data, 'table', { lang: 'fr', colour: false, unicode: true });
    expect(fr).toContain('2,56\u00a0%');
    expect(fr).toContain('Taux d’engagement');
  });

  it('table for an empty week shows "no data"', () => {
    const text = render('table', {}, empty);
    expect(text).toContain('no data');
    expect(text).toContain('No post was published in this period');
    expect(text).not.toMatch(/Engagement rate\s+0\.00\s%/);
  });

  it('markdown: KPI table with basis and sections', () => {
    const md = render('md');
    expect(md).toMatch(/^# Report AutoScale AI: 2026-11-16 → 2026-11-22/);
    expect(md).toMatch(
      /\| Engagement rate \| 2\.56\u00a0% \| ≥ 2\.00\u00a0% \(B2B benchmark 0\.5–1\u00a0%\) \| on target \| 1\.57\u00a0% \| \+0\.98\u00a0pt \|/,
    );
    expect(md).toContain('## Missing data');
    expect(md).toContain('## Best posts');
  });

  it('csv: raw numbers, empty cells for missing values, parseable', () => {
    const csv = render('csv');
    const rows = parseCsv(csv).map((r) => r.fields);
    expect(rows[0]).toEqual(['section', 'key', 'metric', 'value', 'note']);
    const find = (section: string, key: string, metric: string) =>
      rows.find((r) => r[0] === section && r[1] === key && r[2] === metric)!;
    expect(Number(find('kpi', 'engagement_rate', 'value')[3])).toBeCloseTo(23 / 900, 12);
    expect(find('kpi', 'unique_viewers_per_post', 'value')[3]).toBe('450');
    expect(find('trend', '2026-08-31', 'viewers_per_post')[3]).toBe('');
    expect(find('trend', '2026-08-31', 'viewers_per_post')[4]).toBe('no data');
    const emptyRows = parseCsv(render('csv', {}, empty)).map((r) => r.fields);
    const er = emptyRows.find((r) => r[0] === 'kpi' && r[1] === 'engagement_rate' && r[2] === 'value')!;
    expect(er[3]).toBe('');
    expect(er[4]).toBe('no post was published in this period');
  });

  it('json: the full data, round-trips', () => {
    expect(JSON.parse(render('json'))).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('html: one self-contained file with inline SVG, escaped text, phone viewport', () => {
    const html = render('html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain('d’appels perdez-vous');
    expect(html).toContain('2.56\u00a0%');
    expect(render('html', {}, empty)).toContain('No post was published in this period');
  });

  it('the weekly job gets data, html and a short Slack text', async () => {
    const weekly = await buildWeeklyReport(store.deps, {}, 'fr');
    expect(weekly.data.period.from).toBe('2026-11-16');
    expect(weekly.html).toContain('Rapport hebdomadaire');
    expect(weekly.subject).toBe('Rapport hebdomadaire AutoScale AI 2026-11-16 → 2026-11-22');
    const lines = weekly.slackText.split('\n');
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(weekly.slackText).toContain('Taux d’engagement\u00a0: *2,56\u00a0%* (+0,98\u00a0pt)');
    expect(weekly.slackText).toContain('Publications\u00a0: *4* (+2 (+100\u00a0%)) / 3 prévues');
  });
});
