import type { GraphClient } from '../facebook/client.js';
import { isInstagramError } from './errors.js';
import { type InstagramError, toInstagramError } from './errors.js';

/**
 * Current media metrics (Instagram media insights reference, June 2026). `impressions`, `plays`,
 * `video_views`, `engagement` and the carousel_album_* family are gone: asking for one fails the
 * whole request with #100, so they never appear here.
 */
export const INSTAGRAM_METRICS = [
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
  'views',
] as const;
export type InstagramMetric = (typeof INSTAGRAM_METRICS)[number];

export interface InstagramInsights {
  mediaId: string;
  values: Partial<Record<InstagramMetric, number>>;
  reach: number | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saved: number | null;
  /** likes + comments + shares + saved (Meta's total_interactions when it gives one). */
  interactions: number | null;
  /** Metrics Meta did not return (data lags up to 48 h: an empty set, not zeros). */
  missing: { name: string; reason: string }[];
}

type Body = { data?: { name: string; values?: { value?: number }[]; total_value?: { value?: number } }[] };

const fieldLevel = (error: unknown) =>
  isInstagramError(error) && (error.category === 'invalid' || error.category === 'permission');

/**
 * Reads a media's lifetime metrics. When the combined request is refused for one metric (a
 * metric the media type does not support, a missing permission), each is asked alone and the
 * refused ones are listed in `missing`; token, throttle and outage errors still throw.
 */
export const fetchMediaInsights = async (
  client: GraphClient,
  igUserId: string,
  mediaId: string,
  metrics: readonly InstagramMetric[] = INSTAGRAM_METRICS,
): Promise<InstagramInsights> => {
  const values: Partial<Record<InstagramMetric, number>> = {};
  const missing: InstagramInsights['missing'] = [];
  const ask = async (names: readonly InstagramMetric[]) => {
    let body: Body;
    try {
      body = (
        await client.request<Body>({
          method: 'GET',
          path: `/${mediaId}/insights`,
          query: { metric: names.join(',') },
          scope: igUserId,
          retry: 'safe',
        })
      ).body;
    } catch (error) {
      throw toInstagramError(error);
    }
    for (const row of body.data ?? []) {
      const value = row.values?.[row.values.length - 1]?.value ?? row.total_value?.value;
      if (typeof value === 'number' && (INSTAGRAM_METRICS as readonly string[]).includes(row.name))
        values[row.name as InstagramMetric] = value;
    }
  };
  try {
    await ask(metrics);
  } catch (error) {
    if (!fieldLevel(error)) throw error;
    for (const name of metrics) {
      try {
        await ask([name]);
      } catch (inner) {
        if (!fieldLevel(inner)) throw inner;
        missing.push({ name, reason: (inner as InstagramError).category });
      }
    }
  }
  for (const name of metrics)
    if (values[name] === undefined && !missing.some((m) => m.name === name))
      missing.push({ name, reason: 'not returned' });
  const parts = [values.likes, values.comments, values.shares, values.saved];
  const summed = parts.every((v) => v === undefined) ? null : parts.reduce<number>((s, v) => s + (v ?? 0), 0);
  return {
    mediaId,
    values,
    reach: values.reach ?? null,
    views: values.views ?? null,
    likes: values.likes ?? null,
    comments: values.comments ?? null,
    shares: values.shares ?? null,
    saved: values.saved ?? null,
    interactions: values.total_interactions ?? summed,
    missing,
  };
};
