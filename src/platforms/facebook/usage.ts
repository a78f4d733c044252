import { l, type Localized } from '../../i18n/localized.js';
import { scalarText } from '../../domain/values.js';

/** Rate-limit usage Meta reports on every response, as percentages of the allowance. */
export interface GraphUsage {
  /** Highest of every percentage seen in both headers (0–100+). */
  maxPercent: number;
  /** The header that reported it (what a slow-down notice names). */
  maxHeader?: string | undefined;
  app?: { callCount: number; totalTime: number; totalCputime: number } | undefined;
  /** Per business object (the Page), from X-Business-Use-Case-Usage. */
  business: {
    id: string;
    type: string;
    callCount: number;
    totalTime: number;
    totalCputime: number;
    regainAccessMinutes: number;
  }[];
  /** Longest estimated_time_to_regain_access, in milliseconds (0 when none). */
  regainAccessMs: number;
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : Number(value) || 0;

const parseJson = (value: string | null | undefined): unknown => {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // A malformed header must never break a call; it only loses the usage reading.
    return undefined;
  }
};

export const parseUsage = (headers: { get(name: string): string | null }): GraphUsage | undefined => {
  const appRaw = parseJson(headers.get('x-app-usage')) as Record<string, unknown> | undefined;
  const bucRaw = parseJson(headers.get('x-business-use-case-usage')) as Record<string, unknown> | undefined;
  const pageRaw = parseJson(headers.get('x-page-usage')) as Record<string, unknown> | undefined;
  if (!appRaw && !bucRaw && !pageRaw) return undefined;
  const percents: number[] = [];
  let maxHeader: string | undefined;
  let top = -1;
  const seen = (header: string, values: number[]) => {
    percents.push(...values);
    for (const v of values)
      if (v > top) {
        top = v;
        maxHeader = header;
      }
  };
  let app: GraphUsage['app'];
  if (appRaw && typeof appRaw === 'object') {
    app = {
      callCount: num(appRaw.call_count),
      totalTime: num(appRaw.total_time),
      totalCputime: num(appRaw.total_cputime),
    };
    seen('X-App-Usage', [app.callCount, app.totalTime, app.totalCputime]);
  }
  if (pageRaw && typeof pageRaw === 'object')
    seen('X-Page-Usage', [num(pageRaw.call_count), num(pageRaw.total_time), num(pageRaw.total_cputime)]);
  const business: GraphUsage['business'] = [];
  let regain = 0;
  if (bucRaw && typeof bucRaw === 'object') {
    for (const [id, entries] of Object.entries(bucRaw)) {
      if (!Array.isArray(entries)) continue;
      for (const e of entries as Record<string, unknown>[]) {
        const row = {
          id,
          type: scalarText(e.type),
          callCount: num(e.call_count),
          totalTime: num(e.total_time),
          totalCputime: num(e.total_cputime),
          regainAccessMinutes: num(e.estimated_time_to_regain_access),
        };
        business.push(row);
        seen('X-Business-Use-Case-Usage', [row.callCount, row.totalTime, row.totalCputime]);
        regain = Math.max(regain, row.regainAccessMinutes * 60_000);
      }
    }
  }
  return {
    maxPercent: percents.length ? Math.max(...percents) : 0,
    maxHeader,
    app,
    business,
    regainAccessMs: regain,
  };
};

/**
 * Pause before the next call: none below `fromPercent`, then growing linearly to `maxMs` at 100 %.
 * Spacing calls out early keeps the app away from the hard limit (and its hour-long blocks).
 */
export const slowdownMs = (usage: GraphUsage | undefined, fromPercent: number, maxMs: number): number => {
  if (!usage || usage.maxPercent < fromPercent) return 0;
  if (fromPercent >= 100) return maxMs;
  const ratio = Math.min(1, (usage.maxPercent - fromPercent) / (100 - fromPercent));
  return Math.round(Math.max(0.05, ratio) * maxMs);
};

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

/**
 * Said once when Meta's usage headers start slowing calls down (and once when they stop it),
 * so a long pass explains itself at its start instead of looking hung.
 */
export const slowdownNotice = (usage: GraphUsage, pauseMs: number, fromPercent: number): Localized => {
  const header = usage.maxHeader ?? 'usage headers';
  const pct = Math.round(usage.maxPercent);
  const regain = usage.regainAccessMs > 0 ? minutes(usage.regainAccessMs) : 0;
  const wait = Math.round(pauseMs / 1000);
  return regain > 0
    ? l(
        `Meta reports ${pct} % of the allowance used (${header}) and asks to wait about ${regain} min before calling again: calls to Facebook pause until then, and are spaced out by ${wait} s while usage stays above ${fromPercent} %.`,
        `Meta indique ${pct} % de l’allocation utilisée (${header}) et demande d’attendre environ ${regain} min avant de rappeler : les appels à Facebook sont suspendus d’ici là, puis espacés de ${wait} s tant que l’usage dépasse ${fromPercent} %.`,
      )
    : l(
        `Meta reports ${pct} % of the allowance used (${header}): calls to Facebook are spaced out by ${wait} s each while usage stays above ${fromPercent} %, so this pass takes longer.`,
        `Meta indique ${pct} % de l’allocation utilisée (${header}) : les appels à Facebook sont espacés de ${wait} s chacun tant que l’usage dépasse ${fromPercent} %, ce passage sera donc plus long.`,
      );
};
