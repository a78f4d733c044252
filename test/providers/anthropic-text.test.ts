import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { loadBundle } from '../../src/prompts/library.js';
import { createAnthropicTextProvider, listAnthropicModels } from '../../src/providers/anthropic-text.js';
import type { RetryPolicy } from '../../src/providers/retry.js';
import type { TextRequest } from '../../src/providers/types.js';
import { ExternalError } from '../../src/errors/errors.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';

const fast: RetryPolicy = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 5, maxRetryAfterMs: 5_000 };
const config = buildInitialConfig({});
const brand = config.brands[config.currentBrand]!;

const request = (extra: Partial<TextRequest> = {}): TextRequest => ({
  brandSlug: config.currentBrand,
  brand,
  contentType: 'case_study',
  topic: null,
  date: '2026-12-01',
  style: 'professional',
  prompts: loadBundle('case_study', ['professional', 'storytelling', 'question']),
  seed: 'seed',
  ...extra,
});

let fake: AnthropicFake;
beforeAll(async () => {
  fake = await startAnthropicFake();
});
afterAll(async () => fake.close());
beforeEach(() => fake.requests.splice(0));

const provider = (over: Partial<Parameters<typeof createAnthropicTextProvider>[0]> = {}) =>
  createAnthropicTextProvider({
    id: 'anthropic',
    model: 'claude-sonnet-4-6',
    baseURL: fake.url,
    apiKey: 'sk-test-key',
    timeoutMs: 2_000,
    retry: fast,
    structuredMode: 'json_schema',
    ...over,
  });

const failure = async (p: Promise<unknown>): Promise<ExternalError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ExternalError);
    return e as ExternalError;
  }
  throw new Error('expected a failure');
};

describe('Anthropic text provider against the Messages API fake', () => {
  it('streams a structured answer, sends the cached brand system block and json_schema, counts tokens', async () => {
    const progress: number[] = [];
    const r = await provider().generate(request({ onProgress: (e) => progress.push(e.outputTokens) }));
    expect(r.draft.text).toContain('Laval');
    expect(r.draft.headline.length).toBeLessThanOrEqual(80);
    const body = fake.messageRequests()[0]!.body;
    expect(body.stream).toBe(true);
    expect(body.system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(body.system[0].text).toContain('AutoScale');
    expect(body.output_config.format.type).toBe('json_schema');
    // SDK 1.x sends the API key as a bearer token.
    expect(fake.messageRequests()[0]!.headers.authorization).toBe('Bearer sk-test-key');
    expect(progress.length).toBeGreaterThan(1);
    expect(r.usage.outputTokens).toBeGreaterThan(0);
  });

  it('reuses the cached system block across variants (cache write once, then reads)', async () => {
    const p = provider();
    const a = await p.generate(
      request({
        style: 'professional',
        brand: { ...brand, name: 'cache-test' },
        prompts: loadBundle('tip', ['professional', 'question']),
        contentType: 'tip',
      }),
    );
    const b = await p.generate(
      request({ style: 'question', prompts: loadBundle('tip', ['professional', 'question']), contentType: 'tip' }),
    );
    expect(a.usage.cacheWriteTokens + a.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(b.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(b.usage.cacheWriteTokens).toBe(0);
  });

  it('kie.ai: bearer auth, forced tool, credits_consumed turned into dollars', async () => {
    const kie = await startAnthropicFake({ extra: { usage_extra: true } });
    try {
      const p = createAnthropicTextProvider({
        id: 'kie',
        model: 'claude-sonnet-4-6',
        baseURL: kie.url,
        authToken: 'kie-secret-token',
        timeoutMs: 2_000,
        retry: fast,
        structuredMode: 'tool',
        creditUsd: 0.005,
      });
      const r = await p.generate(request());
      const req = kie.messageRequests()[0]!;
      expect(req.headers.authorization).toBe('Bearer kie-secret-token');
      expect(req.body.tool_choice).toEqual({ type: 'tool', name: 'facebook_post' });
      expect(req.body.output_config).toBeUndefined();
      expect(r.draft.text).toContain('Laval');
    } finally {
      await kie.close();
    }
    const credits = await startAnthropicFake({ extra: { credits_consumed: 4 } });
    try {
      const p = createAnthropicTextProvider({
        id: 'kie',
        model: 'claude-sonnet-4-6',
        baseURL: credits.url,
        authToken: 'kie-secret-token',
        timeoutMs: 2_000,
        retry: fast,
        structuredMode: 'tool',
        creditUsd: 0.005,
      });
      expect((await p.generate(request())).reportedCostUsd).toBeCloseTo(0.02);
    } finally {
      await credits.close();
    }
  });

  it('retries 429 honouring retry-after, then succeeds', async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const r = await provider().generate(request());
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.draft.text).toContain('Laval');
    expect(fake.messageRequests()).toHaveLength(2);
  });

  it('retries 529 overloaded and 500', async () => {
    fake.enqueue({ kind: 'status', status: 529 }, { kind: 'status', status: 500 });
    await provider().generate(request());
    expect(fake.messageRequests()).toHaveLength(3);
  });

  it('retries an error event that arrives after HTTP 200, and a stream cut mid-answer', async () => {
    fake.enqueue({ kind: 'stream-error', type: 'overloaded_error' }, { kind: 'stream-cut' });
    const r = await provider().generate(request());
    expect(r.draft.text).toContain('Laval');
    expect(fake.messageRequests()).toHaveLength(3);
  });

  it('gives up after the retry budget with a clear error naming the provider and the cause', async () => {
    fake.enqueue(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 529 })));
    const e = await failure(provider().generate(request()));
    expect(e.message).toMatch(/^anthropic: overloaded \(529\) HTTP 529 after 4 attempts/);
    expect(e.code).toBe('provider_overloaded');
    expect(e.fix?.en).toMatch(/resume/);
    expect(fake.messageRequests()).toHaveLength(4);
  });

  it('times out a request that hangs, retries it, and reports the timeout', async () => {
    fake.enqueue({ kind: 'hang' }, { kind: 'hang' });
    const e = await failure(provider({ timeoutMs: 300, retry: { ...fast, retries: 1 } }).generate(request()));
    expect(e.code).toBe('provider_timeout');
    expect(e.message).toMatch(/timed out/);
    expect(fake.messageRequests()).toHaveLength(2);
  });

  it('does not retry 401, 400, 402 or 403', async () => {
    for (const status of [401, 400, 402, 403]) {
      fake.requests.splice(0);
      fake.enqueue({ kind: 'status', status });
      const e = await failure(provider().generate(request()));
      expect(fake.messageRequests()).toHaveLength(1);
      expect(e.details?.status).toBe(status);
    }
  });

  it('repairs a malformed answer once, and reports a second one clearly', async () => {
    fake.enqueue({ kind: 'malformed' });
    const r = await provider().generate(request());
    expect(r.repaired).toBe(true);
    const repair = fake.messageRequests()[1]!.body.messages;
    expect(repair).toHaveLength(3);
    expect(repair[2].content).toMatch(/pas conforme/);
    fake.requests.splice(0);
    fake.enqueue({ kind: 'malformed' }, { kind: 'malformed' });
    const e = await failure(provider().generate(request()));
    expect(e.code).toBe('provider_malformed');
    expect(e.message).toMatch(/still malformed after one repair/);
    expect(fake.messageRequests()).toHaveLength(2);
  });

  it('detects a kie.ai {code,msg} envelope on HTTP 200: 402 stops, 429/455 retry', async () => {
    fake.enqueue({ kind: 'envelope', code: 402, msg: 'Credits insufficient' });
    const e = await failure(provider({ id: 'kie' }).generate(request()));
    expect(e.code).toBe('provider_payment');
    expect(e.message).toMatch(/^kie: no credits left \(402\).*envelope code 402: Credits insufficient/);
    fake.requests.splice(0);
    fake.enqueue(
      { kind: 'envelope', code: 429, msg: 'slow down' },
      { kind: 'envelope', code: 455, msg: 'maintenance' },
    );
    await provider({ id: 'kie' }).generate(request());
    expect(fake.messageRequests()).toHaveLength(3);
  });

  it('lists models for doctor', async () => {
    expect(await listAnthropicModels({ baseURL: fake.url, apiKey: 'sk-test-key', timeoutMs: 2_000 })).toContain(
      'claude-sonnet-4-6',
    );
  });
});
