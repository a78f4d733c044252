import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { ServiceDeps } from '../deps/service-deps.js';
import { hashText } from '../domain/random.js';
import { StateError } from '../errors/errors.js';
import { assertPublishableText } from '../domain/post-text.js';
import { voidApproval } from './lifecycle.js';
import { l } from '../i18n/localized.js';
import type { PublishPayload } from '../platforms/platform-publisher.js';
import { shortId } from '../store/ids.js';
import { imageForPost } from '../store/images-repo.js';
import { getPost } from '../store/posts-repo.js';
import type { Post } from '../domain/post.js';
import { imageFollowsVariant } from '../images/variant-image.js';
import { variantsForPost } from '../store/variants-repo.js';

/** Photos over this are refused by Meta (Graph API: Page photos, "under 10 MB"). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * The exact text that goes to the Page: the chosen variant's current version, checked once
 * more just before it leaves (valid UTF-8, no control or invisible characters, within the
 * platform's limit) and compared with the text a person approved. A text changed since the
 * approval (an edit that arrived by sync, say) is never sent: the post goes back to review.
 */
export const postMessage = async (deps: ServiceDeps, post: Post): Promise<string> => {
  const variants = await variantsForPost(deps.db, post.id);
  const chosen = variants.find((v) => v.id === post.chosenVariantId);
  if (!chosen) {
    throw new StateError(
      l(
        `Post ${shortId(post.id)} has no chosen variant.`,
        `La publication ${shortId(post.id)} n’a pas de variante choisie.`,
      ),
      {
        code: 'no_chosen_variant',
        fix: l(
          `Approve it with a variant: \`autoscale approve ${shortId(post.id)} --variant 1\`.`,
          `Approuvez-le avec une variante : \`autoscale approve ${shortId(post.id)} --variant 1\`.`,
        ),
      },
    );
  }
  assertPublishableText(
    chosen.text,
    l(
      `The approved text of post ${shortId(post.id)} (variant ${chosen.idx})`,
      `Le texte approuvé de la publication ${shortId(post.id)} (variante ${chosen.idx})`,
    ),
    l(
      `autoscale edit ${shortId(post.id)} --variant ${chosen.idx}, then approve again`,
      `autoscale edit ${shortId(post.id)} --variant ${chosen.idx}, puis approuvez de nouveau`,
    ),
    { allowInvisible: deps.config.quality.allowedInvisible },
  );
  if (post.approvedTextHash && post.approvedTextHash !== hashText(chosen.text)) {
    await voidApproval(deps, post, 'the text changed after it was approved');
    throw new StateError(
      l(
        `The text of post ${shortId(post.id)} changed after it was approved; it was not published and is back in review.`,
        `Le texte de la publication ${shortId(post.id)} a changé après son approbation; elle n’a pas été publiée et revient en révision.`,
      ),
      {
        code: 'changed_since_approval',
        fix: l(
          `Review the new text and approve it: \`autoscale review ${shortId(post.id)}\`.`,
          `Révisez le nouveau texte et approuvez-le : \`autoscale review ${shortId(post.id)}\`.`,
        ),
      },
    );
  }
  return chosen.text;
};

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/** The post's current image (posts.imageId), read from the media folder; none means a feed post. */
export const postImage = async (
  deps: ServiceDeps,
  post: Post,
): Promise<{ path: string; data: Buffer; filename: string; contentType: string } | undefined> => {
  const image = await imageForPost(deps.db, post);
  if (!image) return undefined;
  const path = resolve(deps.paths.media, image.path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new StateError(
      l(
        `The image of post ${shortId(post.id)} is missing: ${path}.`,
        `L’image de la publication ${shortId(post.id)} est introuvable : ${path}.`,
      ),
      {
        code: 'image_missing',
        fix: l(
          'Regenerate the image, or restore the media folder from a backup.',
          'Régénérez l’image, ou restaurez le dossier media depuis une sauvegarde.',
        ),
      },
    );
  }
  if (size > MAX_PHOTO_BYTES) {
    throw new StateError(
      l(
        `The image of post ${shortId(post.id)} is ${(size / 1048576).toFixed(1)} MB; Facebook takes under 10 MB.`,
        `L’image de la publication ${shortId(post.id)} fait ${(size / 1048576).toFixed(1)} Mo; Facebook accepte moins de 10 Mo.`,
      ),
      {
        code: 'image_too_large',
        fix: l('Regenerate it at a smaller size or quality.', 'Régénérez-la en plus petit ou en qualité moindre.'),
      },
    );
  }
  const ext = (image.format || extname(path).slice(1)).toLowerCase();
  return {
    path,
    data: readFileSync(path),
    filename: basename(path),
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
  };
};

/**
 * The post with a picture that carries the chosen variant's current headline: approval and edits
 * already set it, this is the last check before anything is sent (a failure here refuses to
 * publish rather than send another variant's picture).
 */
export const withFollowedImage = async (deps: ServiceDeps, post: Post): Promise<Post> => {
  const follow = await imageFollowsVariant(deps, post.id);
  return follow.changed ? ((await getPost(deps.db, post.id)) ?? post) : post;
};

/** What goes to the platform, and the hash that finds it again when the outcome is unknown. */
export const payloadFor = async (
  deps: ServiceDeps,
  post: Post,
  scheduledAt: Date | undefined,
): Promise<{ payload: PublishPayload; hash: string }> => {
  const message = await postMessage(deps, post);
  const image = await postImage(deps, post);
  return {
    payload: {
      message,
      image: image ? { data: image.data, filename: image.filename, contentType: image.contentType } : undefined,
      scheduledAt,
    },
    hash: hashText(message),
  };
};
