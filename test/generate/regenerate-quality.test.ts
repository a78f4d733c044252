import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicTextProvider } from '../../src/providers/anthropic-text.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { regenerateVariant } from '../../src/generate/regenerate-service.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore | undefined;
let fake: AnthropicFake | undefined;
afterEach(async () => {
  await fake?.close();
  await store?.close();
});

describe('regenerate with reviewer feedback', () => {
  it('asks the writer with the previous text and the instruction, records the call, and re-scores the variant', async () => {
    store = await testStore();
    const post = await generatePost(store.deps, createOfflineTextProvider(), {
      contentType: 'tip',
      date: '2026-12-01',
    });
    fake = await startAnthropicFake();
    const provider = createAnthropicTextProvider({
      id: 'anthropic',
      model: 'claude-sonnet-4-6',
      baseURL: fake.url,
      apiKey: 'sk-test',
      timeoutMs: 5_000,
      retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2, maxRetryAfterMs: 10 },
      structuredMode: 'json_schema',
    });
    const before = (await variantsForPost(store.deps.db, post.postId))[1]!;
    const r = await regenerateVariant(store.deps, provider, {
      ref: post.postId,
      variant: 2,
      instruction: 'plus court',
    });
    expect(r.changed).toBe(true);
    const user = fake.messageRequests()[0]!.body.messages[0].content as string;
    expect(user).toContain('plus court');
    expect(user).toContain(before.text.slice(0, 40));
    const after = (await variantsForPost(store.deps.db, post.postId))[1]!;
    expect(after.currentVersionNo).toBe(2);
    expect(JSON.parse(after.quality!)).toMatchObject({ source: 'regenerate' });
    expect(JSON.parse(after.quality!).judge.method).toBe('llm');
    const row = store.opened.raw
      .prepare("select purpose, cost_usd from llm_calls where purpose = 'regenerate'")
      .get() as { cost_usd: number };
    expect(row.cost_usd).toBeGreaterThan(0);
    // The rewrite is judged by the independent judge, in its own call, never by its writer.
    const [writerCall, judgeCall] = fake.messageRequests();
    expect(JSON.stringify(writerCall!.body.output_config.format.schema)).not.toMatch(/naturalness/);
    expect(judgeCall!.body.output_config.format.schema.properties).toHaveProperty('cliche_spans');
    expect(judgeCall!.body.temperature).toBe(0);
    const judged = store.opened.raw.prepare("select count(*) as n from llm_calls where purpose = 'judge'").get() as {
      n: number;
    };
    expect(judged.n).toBe(1);
  });
});
