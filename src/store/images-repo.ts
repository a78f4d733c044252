import type { PostImage } from '../domain/image.js';
import type { Post } from '../domain/post.js';
import type { LlmCall } from '../domain/ledger.js';
import type { Db } from './database.js';
import { fromMaybeRow, fromRows, toRow } from './row-mapping.js';
import { fresh, type WriteContext } from './write-context.js';

export type { PostImage } from '../domain/image.js';

const imageColumns = [
  'id',
  'post_id',
  'variant_id',
  'kind',
  'sha256',
  'path',
  'format',
  'width',
  'height',
  'bytes',
  'original_sha256',
  'original_path',
  'provider',
  'model',
  'prompt',
  'headline',
  'cost_usd',
  'created_at',
] as const;

export const insertImage = async (db: Db, w: WriteContext, image: PostImage): Promise<void> => {
  await db
    .insertInto('images')
    .values({ ...toRow(image), ...fresh(w) })
    .execute();
};

export const getImage = async (db: Db, id: string): Promise<PostImage | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('images')
      .select(imageColumns)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  );

/** The post's current image (posts.image_id), if it has one. */
export const imageForPost = async (db: Db, post: Pick<Post, 'imageId'>): Promise<PostImage | undefined> =>
  post.imageId ? getImage(db, post.imageId) : undefined;

export const imagesForPost = async (db: Db, postId: string): Promise<PostImage[]> =>
  fromRows(
    await db
      .selectFrom('images')
      .select(imageColumns)
      .where('post_id', '=', postId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute(),
  );

/** The latest paid image answer for this post and step (resume: reuse instead of paying again). */
export const latestImageCall = async (
  db: Db,
  postId: string,
  stepKey: string,
): Promise<Pick<LlmCall, 'id' | 'costUsd' | 'model' | 'response'> | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('llm_calls')
      .select(['id', 'cost_usd', 'model', 'response'])
      .where('post_id', '=', postId)
      .where('step_key', '=', stepKey)
      .where('purpose', '=', 'image')
      .where('status', '=', 'succeeded')
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  );

/** Whether a finished image of this post was already made from that original. */
export const imageFromOriginal = async (
  db: Db,
  postId: string,
  originalSha256: string,
): Promise<PostImage | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('images')
      .select(imageColumns)
      .where('post_id', '=', postId)
      .where('original_sha256', '=', originalSha256)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
  );

/** A stored image by content hash (the signed media route names files by sha256 only). */
export const imageBySha = async (db: Db, sha: string): Promise<PostImage | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('images')
      .select(imageColumns)
      .where('sha256', '=', sha)
      .where('deleted_at', 'is', null)
      .limit(1)
      .executeTakeFirst(),
  );

/** Whether any image row, deleted or not, names this file (a file is removed only when none does). */
export const imageShaReferenced = async (db: Db, sha: string): Promise<boolean> =>
  (await db.selectFrom('images').select('id').where('sha256', '=', sha).limit(1).executeTakeFirst()) !== undefined;
