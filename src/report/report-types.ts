import type { PlatformBreakdown } from './platform-breakdown.js';
import type { PlanOutlook } from '../domain/plan.js';
import type { Localized } from '../i18n/localized.js';

/** The weekly report as data: every renderer (table, md, csv, html, json) reads this shape. */
export interface Period {
  /** Local dates in the brand's zone, both inclusive. */
  from: string;
  to: string;
  /** UTC instants: [start, end). */
  start: string;
  end: string;
  days: number;
}

export type KpiKey =
  | 'engagement_rate'
  | 'unique_viewers_per_post'
  | 'posts_published'
  | 'natural_share'
  | 'quality_score'
  | 'cost_per_post_text'
  | 'cost_per_post_image'
  | 'cost_per_post_total'
  | 'cost_period_total';

export interface Kpi {
  key: KpiKey;
  label: Localized;
  unit: 'rate' | 'count' | 'score' | 'usd';
  value: number | null;
  previous: number | null;
  /** value − previous (rate points for rates, dollars for costs); null when either is missing. */
  change: number | null;
  /** change ÷ previous; null when previous is missing or zero. */
  changeRelative: number | null;
  target: number | null;
  /** 'min': value should reach the target; 'max': stay under it (costs). */
  targetKind: 'min' | 'max' | null;
  status: 'met' | 'below' | 'over' | 'no_data' | 'info';
  basis: Localized;
  /** Why the value is missing or partial, when it is. */
  note: Localized | null;
}

export interface GroupRow {
  key: string;
  /** What the owner reads when the key is technical (prompt versions: "tip v2 · question v1 · voice v1"). */
  label?: string | undefined;
  posts: number;
  measured: number;
  rate: number | null;
  viewersPerPost: number | null;
}

export interface Breakdown {
  key: 'content_type' | 'style' | 'prompt_version';
  label: Localized;
  period: GroupRow[];
  trailing: GroupRow[];
}

export interface HeatCell {
  weekday: string;
  hour: number;
  posts: number;
  rate: number | null;
}

export interface TrendWeek {
  from: string;
  to: string;
  posts: number;
  measured: number;
  viewersPerPost: number | null;
  rate: number | null;
}

export interface Standout {
  postId: string;
  shortId: string;
  contentType: string;
  style: string | null;
  publishedAt: string;
  rate: number;
  uniqueViewers: number | null;
  excerpt: string;
  reasons: Localized[];
}

export interface ReportOptions {
  from?: string | undefined;
  to?: string | undefined;
}

export interface ReportData {
  kind: 'autoscale.report';
  schemaVersion: 1;
  brand: string;
  brandName: string;
  timeZone: string;
  generatedAt: string;
  period: Period;
  previous: Period;
  kpis: Kpi[];
  breakdowns: Breakdown[];
  heatmap: { basis: Localized; hours: number[]; weekdays: string[]; cells: HeatCell[] };
  trend: { basis: Localized; weeks: TrendWeek[] };
  best: Standout[];
  worst: Standout[];
  recommendations: Localized[];
  missing: Localized[];
  counts: { published: number; planned: number; measured: number; withoutMetrics: number };
  /** Per platform, with totals (Facebook from the figures above, Instagram and LinkedIn from their own). */
  platforms: PlatformBreakdown;
  /** Next week's plan and the content mix (added by the caller from the editorial calendar). */
  plan?: PlanOutlook | undefined;
}
