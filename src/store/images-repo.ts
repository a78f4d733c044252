import type { Selectable } from 'kysely';
import type { ImagesTable } from '../../db/schema.js';
import type { Db } from './database.js';
import { fresh, type WriteContext } from './write-context.js';

export type ImageRow = Omit<Selectable<ImagesTable>, 'version' | 'updated_at' | 'updated_by' | 'deleted_at'>;

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

export const insertImage = async (db: Db, w: WriteContext, image: ImageRow): Promise<void> => {
  await db
    .insertInto('images')
    .values({ ...image, ...fresh(w) })
    .execute();
};

export const getImage = async (db: Db, id: string): Promise<ImageRow | undefined> =>
  db.selectFrom('images').select(imageColumns).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();

/** The post's current image (posts.image_id), if it has one. */
export const imageForPost = async (db: Db, post: { image_id: string | null }): Promise<ImageRow | undefined> =>
  post.image_id ? getImage(db, post.image_id) : undefined;

export const imagesForPost = async (db: Db, postId: string): Promise<ImageRow[]> =>
  db
    .selectFrom('images')
    .select(imageColumns)
    .where('post_id', '=', postId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();

/** The latest paid image answer for this post and step (resume: reuse instead of paying again). */
export const latestImageCall = async (
  db: Db,
  postId: string,
  stepKey: string,
): Promise<{ id: string; cost_usd: number; model: string; response: string | null } | undefined> =>
  db
    .selectFrom('llm_calls')
    .select(['id', 'cost_usd', 'model', 'response'])
    .where('post_id', '=', postId)
    .where('step_key', '=', stepKey)
    .where('purpose', '=', 'image')
    .where('status', '=', 'succeeded')
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();

/** Whether a finished image of this post was already made from that original. */
export const imageFromOriginal = async (
  db: Db,
  postId: string,
  originalSha256: string,
): Promise<ImageRow | undefined> =>
  db
    .selectFrom('images')
    .select(imageColumns)
    .where('post_id', '=', postId)
    .where('original_sha256', '=', originalSha256)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

/** A stored image by content hash (the signed media route names files by sha256 only). */
export const imageBySha = async (db: Db, sha: string): Promise<ImageRow | undefined> =>
  db
    .selectFrom('images')
    .select(imageColumns)
    .where('sha256', '=', sha)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
