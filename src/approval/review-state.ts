import { createHash } from 'node:crypto';
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
