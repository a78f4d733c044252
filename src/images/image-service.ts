import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { redact } from '../config/secrets.js';
import { ExternalError, StateError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { selectImageProvider } from './select-image.js';
import type { ImageProvider, ImageResult } from '../providers/types.js';
import { resolvePost, variantByIndex } from '../store/post-lookup.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import { newId, shortId } from '../store/ids.js';
import {
  getImage,
  imageFromOriginal,
  imagesForPost,
  insertImage,
  latestImageCall,
  type ImageRow,
} from '../store/images-repo.js';
import { recordCall } from '../store/llm-calls-repo.js';
import { getPost, patchPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { variantsForPost, type VariantView } from '../store/variants-repo.js';
import { loadFonts } from './fonts.js';
import { buildImagePrompt } from './image-prompt.js';
import { storeContentAddressed, verifyStored } from './media-store.js';
import { probeImage, renderOnCard, renderOnPhoto, type Rendered } from './render.js';

/** Bring-your-own images larger than this are refused (Facebook itself takes photos under 10 MB). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Smaller than this would be upscaled into a blurry feed image. */
export const MIN_UPLOAD = { width: 600, height: 315 } as const;

/** Once a publication exists the content is frozen, picture included. */
const FROZEN = new Set(['scheduled', 'publishing', 'published', 'measured', 'unconfirmed']);

export interface MakeImageOptions {
  /** Make a new image even when the post has one. */
  regenerate?: boolean | undefined;
  /** Replaces the prompt built from the brand profile and the variant. */
  prompt?: string | undefined;
  /** Variant index whose headline and subject are used (default: the chosen one, else 1). */
  variant?: number | undefined;
  /** Bring your own picture instead of calling a provider. */
  file?: string | undefined;
  /** Overrides the configured provider (tests, the review screen). */
  provider?: ImageProvider | undefined;
  progress?: ProgressSink | undefined;
  /** Told which provider was chosen and why (only when one is about to be called). */
  onProvider?: ((reason: Localized) => void) | undefined;
}

export interface MakeImageResult {
  image: ImageRow;
  /** Absolute paths. */
  path: string;
  jpegPath: string | null;
  originalPath: string | null;
  /** True when the post already had this image and nothing was made. */
  unchanged: boolean;
  /** True when a paid answer from an interrupted run was reused instead of paying again. */
  reusedPaid: boolean;
  previousImageId: string | null;
  provider: string;
  offline: boolean;
  costUsd: number;
  headline: string;
  headlineLines: string[];
}

interface Source {
  bytes: Buffer;
  look: 'card' | 'photo';
  provider: string;
  model: string | null;
  prompt: string | null;
  costUsd: number;
  original: { sha256: string; path: string } | null;
  reusedPaid: boolean;
  offline: boolean;
}

const pickVariant = (
  variants: VariantView[],
  chosenId: string | null,
  index: number | undefined,
  postId: string,
): VariantView => {
  if (index !== undefined) return variantByIndex(variants, index, postId);
  const variant = variants.find((v) => v.id === chosenId) ?? variants[0];
  if (!variant) {
    throw new StateError(
      l(
        `Post ${shortId(postId)} has no variant to illustrate.`,
        `Le post ${shortId(postId)} n’a aucune variante à illustrer.`,
      ),
      { code: 'no_variant' },
    );
  }
  return variant;
};

const readUpload = async (file: string): Promise<Buffer> => {
  const path = resolve(file);
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) {
    throw new UsageError(
      l(`Cannot read "${file}": no such file.`, `Impossible de lire « ${file} » : fichier introuvable.`),
      {
        code: 'file_unreadable',
        fix: l('Give the path of a PNG or JPEG file.', 'Donnez le chemin d’un fichier PNG ou JPEG.'),
      },
    );
  }
  if (info.size > MAX_UPLOAD_BYTES) {
    throw new UsageError(
      l(
        `"${file}" is ${(info.size / 1048576).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1048576} MB.`,
        `« ${file} » fait ${(info.size / 1048576).toFixed(1)} Mo; la limite est de ${MAX_UPLOAD_BYTES / 1048576} Mo.`,
      ),
      {
        code: 'file_too_large',
        fix: l(
          'Export a smaller version (1200 px wide is enough), then try again.',
          'Exportez une version plus petite (1200 px de large suffit), puis réessayez.',
        ),
      },
    );
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(
      l(
        `Cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? 'error'}.`,
        `Impossible de lire « ${file} » : ${(error as NodeJS.ErrnoException).code ?? 'erreur'}.`,
      ),
      {
        code: 'file_unreadable',
        cause: error,
        fix: l('Check the file permissions.', 'Vérifiez les permissions du fichier.'),
      },
    );
  }
};

/**
 * Makes (or remakes) a post's image: provider picture, offline card or the user's own file,
 * cropped to 1200×630 with the headline set by our layout engine, saved as PNG and JPEG.
 *
 * Durable: a paid answer is written to a content-addressed original and recorded in the ledger
 * before any post-processing, so a crash afterwards is resumed by the next call without paying
 * again. The post's image changes only in the final transaction: on any failure it keeps the
 * image it had.
 */
export const makePostImage = async (
  deps: ServiceDeps,
  postRef: string,
  options: MakeImageOptions = {},
): Promise<MakeImageResult> => {
  const { db, paths } = deps;
  const progress = options.progress ?? (() => undefined);
  const post = await resolvePost(db, postRef);
  if (FROZEN.has(post.state)) {
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: its image can no longer change.`,
        `Le post ${shortId(post.id)} est ${post.state} : son image ne peut plus changer.`,
      ),
      {
        code: 'image_frozen',
        fix: l(
          'Images can change until the post is scheduled.',
          'L’image peut changer jusqu’à ce que le post soit planifié.',
        ),
      },
    );
  }
  const variants = await variantsForPost(db, post.id);
  const variant = pickVariant(variants, post.chosen_variant_id, options.variant, post.id);
  const headline = variant.headline;

  const current = post.image_id ? await getImage(db, post.image_id) : undefined;
  const wantsNew = Boolean(options.regenerate || options.prompt || options.file || options.variant !== undefined);
  if (current && !wantsNew) {
    const twin = (await imagesForPost(db, post.id)).find(
      (i) => i.kind === 'jpeg' && i.created_at === current.created_at && i.variant_id === current.variant_id,
    );
    return {
      image: current,
      path: join(paths.media, current.path),
      jpegPath: twin ? join(paths.media, twin.path) : null,
      originalPath: current.original_path ? join(paths.media, current.original_path) : null,
      unchanged: true,
      reusedPaid: false,
      previousImageId: current.id,
      provider: current.provider,
      offline: current.provider === 'offline',
      costUsd: 0,
      headline: current.headline ?? headline,
      headlineLines: [],
    };
  }

  const seed = `${post.id}:${variant.id}`;
  let source: Source;
  if (options.file) {
    const bytes = await readUpload(options.file);
    const info = await probeImage(bytes);
    if (info.width < MIN_UPLOAD.width || info.height < MIN_UPLOAD.height) {
      throw new UsageError(
        l(
          `The picture is ${info.width}×${info.height}; it needs at least ${MIN_UPLOAD.width}×${MIN_UPLOAD.height}.`,
          `L’image fait ${info.width}×${info.height}; il faut au moins ${MIN_UPLOAD.width}×${MIN_UPLOAD.height}.`,
        ),
        {
          code: 'image_too_small',
          fix: l('Use a larger picture (1200×630 or more).', 'Utilisez une image plus grande (1200×630 ou plus).'),
        },
      );
    }
    const original = await storeContentAddressed(
      paths.media,
      'originals',
      bytes,
      info.format === 'jpeg' ? 'jpg' : info.format,
    );
    source = {
      bytes,
      look: 'photo',
      provider: 'file',
      model: null,
      prompt: null,
      costUsd: 0,
      original,
      reusedPaid: false,
      offline: true,
    };
  } else {
    source = await providerSource(deps, post.id, post.content_type, variant, headline, seed, options, progress);
  }

  progress({ step: 'compose', detail: headline });
  const fonts = await loadFonts();
  let rendered: Rendered;
  try {
    rendered =
      source.look === 'card'
        ? await renderOnCard(fonts, deps.brand.profile, headline, source.bytes, seed)
        : await renderOnPhoto(fonts, deps.brand.profile, headline, source.bytes, seed);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new ExternalError(
      source.provider,
      l(
        `The picture could not be processed: ${(error as Error).message}`,
        `L’image n’a pas pu être traitée : ${(error as Error).message}`,
      ),
      {
        code: 'image_unprocessable',
        cause: error,
        fix: l(
          'The post keeps its previous image. Try --regenerate, or --file with another picture.',
          'Le post garde son image précédente. Essayez --regenerate, ou --file avec une autre image.',
        ),
      },
    );
  }
  progress({ step: 'save' });
  const png = await storeContentAddressed(paths.media, '', rendered.png, 'png');
  const jpeg = await storeContentAddressed(paths.media, '', rendered.jpeg, 'jpg');

  const imageId = newId();
  const image: ImageRow = await immediate(db, async (trx) => {
    const w = deps.writer();
    const fresh = await getPost(trx, post.id);
    if (!fresh || FROZEN.has(fresh.state)) {
      throw new StateError(
        l(
          `Post ${shortId(post.id)} changed state while its image was made.`,
          `Le post ${shortId(post.id)} a changé d’état pendant la création de l’image.`,
        ),
        { code: 'image_frozen' },
      );
    }
    const common = {
      post_id: post.id,
      variant_id: variant.id,
      width: rendered.width,
      height: rendered.height,
      original_sha256: source.original?.sha256 ?? null,
      original_path: source.original?.path ?? null,
      provider: source.provider,
      model: source.model,
      prompt: source.prompt,
      headline: rendered.overlay.text,
      created_at: w.now,
    };
    const row: ImageRow = {
      ...common,
      id: imageId,
      kind: 'feed',
      sha256: png.sha256,
      path: png.path,
      format: 'png',
      bytes: png.bytes,
      cost_usd: source.costUsd,
    };
    await insertImage(trx, w, row);
    // The JPEG twin (Instagram later); cost stays on the feed row so ledgers never double count.
    await insertImage(trx, w, {
      ...common,
      id: newId(),
      kind: 'jpeg',
      sha256: jpeg.sha256,
      path: jpeg.path,
      format: 'jpeg',
      bytes: jpeg.bytes,
      cost_usd: 0,
    });
    await patchPost(trx, w, post.id, { image_id: imageId });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'image',
      reason: options.file ? 'file' : options.regenerate ? 'regenerate' : null,
      data: {
        imageId,
        previous: fresh.image_id,
        provider: source.provider,
        model: source.model,
        sha256: png.sha256,
        costUsd: source.costUsd,
        reusedPaid: source.reusedPaid,
      },
    });
    return row;
  });

  return {
    image,
    path: png.absolute,
    jpegPath: jpeg.absolute,
    originalPath: source.original ? join(paths.media, source.original.path) : null,
    unchanged: false,
    reusedPaid: source.reusedPaid,
    previousImageId: post.image_id,
    provider: source.provider,
    offline: source.offline,
    costUsd: source.costUsd,
    headline: rendered.overlay.text,
    headlineLines: rendered.overlay.headline.lines,
  };
};

const providerSource = async (
  deps: ServiceDeps,
  postId: string,
  contentType: string,
  variant: VariantView,
  headline: string,
  seed: string,
  options: MakeImageOptions,
  progress: ProgressSink,
): Promise<Source> => {
  const { db, paths } = deps;
  const cfg = deps.config.providers.image;
  let provider = options.provider;
  if (!provider) {
    const selected = selectImageProvider(deps.config, deps.env);
    provider = selected.provider;
    options.onProvider?.(selected.reason);
  }
  const prompt =
    options.prompt?.trim() || buildImagePrompt(deps.brand.profile, { contentType, headline, text: variant.text });
  const stepKey = `image:${createHash('sha256')
    .update(JSON.stringify([provider.id, provider.model, cfg.quality, cfg.size, prompt]))
    .digest('hex')
    .slice(0, 24)}`;

  if (!provider.offline) {
    // Resume: a paid answer whose finished image was never recorded (crash, failed compose).
    const paid = await latestImageCall(db, postId, stepKey);
    if (paid?.response) {
      const ref = JSON.parse(paid.response) as { originalSha256: string; originalPath: string; decodable?: boolean };
      const used = ref.decodable === false || (await imageFromOriginal(db, postId, ref.originalSha256));
      const bytes = used ? undefined : await verifyStored(paths.media, ref.originalPath, ref.originalSha256);
      if (bytes) {
        progress({ step: 'reuse', detail: ref.originalSha256.slice(0, 12) });
        return {
          bytes,
          look: provider.look,
          provider: provider.id,
          model: paid.model,
          prompt,
          costUsd: paid.cost_usd,
          original: { sha256: ref.originalSha256, path: ref.originalPath },
          reusedPaid: true,
          offline: false,
        };
      }
    }
  }

  progress({ step: 'generate', detail: `${provider.id}/${provider.model}` });
  let result: ImageResult;
  try {
    result = await provider.generate({
      brand: deps.brand,
      seed,
      prompt,
      headline,
      size: cfg.size,
      quality: cfg.quality,
    });
  } catch (error) {
    const message = redact((error as Error).message, deps.env.secretValues());
    await immediate(db, async (trx) => {
      const w = deps.writer();
      if (!provider.offline) {
        await recordCall(trx, w, {
          runId: null,
          postId,
          stepKey,
          purpose: 'image',
          provider: provider.id,
          model: provider.model,
          status: 'failed',
          costUsd: 0,
          latencyMs: 0,
          error: message,
        });
      }
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: postId,
        action: 'image_failed',
        reason: message.slice(0, 300),
        data: { provider: provider.id, model: provider.model, code: (error as { code?: string }).code ?? null },
      });
    });
    throw error;
  }
  if (provider.offline) {
    return {
      bytes: result.bytes,
      look: provider.look,
      provider: provider.id,
      model: result.model,
      prompt: null,
      costUsd: 0,
      original: null,
      reusedPaid: false,
      offline: true,
    };
  }
  // Paid bytes first to disk, then to the ledger, before anything can fail on them.
  const info = await probeImage(result.bytes).catch(() => undefined);
  const format = info?.format ?? 'bin';
  const original = await storeContentAddressed(
    paths.media,
    'originals',
    result.bytes,
    format === 'jpeg' ? 'jpg' : format,
  );
  await recordCall(db, deps.writer(), {
    runId: null,
    postId,
    stepKey,
    purpose: 'image',
    provider: provider.id,
    model: result.model,
    status: 'succeeded',
    costUsd: result.costUsd,
    latencyMs: result.latencyMs,
    response: {
      originalSha256: original.sha256,
      originalPath: original.path,
      bytes: original.bytes,
      decodable: Boolean(info),
      revisedPrompt: result.revisedPrompt ?? null,
    },
  });
  if (!info) {
    throw new ExternalError(
      provider.id,
      l(
        `${provider.id} returned data that is not a readable image (kept as ${original.path}).`,
        `${provider.id} a renvoyé des données qui ne sont pas une image lisible (conservées sous ${original.path}).`,
      ),
      {
        code: 'image_undecodable',
        fix: l(
          'The post keeps its previous image. Try again: autoscale image <id> --regenerate',
          'Le post garde son image précédente. Réessayez : autoscale image <id> --regenerate',
        ),
      },
    );
  }
  return {
    bytes: result.bytes,
    look: provider.look,
    provider: provider.id,
    model: result.model,
    prompt,
    costUsd: result.costUsd,
    original,
    reusedPaid: false,
    offline: false,
  };
};
