import { brandLang } from '../config/lang.js';
import { l, type Lang } from '../i18n/localized.js';
import { CONTENT_TYPE_LABELS, labelOf } from '../present/labels.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { createFmt } from './format.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-md.js';
import { renderTable } from './render-table.js';
import { buildReport, type ReportData } from './report-service.js';

export type ReportFormat = 'table' | 'md' | 'json' | 'csv' | 'html';
export const REPORT_FORMATS: ReportFormat[] = ['table', 'md', 'json', 'csv', 'html'];

export interface RenderOptions {
  lang: Lang;
  colour: boolean;
  unicode: boolean;
  /** The terminal width the table format fits (undefined: full values). */
  columns?: number | undefined;
  colours?: { primary: string; accent: string; text: string; background: string } | undefined;
}

export const renderReport = (data: ReportData, format: ReportFormat, o: RenderOptions): string => {
  switch (format) {
    case 'table':
      return renderTable(data, o);
    case 'md':
      return renderMarkdown(data, o.lang);
    case 'csv':
      return renderCsv(data, o.lang);
    case 'html':
      return renderHtml(data, { lang: o.lang, colours: o.colours });
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
  }
};

const SLACK = {
  title: (brand: string, from: string, to: string) =>
    l(`*Weekly report ${brand}* ${from} → ${to}`, `*Rapport hebdo ${brand}* ${from} → ${to}`),
  kpi: (mark: string, label: string, value: string, change: string) =>
    l(`${mark} ${label}: *${value}* (${change})`, `${mark} ${label} : *${value}* (${change})`),
  planned: (line: string, n: number) => l(`${line} / ${n} planned`, `${line} / ${n} prévues`),
  best: (type: string, rate: string, excerpt: string) =>
    l(`🏆 Best: ${type} ${rate}: “${excerpt}”`, `🏆 Meilleure : ${type} ${rate} : « ${excerpt} »`),
  missingOne: l('missing-data note (see the report)', 'note de données manquantes (voir le rapport)'),
  missingMany: l('missing-data notes (see the report)', 'notes de données manquantes (voir le rapport)'),
} as const;

/** A few lines for Slack (mrkdwn): the numbers an owner reads in ten seconds. */
export const slackSummary = (data: ReportData, lang: Lang): string => {
  const f = createFmt(lang);
  const k = (key: string) => data.kpis.find((x) => x.key === key)!;
  const line = (key: string) => {
    const kpi = k(key);
    const mark = kpi.status === 'met' ? '✅' : kpi.status === 'no_data' ? '⚪' : kpi.status === 'info' ? '•' : '🔻';
    return f.t(SLACK.kpi(mark, f.t(kpi.label), f.kpiValue(kpi, kpi.value), f.kpiChange(kpi)));
  };
  const lines = [
    f.t(SLACK.title(data.brandName, data.period.from, data.period.to)),
    line('engagement_rate'),
    line('unique_viewers_per_post'),
    f.t(SLACK.planned(line('posts_published'), data.counts.planned)),
    line('cost_per_post_total'),
  ];
  const best = data.best[0];
  if (best)
    lines.push(
      f.t(
        SLACK.best(
          labelOf(CONTENT_TYPE_LABELS, best.contentType)[lang],
          f.rate(best.rate),
          `${best.excerpt.slice(0, 90)}${best.excerpt.length > 90 ? '…' : ''}`,
        ),
      ),
    );
  const rec = data.recommendations[0];
  if (rec) lines.push(`💡 ${f.t(rec)}`);
  if (data.missing.length) lines.push(`⚠️ ${f.base.count(data.missing.length, SLACK.missingOne, SLACK.missingMany)}`);
  return lines.join('\n');
};

export interface WeeklyReport {
  data: ReportData;
  html: string;
  slackText: string;
  subject: string;
}

/**
 * What the daemon's weekly job sends: the data, the self-contained HTML (email body or
 * attachment) and a short Slack text. Without from/to it reports the last complete week.
 */
export const buildWeeklyReport = async (
  deps: ServiceDeps,
  period: { from?: string; to?: string } = {},
  lang?: Lang,
  /** Adds sections another feature owns (the editorial calendar's look ahead) before rendering. */
  extend?: (data: ReportData) => Promise<void>,
): Promise<WeeklyReport> => {
  const language: Lang = lang ?? brandLang(deps.brand);
  const data = await buildReport(deps, period);
  await extend?.(data);
  const c = deps.brand.profile.colours;
  return {
    data,
    html: renderHtml(data, {
      lang: language,
      colours: { primary: c.primary, accent: c.accent, text: c.text, background: c.background },
    }),
    slackText: slackSummary(data, language),
    subject:
      language === 'fr'
        ? `Rapport hebdomadaire ${data.brandName} ${data.period.from} → ${data.period.to}`
        : `Weekly report ${data.brandName} ${data.period.from} → ${data.period.to}`,
  };
};
