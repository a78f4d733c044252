import { planSection } from './render-plan.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import { CONTENT_TYPE_LABELS, labelOf, STYLE_LABELS } from '../present/labels.js';
import { createStyle } from '../present/style.js';
import { renderTable as table, type Column } from '../present/table.js';
import { fitLine, truncate } from '../present/text.js';
import { bar, gapGlyph, shade, sparkline, toAscii, type Glyphs } from './charts.js';
import { createFmt, statusLabel, targetText } from './format.js';
import type { Breakdown, ReportData } from './report-service.js';

export interface TableRenderOptions {
  lang: Lang;
  colour: boolean;
  unicode: boolean;
  /** The width to fit (80 at least); undefined keeps every value whole (piped output, --wide). */
  columns?: number | undefined;
}

const W = {
  title: (brand: string, from: string, to: string, tz: string) =>
    l(`Report ${brand} — ${from} → ${to} (${tz})`, `Rapport ${brand} — ${from} → ${to} (${tz})`),
  compared: (from: string, to: string) => l(`Compared with ${from} → ${to}`, `Comparé à ${from} → ${to}`),
  kpi: l('KPI', 'Indicateur'),
  value: l('Value', 'Valeur'),
  target: l('Target', 'Objectif'),
  previous: l('Previous', 'Sem. préc.'),
  change: l('Change', 'Variation'),
  bases: l('How each number is computed:', 'Bases de calcul :'),
  basis: (label: string, basis: string) => l(`${label}: ${basis}`, `${label} : ${basis}`),
  trend: l('12-week trend', 'Tendance sur 12 semaines'),
  reach: l('Reach per post', 'Portée/publication'),
  engagement: l('Engagement', 'Engagement'),
  posts: l('Posts', 'Publications'),
  noData: l('no data', 'aucune donnée'),
  legend: (basis: string, glyph: string, means: string) =>
    l(`${basis}; ${glyph} = ${means}`, `${basis}; ${glyph} = ${means}`),
  period: l('Period', 'Période'),
  twelveWeeks: l('12 wk', '12 sem.'),
  postsShort: l('Posts', 'Publ.'),
  heatmap: l('Day × hour (12 weeks)', 'Jour × heure (12 semaines)'),
  noPost: l('no post', 'aucune publication'),
  best: l('Best posts', 'Meilleures publications'),
  worst: l('Weakest posts', 'Moins bonnes publications'),
  noMeasured: l('no measured post in the period', 'aucune publication mesurée dans la période'),
  viewers: l('viewers', 'pers.'),
  recommendations: l('Recommendations', 'Recommandations'),
  missing: l('Missing data', 'Données manquantes'),
} as const;

/** A breakdown's key as words: content types and styles are enumerations, prompt versions are names. */
const groupKey = (b: Breakdown, key: string): Localized =>
  b.key === 'content_type'
    ? labelOf(CONTENT_TYPE_LABELS, key)
    : b.key === 'style'
      ? labelOf(STYLE_LABELS, key)
      : key === 'unknown'
        ? l('unknown', 'inconnue')
        : l(key, key);

/**
 * The terminal report: tables fitted to the width by priority (long values wrap, never cut: a
 * report is read in full), sparklines, bars and a heatmap in text.
 */
export const renderTable = (data: ReportData, o: TableRenderOptions): string => {
  const f = createFmt(o.lang);
  const base = f.base;
  const t = (text: Localized) => f.t(text);
  const g: Glyphs = { unicode: o.unicode };
  const style = createStyle(o.colour);
  const { bold, dim, green, red, yellow } = style;
  const width = o.columns;
  const fit = (line: string, hang = 0) => fitLine(line, width, hang);
  const grid = (columns: Column[], rows: string[][]) =>
    table(columns, rows, { width, style, unicode: o.unicode, indent: 2 });
  const out: string[] = [];
  out.push(bold(fit(t(W.title(data.brandName, data.period.from, data.period.to, data.timeZone)))));
  out.push(dim(fit(t(W.compared(data.previous.from, data.previous.to)))));
  out.push('');

  // The status under a KPI's value, coloured by how it stands.
  const paint = (text: string, row: number) => {
    const kpi = data.kpis[row];
    if (!kpi || !statusLabel(kpi, o.lang).includes(text)) return text;
    return kpi.status === 'met'
      ? green(text)
      : kpi.status === 'no_data'
        ? yellow(text)
        : kpi.status === 'info'
          ? text
          : red(text);
  };
  out.push(
    grid(
      [
        { header: t(W.kpi), priority: 2, min: 16, overflow: 'wrap' },
        {
          header: t(W.value),
          priority: 1,
          min: 12,
          overflow: 'wrap',
          paint,
        },
        { header: t(W.target), priority: 4, min: 10, overflow: 'wrap' },
        { header: t(W.previous), priority: 3, min: 10, overflow: 'wrap' },
        { header: t(W.change), priority: 5, min: 12, overflow: 'wrap' },
      ],
      data.kpis.map((kpi) => {
        const status = statusLabel(kpi, o.lang);
        const value = f.kpiValue(kpi, kpi.value);
        return [
          t(kpi.label),
          status && status !== value ? `${value}\n${status}` : value,
          targetText(kpi, f),
          f.kpiValue(kpi, kpi.previous),
          f.kpiChange(kpi),
        ];
      }),
    ),
  );
  out.push('');
  out.push(dim(t(W.bases)));
  for (const kpi of data.kpis) {
    const basis = `${t(kpi.basis)}${kpi.note ? ` — ${t(kpi.note)}` : ''}`;
    out.push(dim(fit(`  ${t(W.basis(t(kpi.label), basis))}`, 4)));
  }
  out.push('');

  const rates = data.trend.weeks.map((w) => w.rate);
  const viewers = data.trend.weeks.map((w) => w.viewersPerPost);
  const names = [t(W.reach), t(W.engagement), t(W.posts)];
  const nameWidth = Math.max(...names.map((x) => x.length));
  out.push(bold(t(W.trend)));
  out.push(`  ${names[0]!.padEnd(nameWidth)}  ${sparkline(viewers, g)}  ${f.count(viewers.at(-1) ?? null)}`);
  out.push(`  ${names[1]!.padEnd(nameWidth)}  ${sparkline(rates, g)}  ${f.rate(rates.at(-1) ?? null)}`);
  out.push(
    `  ${names[2]!.padEnd(nameWidth)}  ${sparkline(
      data.trend.weeks.map((w) => w.posts),
      g,
    )}  ${base.int(data.trend.weeks.at(-1)?.posts ?? 0)}`,
  );
  out.push(dim(fit(`  ${t(W.legend(t(data.trend.basis), gapGlyph(g), t(W.noData)))}`, 4)));
  out.push('');

  for (const b of data.breakdowns) {
    out.push(bold(t(b.label)));
    if (!b.trailing.length) {
      out.push(`  ${f.noData}`);
      continue;
    }
    const max = Math.max(0, ...b.trailing.map((r) => r.rate ?? 0));
    out.push(
      grid(
        [
          { header: '', priority: 1, min: 12, overflow: 'truncate' },
          { header: t(W.period), priority: 0, align: 'right' },
          { header: t(W.twelveWeeks), priority: 0, align: 'right' },
          { header: '', priority: 2, optional: true, min: 16 },
          { header: t(W.postsShort), priority: 0, align: 'right' },
        ],
        b.trailing.map((r) => {
          const p = b.period.find((x) => x.key === r.key);
          return [
            r.label ?? t(groupKey(b, r.key)),
            p ? f.rate(p.rate) : '—',
            f.rate(r.rate),
            bar(r.rate, max, 16, g),
            `${base.int(p?.posts ?? 0)} / ${base.int(r.posts)}`,
          ];
        }),
      ),
    );
  }
  out.push('');
  if (data.platforms.rows.length > 1) {
    out.push(bold(t(data.platforms.label)));
    const num = (n: number | null) => (n === null ? '—' : base.int(n));
    const totals = { platform: t(l('total', 'total')), ...data.platforms.totals };
    out.push(
      grid(
        [
          { header: '', priority: 0 },
          { header: t(l('Posts', 'Publ.')), priority: 0, align: 'right' },
          { header: t(l('Measured', 'Mesurées')), priority: 1, align: 'right' },
          { header: t(l('Audience', 'Auditoire')), priority: 2, align: 'right', optional: true },
          { header: 'Interactions', priority: 2, align: 'right', optional: true },
          { header: t(l('Rate', 'Taux')), priority: 0, align: 'right' },
        ],
        [...data.platforms.rows, totals].map((r) => [
          r.platform,
          base.int(r.posts),
          base.int(r.measured),
          num(r.audience),
          num(r.interactions),
          f.rate(r.rate),
        ]),
      ),
    );
    out.push(dim(fit(`  ${t(data.platforms.basis)}`, 2)));
    out.push('');
  }

  out.push(bold(t(W.heatmap)));
  const max = Math.max(0, ...data.heatmap.cells.map((c) => c.rate ?? 0));
  out.push(
    grid(
      [
        { header: '', priority: 0 },
        ...data.heatmap.hours.map((h) => ({ header: base.hour(h), priority: 1, min: 5, overflow: 'wrap' as const })),
      ],
      data.heatmap.weekdays.map((wd) => [
        base.weekdayShort(wd),
        ...data.heatmap.hours.map((hour) => {
          const c = data.heatmap.cells.find((x) => x.weekday === wd && x.hour === hour)!;
          return c.rate === null ? gapGlyph(g) : `${shade(c.rate, max, g)}\u00a0${base.num(c.rate * 100, 1, 1)}`;
        }),
      ]),
    ),
  );
  out.push(dim(fit(`  ${t(W.legend(`${t(data.heatmap.basis)} (%)`, gapGlyph(g), t(W.noPost)))}`, 4)));
  out.push('');

  const standouts = (title: Localized, list: ReportData['best']) => {
    out.push(bold(t(title)));
    if (list.length === 0) out.push(`  ${t(W.noMeasured)}`);
    for (const s of list) {
      out.push(
        `  ${s.shortId}  ${f.rate(s.rate)}${s.uniqueViewers === null ? '' : `  ${f.count(s.uniqueViewers)} ${t(W.viewers)}`}`,
      );
      const quote = t(l(`“${s.excerpt}”`, `« ${s.excerpt} »`));
      out.push(`    ${width === undefined ? quote : truncate(quote, width - 4)}`);
      out.push(
        dim(fit(`    ${t(l(s.reasons.map((r) => r.en).join('; '), s.reasons.map((r) => r.fr).join('; ')))}`, 4)),
      );
    }
  };
  standouts(W.best, data.best);
  standouts(W.worst, data.worst);
  out.push('');
  const bullet = o.unicode ? '•' : '*';
  out.push(bold(t(W.recommendations)));
  for (const r of data.recommendations) out.push(fit(`  ${bullet} ${t(r)}`, 4));
  if (data.missing.length) {
    out.push('');
    out.push(bold(yellow(t(W.missing))));
    for (const m of data.missing) out.push(fit(`  ${bullet} ${t(m)}`, 4));
  }
  if (data.plan) {
    const p = planSection(data.plan, o.lang);
    out.push('', bold(p.title), ...p.entries.map((x) => `  ${o.unicode ? '•' : '*'} ${x}`));
    out.push('', bold(p.mixTitle), ...p.mix.map((x) => `  ${o.unicode ? '•' : '*'} ${x}`));
  }
  const text = out.join('\n');
  return o.unicode ? text : toAscii(text);
};
