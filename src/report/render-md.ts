import { planSection } from './render-plan.js';
import type { Lang } from '../i18n/localized.js';
import { createFmt, statusLabel, targetText } from './format.js';
import { sparkline } from './charts.js';
import type { ReportData } from './report-service.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const renderMarkdown = (data: ReportData, lang: Lang): string => {
  const f = createFmt(lang);
  const fr = lang === 'fr';
  const out: string[] = [];
  const row = (cells: string[]) => out.push(`| ${cells.map(cell).join(' | ')} |`);
  out.push(`# ${fr ? 'Rapport' : 'Report'} ${data.brandName}: ${data.period.from} → ${data.period.to}`);
  out.push('');
  out.push(
    `${fr ? 'Fuseau' : 'Time zone'}: ${data.timeZone}. ${fr ? 'Comparé à' : 'Compared with'} ${data.previous.from} → ${data.previous.to}. ${fr ? 'Généré le' : 'Generated'} ${data.generatedAt}.`,
  );
  out.push('');
  out.push(`## ${fr ? 'Indicateurs' : 'KPIs'}`);
  out.push('');
  row([
    fr ? 'Indicateur' : 'KPI',
    fr ? 'Valeur' : 'Value',
    fr ? 'Objectif' : 'Target',
    fr ? 'État' : 'Status',
    fr ? 'Précédent' : 'Previous',
    fr ? 'Variation' : 'Change',
    fr ? 'Base' : 'Basis',
  ]);
  row(['---', '---:', '---', '---', '---:', '---:', '---']);
  for (const k of data.kpis) {
    row([
      f.t(k.label),
      f.kpiValue(k, k.value),
      targetText(k, f),
      statusLabel(k, lang),
      f.kpiValue(k, k.previous),
      f.kpiChange(k),
      f.t(k.basis) + (k.note ? ` (${f.t(k.note)})` : ''),
    ]);
  }
  out.push('');
  out.push(`## ${fr ? 'Tendance sur 12 semaines' : '12-week trend'}`);
  out.push('');
  out.push(
    `\`${sparkline(
      data.trend.weeks.map((w) => w.viewersPerPost),
      { unicode: true },
    )}\` ${fr ? 'portée par publication' : 'reach per post'} · ${f.t(data.trend.basis)}`,
  );
  out.push('');
  row([
    fr ? 'Semaine' : 'Week',
    fr ? 'Publ.' : 'Posts',
    fr ? 'Mesurées' : 'Measured',
    fr ? 'Portée/publ.' : 'Reach/post',
    fr ? 'Engagement' : 'Engagement',
  ]);
  row(['---', '---:', '---:', '---:', '---:']);
  for (const w of data.trend.weeks)
    row([`${w.from} → ${w.to}`, String(w.posts), String(w.measured), f.count(w.viewersPerPost), f.rate(w.rate)]);
  for (const b of data.breakdowns) {
    out.push('');
    out.push(`## ${f.t(b.label)}`);
    out.push('');
    if (b.trailing.length === 0) {
      out.push(f.noData);
      continue;
    }
    row([
      '',
      fr ? 'Période' : 'Period',
      fr ? 'Publ. (période)' : 'Posts (period)',
      fr ? '12 semaines' : '12 weeks',
      fr ? 'Publ. (12 sem.)' : 'Posts (12 wk)',
    ]);
    row(['---', '---:', '---:', '---:', '---:']);
    for (const r of b.trailing) {
      const p = b.period.find((x) => x.key === r.key);
      row([r.label ?? r.key, p ? f.rate(p.rate) : '—', String(p?.posts ?? 0), f.rate(r.rate), String(r.posts)]);
    }
  }
  out.push('');
  out.push(`## ${fr ? 'Jour × heure' : 'Day × hour'}`);
  out.push('');
  out.push(f.t(data.heatmap.basis));
  out.push('');
  row(['', ...data.heatmap.hours.map((h) => f.base.hour(h))]);
  row(['---', ...data.heatmap.hours.map(() => '---:')]);
  for (const wd of data.heatmap.weekdays) {
    row([
      f.base.weekdayShort(wd),
      ...data.heatmap.hours.map((h) => {
        const c = data.heatmap.cells.find((x) => x.weekday === wd && x.hour === h)!;
        return c.rate === null ? '·' : `${f.rate(c.rate)} (${c.posts})`;
      }),
    ]);
  }
  for (const [title, list] of [
    [fr ? 'Meilleures publications' : 'Best posts', data.best],
    [fr ? 'Moins bonnes publications' : 'Weakest posts', data.worst],
  ] as const) {
    out.push('');
    out.push(`## ${title}`);
    out.push('');
    if (list.length === 0)
      out.push(fr ? 'Aucune publication mesurée dans la période.' : 'No measured post in the period.');
    for (const s of list) {
      out.push(
        `- **${s.shortId}** ${f.rate(s.rate)}${s.uniqueViewers === null ? '' : `, ${f.count(s.uniqueViewers)} ${fr ? 'personnes' : 'viewers'}`}: ${s.reasons.map((r) => f.t(r)).join('; ')}`,
      );
      out.push(`  > ${s.excerpt}`);
    }
  }
  out.push('');
  out.push(`## ${fr ? 'Recommandations' : 'Recommendations'}`);
  out.push('');
  for (const r of data.recommendations) out.push(`- ${f.t(r)}`);
  if (data.missing.length) {
    out.push('');
    out.push(`## ${fr ? 'Données manquantes' : 'Missing data'}`);
    out.push('');
    for (const m of data.missing) out.push(`- ${f.t(m)}`);
  }
  if (data.plan) {
    const p = planSection(data.plan, lang);
    out.push('', `## ${p.title}`, '', ...p.entries.map((x) => `- ${x}`));
    out.push('', `## ${p.mixTitle}`, '', ...p.mix.map((x) => `- ${x}`));
  }
  return `${out.join('\n')}\n`;
};
