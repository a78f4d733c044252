import type { ServiceDeps } from '../deps/service-deps.js';
import { buildImagePrompt } from '../images/image-prompt.js';
import type { CroppedPhoto } from '../images/image-record.js';
import type * as ImageRecord from '../images/image-record.js';
import { sha256 } from '../images/media-store.js';
import { imageStepKey, recordImageFailure, storeOriginal, undecodableImage } from '../images/image-source.js';
import { selectImageProvider } from '../images/select-image.js';
import { zeroUsage } from '../providers/types.js';
import type { RunLedger } from './ledger.js';

export interface PictureAhead {
  /** The prompt the image step must use to find this picture in the ledger. */
  prompt: string;
  /** Asks the provider (or reuses what this run already paid) and records the picture in the run's ledger. */
  start: (ledger: RunLedger) => Promise<void>;
  /**
   * The image step for the saved post: composes the picture found in the ledger (with its crop,
   * started when it arrived), or, when the provider refused it, records that refusal on the post
   * and fails as the image step would.
   */
  make: <T>(
    postId: string,
    compose: (postId: string, prompt: string, cropped?: CroppedPhoto) => Promise<T>,
  ) => Promise<T>;
  /**
   * A headline the picture will probably carry (the first variant's, as it arrives): the picture
   * is composed with it as soon as both exist, and the image step uses that composition when the
   * saved headline is the same.
   */
  headline: (headline: string) => void;
  /**
   * While the picture's answer is being read (it has started to arrive, its bytes are not yet with
   * sharp): settles once they are, or once the call has failed. Undefined at any other time.
   */
  arriving: () => Promise<void> | undefined;
}

/**
 * The post's picture, asked for while the variants are being written: its prompt needs only the
 * request (content type and topic), not the text, and the headline is set on it afterwards by
 * our own layout engine. The paid answer goes to a content-addressed original and into the run's
 * ledger, which is attached to the post when it is committed; the image step then finds it under
 * the same prompt and only composes. Undefined when the picture is the offline card (made locally,
 * nothing to wait for) or no image provider can be used.
 */
export const pictureAhead = (
  deps: ServiceDeps,
  request: { contentType: string; topic?: string | null | undefined },
): PictureAhead | undefined => {
  let provider;
  try {
    provider = selectImageProvider(deps.config, deps.env).provider;
  } catch {
    return undefined; // the image step reports the configuration problem as it does today
  }
  if (provider.offline) return undefined;
  const cfg = deps.config.providers.image;
  const prompt = buildImagePrompt(deps.brand.profile, {
    contentType: request.contentType,
    topic: request.topic ?? null,
  });
  const key = imageStepKey(provider, cfg, prompt);
  let failure: Error | undefined;
  let cropped: CroppedPhoto | undefined;
  let wanted: string | undefined;
  let reading: { done: Promise<void>; settle: () => void } | undefined;
  const answerArrives = (read: Promise<unknown>) => {
    if (!reading) {
      let settle = () => undefined as void;
      const done = new Promise<void>((resolve) => (settle = resolve));
      reading = { done, settle };
    }
    // An attempt that fails (its body cut short) is retried after a pause: nothing waits for that.
    read.catch(answerHandled);
  };
  const answerHandled = () => {
    reading?.settle();
    reading = undefined;
  };
  // Loaded while the providers work: when the text arrives the thread is busy checking it, and a
  // dynamic import's answer would queue behind that work.
  let records: typeof ImageRecord | undefined;
  const composeWhenReady = () => {
    if (!cropped || wanted === undefined || provider.look !== 'photo' || !records) return;
    records.composeAhead(deps.brand.profile, deps.paths.media, cropped, wanted);
  };
  return {
    prompt,
    headline: (headline) => {
      wanted = headline;
      composeWhenReady();
    },
    arriving: () => reading?.done,
    make: async (postId, compose) => {
      if (failure === undefined) return compose(postId, prompt, cropped);
      await recordImageFailure(deps, postId, provider, key, failure);
      throw failure;
    },
    start: async (ledger) => {
      void import('../images/image-record.js')
        .then((m) => {
          records = m;
          composeWhenReady();
        })
        .catch(() => undefined);
      try {
        const picture = await ledger.pay({ key, purpose: 'image', provider: provider.id, offline: false }, async () => {
          const result = await provider.generate({
            brand: deps.brand,
            seed: `${deps.brandSlug}:${key}`,
            prompt,
            headline: request.topic ?? '',
            size: cfg.size,
            quality: cfg.quality,
            onAnswer: answerArrives,
          });
          // The crop needs only the picture: it runs on sharp's threads while the original is
          // stored and the text is checked and saved, and the image step adds only the headline
          // (a failed crop is redone there, which reports it).
          const base = records
            ? records.cropPhoto(result.bytes)
            : import('../images/render.js').then((m) => m.cropPhoto(result.bytes));
          // Keyed by the bytes' sha256, which is the stored original's name.
          const photo: CroppedPhoto = { sha256: sha256(result.bytes), bytes: result.bytes, base };
          base.then((b) => (photo.ready = b)).catch(() => undefined);
          cropped = photo;
          composeWhenReady();
          answerHandled();
          // Paid bytes to disk before the ledger row that points at them.
          const stored = await storeOriginal(deps.paths.media, result);
          return {
            value: stored,
            usage: zeroUsage(),
            model: result.model,
            latencyMs: result.latencyMs,
            reportedCostUsd: result.costUsd,
          };
        });
        if (!picture.decodable) failure = undecodableImage(provider.id, picture.originalPath);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      } finally {
        answerHandled();
      }
    },
  };
};
