import type { Usage } from './types.js';

export interface TokenPrice {
  input: number;
  output: number;
  cacheWrite?: number | undefined;
  cacheRead?: number | undefined;
}

/** USD for one call from the price table (USD per million tokens); unknown models cost 0 and are flagged by doctor. */
export const textCost = (usage: Usage, model: string, prices: Record<string, TokenPrice>): number => {
  const price = prices[model] ?? Object.entries(prices).find(([name]) => model.startsWith(name))?.[1];
  if (!price) return 0;
  const perToken = (usdPerMillion: number) => usdPerMillion / 1_000_000;
  return (
    usage.inputTokens * perToken(price.input) +
    usage.outputTokens * perToken(price.output) +
    usage.cacheWriteTokens * perToken(price.cacheWrite ?? price.input * 1.25) +
    usage.cacheReadTokens * perToken(price.cacheRead ?? price.input * 0.1)
  );
};
