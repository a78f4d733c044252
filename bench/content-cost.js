// Tokens and dollars per post, with and without prompt caching, from the cost ledger.
// Token counts come from the fake (about 4 characters per token); prices from config defaults.
// Run: npm run build && node bench/content-cost.js [--json]
import { benchDeps, loadFakes, variedAnswer } from './content-fakes.js';
import { createAnthropicTextProvider } from '../dist/src/providers/anthropic-text.js';
import { generatePost } from '../dist/src/generate/generate-service.js';
import { costReport } from '../dist/src/services/costs-service.js';

const fakes = await loadFakes();
const retry = { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1, maxRetryAfterMs: 0 };
const POSTS = 6;

const scenario = async (label, { promptCache, judge }) => {
  const { deps, close } = await benchDeps((c) => {
    c.quality.judge = judge;
  });
  const answer = await variedAnswer();
  for (let i = 0; i < POSTS; i += 1) {
    // A fresh fake per post: posts are generated days apart, long after the 5-minute cache TTL.
    const fake = await fakes.anthropic.startAnthropicFake({ answer });
    const provider = createAnthropicTextProvider({
      id: 'anthropic',
      model: 'claude-sonnet-4-6',
      baseURL: fake.url,
      apiKey: 'sk-bench',
      timeoutMs: 30_000,
      retry,
      structuredMode: 'json_schema',
      promptCache,
    });
    await generatePost(deps, provider, {
      contentType: ['case_study', 'tip', 'faq', 'myth_busting', 'poll', 'testimonial'][i],
      date: `2026-12-0${i + 1}`,
    });
    await fake.close();
  }
  const r = await costReport(deps, 'all');
  await close();
  const per = (x) => Math.round(x / POSTS);
  return {
    label,
    callsPerPost: Math.round((r.total.calls / POSTS) * 100) / 100,
    inputTokensPerPost: per(r.total.inputTokens),
    cacheWriteTokensPerPost: per(r.total.cacheWriteTokens),
    cacheReadTokensPerPost: per(r.total.cacheReadTokens),
    outputTokensPerPost: per(r.total.outputTokens),
    usdPerPost: Math.round((r.total.costUsd / POSTS) * 1e5) / 1e5,
  };
};

const results = [
  await scenario('writer + independent judge, prompt caching on', { promptCache: true, judge: 'model' }),
  await scenario('writer + independent judge, prompt caching off', { promptCache: false, judge: 'model' }),
  await scenario('writer only (deterministic judge), prompt caching on', { promptCache: true, judge: 'deterministic' }),
];
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
else
  for (const r of results)
    console.log(
      `${r.label}: ${r.callsPerPost} calls · in ${r.inputTokensPerPost} · cache write ${r.cacheWriteTokensPerPost} · cache read ${r.cacheReadTokensPerPost} · out ${r.outputTokensPerPost} tokens · $${r.usdPerPost}/post`,
    );
