import { createHash } from 'node:crypto';
import type { PastText } from '../content/similarity.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { EmbeddingProvider } from '../providers/types.js';
import { cacheVectors, cachedVectors } from '../store/embeddings-repo.js';
import { immediate } from '../store/tx.js';
import { recordPaid } from './ledger.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Embeddings of the recent posts a new text is compared with, fetched while the variants are
 * being written. Each past text is embedded once per model and kept (embedding_cache): a
 * generation embeds only the posts it has not seen, usually none or one, and the paid call is
 * recorded in the run's ledger in the same transaction as the vectors, so a resumed run never
 * pays for them again.
 */
export const embedPast = async (
  deps: ServiceDeps,
  embeddings: EmbeddingProvider,
  past: PastText[],
  runId: string,
): Promise<number[][]> => {
  const hashes = past.map((p) => hashOf(p.text));
  const known = await cachedVectors(deps.db, embeddings.model, [...new Set(hashes)]);
  const missing = [...new Set(hashes.filter((h) => !known.has(h)))];
  if (missing.length > 0) {
    const texts = missing.map((h) => past[hashes.indexOf(h)]!.text);
    const started = Date.now();
    const { vectors, usage } = await embeddings.embed(texts);
    const fresh = missing.map((sha256, i) => ({ sha256, vector: vectors[i]! }));
    await immediate(deps.db, async (trx) => {
      if (!embeddings.offline) {
        await recordPaid(
          { ...deps, db: trx },
          {
            runId,
            postId: null,
            stepKey: `embed:past:${missing.length}`,
            purpose: 'embedding',
            provider: embeddings.id,
          },
          { value: { texts: missing.length }, usage, model: embeddings.model, latencyMs: Date.now() - started },
        );
      }
      await cacheVectors(trx, embeddings.model, fresh, deps.writer().now);
    });
    for (const f of fresh) known.set(f.sha256, f.vector);
  }
  return hashes.map((h) => known.get(h)!);
};
