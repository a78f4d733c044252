import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/errors/errors.js';
import { loadBundle } from '../../src/prompts/library.js';
import { createOpenAIEmbeddings, createOpenAITextProvider } from '../../src/providers/openai-text.js';
import type { RetryPolicy } from '../../src/providers/retry.js';
import type { TextRequest } from '../../src/providers/types.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { startOpenAIChatFake, type OpenAIFake } from '../fakes/openai-chat-fake.js';

const fast: RetryPolicy = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 5, maxRetryAfterMs: 5_000 };
const config = buildInitialConfig({});
const request = (): TextRequest => ({
  brandSlug: config.currentBrand,
  brand: config.brands[config.currentBrand]!,
  contentType: 'tip',
  topic: null,
  date: '2026-12-01',
  style: 'question',
  prompts: loadBundle('tip', ['question']),
  seed: 's',
});

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIChatFake();
});
afterAll(async () => fake.close());
beforeEach(() => fake.requests.splice(0));
const provider = (timeoutMs = 2_000) =>
  createOpenAITextProvider({
    model: 'gpt-5-mini',
    apiKey: 'sk-openai-test',
    baseURL: fake.url,
    timeoutMs,
    retry: fast,
  });
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ExternalError);
    return e as ExternalError;
  }
  throw new Error('expected a failure');
};

describe('OpenAI-compatible chat provider against the Chat Completions fake', () => {
  it('streams a json_schema answer with usage', async () => {
    const seen: number[] = [];
    const r = await provider().generate({ ...request(), onProgress: (e) => seen.push(e.outputTokens) });
    expect(r.draft.text).toContain('Laval');
    const body = fake.chatRequests()[0]!.body;
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.messages[0].role).toBe('system');
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('retries 429 (retry-after), 500, a broken stream and an error chunk after HTTP 200', async () => {
    fake.enqueue(
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'status', status: 500 },
      { kind: 'stream-cut' },
      { kind: 'stream-error' },
    );
    await createOpenAITextProvider({
      model: 'gpt-5-mini',
      apiKey: 'sk-openai-test',
      baseURL: fake.url,
      timeoutMs: 2_000,
      retry: { ...fast, retries: 4 },
    }).generate(request());
    expect(fake.chatRequests()).toHaveLength(5);
  });

  it('stops at 401 with the cause named', async () => {
    fake.enqueue({ kind: 'status', status: 401 });
    const e = await failure(provider().generate(request()));
    expect(e.message).toMatch(/^openai: the key was refused \(401\)/);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('times out a hung request', async () => {
    fake.enqueue({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const e = await failure(provider(250).generate(request()));
    expect(e.code).toBe('provider_timeout');
  });

  it('repairs malformed JSON once', async () => {
    fake.enqueue({ kind: 'malformed' });
    const r = await provider().generate(request());
    expect(r.repaired).toBe(true);
    expect(fake.chatRequests()).toHaveLength(2);
  });

  it('embeds texts (text-embedding-3-small on the fake)', async () => {
    const e = createOpenAIEmbeddings({
      model: 'text-embedding-3-small',
      apiKey: 'sk-openai-test',
      baseURL: fake.url,
      timeoutMs: 2_000,
      retry: fast,
    });
    const r = await e.embed(['bonjour tout le monde', 'autre texte']);
    expect(r.vectors).toHaveLength(2);
    expect(r.vectors[0]).toHaveLength(1536);
    expect(fake.embeddingRequests()[0]!.body.model).toBe('text-embedding-3-small');
  });
});
