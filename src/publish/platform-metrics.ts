import type { ServiceDeps } from '../deps/service-deps.js';
import { ExternalError } from '../errors/errors.js';
import { newId } from '../store/ids.js';
import { platformPost, upsertPlatformSnapshot } from '../store/platform-posts-repo.js';
import { immediate } from '../store/tx.js';
import { openChannel } from './platform-channels.js';

export interface PlatformMeasure {
  postId: string;
  platform: string;
  label: string;
  engagementRate: number | null;
  reach: number | null;
  basis: string | null;
  skipped?: string;
}

/**
 * One metrics snapshot (+24 h or +7 d) of an Instagram or LinkedIn post, with the platform's own
 * figures and engagement rate (docs/REPORTS.md, "Per platform"). Re-running a label replaces its
 * snapshot. Platform errors throw: the job retries later.
 */
export const measurePlatformPost = async (
  deps: ServiceDeps,
  postId: string,
  platform: 'instagram' | 'linkedin',
  label: string,
): Promise<PlatformMeasure> => {
  const row = await platformPost(deps.db, postId, platform);
  if (!row || row.state !== 'published' || !row.remoteId)
    return {
      postId,
      platform,
      label,
      engagementRate: null,
      reach: null,
      basis: null,
      skipped: row?.state ?? 'missing',
    };
  const opened = await openChannel(deps, platform);
  if (!opened.ok) throw new ExternalError(platform, opened.reason, opened.error ? { cause: opened.error } : {});
  try {
    const metrics = (await opened.channel.metrics([row.remoteId])).get(row.remoteId);
    const w = deps.writer();
    await immediate(deps.db, async (trx) => {
      await upsertPlatformSnapshot(trx, w, {
        id: newId(),
        platformPostId: row.id,
        postId: postId,
        platform,
        label,
        takenAt: w.now,
        reach: metrics?.reach ?? null,
        impressions: metrics?.impressions ?? null,
        likes: metrics?.likes ?? null,
        comments: metrics?.comments ?? null,
        shares: metrics?.shares ?? null,
        saves: metrics?.saves ?? null,
        clicks: metrics?.clicks ?? null,
        interactions: metrics?.interactions ?? null,
        engagementRate: metrics?.engagementRate ?? null,
        basis: metrics?.basis ?? null,
        missing: metrics ? JSON.stringify(metrics.missing) : JSON.stringify(['all']),
        raw: metrics ? JSON.stringify(metrics.raw) : null,
      });
    });
    return {
      postId,
      platform,
      label,
      engagementRate: metrics?.engagementRate ?? null,
      reach: metrics?.reach ?? null,
      basis: metrics?.basis ?? null,
    };
  } finally {
    opened.channel.close();
  }
};
