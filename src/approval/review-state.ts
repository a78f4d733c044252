import { createHash } from 'node:crypto';
import type { Post } from '../domain/post.js';
import type { Variant } from '../domain/variant.js';

/**
 * The version of a post as a reviewer saw it: its state, image and the current version of each
 * variant. Links and Slack buttons carry it; an action whose version no longer matches acts on
 * something the reviewer did not see, and is refused. (The row's own `version` column is not
 * used: sync re-versions rows when they come back from the hub, which would void every link.)
 */
export const reviewVersion = (post: Pick<Post, 'id' | 'state' | 'imageId'>, variants: Variant[]): string =>
  createHash('sha256')
    .update(
      [
        post.id,
        post.state,
        post.imageId ?? '',
        ...[...variants].sort((a, b) => a.idx - b.idx).map((v) => `${v.id}:${v.currentVersionNo}`),
      ].join('|'),
    )
    .digest('hex')
    .slice(0, 12);
