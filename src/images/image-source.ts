import { createHash } from 'node:crypto';
import { redact } from '../domain/redact.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import { ExternalError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ImageProvider, ImageResult } from '../providers/types.js';
import { recordAudit } from '../store/audit-repo.js';
import { imageFromOriginal, latestImageCall } from '../store/images-repo.js';
import { recordCall } from '../store/llm-calls-repo.js';
import { immediate } from '../store/tx.js';
import { buildImagePrompt } from './image-prompt.js';
import { extensionBySignature, storeContentAddressed, verifyStored } from './media-store.js';
import { probeImage } from './render.js';
import { selectImageProvider } from './select-image.js';
import type { Variant } from '../domain/variant.js';
import type { CroppedPhoto } from './image-record.js';

/** The picture an image is made from, before the headline is set on it. */
export interface Source {
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

export interface ProviderRequest {
  postId: string;
  contentType: string;
  variant: Variant;
  headline: string;
  seed: string;
  /** Overrides the configured provider (tests, the review screen). */
  provider?: ImageProvider | undefined;
  /** Replaces the prompt built from the brand profile and the variant. */
  prompt?: string | undefined;
  /** Told which provider was chosen and why (only when one is about to be called). */
  onProvider?: ((reason: Localized) => void) | undefined;
  /** The paid picture this process still holds (a generation's picture asked ahead). */
  arrived?: CroppedPhoto | undefined;
}

/** A failed picture in the ledger (paid providers) and the post's audit trail, secrets redacted. */
export const recordImageFailure = async (
  deps: ServiceDeps,
  postId: string,
  provider: { id: string; model: string; offline: boolean },
  stepKey: string,
  error: unknown,
): Promise<void> => {
  const message = redact((error as Error).message, deps.env.secretValues());
  await immediate(deps.db, async (trx) => {
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
};

/** A paid answer that is not a readable image: kept as an original, reported, never paid twice. */
export const undecodableImage = (providerId: string, path: string): ExternalError =>
  new ExternalError(
    providerId,
    l(
      `${providerId} returned data that is not a readable image (kept as ${path}).`,
      `${providerId} a renvoyé des données qui ne sont pas une image lisible (conservées sous ${path}).`,
    ),
    {
      code: 'image_undecodable',
      fix: l(
        'The post keeps its previous image. Try again: autoscale image <id> --regenerate',
        'La publication garde son image précédente. Réessayez : autoscale image <id> --regenerate',
      ),
    },
  );

/** The ledger key of a paid picture: same provider, settings and prompt, same picture. */
export const imageStepKey = (
  provider: { id: string; model: string },
  cfg: { quality: string; size: string },
  prompt: string,
): string =>
  `image:${createHash('sha256')
    .update(JSON.stringify([provider.id, provider.model, cfg.quality, cfg.size, prompt]))
    .digest('hex')
    .slice(0, 24)}`;

/** What the ledger keeps of a paid picture: where its original is, never the bytes. */
export interface PaidPicture {
  originalSha256: string;
  originalPath: string;
  bytes: number;
  decodable: boolean;
  revisedPrompt: string | null;
}

const extensionOf = (format: string | undefined): string => (format === 'jpeg' ? 'jpg' : (format ?? 'bin'));

/**
 * A paid picture's bytes written to a content-addressed original, described for the ledger.
 * The file is named from the bytes' signature while sharp reads their header (a generation's
 * picture arrives with the texts, whose checks hold the thread: the probe's answer waits for
 * them); an undecodable answer is kept under its signature's name, an unknown one as `.bin`.
 */
export const storeOriginal = async (mediaDir: string, result: ImageResult): Promise<PaidPicture> => {
  const probed = probeImage(result.bytes).catch(() => undefined);
  const ext = extensionBySignature(result.bytes) ?? extensionOf((await probed)?.format);
  const [info, original] = await Promise.all([probed, storeContentAddressed(mediaDir, 'originals', result.bytes, ext)]);
  return {
    originalSha256: original.sha256,
    originalPath: original.path,
    bytes: original.bytes,
    decodable: Boolean(info),
    revisedPrompt: result.revisedPrompt ?? null,
  };
};

/**
 * A picture from the image provider (or the offline card). A paid answer is written to a
 * content-addressed original and recorded in the ledger before anything can fail on it, and an
 * interrupted run's paid answer is reused instead of paying again.
 */
export const providerSource = async (
  deps: ServiceDeps,
  request: ProviderRequest,
  progress: ProgressSink,
): Promise<Source> => {
  const { db, paths } = deps;
  const { postId, contentType, variant, headline, seed } = request;
  const cfg = deps.config.providers.image;
  let provider = request.provider;
  if (!provider) {
    const selected = selectImageProvider(deps.config, deps.env);
    provider = selected.provider;
    request.onProvider?.(selected.reason);
  }
  const prompt =
    request.prompt?.trim() || buildImagePrompt(deps.brand.profile, { contentType, headline, text: variant.text });
  const stepKey = imageStepKey(provider, cfg, prompt);

  if (!provider.offline) {
    // Resume: a paid answer whose finished image was never recorded (crash, failed compose).
    const paid = await latestImageCall(db, postId, stepKey);
    if (paid?.response) {
      const ref = JSON.parse(paid.response) as { originalSha256: string; originalPath: string; decodable?: boolean };
      const used = ref.decodable === false || (await imageFromOriginal(db, postId, ref.originalSha256));
      const held = request.arrived?.sha256 === ref.originalSha256 ? request.arrived.bytes : undefined;
      const bytes = used
        ? undefined
        : (held ?? (await verifyStored(paths.media, ref.originalPath, ref.originalSha256)));
      if (bytes) {
        progress({ step: 'reuse', detail: ref.originalSha256.slice(0, 12) });
        return {
          bytes,
          look: provider.look,
          provider: provider.id,
          model: paid.model,
          prompt,
          costUsd: paid.costUsd,
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
    await recordImageFailure(deps, postId, provider, stepKey, error);
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
  const stored = await storeOriginal(paths.media, result);
  const original = { sha256: stored.originalSha256, path: stored.originalPath };
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
    response: stored,
  });
  if (!stored.decodable) throw undecodableImage(provider.id, original.path);
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
