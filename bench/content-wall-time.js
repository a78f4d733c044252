// Wall time of a 3-variant post with judging against a fake Messages API with 800 ms round trips.
// Run: npm run build && node bench/content-wall-time.js
import { benchDeps, loadFakes, variedAnswer } from './content-fakes.js';
import { createAnthropicTextProvider } from '../dist/src/providers/anthropic-text.js';
import { generatePost } from '../dist/src/generate/generate-service.js';
import { loadBundle } from '../dist/src/prompts/library.js';

const fakes = await loadFakes();
const retry = { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1, maxRetryAfterMs: 0 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 5;

const scenario = async (label, fakeOptions, tweak) => {
  const fake = await fakes.anthropic.startAnthropicFake({ ...fakeOptions, answer: await variedAnswer() });
  const { deps, close } = await benchDeps(tweak);
  const provider = createAnthropicTextProvider({
    id: 'anthropic',
    model: 'claude-sonnet-4-6',
    baseURL: fake.url,
    apiKey: 'sk-bench',
    timeoutMs: 30_000,
    retry,
    structuredMode: 'json_schema',
  });
  // One round trip: a single variant call.
  const singles = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await provider.generate({
      brandSlug: deps.brandSlug,
      brand: deps.brand,
      contentType: 'tip',
      topic: null,
      date: '2026-12-01',
      style: 'professional',
      prompts: loadBundle('tip', ['professional']),
      seed: `s${i}`,
      assess: true,
    });
    singles.push(performance.now() - t);
  }
  const posts = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await generatePost(deps, provider, {
      contentType: ['case_study', 'tip', 'faq', 'myth_busting', 'poll'][i],
      date: `2026-12-0${i + 1}`,
    });
    posts.push(performance.now() - t);
  }
  const requests = fake.messageRequests().length - RUNS;
  await fake.close();
  await close();
  const one = median(singles);
  const post = median(posts);
  return {
    label,
    roundTripMs: Math.round(one),
    postMs: Math.round(post),
    ratio: Math.round((post / one) * 100) / 100,
    requestsPerPost: requests / RUNS,
  };
};

const results = [
  // Every variant is written, then judged by the independent judge: two round trips in series
  // per variant, the three variants in parallel.
  await scenario(
    'writer + independent judge, cache warm-up, 200 ms to first byte + 600 ms stream',
    { latencyMs: 200, streamMs: 600 },
    (c) => {
      c.providers.text.cacheWarmup = true;
    },
  ),
  await scenario(
    'writer + independent judge, no warm-up (default), 200 ms + 600 ms',
    { latencyMs: 200, streamMs: 600 },
    () => undefined,
  ),
  await scenario(
    'writer + independent judge, no warm-up (default), 800 ms to first byte',
    { latencyMs: 800 },
    () => undefined,
  ),
  await scenario('writer only (quality.judge deterministic), 800 ms to first byte', { latencyMs: 800 }, (c) => {
    c.quality.judge = 'deterministic';
  }),
];
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
else
  for (const r of results)
    console.log(
      `${r.label}\n  one round trip ${r.roundTripMs} ms · post ${r.postMs} ms · ratio ${r.ratio}× · ${r.requestsPerPost} requests/post`,
    );
