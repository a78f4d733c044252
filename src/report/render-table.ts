import { planSection } from './render-plan.js';
import Table from 'cli-table3';
import { createStyle } from '../present/style.js';
import type { Lang } from '../i18n/localized.js';
import { bar, gapGlyph, shade, sparkline, toAscii, type Glyphs } from './charts.js';
import { createFmt, statusLabel, targetText } from './format.js';
import type { GroupRow, ReportData } from './report-service.js';

export interface TableRenderOptions {
  lang: Lang;
  colour: boolean;
  unicode: boolean;
  columns?: number;
}

const ASCII_CHARS = {
  top: '-',
  'top-mid': '+',
  'top-left': '+',
  'top-right': '+',
  bottom: '-',
  'bottom-mid': '+',
  'bottom-left': '+',
  'bottom-right': '+',
  left: '|',
  'left-mid': '+',
  mid: '-',
  'mid-mid': '+',
  right: '|',
  'right-mid': '+',
  middle: '|',
};

/** The terminal report: cli-table3 tables plus sparklines, bars and a heatmap in text. */
export const renderTable = (data: ReportData, o: TableRenderOptions): string => {
  const f = createFmt(o.lang);
  const g: Glyphs = { unicode: o.unicode };
  const { bold, dim, green, red, yellow } = createStyle(o.colour);
  const fr = o.lang === 'fr';
  const table = (head: string[]) =>
    new Table({
      head: head.map((h) => bold(h)),
      style: { head: [], border: [], compact: false },
      ...(o.unicode ? {} : { chars: ASCII_CHARS }),
      wordWrap: true,
    });
  const out: string[] = [];
  const dash = o.unicode ? '—' : '-';
  out.push(
    bold(
      `${fr ? 'Rapport' : 'Report'} ${data.brandName} ${dash} ${data.period.from} ${o.unicode ? '→' : '->'} ${data.period.to} (${data.timeZone})`,
    ),
  );
  out.push(
    dim(
      fr
        ? `Comparé à ${data.previous.from} → ${data.previous.to}`
        : `Compared with ${data.previous.from} to ${data.previous.to}`,
    ),
  );
  out.push('');

  const k = table([
    fr ? 'Indicateur' : 'KPI',
    fr ? 'Valeur' : 'Value',
    fr ? 'Objectif' : 'Target',
    fr ? 'Sem. préc.' : 'Previous',
    fr ? 'Variation' : 'Change',
  ]);
  for (const kpi of data.kpis) {
    const status = statusLabel(kpi, o.lang);
    const colourStatus =
      kpi.status === 'met' ? green : kpi.status === 'no_data' ? yellow : kpi.status === 'info' ? (s: string) => s : red;
    k.push([
      f.t(kpi.label),
      `${f.kpiValue(kpi, kpi.value)}${status ? `\n${colourStatus(status)}` : ''}`,
      targetText(kpi, f),
      f.kpiValue(kpi, kpi.previous),
      f.kpiChange(kpi),
    ]);
  }
  out.push(k.toString());
  out.push(dim(fr ? 'Bases de calcul :' : 'How each number is computed:'));
  for (const kpi of data.kpis)
    out.push(dim(`  ${f.t(kpi.label)}: ${f.t(kpi.basis)}${kpi.note ? ` ${dash} ${f.t(kpi.note)}` : ''}`));
  out.push('');

  const rates = data.trend.weeks.map((w) => w.rate);
  const viewers = data.trend.weeks.map((w) => w.viewersPerPost);
  out.push(bold(fr ? 'Tendance sur 12 semaines' : '12-week trend'));
  out.push(
    `  ${fr ? 'Portée/publication' : 'Reach per post   '} ${sparkline(viewers, g)}  ${f.count(viewers.at(-1) ?? null)}`,
  );
  out.push(
    `  ${fr ? 'Engagement        ' : 'Engagement       '} ${sparkline(rates, g)}  ${f.rate(rates.at(-1) ?? null)}`,
  );
  out.push(
    `  ${fr ? 'Publications      ' : 'Posts            '} ${sparkline(
      data.trend.weeks.map((w) => w.posts),
      g,
    )}  ${data.trend.weeks.at(-1)?.posts ?? 0}`,
  );
  out.push(dim(`  ${f.t(data.trend.basis)}; ${gapGlyph(g)} = ${fr ? 'aucune donnée' : 'no data'}`));
  out.push('');

  const breakdownTable = (rows: GroupRow[], trailing: GroupRow[]) => {
    const t = table(['', fr ? 'Période' : 'Period', fr ? '12 sem.' : '12 wk', '', fr ? 'Publ.' : 'Posts']);
    const max = Math.max(0, ...trailing.map((r) => r.rate ?? 0));
    for (const r of trailing) {
      const p = rows.find((x) => x.key === r.key);
      t.push([
        r.label ?? r.key,
        p ? f.rate(p.rate) : dash,
        f.rate(r.rate),
        bar(r.rate, max, 16, g),
        `${p?.posts ?? 0} / ${r.posts}`,
      ]);
    }
    return t.toString();
  };
  for (const b of data.breakdowns) {
    out.push(bold(f.t(b.label)));
    out.push(b.trailing.length ? breakdownTable(b.period, b.trailing) : `  ${f.noData}`);
  }
  out.push('');
  if (data.platforms.rows.length > 1) {
    out.push(bold(f.t(data.platforms.label)));
    const t = table([
      '',
      fr ? 'Publ.' : 'Posts',
      fr ? 'Mesurés' : 'Measured',
      fr ? 'Auditoire' : 'Audience',
      'Interactions',
      fr ? 'Taux' : 'Rate',
    ]);
    const num = (n: number | null) => (n === null ? dash : String(n));
    for (const r of [...data.platforms.rows, { platform: 'total', ...data.platforms.totals }])
      t.push([r.platform, String(r.posts), String(r.measured), num(r.audience), num(r.interactions), f.rate(r.rate)]);
    out.push(t.toString());
    out.push(dim(`  ${f.t(data.platforms.basis)}`));
    out.push('');
  }

  out.push(bold(fr ? 'Jour × heure (12 semaines)' : 'Day × hour (12 weeks)'));
  const max = Math.max(0, ...data.heatmap.cells.map((c) => c.rate ?? 0));
  const h = table(['', ...data.heatmap.hours.map((x) => `${x}h`)]);
  for (const wd of data.heatmap.weekdays) {
    h.push([
      wd,
      ...data.heatmap.hours.map((hour) => {
        const c = data.heatmap.cells.find((x) => x.weekday === wd && x.hour === hour)!;
        return c.rate === null ? gapGlyph(g) : `${shade(c.rate, max, g)} ${(c.rate * 100).toFixed(1)}`;
      }),
    ]);
  }
  out.push(h.toString());
  out.push(dim(`  ${f.t(data.heatmap.basis)} (%); ${gapGlyph(g)} = ${fr ? 'aucune publication' : 'no post'}`));
  out.push('');

  const standouts = (title: string, list: ReportData['best']) => {
    out.push(bold(title));
    if (list.length === 0)
      out.push(`  ${fr ? 'aucune publication mesurée dans la période' : 'no measured post in the period'}`);
    for (const s of list) {
      out.push(
        `  ${s.shortId}  ${f.rate(s.rate)}  ${s.uniqueViewers === null ? '' : `${f.count(s.uniqueViewers)} ${fr ? 'pers.' : 'viewers'}`}`,
      );
      out.push(`    "${s.excerpt}"`);
      out.push(dim(`    ${s.reasons.map((r) => f.t(r)).join('; ')}`));
    }
  };
  standouts(fr ? 'Meilleures publications' : 'Best posts', data.best);
  standouts(fr ? 'Moins bonnes publications' : 'Weakest posts', data.worst);
  out.push('');
  out.push(bold(fr ? 'Recommandations' : 'Recommendations'));
  for (const r of data.recommendations) out.push(`  ${o.unicode ? '•' : '*'} ${f.t(r)}`);
  if (data.missing.length) {
    out.push('');
    out.push(bold(yellow(fr ? 'Données manquantes' : 'Missing data')));
    for (const m of data.missing) out.push(`  ${o.unicode ? '•' : '*'} ${f.t(m)}`);
  }
  if (data.plan) {
    const p = planSection(data.plan, o.lang);
    out.push('', bold(p.title), ...p.entries.map((x) => `  ${o.unicode ? '•' : '*'} ${x}`));
    out.push('', bold(p.mixTitle), ...p.mix.map((x) => `  ${o.unicode ? '•' : '*'} ${x}`));
  }
  const text = out.join('\n');
  return o.unicode ? text : toAscii(text);
};
