import { scalarText } from '../../domain/values.js';

/** Rate-limit usage Meta reports on every response, as percentages of the allowance. */
export interface GraphUsage {
  /** Highest of every percentage seen in both headers (0–100+). */
  maxPercent: number;
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
  let app: GraphUsage['app'];
  if (appRaw && typeof appRaw === 'object') {
    app = {
      callCount: num(appRaw.call_count),
      totalTime: num(appRaw.total_time),
      totalCputime: num(appRaw.total_cputime),
    };
    percents.push(app.callCount, app.totalTime, app.totalCputime);
  }
  if (pageRaw && typeof pageRaw === 'object')
    percents.push(num(pageRaw.call_count), num(pageRaw.total_time), num(pageRaw.total_cputime));
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
        percents.push(row.callCount, row.totalTime, row.totalCputime);
        regain = Math.max(regain, row.regainAccessMinutes * 60_000);
      }
    }
  }
  return { maxPercent: percents.length ? Math.max(...percents) : 0, app, business, regainAccessMs: regain };
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
