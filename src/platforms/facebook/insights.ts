import type { GraphClient } from './client.js';
import { isGraphError } from './errors.js';

/**
 * Current post metrics (Graph API Page post insights reference, Nov 2026). The post_impressions* family and
 * post_engaged_users are retired: asking for one fails the whole request with #100, so they
 * must never appear here.
 */
export const POST_METRICS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_clicks',
  'post_clicks_by_type',
  'post_reactions_by_type_total',
  'post_activity_by_action_type',
] as const;
export type PostMetric = (typeof POST_METRICS)[number];

export const RETIRED_METRIC = /^(post_impressions.*|post_engaged_users)$/;

export type MetricValue = number | Record<string, number>;

export interface PostInsights {
  postId: string;
  /** Raw values per metric (numbers or maps), as Meta returned them. */
  values: Partial<Record<PostMetric, MetricValue>>;
  views: number | null;
  uniqueViewers: number | null;
  clicks: number | null;
  reactions: number | null;
  /** Missing `shares` means none were made: 0, not null. Null only when it could not be read. */
  shares: number | null;
  /**
   * Comment count from `comments.limit(0).summary(true)` (may need pages_read_user_content);
   * when refused, the `comment` entry of post_activity_by_action_type; null when neither exists.
   */
  comments: number | null;
  commentsBasis: 'summary' | 'activity' | null;
  /** Metrics or fields that could not be read, with the reason (permission, unsupported...). */
  missing: { name: string; reason: string }[];
}

/** Sums a map value (reactions by type, clicks by type); numbers pass through. */
export const metricTotal = (value: MetricValue | undefined): number | null => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  return Object.values(value).reduce((sum, v) => sum + (Number(v) || 0), 0);
};

interface InsightsBody {
  data: { name: string; period?: string; values?: { value: MetricValue }[] }[];
}

const reasonOf = (error: unknown): string =>
  isGraphError(error) ? `${error.category}${error.graphCode !== undefined ? ` #${error.graphCode}` : ''}` : 'error';

/** Errors that concern only what was asked (a metric, a field), not the token or the service. */
const isFieldLevel = (error: unknown) =>
  isGraphError(error) && (error.category === 'invalid' || error.category === 'permission');

/**
 * Reads a post's lifetime metrics, shares and comment count. Tolerant: when the combined request is refused
 * (a metric unsupported for this post type, a permission missing), each metric is asked alone
 * and the ones that still fail are listed in `missing` instead of failing the whole pull.
 * Token, throttle and outage errors still throw: the caller retries the pull later.
 */
export const fetchPostInsights = async (
  client: GraphClient,
  pageId: string,
  postId: string,
  metrics: readonly PostMetric[] = POST_METRICS,
): Promise<PostInsights> => {
  const values: Partial<Record<PostMetric, MetricValue>> = {};
  const missing: PostInsights['missing'] = [];
  const ask = async (names: readonly PostMetric[]) => {
    const { body } = await client.request<InsightsBody>({
      method: 'GET',
      path: `/${postId}/insights`,
      query: { metric: names.join(','), period: 'lifetime' },
      scope: pageId,
      retry: 'safe',
    });
    for (const row of body.data ?? []) {
      const value = row.values?.[row.values.length - 1]?.value;
      if (value !== undefined && (POST_METRICS as readonly string[]).includes(row.name))
        values[row.name as PostMetric] = value;
    }
  };
  try {
    await ask(metrics);
  } catch (error) {
    if (!isFieldLevel(error)) throw error;
    for (const name of metrics) {
      try {
        await ask([name]);
      } catch (inner) {
        if (!isFieldLevel(inner)) throw inner;
        missing.push({ name, reason: reasonOf(inner) });
      }
    }
  }
  for (const name of metrics)
    if (values[name] === undefined && !missing.some((m) => m.name === name))
      missing.push({ name, reason: 'not returned' });

  type FieldsBody = { shares?: { count?: number }; comments?: { summary?: { total_count?: number } } };
  const fields = async (list: string) =>
    (
      await client.request<FieldsBody>({
        method: 'GET',
        path: `/${postId}`,
        query: { fields: list },
        scope: pageId,
        retry: 'safe',
      })
    ).body;
  let shares: number | null;
  let comments: number | null = null;
  let commentsBasis: PostInsights['commentsBasis'] = null;
  try {
    const body = await fields('shares,comments.limit(0).summary(true)');
    shares = body.shares?.count ?? 0;
    comments = body.comments?.summary?.total_count ?? 0;
    commentsBasis = 'summary';
  } catch (error) {
    if (!isFieldLevel(error)) throw error;
    // One refused field fails the combined call: ask each alone to keep the other.
    try {
      shares = (await fields('shares')).shares?.count ?? 0;
    } catch (inner) {
      if (!isFieldLevel(inner)) throw inner;
      shares = null;
      missing.push({ name: 'shares', reason: reasonOf(inner) });
    }
    try {
      comments = (await fields('comments.limit(0).summary(true)')).comments?.summary?.total_count ?? 0;
      commentsBasis = 'summary';
    } catch (inner) {
      if (!isFieldLevel(inner)) throw inner;
      const activity = values.post_activity_by_action_type;
      const fromActivity = activity && typeof activity === 'object' ? activity.comment : undefined;
      if (typeof fromActivity === 'number') {
        comments = fromActivity;
        commentsBasis = 'activity';
      }
      missing.push({ name: 'comments', reason: reasonOf(inner) });
    }
  }

  return {
    postId,
    values,
    views: metricTotal(values.post_media_view),
    uniqueViewers: metricTotal(values.post_total_media_view_unique),
    clicks: metricTotal(values.post_clicks),
    reactions: metricTotal(values.post_reactions_by_type_total),
    shares,
    comments,
    commentsBasis,
    missing,
  };
};
