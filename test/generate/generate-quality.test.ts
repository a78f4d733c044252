import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExternalError } from '../../src/errors/errors.js';
import { createAnthropicTextProvider } from '../../src/providers/anthropic-text.js';
import { createOpenAIEmbeddings } from '../../src/providers/openai-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import {
  DEFAULT_PLAN,
  DEFAULT_POST,
  DEFAULT_VERDICT,
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
const isJudge = (body: any) => Boolean(requestedSchema(body)?.properties?.naturalness);
/** A fake that writes `text(body)` for the writer and answers the judge with `verdict`. */
const writer =
  (text: (body: any) => string, verdict: (body: any) => unknown = () => DEFAULT_VERDICT) =>
  (body: any) =>
    isJudge(body) ? verdict(body) : { plan: DEFAULT_PLAN, text: text(body), headline: 'Titre' };

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
  model = 'claude-sonnet-4-6',
) => {
  const config = buildInitialConfig({});
  tweak(config);
  store = await testStore({ config });
  fake = await startAnthropicFake(answer ? { answer } : {});
  const provider = createAnthropicTextProvider({
    id: 'anthropic',
    model,
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
  it('writes three variants, judges each one independently, records every paid call, and warms the prompt cache once', async () => {
    const { deps, provider } = await setup(undefined, (c) => {
      c.providers.text.cacheWarmup = true;
    });
    const result = await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-01' });
    expect(result.quality.map((q) => q.judge)).toEqual(['llm', 'llm', 'llm']);
    expect(result.quality.every((q) => q.passed)).toBe(true);
    const ledger = calls(store!);
    expect(ledger.map((c) => c.step_key).sort()).toEqual([
      'judge:professional:r0',
      'judge:question:r0',
      'judge:storytelling:r0',
      'variant:professional',
      'variant:question',
      'variant:storytelling',
    ]);
    const writes = ledger.filter((c) => c.purpose === 'variant');
    expect(writes.filter((c) => c.w > 0)).toHaveLength(1);
    expect(writes.filter((c) => c.r > 0)).toHaveLength(2);
    expect(ledger.every((c) => c.cost > 0)).toBe(true);
    const variants = await variantsForPost(deps.db, result.postId);
    const quality = JSON.parse(variants[0]!.quality!);
    expect(quality.judge).toMatchObject({ method: 'llm', naturalness: 96, clicheSpans: [] });
    expect(quality.composite.parts).toHaveProperty('engagement');
    expect(variants[0]!.promptVersion).toMatch(
      /^brand-voice@2#\w+\+examples@1#\w+\+type\/case_study@1#\w+\+style\/professional@2#\w+$/,
    );
    expect(variants[0]!.provider).toBe('anthropic');
    expect(variants[0]!.model).toBe('claude-sonnet-4-6');
  });

  it('the writer plans and never grades itself; the judge has its own persona, rubric and temperature 0', async () => {
    const { deps, provider, fake } = await setup();
    await generatePost(deps, provider, { contentType: 'tip', date: '2026-12-02' });
    const writes = fake.messageRequests().filter((r) => !isJudge(r.body));
    const judges = fake.messageRequests().filter((r) => isJudge(r.body));
    expect(writes).toHaveLength(3);
    expect(judges).toHaveLength(3);
    for (const w of writes) {
      const schema = requestedSchema(w.body);
      expect(schema.required).toEqual(['plan', 'text', 'headline']);
      expect(JSON.stringify(schema)).not.toMatch(/naturalness|assessment|rubric/);
      expect(userOf(w.body)).not.toMatch(/grille|assessment|évalue/i);
      expect(userOf(w.body)).toContain('<structure>');
      expect(w.body.temperature).toBeUndefined();
      expect(w.body.system[0].text).toContain('<examples>');
    }
    const judge = judges[0]!.body;
    expect(judge.temperature).toBe(0);
    expect(judge.system[0].text).toContain('réviseure-correctrice indépendante');
    expect(judge.system[0].text).toContain('<calibration>');
    expect(judge.system[0].text).toMatch(/<example score="95">[\s\S]*<example score="70">[\s\S]*<example score="40">/);
    expect(judge.system[0].text).not.toEqual(writes[0]!.body.system[0].text);
    expect(userOf(judge)).toContain('<post style=');
    // Structured outputs: the bounds zod enforces are moved out of the schema the API sees.
    const schema = requestedSchema(judge);
    expect(Object.keys(schema.properties)).toEqual([
      'naturalness',
      'specificity',
      'quebec_french',
      'hook',
      'call_to_action',
      'facebook_compliance',
      'cliche_spans',
      'quebec_french_issues',
      'reasons',
    ]);
    expect(JSON.stringify(schema)).not.toMatch(/"minimum"|"maximum"|"maxItems"/);
  });

  it('parses the judge’s cliché spans and Quebec-French issues, located in the text', async () => {
    const { deps, provider } = await setup(
      writer(
        () => DEFAULT_POST,
        () => ({
          ...DEFAULT_VERDICT,
          naturalness: 72,
          cliche_spans: [{ quote: 'chaque appel trouve une réponse', why: 'formule passe-partout' }],
          quebec_french_issues: [
            { quote: 'sans embauche', issue: 'tournure sèche', suggestion: 'sans embaucher personne' },
          ],
          reasons: ['Une formule toute faite.'],
        }),
      ),
    );
    const result = await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-05', variants: 1 });
    const variant = (await variantsForPost(deps.db, result.postId))[0]!;
    const judge = JSON.parse(variant.quality!).judge;
    expect(judge.naturalness).toBe(72);
    const span = judge.clicheSpans.find((s: any) => s.source === 'judge');
    expect(variant.text.slice(span.start, span.end)).toBe('chaque appel trouve une réponse');
    const issue = judge.quebecIssues[0];
    expect(variant.text.slice(issue.start, issue.end)).toBe('sans embauche');
  });

  it('sends no temperature to a Claude 5.x model (it only accepts the default)', async () => {
    const { deps, provider, fake } = await setup(undefined, undefined, 'claude-sonnet-5');
    const result = await generatePost(deps, provider, { contentType: 'faq', date: '2026-12-04', variants: 1 });
    expect(result.quality[0]!.judge).toBe('llm');
    const judge = fake.messageRequests().find((r) => isJudge(r.body))!;
    expect(judge.body.temperature).toBeUndefined();
  });

  it('regenerates a variant that fails the gate with the linter and judge findings as feedback', async () => {
    const { deps, provider, fake } = await setup(
      writer((body) => {
        const user = userOf(body);
        return user.includes('Style « question »') && !user.includes('<revision>') ? CLICHE : DEFAULT_POST;
      }),
    );
    const result = await generatePost(deps, provider, { contentType: 'tip', date: '2026-12-02' });
    const q = result.quality.find((x) => x.style === 'question')!;
    expect(q.rounds).toBe(2);
    expect(q.passed).toBe(true);
    const retry = fake.messageRequests().find((r) => userOf(r.body).includes('<revision>'))!;
    expect(userOf(retry.body)).toMatch(/fr-era-opener/);
    expect(userOf(retry.body)).toMatch(/hashtag-excess/);
    expect(userOf(retry.body)).toContain('<previous>');
    expect(calls(store!).find((c) => c.step_key === 'variant:question:r1')?.purpose).toBe('regenerate');
    expect(calls(store!).find((c) => c.step_key === 'judge:question:r1')?.purpose).toBe('judge');
  });

  it('keeps and marks a variant that still fails after maxRounds', async () => {
    let n = 0;
    const { deps, provider } = await setup(
      writer((body) => (userOf(body).includes('Style « récit »') ? `${CLICHE} Essai ${++n}.` : DEFAULT_POST)),
    );
    const result = await generatePost(deps, provider, { contentType: 'tip', date: '2026-12-03' });
    const q = result.quality.find((x) => x.style === 'storytelling')!;
    expect(q).toMatchObject({ passed: false, rounds: 3 });
    expect(q.flags).toContain('cliche');
    const variants = await variantsForPost(deps.db, result.postId);
    expect(variants).toHaveLength(3);
    const story = variants.find((v) => v.style === 'storytelling')!;
    expect(JSON.parse(story.quality!)).toMatchObject({ passed: false, rounds: 3 });
  });

  it('a failed judge call never fails the post: the report says the score is deterministic', async () => {
    const { deps, provider } = await setup(
      writer(
        () => DEFAULT_POST,
        () => ({ naturalness: 'beaucoup' }),
      ),
    );
    const result = await generatePost(deps, provider, { contentType: 'faq', date: '2026-12-06', variants: 1 });
    expect(result.quality[0]!.judge).toBe('deterministic');
    const quality = JSON.parse((await variantsForPost(deps.db, result.postId))[0]!.quality!);
    expect(quality.judge.note).toMatch(/LLM judge unavailable/);
  });

  it('flags a variant too similar to a recent post (embeddings), regenerates, and names the post', async () => {
    let n = 0;
    const { deps, provider } = await setup(
      writer((body) => (userOf(body).includes('<revision>') ? `${DEFAULT_POST}\n\nVersion ${++n}.` : DEFAULT_POST)),
    );
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
    // The two styles that answered were also judged: four paid calls kept.
    const paidBefore = calls(store!).length;
    expect(paidBefore).toBe(4);
    const again = await generatePost(deps, provider, { contentType: 'case_study', date: '2026-12-01' });
    expect(again.resumed).toBe(true);
    expect(again.reusedSteps).toBe(4);
    expect(calls(store!)).toHaveLength(6);
  });
});
