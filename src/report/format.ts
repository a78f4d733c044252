import { createFormat, type Fmt as BaseFmt } from '../i18n/format.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import type { Kpi } from './report-service.js';

/**
 * The report's number words on top of the one Intl formatter (src/i18n/format.ts), so table,
 * Markdown, HTML and Slack agree with every other screen: « 1,12 % », "1.12 %", « 9,67 $ ».
 */
export interface Fmt {
  lang: Lang;
  base: BaseFmt;
  t(text: Localized): string;
  rate(x: number | null): string;
  count(x: number | null): string;
  usd(x: number | null): string;
  kpiValue(k: Kpi, x: number | null): string;
  kpiChange(k: Kpi): string;
  noData: string;
}

const NO_PREVIOUS = l('n/a (no previous data)', 's.o. (pas de période précédente)');
const NOT_APPLICABLE = l('n/a', 's.o.');

export const createFmt = (lang: Lang): Fmt => {
  const base = createFormat(lang);
  const noData = base.noData;
  const rate = (x: number | null) => (x === null ? noData : base.percent(x));
  const count = (x: number | null) => (x === null ? noData : Number.isInteger(x) ? base.int(x) : base.num(x, 1, 1));
  const usd = (x: number | null) => (x === null ? noData : base.money(x, 2));
  const kpiValue = (k: Kpi, x: number | null) =>
    k.unit === 'rate'
      ? rate(x)
      : k.unit === 'usd'
        ? usd(x)
        : k.unit === 'score'
          ? x === null
            ? noData
            : base.num(x, 1, 1)
          : count(x);
  const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
  const kpiChange = (k: Kpi) => {
    if (k.change === null) return (k.previous === null ? NO_PREVIOUS : NOT_APPLICABLE)[lang];
    if (k.unit === 'rate') return `${sign(k.change)}${base.num(Math.abs(k.change * 100), 2, 2)}\u00a0pt`;
    const abs =
      k.unit === 'usd'
        ? usd(Math.abs(k.change))
        : k.unit === 'score'
          ? base.num(Math.abs(k.change), 1, 1)
          : count(Math.abs(k.change));
    const rel =
      k.changeRelative === null
        ? ''
        : ` (${sign(k.changeRelative)}${base.num(Math.abs(k.changeRelative * 100), 0)}\u00a0%)`;
    return `${sign(k.change)}${abs}${rel}`;
  };
  return { lang, base, t: base.t, rate, count, usd, kpiValue, kpiChange, noData };
};

const STATUS: Record<Kpi['status'], Localized> = {
  met: l('on target', 'objectif atteint'),
  below: l('below target', 'sous l’objectif'),
  over: l('over budget', 'au-dessus du budget'),
  no_data: l('no data', 'aucune donnée'),
  info: l('', ''),
};

/** The KPI's status next to its value; empty when the value already says "no data". */
export const statusLabel = (k: Kpi, lang: Lang): string =>
  k.status === 'no_data' && k.value === null ? '' : STATUS[k.status][lang];

export const targetText = (k: Kpi, f: Fmt): string => {
  if (k.target === null) return '';
  const v = f.kpiValue(k, k.target);
  if (k.key === 'engagement_rate') {
    const range = `${f.base.num(0.5, 1)}–${f.base.num(1)}\u00a0%`;
    return f.t(l(`≥ ${v} (B2B benchmark ${range})`, `≥ ${v} (référence B2B ${range})`));
  }
  if (k.key === 'unique_viewers_per_post')
    return f.t(l(`≥ ${v} (stretch ${f.count(1000)}+)`, `≥ ${v} (idéal ${f.count(1000)}+)`));
  return `${k.targetKind === 'max' ? '≤' : '≥'}\u00a0${v}`;
};
