import type { PlanEntry } from '../domain/plan-records.js';
import { planEntryForPost } from './plan-repo.js';
import { NotFoundError, StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { AuditEvent } from '../domain/audit.js';
import type { PostImage } from '../domain/image.js';
import type { MetricSnapshot } from '../domain/metrics.js';
import type { Publication } from '../domain/publication.js';
import type { Post, PostWithShortId } from '../domain/post.js';
import type { Variant, VariantVersion } from '../domain/variant.js';
import { auditFor } from './audit-repo.js';
import type { Db } from './database.js';
import { costForPost } from './llm-calls-repo.js';
import { findPostsByRef } from './posts-repo.js';
import { shortId } from './ids.js';
import { variantsForPost, versionsForVariant } from './variants-repo.js';
import { imageForPost } from './images-repo.js';
import { snapshotsForPosts } from './analytics-repo.js';
import { publicationsForPost } from './publications-repo.js';

/** Resolves a full or short id to exactly one post, or explains why not. */
export const resolvePost = async (db: Db, ref: string): Promise<Post> => {
  const found = await findPostsByRef(db, ref.trim());
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new NotFoundError(l(`No post with id "${ref}".`, `Aucune publication avec l’identifiant « ${ref} ».`), {
      code: 'unknown_post',
      fix: l(
        'List posts with `autoscale list` and copy an id from the first column.',
        'Listez les publications avec `autoscale list` et copiez un identifiant de la première colonne.',
      ),
    });
  }
  throw new UsageError(l(`"${ref}" matches ${found.length} posts.`, `« ${ref} » correspond à ${found.length} posts.`), {
    code: 'ambiguous_id',
    fix: l('Give more characters of the id.', 'Donnez plus de caractères de l’identifiant.'),
  });
};

/** A compare-and-set found the post changed by another process (the CLI, the daemon, a sync). */
export const concurrentChange = (id: string): StateError =>
  new StateError(
    l(
      `Post ${shortId(id)} was changed by another process meanwhile.`,
      `La publication ${shortId(id)} a été modifiée par un autre processus entre-temps.`,
    ),
    {
      code: 'concurrent_change',
      fix: l(
        `Look at it again with \`autoscale show ${shortId(id)}\` and retry.`,
        `Revoyez-le avec \`autoscale show ${shortId(id)}\` et réessayez.`,
      ),
    },
  );

export interface PostDetail {
  post: PostWithShortId;
  variants: (Variant & { versions: VariantVersion[] })[];
  image: PostImage | undefined;
  history: AuditEvent[];
  cost: { text: number; image: number; total: number; calls: number };
  /** The publication on the Page (published or scheduled), else the latest attempt. */
  publication: Publication | undefined;
  attempts: number;
  /** Metric snapshots (+24 h, +7 d), oldest first. */
  snapshots: MetricSnapshot[];
  /** The editorial calendar's entry the post was written from, when it was. */
  plan: PlanEntry | undefined;
}

export const postDetail = async (db: Db, post: Post): Promise<PostDetail> => {
  const variants = await variantsForPost(db, post.id);
  const withVersions = await Promise.all(
    variants.map(async (v) => ({ ...v, versions: await versionsForVariant(db, v.id) })),
  );
  const cost = await costForPost(db, post.id);
  const publications = await publicationsForPost(db, post.id);
  const live = publications.find((p) => p.status === 'published' || p.status === 'scheduled');
  const snapshots = (await snapshotsForPosts(db, [post.id])).sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  return {
    publication: live ?? publications[publications.length - 1],
    attempts: publications.filter((p) => p.status !== 'dry_run').length,
    snapshots,
    post: { ...post, shortId: shortId(post.id) },
    variants: withVersions,
    image: await imageForPost(db, post),
    history: await auditFor(db, [post.id, ...variants.map((v) => v.id)]),
    cost: { ...cost, total: cost.text + cost.image },
    plan: await planEntryForPost(db, post.id),
  };
};

export const variantByIndex = (variants: Variant[], index: number, postId: string): Variant => {
  const variant = variants.find((v) => v.idx === index);
  if (!variant) {
    throw new UsageError(
      l(
        `Post ${shortId(postId)} has no variant ${index}.`,
        `La publication ${shortId(postId)} n’a pas de variante ${index}.`,
      ),
      {
        code: 'unknown_variant',
        fix: l(
          `Choose one of: ${variants.map((v) => v.idx).join(', ')}.`,
          `Choisissez parmi : ${variants.map((v) => v.idx).join(', ')}.`,
        ),
      },
    );
  }
  return variant;
};
