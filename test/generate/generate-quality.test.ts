import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/errors/errors.js';
import { createAnthropicTextProvider } from '../../src/providers/anthropic-text.js';
import { createOpenAIEmbeddings } from '../../src/providers/openai-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import {
  DEFAULT_ASSESSMENT,
  DEFAULT_POST,
  requestedSchema,
  startAnthropicFake,
  type AnthropicFake,
} from '../fakes/anthropic-fake.js';
import { startOpenAIChatFake, type OpenAIFake } from '../fakes/openai-chat-fake.js';
import { testStore, type TestStore } from '../helpers/store.js';

const fast = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5, maxRetryAfterMs: 1_000 };
const CLICHE =
  'Dans un monde en constante évolution, plongeons ensemble dans la réception téléphonique.\n\nN’hésitez pas à nous contacter. En conclusion, c’est un game-changer !!! 🎉🎉🎉\n\n#a #b #c #d #e';
const userOf = (body: any): string =>
  body.messages.map((m: any) => (typeof m.content === 'string' ? m.content : '')).join('\n');

let store: TestStore | undefined;
let fake: AnthropicFake | undefined;
let openai: OpenAIFake;
beforeAll(async () => {
  openai = await startOpenAIChatFake();
});
afterAll(async () => openai.close());
afterEach(async () => {
  await fake?.close();
  await store?.close();
  fake = undefined;
  store = undefined;
});

const setup = async (
  answer?: (body: any) => unknown,
  tweak: (c: ReturnType<typeof buildInitialConfig>) => void = () => undefined,
) => {
  const config = buildInitialConfig({});
  tweak(config);
  store = await testStore({ config });
  fake = await startAnthropicFake(answer ? { answer } : {});
  const provider = createAnthropicTextProvider({
    id: 'anthropic',
    model: 'claude-sonnet-4-6',
    baseURL: fake.url,
    apiKey: 'sk-test',
    timeoutMs: 5_000,
    retry: fast,
    structuredMode: 'json_schema',
  });
  return { deps: store.deps, provider, fake };
};

const calls = (s: TestStore) =>
  s.opened.raw
    .prepare(
      'select step_key, purpose, cache_write_tokens as w, cache_read_tokens as r, cost_usd as cost from llm_calls order by created_at, step_key',
    )
    .all() as { step_key: string; purpose: string; w: number; r: number; cost: number }[];

describe('generate with a real provider (fake Messages API)', () => {
  it('writes three variants with an inline LLM judge, records each paid call, and warms the prompt cache once', async () => {
    const { deps, provider, fake } = await setup(undefined, (c) => {
      c.providers.text.cacheWarmup = true;
    });
    const result = await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-01' });
    expect(result.quality.map((q) => q.judge)).toEqual(['llm', 'llm', 'llm']);
    expect(result.quality.every((q) => q.passed)).toBe(true);
    const ledger = calls(store!);
    expect(ledger.map((c) => c.step_key).sort()).toEqual([
      'variant:professional',
      'variant:question',
      'variant:storytelling',
    ]);
    expect(ledger.filter((c) => c.w > 0)).toHaveLength(1);
    expect(ledger.filter((c) => c.r > 0)).toHaveLength(2);
    expect(ledger.every((c) => c.cost > 0)).toBe(true);
    const body = fake.messageRequests()[0]!.body;
    expect(requestedSchema(body).required).toContain('assessment');
    const variants = await variantsForPost(deps.db, result.postId);
    const quality = JSON.parse(variants[0]!.quality!);
    expect(quality.judge.method).toBe('llm');
    expect(quality.composite.parts).toHaveProperty('engagement');
    expect(variants[0]!.prompt_version).toMatch(
      /^brand-voice@1#\w+\+type\/case_study@1#\w+\+style\/professional@1#\w+$/,
    );
    expect(variants[0]!.provider).toBe('anthropic');
    expect(variants[0]!.model).toBe('claude-sonnet-4-6');
  });

  it('regenerates a variant under the threshold with the linter and judge findings as feedback', async () => {
    const { deps, provider, fake } = await setup((body) => {
      const user = userOf(body);
      const regenerate = user.includes('Corrections demandées');
      const text = user.includes('Style « question »') && !regenerate ? CLICHE : `${DEFAULT_POST}`;
      return { text, headline: 'Titre', assessment: DEFAULT_ASSESSMENT };
    });
    const result = await generatePost(deps, provider, { contentType: 'tip', date: '2026-12-02' });
    const q = result.quality.find((x) => x.style === 'question')!;
    expect(q.rounds).toBe(2);
    expect(q.passed).toBe(true);
    const retry = fake.messageRequests().find((r) => userOf(r.body).includes('Corrections demandées'))!;
    expect(userOf(retry.body)).toMatch(/fr-cliche-monde-evolution/);
    expect(userOf(retry.body)).toMatch(/hashtag-excess/);
    expect(userOf(retry.body)).toContain('Version précédente à réviser');
    expect(calls(store!).find((c) => c.step_key === 'variant:question:r1')?.purpose).toBe('regenerate');
  });

  it('keeps and marks a variant that still fails after maxRounds', async () => {
    let n = 0;
    const { deps, provider } = await setup((body) => ({
      text: userOf(body).includes('Style « récit »') ? `${CLICHE} Essai ${++n}.` : DEFAULT_POST,
      headline: 'Titre',
      assessment: DEFAULT_ASSESSMENT,
    }));
    const result = await generatePost(deps, provider, { contentType: 'tip', date: '2026-12-03' });
    const q = result.quality.find((x) => x.style === 'storytelling')!;
    expect(q).toMatchObject({ passed: false, rounds: 3, flags: ['below-threshold'] });
    const variants = await variantsForPost(deps.db, result.postId);
    expect(variants).toHaveLength(3);
    const story = variants.find((v) => v.style === 'storytelling')!;
    expect(JSON.parse(story.quality!)).toMatchObject({ passed: false, rounds: 3 });
    expect(story.quality_score).toBeLessThan(75);
  });

  it('runs a separate judge call per variant when quality.judge = separate', async () => {
    const { deps, provider, fake } = await setup(undefined, (c) => {
      c.quality.judge = 'separate';
    });
    await generatePost(deps, provider, { contentType: 'faq', date: '2026-12-04' });
    const ledger = calls(store!);
    expect(
      ledger
        .filter((c) => c.purpose === 'judge')
        .map((c) => c.step_key)
        .sort(),
    ).toEqual(['judge:professional:r0', 'judge:question:r0', 'judge:storytelling:r0']);
    const judge = fake.messageRequests().find((r) => requestedSchema(r.body).properties.naturalness)!;
    // The judge reuses the same cached system block as the writer.
    expect(judge.body.system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(ledger.filter((c) => c.purpose === 'judge' && c.r > 0).length).toBe(3);
  });

  it('flags a variant too similar to a recent post (embeddings), regenerates, and names the post', async () => {
    let n = 0;
    const { deps, provider } = await setup((body) => ({
      text: userOf(body).includes('Corrections demandées') ? `${DEFAULT_POST}\n\nVersion ${++n}.` : DEFAULT_POST,
      headline: 'Titre',
      assessment: DEFAULT_ASSESSMENT,
    }));
    const first = await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-01' });
    const embeddings = createOpenAIEmbeddings({
      model: 'text-embedding-3-small',
      apiKey: 'sk-openai',
      baseURL: openai.url,
      timeoutMs: 5_000,
      retry: fast,
    });
    const second = await generatePost(deps, provider, { contentType: 'tip', date: '2026-12-08' }, undefined, {
      embeddings,
    });
    expect(second.quality.every((q) => q.flags.includes('too-similar'))).toBe(true);
    expect(second.quality[0]!.rounds).toBe(3);
    const v = (await variantsForPost(deps.db, second.postId))[0]!;
    const quality = JSON.parse(v.quality!);
    expect(quality.similarity).toMatchObject({ method: 'embeddings', postId: first.postId, tooSimilar: true });
    expect(calls(store!).some((c) => c.purpose === 'embedding')).toBe(true);
  });

  it('local similarity (character n-grams) flags a near copy without any key', async () => {
    const { deps, provider } = await setup();
    const first = await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-01', variants: 1 });
    const second = await generatePost(deps, provider, { contentType: 'tip', date: '2026-12-08', variants: 1 });
    const quality = JSON.parse((await variantsForPost(deps.db, second.postId))[0]!.quality!);
    expect(quality.similarity).toMatchObject({ method: 'char-ngram-tfidf', postId: first.postId, tooSimilar: true });
  });

  it('a provider that keeps failing leaves a resumable run and a clear error', async () => {
    const { deps, provider, fake } = await setup();
    fake.enqueue({ kind: 'status', status: 401 });
    let error: unknown;
    try {
      await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-01' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExternalError);
    expect((error as ExternalError).message).toMatch(/^anthropic: the key was refused \(401\)/);
    const run = store!.opened.raw.prepare('select status from generation_runs').get() as { status: string };
    expect(run.status).toBe('failed');
    const paidBefore = calls(store!).length;
    expect(paidBefore).toBe(2);
    const again = await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-01' });
    expect(again.resumed).toBe(true);
    expect(again.reusedSteps).toBe(2);
    expect(calls(store!)).toHaveLength(3);
  });
});
