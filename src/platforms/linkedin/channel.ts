import { hashText } from '../../domain/random.js';
import { l } from '../../i18n/localized.js';
import type { ChannelFailure, ChannelMetrics, ChannelPublisher } from '../channel.js';
import type { LinkedinClient } from './client.js';
import { isLinkedinError } from './errors.js';
import { uploadImage, type ImageUploadOptions } from './images.js';
import { decodeLittleText, escapeLittleText } from './little-text.js';
import { createOrganizationPost, listPostsByAuthor, postPermalink } from './posts.js';
import { fetchShareStatistics } from './stats.js';

export interface LinkedinChannelOptions {
  organizationUrn: string;
  organizationId: string;
  settleMs: number;
  maxAttempts: number;
  image: ImageUploadOptions;
}

export const classifyLinkedinFailure = (error: unknown): ChannelFailure => {
  if (!isLinkedinError(error))
    return { kind: 'fail', retryAfterMs: undefined, reason: l(String(error), String(error)) };
  const reason = l(
    `${error.localized.en} ${error.fix?.en ?? ''}`.trim(),
    `${error.localized.fr} ${error.fix?.fr ?? ''}`.trim(),
  );
  switch (error.category) {
    case 'unknown_outcome':
      return { kind: error.sent ? 'unknown_outcome' : 'retry', retryAfterMs: undefined, reason };
    case 'transient':
    case 'media_failed':
      return { kind: error.sent ? 'unknown_outcome' : 'retry', retryAfterMs: error.retryAfterMs, reason };
    case 'throttled':
      return { kind: 'pause', retryAfterMs: error.retryAfterMs ?? 3_600_000, reason };
    default:
      // version_retired, duplicate, token, permission, invalid, not_configured: a person acts.
      return { kind: 'fail', retryAfterMs: undefined, reason };
  }
};

/**
 * LinkedIn adapter: image upload (initializeUpload, PUT, AVAILABLE) then one organization post
 * whose commentary is escaped little text; reconciliation reads the organization's posts
 * (finder by author) and matches the decoded commentary's hash; engagement rate is LinkedIn's
 * own: (clicks + likes + comments + shares) / impressions.
 */
export const linkedinChannel = (client: LinkedinClient, o: LinkedinChannelOptions): ChannelPublisher => ({
  platform: 'linkedin',
  accountId: o.organizationId,
  settleMs: o.settleMs,
  maxAttempts: o.maxAttempts,
  marker: (text) => hashText(text),
  create: async (payload) => {
    const image = payload.image
      ? {
          urn: await uploadImage(
            client,
            o.organizationUrn,
            { data: payload.image.data, contentType: payload.image.contentType },
            o.image,
          ),
          altText: payload.altText,
        }
      : undefined;
    const urn = await createOrganizationPost(client, {
      author: o.organizationUrn,
      commentary: escapeLittleText(payload.text),
      image,
    });
    return { remoteId: urn, permalink: postPermalink(urn) };
  },
  find: async (marker, since, exclude) => {
    const posts = await listPostsByAuthor(client, o.organizationUrn, since.getTime());
    const hit = posts.find((p) => !exclude.has(p.id) && hashText(decodeLittleText(p.commentary)) === marker);
    return hit ? { remoteId: hit.id, permalink: postPermalink(hit.id) } : undefined;
  },
  classify: classifyLinkedinFailure,
  metrics: async (ids) => {
    const stats = await fetchShareStatistics(client, o.organizationUrn, ids);
    const out = new Map<string, ChannelMetrics>();
    for (const [id, s] of stats) {
      const parts = [s.clicks, s.likes, s.comments, s.shares];
      const interactions = parts.every((p) => p === null) ? null : parts.reduce<number>((a, b) => a + (b ?? 0), 0);
      out.set(id, {
        reach: s.uniqueImpressions,
        impressions: s.impressions,
        likes: s.likes,
        comments: s.comments,
        shares: s.shares,
        saves: null,
        clicks: s.clicks,
        interactions,
        engagementRate: s.engagement ?? (interactions !== null && s.impressions ? interactions / s.impressions : null),
        basis: 'linkedin:(clicks+likes+comments+shares)/impressions',
        missing: [],
        raw: s,
      });
    }
    return out;
  },
  close: () => undefined,
});
