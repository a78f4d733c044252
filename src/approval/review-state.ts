import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { PostRow } from '../store/posts-repo.js';
import type { VariantView } from '../store/variants-repo.js';

/**
 * The version of a post as a reviewer saw it: its state, image and the current version of each
 * variant. Links and Slack buttons carry it; an action whose version no longer matches acts on
 * something the reviewer did not see, and is refused. (The row's own `version` column is not
 * used: sync re-versions rows when they come back from the hub, which would void every link.)
 */
export const reviewVersion = (post: Pick<PostRow, 'id' | 'state' | 'image_id'>, variants: VariantView[]): string =>
  createHash('sha256')
    .update(
      [
        post.id,
        post.state,
        post.image_id ?? '',
        ...[...variants].sort((a, b) => a.idx - b.idx).map((v) => `${v.id}:${v.current_version_no}`),
      ].join('|'),
    )
    .digest('hex')
    .slice(0, 12);

/** Why a variant is below the quality gate, as stored with its score. */
export type GateReason = 'below-threshold' | 'too-similar';

export interface GateResult {
  passed: boolean;
  score: number | null;
  threshold: number;
  reasons: GateReason[];
  /** Highest similarity to an earlier post, when it was measured. */
  similarity: number | null;
}

interface StoredQuality {
  flags?: string[];
  threshold?: number;
  similarity?: { max?: number; tooSimilar?: boolean } | null;
}

/**
 * The quality gate of a variant from its stored report: below the threshold (the config's, which
 * may have been raised since), or too similar to an earlier post.
 */
export const gateFor = (variant: Pick<VariantView, 'quality' | 'quality_score'>, config: Config): GateResult => {
  let stored: StoredQuality;
  try {
    stored = variant.quality ? (JSON.parse(variant.quality) as StoredQuality) : {};
  } catch {
    stored = {};
  }
  const threshold = config.quality.threshold;
  const reasons: GateReason[] = [];
  if (variant.quality_score === null || variant.quality_score < threshold) reasons.push('below-threshold');
  if (stored.similarity?.tooSimilar || stored.flags?.includes('too-similar')) reasons.push('too-similar');
  return {
    passed: reasons.length === 0,
    score: variant.quality_score,
    threshold,
    reasons,
    similarity: typeof stored.similarity?.max === 'number' ? stored.similarity.max : null,
  };
};
