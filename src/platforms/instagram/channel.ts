import { hashText } from '../../domain/random.js';
import { l } from '../../i18n/localized.js';
import type { ChannelFailure, ChannelMetrics, ChannelPublisher } from '../channel.js';
import type { GraphClient } from '../facebook/client.js';
import { isInstagramError } from './errors.js';
import { fetchMediaInsights } from './insights.js';
import { listRecentMedia } from './media.js';
import { publishInstagramImage, type PublishFlowOptions } from './publish-flow.js';

export interface InstagramChannelOptions {
  settleMs: number;
  maxAttempts: number;
  flow: PublishFlowOptions;
  /** A public URL Meta can fetch the image from now (signed and expiring). */
  imageUrl: (image: { data: Buffer; sha256: string; contentType: string }) => Promise<string>;
}

/** Minutes to pause the account after a spam restriction. */
const SPAM_PAUSE_MS = 6 * 3_600_000;

export const classifyInstagramFailure = (error: unknown): ChannelFailure => {
  if (!isInstagramError(error))
    return { kind: 'fail', retryAfterMs: undefined, reason: l(String(error), String(error)) };
  const reason = l(
    `${error.localized.en} ${error.fix?.en ?? ''}`.trim(),
    `${error.localized.fr} ${error.fix?.fr ?? ''}`.trim(),
  );
  if (error.sent && (error.category === 'unknown_outcome' || error.category === 'transient'))
    return { kind: 'unknown_outcome', retryAfterMs: undefined, reason };
  switch (error.category) {
    case 'not_ready':
    case 'container_error':
    case 'expired':
    case 'transient':
    case 'fetch_failed':
    case 'unknown_outcome':
      return { kind: 'retry', retryAfterMs: error.retryAfterMs, reason };
    case 'quota':
    case 'throttled':
      return { kind: 'pause', retryAfterMs: error.retryAfterMs ?? 3_600_000, reason };
    case 'spam':
      return { kind: 'pause', retryAfterMs: SPAM_PAUSE_MS, reason };
    default:
      return { kind: 'fail', retryAfterMs: undefined, reason };
  }
};

/**
 * Instagram adapter: container → status → media_publish; reconciliation lists the account's
 * recent media and matches the caption's hash; engagement rate = (likes + comments + shares +
 * saves) / reach (Meta's total_interactions over accounts reached).
 */
export const instagramChannel = (
  client: GraphClient,
  igUserId: string,
  o: InstagramChannelOptions,
): ChannelPublisher => ({
  platform: 'instagram',
  accountId: igUserId,
  settleMs: o.settleMs,
  maxAttempts: o.maxAttempts,
  marker: (text) => hashText(text),
  create: async (payload) => {
    if (!payload.image) throw new Error('Instagram needs an image');
    const imageUrl = await o.imageUrl(payload.image);
    const out = await publishInstagramImage(
      client,
      igUserId,
      { imageUrl, caption: payload.text, altText: payload.altText },
      o.flow,
    );
    return { remoteId: out.mediaId, permalink: out.permalink };
  },
  find: async (marker, since, exclude) => {
    const recent = await listRecentMedia(client, igUserId, Math.floor(since.getTime() / 1000));
    const hit = recent.find((m) => m.caption !== null && !exclude.has(m.id) && hashText(m.caption) === marker);
    return hit ? { remoteId: hit.id, permalink: hit.permalink } : undefined;
  },
  classify: classifyInstagramFailure,
  metrics: async (ids) => {
    const out = new Map<string, ChannelMetrics>();
    for (const id of ids) {
      const m = await fetchMediaInsights(client, igUserId, id);
      out.set(id, {
        reach: m.reach,
        impressions: m.views,
        likes: m.likes,
        comments: m.comments,
        shares: m.shares,
        saves: m.saved,
        clicks: null,
        interactions: m.interactions,
        engagementRate: m.interactions !== null && m.reach ? m.interactions / m.reach : null,
        basis: 'instagram:interactions/reach',
        missing: m.missing.map((x) => x.name),
        raw: m.values,
      });
    }
    return out;
  },
  close: () => client.close(),
});
