import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { ConfigError, ExternalError } from '../../src/errors/errors.js';
import { checkImageModel, createOpenAIImageProvider, imagePrice } from '../../src/providers/openai-image.js';
import { selectImageProvider } from '../../src/images/select-image.js';
import type { ImageRequest } from '../../src/providers/types.js';
import { DEFAULT_PRICES } from '../../src/config/schema.js';
import { FAKE_OPENAI_KEY, startOpenAIImagesFake, type OpenAIImagesFake } from '../fakes/openai-images-fake.js';
import { syntheticPhoto } from '../helpers/images.js';

const config = buildInitialConfig({});
const brand = config.brands[config.currentBrand]!;
const request: ImageRequest = {
  brand,
  seed: 's',
  prompt: 'A bright office in Québec. No text in the picture.',
  headline: 'Titre',
  size: '1536x1024',
  quality: 'medium',
};

let fake: OpenAIImagesFake;
let photo: Buffer;

const provider = (over: Partial<Parameters<typeof createOpenAIImageProvider>[0]> = {}) =>
  createOpenAIImageProvider({
    apiKey: FAKE_OPENAI_KEY,
    baseURL: fake.url,
    model: 'gpt-image-2',
    timeoutMs: 400,
    prices: structuredClone(DEFAULT_PRICES.image),
    backoff: { retries: 3, minTimeoutMs: 5, maxTimeoutMs: 20 },
    ...over,
  });

beforeAll(async () => {
  photo = await syntheticPhoto(1536, 1024);
  fake = await startOpenAIImagesFake(photo);
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.served.length = 0;
});

/** What the fake answered last: the photo re-encoded as the JPEG the request asked for. */
const servedLast = () => fake.served.at(-1)!;

describe('OpenAI image provider against the loopback Images API', () => {
  it('decodes the b64_json answer and prices it from config.prices.image', async () => {
    const result = await provider().generate(request);
    expect(result.bytes.equals(servedLast())).toBe(true);
    expect(result.bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    expect(result.bytes.length).toBeLessThan(photo.length);
    expect(result.costUsd).toBe(0.04);
    expect(result.model).toBe('gpt-image-2');
    expect(fake.requests).toHaveLength(1);
    const body = fake.requests[0]!.body;
    // The real SDK sent the documented body, and no response_format (GPT image models refuse it).
    expect(body).toMatchObject({
      model: 'gpt-image-2',
      size: '1536x1024',
      quality: 'medium',
      n: 1,
      prompt: request.prompt,
      // A JPEG answer, a fraction of the PNG's size.
      output_format: 'jpeg',
      output_compression: 95,
    });
    expect(body).not.toHaveProperty('response_format');
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
  });

  it('backs off and retries on 429 and 5xx', async () => {
    fake.script({ kind: 'rate_limit' }, { kind: 'server_error', status: 500 }, { kind: 'server_error', status: 503 });
    const result = await provider().generate(request);
    expect(result.bytes.equals(servedLast())).toBe(true);
    expect(fake.requests).toHaveLength(4);
  });

  it('gives up after the retry budget with a retryable error', async () => {
    fake.script({ kind: 'server_error' }, { kind: 'server_error' }, { kind: 'server_error' }, { kind: 'server_error' });
    const error = await provider()
      .generate(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalError);
    expect((error as ExternalError).retryable).toBe(true);
    expect(fake.requests).toHaveLength(4);
  });

  it('retries a timeout exactly once (the SDK itself never retries)', async () => {
    fake.script({ kind: 'timeout' });
    const ok = await provider().generate(request);
    expect(ok.bytes.equals(servedLast())).toBe(true);
    expect(fake.requests).toHaveLength(2);

    fake.requests.length = 0;
    fake.script({ kind: 'timeout' }, { kind: 'timeout' }, { kind: 'success' });
    const error = await provider()
      .generate(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalError);
    expect((error as ExternalError).code).toBe('image_timeout');
    // Two attempts, never a third: a timed-out request may already be billed.
    expect(fake.requests).toHaveLength(2);
    fake.script(); // drain
    await provider().generate(request);
  });

  it('says when the answer starts to arrive, before its body is read, and when that attempt is over', async () => {
    fake.script({ kind: 'success', bodyAfterMs: 200 });
    const seen: { read: Promise<unknown>; pendingLater: boolean }[] = [];
    const result = await provider({ timeoutMs: 2000 }).generate({
      ...request,
      onAnswer: (read) => {
        const entry = { read, pendingLater: false };
        seen.push(entry);
        let settled = false;
        void read.then(
          () => (settled = true),
          () => (settled = true),
        );
        setTimeout(() => (entry.pendingLater = !settled), 60);
      },
    });
    expect(result.bytes.equals(servedLast())).toBe(true);
    expect(seen).toHaveLength(1);
    // Told with the headers: 60 ms later the body (sent after 200 ms) was still on its way.
    expect(seen[0]!.pendingLater).toBe(true);
    await expect(seen[0]!.read).resolves.toBeDefined();
  });

  it('retries an answer cut short exactly once, as a timeout: the picture was made and billed', async () => {
    // Cut once: that attempt's promise fails (nobody waits on it) and the second one succeeds.
    fake.script({ kind: 'success', cutBody: true });
    const cut: Promise<unknown>[] = [];
    const ok = await provider({ timeoutMs: 2000 }).generate({ ...request, onAnswer: (read) => cut.push(read) });
    expect(ok.bytes.equals(servedLast())).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(cut).toHaveLength(2);
    await expect(cut[0]).rejects.toBeDefined();
    await expect(cut[1]).resolves.toBeDefined();

    // Cut twice: a clear error, and never a third paid request.
    fake.requests.length = 0;
    fake.script({ kind: 'success', cutBody: true }, { kind: 'success', cutBody: true }, { kind: 'success' });
    const error = (await provider({ timeoutMs: 2000 })
      .generate(request)
      .catch((e: unknown) => e)) as ExternalError;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.code).toBe('image_cut_short');
    expect(error.retryable).toBe(true);
    expect(error.localized.fr).toMatch(/coupée/);
    expect(fake.requests).toHaveLength(2);
    fake.script(); // drain
    await provider().generate(request);
  });

  it('turns a content-policy 400 into a clear, non-retryable error without retrying', async () => {
    fake.script({ kind: 'content_policy' });
    const error = (await provider()
      .generate(request)
      .catch((e: unknown) => e)) as ExternalError;
    expect(error).toBeInstanceOf(ExternalError);
    expect(error.code).toBe('image_content_policy');
    expect(error.retryable).toBe(false);
    expect(error.localized.en).toMatch(/content policy/);
    expect(error.fix?.en).toMatch(/--prompt/);
    expect(fake.requests).toHaveLength(1);
  });

  it('explains a rejected key without echoing it', async () => {
    const error = (await createOpenAIImageProvider({
      apiKey: 'sk-wrong-key-abcdef',
      baseURL: fake.url,
      model: 'gpt-image-2',
      timeoutMs: 400,
      prices: {},
    })
      .generate(request)
      .catch((e: unknown) => e)) as ExternalError;
    expect(error.code).toBe('image_auth');
    expect(JSON.stringify({ m: error.localized, f: error.fix })).not.toContain('sk-wrong-key-abcdef');
  });
});

describe('image model configuration', () => {
  it('refuses DALL·E names with the replacement', () => {
    for (const [model, replacement] of [
      ['dall-e-3', 'gpt-image-2'],
      ['dall-e-2', 'gpt-image-1-mini'],
      ['DALL-E-3', 'gpt-image-2'],
    ] as const) {
      const error = (() => {
        try {
          checkImageModel(model, '1536x1024');
        } catch (e) {
          return e;
        }
      })() as ConfigError;
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.code).toBe('retired_image_model');
      expect(error.fix?.en).toContain(replacement);
    }
  });

  it('the fake refuses the output settings the real API refuses', async () => {
    const post = (extra: Record<string, unknown>) =>
      fetch(`${fake.url}/images/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${FAKE_OPENAI_KEY}` },
        body: JSON.stringify({ model: 'gpt-image-2', prompt: 'x', ...extra }),
      });
    const gif = await post({ output_format: 'gif' });
    expect(gif.status).toBe(400);
    expect(((await gif.json()) as { error: { param: string } }).error.param).toBe('output_format');
    const lossyPng = await post({ output_format: 'png', output_compression: 80 });
    expect(lossyPng.status).toBe(400);
    expect(((await lossyPng.json()) as { error: { message: string } }).error.message).toMatch(/PNG/);
    const png = await post({});
    expect(((await png.json()) as { output_format: string }).output_format).toBe('png');
    expect(fake.served.at(-1)!.equals(photo)).toBe(true);
  });

  it('accepts the sizes each model takes', () => {
    expect(() => checkImageModel('gpt-image-2', '1200x640')).not.toThrow();
    expect(() => checkImageModel('gpt-image-1-mini', '1536x1024')).not.toThrow();
    expect(() => checkImageModel('gpt-image-1-mini', '1200x640')).toThrow(ConfigError);
  });

  it('prices the cheap model lower', () => {
    const prices = structuredClone(DEFAULT_PRICES.image) as never;
    expect(imagePrice(prices, 'gpt-image-1-mini', 'medium')).toBeLessThan(imagePrice(prices, 'gpt-image-2', 'medium'));
    expect(imagePrice(prices, 'unknown-model', 'medium')).toBe(0);
  });

  it('selects offline without a key, OpenAI with one, and a ConfigError for a retired model', () => {
    const env = (vars: Record<string, string>) => ({
      get: (n: string) => vars[n],
      secretValues: () => [],
      sources: () => ({}),
    });
    expect(selectImageProvider(config, env({})).provider.id).toBe('offline');
    expect(selectImageProvider(config, env({ OPENAI_API_KEY: FAKE_OPENAI_KEY })).provider.id).toBe('openai');
    const forced = structuredClone(config);
    forced.providers.image.provider = 'openai';
    expect(() => selectImageProvider(forced, env({}))).toThrow(ConfigError);
    const dalle = structuredClone(config);
    dalle.providers.image.model = 'dall-e-3';
    expect(() => selectImageProvider(dalle, env({ OPENAI_API_KEY: FAKE_OPENAI_KEY }))).toThrow(/shut down/);
  });
});
