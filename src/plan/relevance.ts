import { toStrictJsonSchema } from '../providers/json-schema.js';
import { z } from 'zod';
import type { ServiceDeps } from '../deps/service-deps.js';
import { textCost } from '../providers/cost.js';
import type { TextProvider } from '../providers/types.js';
import { recordCall } from '../store/llm-calls-repo.js';
import { judgeSourceItem } from '../store/sources-repo.js';
import { immediate } from '../store/tx.js';
import { titleKey } from './feeds.js';

/**
 * Relevance of a news item to the brand's audience. Without a model: keyword hits, a hit in the
 * title counting twice (one title hit is enough to be offered at the default threshold). With
 * a text model configured, the best new items by keywords also get a short judgement, which
 * replaces the keyword score.
 */
export const keywordScore = (keywords: string[], title: string, summary: string | null): number => {
  const norm = (s: string) => ` ${titleKey(s)} `;
  const t = norm(title);
  const b = norm(summary ?? '');
  let score = 0;
  for (const k of new Set(keywords.map((k) => titleKey(k)).filter(Boolean))) {
    if (t.includes(` ${k} `)) score += 2;
    else if (b.includes(` ${k} `)) score += 1;
  }
  return Math.min(1, score / 4);
};

const answerSchema = z.object({
  score: z.number().int().min(0).max(100).describe('Relevance for the audience, 0 to 100.'),
  reason: z.string().trim().min(1).max(400).describe('One short sentence in the brand’s language: why.'),
});

/** What the provider is asked for, generated from the schema its answer is checked with. */
const jsonSchema = toStrictJsonSchema(answerSchema);

export interface Judged {
  id: string;
  score: number;
  judgement: string;
}

/**
 * Asks the text model about each item (one short structured call each). Every answer is
 * recorded in the cost ledger and on the item in one transaction; an item the model fails on
 * keeps its keyword score.
 */
export const judgeItems = async (
  deps: ServiceDeps,
  provider: TextProvider,
  items: { id: string; title: string; summary: string | null; source: string | null }[],
  warn: (item: string, error: Error) => void,
): Promise<Judged[]> => {
  if (!provider.structured || provider.offline) return [];
  const p = deps.brand.profile;
  const judged: Judged[] = [];
  for (const item of items) {
    try {
      const r = await provider.structured({
        purpose: 'relevance',
        system: `Tu tries l’actualité pour ${p.company} (${p.product}). Public : ${p.audience}. Tu dis si une nouvelle peut nourrir une publication utile à ce public.`,
        user: `Nouvelle${item.source ? ` (${item.source})` : ''} : « ${item.title} »\n${item.summary ?? ''}\n\nRéponds en JSON : {"score": pertinence de 0 à 100, "reason": une phrase courte}.`,
        schemaName: 'relevance',
        jsonSchema,
        parse: (v) => answerSchema.parse(v),
        maxTokens: 200,
      });
      const result = { id: item.id, score: r.value.score / 100, judgement: r.value.reason };
      const w = deps.writer();
      await immediate(deps.db, async (trx) => {
        await recordCall(trx, w, {
          runId: null,
          postId: null,
          stepKey: `relevance:${item.id}`,
          purpose: 'relevance',
          provider: provider.id,
          model: r.model,
          status: 'succeeded',
          ...r.usage,
          costUsd: r.reportedCostUsd ?? textCost(r.usage, r.model, deps.config.prices.text),
          latencyMs: r.latencyMs,
          requestId: r.requestId ?? null,
          response: r.value,
        });
        await judgeSourceItem(trx, w, item.id, result);
      });
      judged.push(result);
    } catch (error) {
      warn(item.id, error as Error);
    }
  }
  return judged;
};
