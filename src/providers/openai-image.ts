import type * as OpenAIModule from 'openai';
import { ConfigError, ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { createRedactor } from '../domain/redact.js';
import type { ImageProvider, ImageRequest, ImageResult } from './types.js';

/** DALL·E was shut down on 2026-05-12; a config still naming it gets the replacement. */
const RETIRED: Record<string, string> = { 'dall-e-3': 'gpt-image-2', 'dall-e-2': 'gpt-image-1-mini' };
const STANDARD_SIZES = new Set(['1024x1024', '1536x1024', '1024x1536']);

export const checkImageModel = (model: string, size: string): void => {
  const retired = RETIRED[model.toLowerCase()] ?? (/^dall-?e/i.test(model) ? 'gpt-image-2' : undefined);
  if (retired) {
    throw new ConfigError(
      l(
        `The image model "${model}" was shut down by OpenAI on 2026-05-12.`,
        `Le modèle d’image « ${model} » a été retiré par OpenAI le 2026-05-12.`,
      ),
      {
        code: 'retired_image_model',
        details: { model, replacement: retired },
        fix: l(
          `Use ${retired}: autoscale config set providers.image.model ${retired}`,
          `Utilisez ${retired} : autoscale config set providers.image.model ${retired}`,
        ),
      },
    );
  }
  const [w, h] = size.split('x').map(Number) as [number, number];
  const ok = model.startsWith('gpt-image-2')
    ? w % 16 === 0 && h % 16 === 0 && w / h <= 3 && h / w <= 3 && w >= 256 && h >= 256
    : STANDARD_SIZES.has(size);
  if (!ok) {
    throw new ConfigError(
      l(
        `The image size ${size} is not accepted by ${model}.`,
        `La taille d’image ${size} n’est pas acceptée par ${model}.`,
      ),
      {
        code: 'bad_image_size',
        fix: l(
          'Use 1536x1024 (landscape, cropped to 1200×630): autoscale config set providers.image.size 1536x1024',
          'Utilisez 1536x1024 (paysage, recadré en 1200×630) : autoscale config set providers.image.size 1536x1024',
        ),
      },
    );
  }
};

export interface OpenAIImageOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
  prices: Record<string, { low: number; medium: number; high: number }>;
  /** Values to scrub from error text. */
  secrets?: readonly string[];
  /** Backoff for 429/5xx (tests shorten it). */
  backoff?: { retries: number; minTimeoutMs: number; maxTimeoutMs: number };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

export const imagePrice = (
  prices: OpenAIImageOptions['prices'],
  model: string,
  quality: 'low' | 'medium' | 'high',
): number => (prices[model] ?? Object.entries(prices).find(([name]) => model.startsWith(name))?.[1])?.[quality] ?? 0;

/**
 * OpenAI Images through the official SDK. The SDK's own retries are off: after a timeout the
 * image may already be generated and billed, so we retry a timeout at most once ourselves, and
 * back off (p-retry) only on answers that say nothing was made: 429 and 5xx.
 */
export const createOpenAIImageProvider = (o: OpenAIImageOptions): ImageProvider => {
  const secrets = [o.apiKey, ...(o.secrets ?? [])];
  const clean = createRedactor(secrets);
  return {
    id: 'openai',
    model: o.model,
    offline: false,
    look: 'photo',
    async generate(request: ImageRequest): Promise<ImageResult> {
      checkImageModel(o.model, request.size);
      const [
        { default: OpenAI, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError },
        { default: pRetry, AbortError },
      ] = await Promise.all([import('openai'), import('p-retry')]);
      let attempt: Promise<unknown> = Promise.resolve();
      // Whether this attempt's answer had started to arrive (a success status, its headers in).
      let answering = false;
      const client = new OpenAI({
        apiKey: o.apiKey,
        baseURL: o.baseURL,
        timeout: o.timeoutMs,
        maxRetries: 0,
        // The SDK reads the body only after `fetch` resolves: the caller learns that the picture is
        // arriving before the megabyte of JSON is read and decoded.
        fetch: async (url: string | URL | Request, init?: RequestInit) => {
          const response = await fetch(url, init);
          if (response.ok) {
            answering = true;
            request.onAnswer?.(attempt);
          }
          return response;
        },
      });
      const backoff = o.backoff ?? { retries: 3, minTimeoutMs: 2000, maxTimeoutMs: 30_000 };
      let unknownOutcomes = 0;
      const started = performance.now();
      const response = await pRetry(
        async () => {
          answering = false;
          try {
            const call = client.images.generate(
              {
                model: o.model,
                prompt: request.prompt,
                n: 1,
                size: request.size,
                quality: request.quality,
                // A JPEG answer is a tenth of the PNG's 3–4 MB (less to download, decode and
                // store); the picture is re-encoded once the headline is set, so 95 loses nothing.
                output_format: 'jpeg',
                output_compression: 95,
              },
              { signal: request.signal },
            );
            attempt = call;
            return await call;
          } catch (error) {
            if (error instanceof APIUserAbortError) throw new AbortError(error);
            if (error instanceof APIConnectionTimeoutError || error instanceof APIConnectionError) {
              // The request may have reached OpenAI and be billed: one more try, never more.
              unknownOutcomes += 1;
              if (unknownOutcomes > 1) throw new AbortError(error);
              throw error;
            }
            if (answering && !(error instanceof APIError)) {
              // A success whose body was cut short: the picture was made and billed, and not
              // received. The same rule as a timeout: one more try, never more.
              const cut = new AnswerCutShort(error as Error);
              unknownOutcomes += 1;
              if (unknownOutcomes > 1) throw new AbortError(cut);
              throw cut;
            }
            if (error instanceof APIError && (error.status === 429 || (error.status ?? 0) >= 500)) throw error;
            throw new AbortError(error as Error);
          }
        },
        {
          retries: backoff.retries,
          minTimeout: backoff.minTimeoutMs,
          maxTimeout: backoff.maxTimeoutMs,
          randomize: true,
          signal: request.signal,
          onFailedAttempt: async ({ error }) => {
            const after =
              error instanceof APIError ? Number((error.headers as Headers | undefined)?.get('retry-after')) : NaN;
            if (Number.isFinite(after) && after > 0) await sleep(Math.min(after * 1000, 60_000), request.signal);
          },
        },
      ).catch((error: unknown) => {
        throw mapError(error, o.model, clean, { APIError, APIConnectionTimeoutError, APIConnectionError });
      });
      const first = response.data?.[0];
      if (!first?.b64_json) {
        throw new ExternalError(
          'openai',
          l('OpenAI answered without an image (no b64_json).', 'OpenAI a répondu sans image (pas de b64_json).'),
          {
            code: 'image_missing',
            retryable: true,
            fix: l('Try again: autoscale image <id> --regenerate', 'Réessayez : autoscale image <id> --regenerate'),
          },
        );
      }
      return {
        bytes: Buffer.from(first.b64_json, 'base64'),
        model: o.model,
        costUsd: imagePrice(o.prices, o.model, request.quality),
        latencyMs: performance.now() - started,
        revisedPrompt: first.revised_prompt ?? undefined,
      };
    },
  };
};

/** A successful answer whose body did not arrive whole (the connection dropped while reading it). */
class AnswerCutShort extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = 'AnswerCutShort';
  }
}

type ErrorClasses = {
  APIError: typeof OpenAIModule.APIError;
  APIConnectionTimeoutError: typeof OpenAIModule.APIConnectionTimeoutError;
  APIConnectionError: typeof OpenAIModule.APIConnectionError;
};

const mapError = (error: unknown, model: string, clean: (s: string) => string, k: ErrorClasses): Error => {
  if (error instanceof ExternalError || error instanceof ConfigError) return error;
  const message = clean(error instanceof Error ? error.message : String(error));
  const again = l(
    'The post keeps its previous image. Try again later: autoscale image <id> --regenerate',
    'La publication garde son image précédente. Réessayez plus tard : autoscale image <id> --regenerate',
  );
  if (error instanceof k.APIConnectionTimeoutError) {
    return new ExternalError(
      'openai',
      l(
        'OpenAI did not answer in time (twice); the image was not received.',
        'OpenAI n’a pas répondu à temps (deux fois); l’image n’a pas été reçue.',
      ),
      {
        code: 'image_timeout',
        retryable: true,
        cause: error,
        fix: l(
          'Raise providers.image.timeoutMs or use quality low, then try again. The post keeps its previous image.',
          'Augmentez providers.image.timeoutMs ou passez en qualité low, puis réessayez. La publication garde son image précédente.',
        ),
      },
    );
  }
  if (error instanceof AnswerCutShort) {
    return new ExternalError(
      'openai',
      l(
        'OpenAI’s answer was cut short while the picture was being received (twice); the image was not received.',
        'La réponse d’OpenAI a été coupée pendant la réception de l’image (deux fois); l’image n’a pas été reçue.',
      ),
      { code: 'image_cut_short', retryable: true, cause: error, fix: again },
    );
  }
  if (error instanceof k.APIConnectionError) {
    return new ExternalError(
      'openai',
      l(`Could not reach OpenAI: ${message}`, `Impossible de joindre OpenAI : ${message}`),
      { code: 'image_unreachable', retryable: true, cause: error, fix: again },
    );
  }
  if (error instanceof k.APIError) {
    const body = (error.error ?? {}) as { code?: string; message?: string; type?: string };
    const code = error.code ?? body.code ?? '';
    if (
      error.status === 400 &&
      (/moderation|content_policy|safety/i.test(code) || /safety system|content policy|moderation/i.test(message))
    ) {
      return new ExternalError(
        'openai',
        l(
          'OpenAI refused this image prompt (content policy).',
          'OpenAI a refusé cette consigne d’image (politique de contenu).',
        ),
        {
          code: 'image_content_policy',
          retryable: false,
          cause: error,
          details: { status: 400, openaiCode: code || null },
          fix: l(
            'Rephrase the subject: autoscale image <id> --prompt "…". The post keeps its previous image.',
            'Reformulez le sujet : autoscale image <id> --prompt "…". La publication garde son image précédente.',
          ),
        },
      );
    }
    if (error.status === 401 || error.status === 403) {
      return new ExternalError(
        'openai',
        l(`OpenAI rejected the key (${error.status}).`, `OpenAI a refusé la clé (${error.status}).`),
        {
          code: 'image_auth',
          cause: error,
          fix: l(
            'Check OPENAI_API_KEY (environment or <home>/.env) and that the organisation is verified for GPT image models.',
            'Vérifiez OPENAI_API_KEY (environnement ou <home>/.env) et que l’organisation est vérifiée pour les modèles GPT image.',
          ),
        },
      );
    }
    if (error.status === 404 || (error.status === 400 && /model/i.test(code + message))) {
      return new ExternalError(
        'openai',
        l(
          `OpenAI does not offer the image model "${model}": ${message}`,
          `OpenAI n’offre pas le modèle d’image « ${model} » : ${message}`,
        ),
        {
          code: 'image_model',
          cause: error,
          fix: l(
            'autoscale config set providers.image.model gpt-image-2',
            'autoscale config set providers.image.model gpt-image-2',
          ),
        },
      );
    }
    const retryable = error.status === 429 || (error.status ?? 0) >= 500;
    return new ExternalError(
      'openai',
      l(
        `OpenAI image generation failed (${error.status ?? '?'}): ${message}`,
        `La génération d’image OpenAI a échoué (${error.status ?? '?'}) : ${message}`,
      ),
      {
        code: retryable ? 'image_unavailable' : 'image_failed',
        retryable,
        cause: error,
        fix: again,
      },
    );
  }
  return new ExternalError(
    'openai',
    l(`OpenAI image generation failed: ${message}`, `La génération d’image OpenAI a échoué : ${message}`),
    { code: 'image_failed', cause: error, fix: again },
  );
};
