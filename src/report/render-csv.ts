import { scalarText } from '../domain/values.js';
import type { Lang } from '../i18n/localized.js';
import type { ReportData } from './report-service.js';

/** RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
export const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'object' ? JSON.stringify(value) : scalarText(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvLine = (values: unknown[]) => values.map(csvField).join(',');

/**
 * The report as one long table (section, key, metric, value, note): raw numbers (rates as
 * fractions, money in USD), empty value = no data, so a spreadsheet never mistakes a gap for 0.
 */
export const renderCsv = (data: ReportData, lang: Lang): string => {
  const rows: unknown[][] = [['section', 'key', 'metric', 'value', 'note']];
  const t = (x: { en: string; fr: string }) => x[lang];
  rows.push(['period', 'current', 'from', data.period.from, data.timeZone]);
  rows.push(['period', 'current', 'to', data.period.to, data.timeZone]);
  rows.push(['period', 'previous', 'from', data.previous.from, '']);
  rows.push(['period', 'previous', 'to', data.previous.to, '']);
  for (const k of data.kpis) {
    rows.push(['kpi', k.key, 'value', k.value, k.value === null ? (k.note ? t(k.note) : 'no data') : t(k.basis)]);
    rows.push(['kpi', k.key, 'previous', k.previous, '']);
    rows.push(['kpi', k.key, 'change', k.change, k.unit === 'rate' ? 'rate points' : '']);
    rows.push(['kpi', k.key, 'target', k.target, k.targetKind ?? '']);
    rows.push(['kpi', k.key, 'status', k.status, '']);
  }
  for (const b of data.breakdowns) {
    for (const [scope, list] of [
      ['period', b.period],
      ['12w', b.trailing],
    ] as const) {
      for (const r of list) {
        rows.push([`${b.key}:${scope}`, r.key, 'posts', r.posts, '']);
        rows.push([`${b.key}:${scope}`, r.key, 'engagement_rate', r.rate, '']);
        rows.push([`${b.key}:${scope}`, r.key, 'viewers_per_post', r.viewersPerPost, '']);
      }
    }
  }
  for (const c of data.heatmap.cells) {
    if (c.posts === 0) continue;
    rows.push(['heatmap', `${c.weekday}-${c.hour}`, 'engagement_rate', c.rate, `${c.posts} posts`]);
  }
  for (const w of data.trend.weeks) {
    rows.push(['trend', w.from, 'posts', w.posts, w.to]);
    rows.push(['trend', w.from, 'viewers_per_post', w.viewersPerPost, w.viewersPerPost === null ? 'no data' : '']);
    rows.push(['trend', w.from, 'engagement_rate', w.rate, w.rate === null ? 'no data' : '']);
  }
  for (const [section, list] of [
    ['best', data.best],
    ['worst', data.worst],
  ] as const) {
    for (const s of list) rows.push([section, s.postId, 'engagement_rate', s.rate, s.reasons.map(t).join('; ')]);
  }
  for (const r of data.recommendations) rows.push(['recommendation', '', '', '', t(r)]);
  for (const m of data.missing) rows.push(['missing', '', '', '', t(m)]);
  return `${rows.map(csvLine).join('\r\n')}\r\n`;
};
