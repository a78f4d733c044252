import type { LinkedinClient } from './client.js';
import { restliList, restliQuery } from './client.js';

export interface ShareStatistics {
  share: string;
  impressions: number | null;
  uniqueImpressions: number | null;
  clicks: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  /** LinkedIn's own rate: (clicks + likes + comments + shares) / impressions. */
  engagement: number | null;
}

type Totals = Partial<
  Record<
    | 'impressionCount'
    | 'uniqueImpressionsCount'
    | 'clickCount'
    | 'likeCount'
    | 'commentCount'
    | 'shareCount'
    | 'engagement',
    number
  >
>;

/**
 * Lifetime organic statistics of organization posts (`organizationalEntityShareStatistics`,
 * needs rw_organization_admin). Posts LinkedIn has no figures for yet are absent from the map.
 */
export const fetchShareStatistics = async (
  client: LinkedinClient,
  organization: string,
  shareUrns: readonly string[],
): Promise<Map<string, ShareStatistics>> => {
  const out = new Map<string, ShareStatistics>();
  const shares = shareUrns.filter((u) => u.startsWith('urn:li:share:'));
  const ugc = shareUrns.filter((u) => u.startsWith('urn:li:ugcPost:'));
  if (shares.length === 0 && ugc.length === 0) return out;
  const { body } = await client.request<{
    elements?: { share?: string; ugcPost?: string; totalShareStatistics?: Totals }[];
  }>({
    method: 'GET',
    path: '/organizationalEntityShareStatistics',
    query: restliQuery({
      q: 'organizationalEntity',
      organizationalEntity: organization,
      shares: shares.length ? { raw: restliList(shares) } : undefined,
      ugcPosts: ugc.length ? { raw: restliList(ugc) } : undefined,
    }),
    retry: 'safe',
  });
  const num = (v: number | undefined) => (typeof v === 'number' ? v : null);
  for (const e of body.elements ?? []) {
    const id = e.share ?? e.ugcPost;
    const t = e.totalShareStatistics;
    if (!id || !t) continue;
    out.set(id, {
      share: id,
      impressions: num(t.impressionCount),
      uniqueImpressions: num(t.uniqueImpressionsCount),
      clicks: num(t.clickCount),
      likes: num(t.likeCount),
      comments: num(t.commentCount),
      shares: num(t.shareCount),
      engagement: num(t.engagement),
    });
  }
  return out;
};
