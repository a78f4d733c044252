import { planSection } from './render-plan.js';
import type { Lang } from '../i18n/localized.js';
import { createFmt, statusLabel, targetText } from './format.js';
import type { ReportData } from './report-service.js';

export interface HtmlOptions {
  lang: Lang;
  colours?: { primary: string; accent: string; text: string; background: string } | undefined;
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const n = (x: number) => (Math.round(x * 10) / 10).toString();

/** Reach per post as a line with points; a week without data breaks the line instead of dropping to 0. */
const trendSvg = (data: ReportData, primary: string, lang: Lang): string => {
  const f = createFmt(lang);
  const w = 640;
  const h = 260;
  const pad = { l: 64, r: 12, t: 24, b: 40 };
  const values = data.trend.weeks.map((x) => x.viewersPerPost);
  const max = Math.max(1, ...values.filter((v): v is number => v !== null)) * 1.15;
  const xs = (i: number) => pad.l + (i * (w - pad.l - pad.r)) / Math.max(1, values.length - 1);
  const ys = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${n(xs(i))},${n(ys(v))}`);
  });
  if (current.length) segments.push(current.join(' '));
  const lines = segments
    .map((pts) => `<polyline fill="none" stroke="${primary}" stroke-width="3.5" points="${pts}"/>`)
    .join('');
  const dots = values
    .map((v, i) =>
      v === null
        ? `<text x="${n(xs(i))}" y="${h - pad.b - 4}" text-anchor="middle" font-size="18" fill="#999">–</text>`
        : `<circle cx="${n(xs(i))}" cy="${n(ys(v))}" r="5" fill="${primary}"><title>${escapeHtml(`${data.trend.weeks[i]!.from}: ${f.count(v)}`)}</title></circle>`,
    )
    .join('');
  const target =
    500 < max
      ? `<line x1="${pad.l}" x2="${w - pad.r}" y1="${n(ys(500))}" y2="${n(ys(500))}" stroke="#2e7d32" stroke-dasharray="4 4"/><text x="${w - pad.r}" y="${n(ys(500) - 4)}" text-anchor="end" font-size="18" fill="#2e7d32">${lang === 'fr' ? 'objectif 500' : 'target 500'}</text>`
      : '';
  const labels = [0, values.length - 1]
    .map(
      (i) =>
        `<text x="${n(xs(i))}" y="${h - 8}" text-anchor="${i === 0 ? 'start' : 'end'}" font-size="18" fill="#555">${escapeHtml(data.trend.weeks[i]?.from ?? '')}</text>`,
    )
    .join('');
  const axis = `<text x="4" y="${pad.t + 6}" font-size="18" fill="#555">${escapeHtml(f.count(Math.round(max)))}</text><text x="4" y="${h - pad.b}" font-size="18" fill="#555">0</text>`;
  return `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${lang === 'fr' ? 'Tendance de la portée' : 'Reach trend'}" width="100%">${axis}${target}${lines}${dots}${labels}</svg>`;
};

/** Characters of a label that fit the chart's width at its font size; longer ones end in "…" (full text in a tooltip). */
const LABEL_CHARS = 56;

const barsSvg = (
  rows: { key: string; label?: string | undefined; rate: number | null; posts: number }[],
  primary: string,
  lang: Lang,
): string => {
  const f = createFmt(lang);
  // Each label has its own line above its bar, so a long one never runs over the bars.
  const rowH = 64;
  const w = 640;
  const labelW = 0;
  const max = Math.max(0.0001, ...rows.map((r) => r.rate ?? 0), 0.02);
  const body = rows
    .map((r, i) => {
      const y = i * rowH;
      const bw = r.rate === null ? 0 : ((w - labelW - 170) * r.rate) / max;
      const label = r.label ?? r.key;
      const shown = label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
      return (
        `<text x="0" y="${y + 20}" font-size="20" fill="#222"><title>${escapeHtml(label)}</title>${escapeHtml(shown)}</text>` +
        `<rect x="${labelW}" y="${y + 30}" width="${n(bw)}" height="24" rx="4" fill="${primary}"/>` +
        `<text x="${n(labelW + bw + 8)}" y="${y + 49}" font-size="19" fill="#333">${escapeHtml(`${f.rate(r.rate)} · ${r.posts}`)}</text>`
      );
    })
    .join('');
  const tx = labelW + ((w - labelW - 170) * 0.02) / max;
  const target = `<line x1="${n(tx)}" x2="${n(tx)}" y1="26" y2="${rows.length * rowH}" stroke="#2e7d32" stroke-dasharray="3 3"/>`;
  return `<svg viewBox="0 0 ${w} ${Math.max(rowH, rows.length * rowH)}" width="100%" role="img">${body}${target}</svg>`;
};

const heatSvg = (data: ReportData, primary: string, lang: Lang): string => {
  const f = createFmt(lang);
  const cw = 64;
  const ch = 30;
  const left = 44;
  const top = 22;
  const max = Math.max(0.0001, ...data.heatmap.cells.map((c) => c.rate ?? 0));
  const head = data.heatmap.hours
    .map(
      (h, i) =>
        `<text x="${left + i * cw + cw / 2}" y="15" text-anchor="middle" font-size="12" fill="#555">${escapeHtml(f.base.hour(h))}</text>`,
    )
    .join('');
  const body = data.heatmap.weekdays
    .map((wd, r) => {
      const label = `<text x="0" y="${top + r * ch + 19}" font-size="12" fill="#555">${escapeHtml(f.base.weekdayShort(wd))}</text>`;
      const cells = data.heatmap.hours
        .map((h, i) => {
          const c = data.heatmap.cells.find((x) => x.weekday === wd && x.hour === h)!;
          const x = left + i * cw;
          const y = top + r * ch;
          if (c.rate === null)
            return `<rect x="${x + 1}" y="${y + 1}" width="${cw - 2}" height="${ch - 2}" fill="#f2f2f2"/>`;
          const o = 0.15 + 0.85 * (c.rate / max);
          return (
            `<rect x="${x + 1}" y="${y + 1}" width="${cw - 2}" height="${ch - 2}" fill="${primary}" fill-opacity="${n(o)}"><title>${escapeHtml(`${f.base.weekday(wd)} ${f.base.hour(h)}${lang === 'fr' ? '\u00a0:' : ':'} ${f.rate(c.rate)} (${c.posts})`)}</title></rect>` +
            `<text x="${x + cw / 2}" y="${y + 19}" text-anchor="middle" font-size="11" fill="${o > 0.55 ? '#fff' : '#222'}">${escapeHtml(f.base.num(c.rate * 100, 1, 1))}</text>`
          );
        })
        .join('');
      return label + cells;
    })
    .join('');
  const w = left + data.heatmap.hours.length * cw;
  const h = top + data.heatmap.weekdays.length * ch;
  return `<svg viewBox="0 0 ${w} ${h}" width="100%" style="max-width:${w * 1.3}px" role="img">${head}${body}</svg>`;
};

/** One self-contained HTML file: inline CSS and SVG, no script, no external asset; readable on a phone. */
const planHtml = (plan: NonNullable<ReportData['plan']>, lang: Lang): string => {
  const p = planSection(plan, lang);
  const list = (items: string[]) => `<ul>${items.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
  return `<section><h2>${escapeHtml(p.title)}</h2>${list(p.entries)}</section><section><h2>${escapeHtml(p.mixTitle)}</h2>${list(p.mix)}</section>`;
};

export const renderHtml = (data: ReportData, o: HtmlOptions): string => {
  const f = createFmt(o.lang);
  const fr = o.lang === 'fr';
  const c = o.colours ?? { primary: '#0B3D91', accent: '#FF6B35', text: '#1A1A1A', background: '#FFFFFF' };
  const e = escapeHtml;
  const kpis = data.kpis
    .map(
      (k) =>
        `<div class="kpi ${k.status}"><div class="label">${e(f.t(k.label))}</div><div class="value">${e(f.kpiValue(k, k.value))}</div>` +
        `<div class="status">${[statusLabel(k, o.lang), k.target !== null ? targetText(k, f) : '']
          .filter(Boolean)
          .map(e)
          .join(' · ')}</div>` +
        `<div class="change">${fr ? 'vs préc.' : 'vs prev.'} ${e(f.kpiValue(k, k.previous))} (${e(f.kpiChange(k))})</div>` +
        `<div class="basis">${e(f.t(k.basis))}${k.note ? ` — <strong>${e(f.t(k.note))}</strong>` : ''}</div></div>`,
    )
    .join('');
  const breakdowns = data.breakdowns
    .map(
      (b) =>
        `<section><h2>${e(f.t(b.label))}</h2><p class="basis">${fr ? '12 dernières semaines · taux · publications; ligne verte = objectif 2 %' : 'Last 12 weeks · rate · posts; green line = 2 % target'}</p>` +
        (b.trailing.length ? barsSvg(b.trailing, c.primary, o.lang) : `<p>${e(f.noData)}</p>`) +
        '</section>',
    )
    .join('');
  const standout = (title: string, list: ReportData['best']) =>
    `<section><h2>${e(title)}</h2>${list.length === 0 ? `<p>${fr ? 'Aucune publication mesurée dans la période.' : 'No measured post in the period.'}</p>` : ''}` +
    list
      .map(
        (s) =>
          `<div class="post"><div class="head"><strong>${e(f.rate(s.rate))}</strong> · ${e(s.contentType)}${s.style ? ` · ${e(s.style)}` : ''}${s.uniqueViewers === null ? '' : ` · ${e(f.count(s.uniqueViewers))} ${fr ? 'personnes' : 'viewers'}`} <span class="id">${e(s.shortId)}</span></div>` +
          `<blockquote>${e(s.excerpt)}</blockquote><ul>${s.reasons.map((r) => `<li>${e(f.t(r))}</li>`).join('')}</ul></div>`,
      )
      .join('') +
    '</section>';
  return `<!doctype html>
<html lang="${fr ? 'fr-CA' : 'en-CA'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${data.brandName} · ${data.period.from} → ${data.period.to}`)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:${c.text};background:#f6f7f9}
main{max-width:760px;margin:0 auto;padding:16px}header{background:${c.primary};color:#fff;padding:18px 16px;border-radius:10px}
header h1{margin:0;font-size:20px}header p{margin:4px 0 0;opacity:.85;font-size:13px}
h2{font-size:16px;margin:0 0 6px}section{background:#fff;border-radius:10px;padding:14px;margin-top:14px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:10px;margin-top:14px}@media(min-width:640px){.kpis{grid-template-columns:repeat(4,1fr)}}
.kpi{background:#fff;border-radius:10px;padding:10px;border-top:4px solid #bbb;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.kpi.met{border-top-color:#2e7d32}.kpi.below,.kpi.over{border-top-color:#c62828}.kpi.no_data{border-top-color:#f9a825}
.kpi .label{font-size:12px;color:#555}.kpi .value{font-size:22px;font-weight:700;margin:2px 0}.kpi .status,.kpi .change{font-size:12px}
.basis{font-size:11px;color:#666;margin-top:4px}.post{border-top:1px solid #eee;padding:8px 0}.post .id{color:#888;font-family:monospace;font-size:12px}
blockquote{margin:6px 0;padding:6px 10px;border-left:3px solid ${c.accent};background:#fafafa;font-size:14px}ul{margin:4px 0;padding-left:20px;font-size:13px}
.missing{border-left:4px solid #f9a825}
</style>
</head>
<body><main>
<header><h1>${e(`${fr ? 'Rapport hebdomadaire' : 'Weekly report'} · ${data.brandName}`)}</h1><p>${e(`${data.period.from} → ${data.period.to} (${data.timeZone}) · ${fr ? 'comparé à' : 'vs'} ${data.previous.from} → ${data.previous.to}`)}</p></header>
<div class="kpis">${kpis}</div>
${data.missing.length ? `<section class="missing"><h2>${fr ? 'Données manquantes' : 'Missing data'}</h2><ul>${data.missing.map((m) => `<li>${e(f.t(m))}</li>`).join('')}</ul></section>` : ''}
<section><h2>${fr ? 'Portée sur 12 semaines' : '12-week reach'}</h2><p class="basis">${e(f.t(data.trend.basis))}</p>${trendSvg(data, c.primary, o.lang)}</section>
<section><h2>${fr ? 'Recommandations' : 'Recommendations'}</h2><ul>${data.recommendations.map((r) => `<li>${e(f.t(r))}</li>`).join('')}</ul></section>
${standout(fr ? 'Meilleures publications' : 'Best posts', data.best)}
${standout(fr ? 'Moins bonnes publications' : 'Weakest posts', data.worst)}
${breakdowns}
${data.plan ? planHtml(data.plan, o.lang) : ''}
<section><h2>${fr ? 'Jour × heure' : 'Day × hour'}</h2><p class="basis">${e(f.t(data.heatmap.basis))} (%)</p>${heatSvg(data, c.primary, o.lang)}</section>
<p class="basis">${e(`${fr ? 'Généré le' : 'Generated'} ${data.generatedAt} · autoscale`)}</p>
</main></body></html>
`;
};
