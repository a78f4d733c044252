import type { Lang, Localized } from '../i18n/localized.js';
import type { Kpi } from './report-service.js';

/** Number formatting shared by every renderer, so table, Markdown, HTML and Slack agree. */
export interface Fmt {
  lang: Lang;
  t(text: Localized): string;
  rate(x: number | null): string;
  count(x: number | null): string;
  usd(x: number | null): string;
  kpiValue(k: Kpi, x: number | null): string;
  kpiChange(k: Kpi): string;
  noData: string;
}

export const createFmt = (lang: Lang): Fmt => {
  const noData = lang === 'fr' ? 'aucune donnée' : 'no data';
  const dec = (x: number, digits: number) => {
    const s = x.toFixed(digits);
    return lang === 'fr' ? s.replace('.', ',') : s;
  };
  const thousands = (n: number) => {
    const s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u00a0' : ',');
    return n < 0 ? `-${s}` : s;
  };
  const rate = (x: number | null) => (x === null ? noData : `${dec(x * 100, 2)} %`);
  const count = (x: number | null) => (x === null ? noData : Number.isInteger(x) ? thousands(x) : dec(x, 1));
  const usd = (x: number | null) => (x === null ? noData : lang === 'fr' ? `${dec(x, 2)} $` : `$${dec(x, 2)}`);
  const kpiValue = (k: Kpi, x: number | null) =>
    k.unit === 'rate'
      ? rate(x)
      : k.unit === 'usd'
        ? usd(x)
        : k.unit === 'score'
          ? x === null
            ? noData
            : dec(x, 1)
          : count(x);
  const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
  const kpiChange = (k: Kpi) => {
    if (k.change === null)
      return k.previous === null
        ? lang === 'fr'
          ? 's.o. (pas de période précédente)'
          : 'n/a (no previous data)'
        : 'n/a';
    if (k.unit === 'rate') return `${sign(k.change)}${dec(Math.abs(k.change * 100), 2)} pt`;
    const abs =
      k.unit === 'usd'
        ? usd(Math.abs(k.change))
        : k.unit === 'score'
          ? dec(Math.abs(k.change), 1)
          : count(Math.abs(k.change));
    const rel =
      k.changeRelative === null ? '' : ` (${sign(k.changeRelative)}${dec(Math.abs(k.changeRelative * 100), 0)} %)`;
    return `${sign(k.change)}${abs}${rel}`;
  };
  return { lang, t: (text) => text[lang], rate, count, usd, kpiValue, kpiChange, noData };
};

/** The KPI's status next to its value; empty when the value already says "no data". */
export const statusLabel = (k: Kpi, lang: Lang): string => {
  if (k.status === 'no_data' && k.value === null) return '';
  const en = { met: 'on target', below: 'below target', over: 'over budget', no_data: 'no data', info: '' };
  const fr = {
    met: 'objectif atteint',
    below: 'sous l’objectif',
    over: 'au-dessus du budget',
    no_data: 'aucune donnée',
    info: '',
  };
  return (lang === 'fr' ? fr : en)[k.status];
};

export const targetText = (k: Kpi, f: Fmt): string => {
  if (k.target === null) return '';
  const v = f.kpiValue(k, k.target);
  if (k.key === 'engagement_rate')
    return f.lang === 'fr' ? `≥ ${v} (référence B2B 0,5–1 %)` : `≥ ${v} (B2B benchmark 0.5–1 %)`;
  if (k.key === 'unique_viewers_per_post') return f.lang === 'fr' ? `≥ ${v} (idéal 1 000+)` : `≥ ${v} (stretch 1,000+)`;
  return `${k.targetKind === 'max' ? '≤' : '≥'} ${v}`;
};
