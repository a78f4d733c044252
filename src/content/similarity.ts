import type { EmbeddingProvider, Usage } from '../providers/types.js';

export interface PastText {
  postId: string;
  text: string;
}

export interface SimilarityResult {
  method: 'embeddings' | 'char-ngram-tfidf';
  /** Highest cosine similarity to a past post (0 when there is none). */
  max: number;
  postId: string | null;
  usage?: Usage | undefined;
  model?: string | undefined;
}

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/#[\p{L}\p{N}_]+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const ngrams = (text: string, n = 4): Map<string, number> => {
  const t = ` ${normalise(text)} `;
  const out = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i += 1) {
    const g = t.slice(i, i + n);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
};

export const cosine = (a: readonly number[], b: readonly number[]): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
};

/** Character 4-gram TF-IDF cosine: catches reworded copies without any model or network. */
export const localSimilarity = (candidate: string, past: PastText[]): SimilarityResult => {
  if (past.length === 0) return { method: 'char-ngram-tfidf', max: 0, postId: null };
  const docs = [candidate, ...past.map((p) => p.text)].map((t) => ngrams(t));
  const df = new Map<string, number>();
  for (const d of docs) for (const g of d.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = (g: string) => Math.log((1 + docs.length) / (1 + (df.get(g) ?? 0))) + 1;
  const weigh = (d: Map<string, number>) => {
    const w = new Map<string, number>();
    let norm = 0;
    for (const [g, tf] of d) {
      const v = (1 + Math.log(tf)) * idf(g);
      w.set(g, v);
      norm += v * v;
    }
    return { w, norm: Math.sqrt(norm) };
  };
  const c = weigh(docs[0]!);
  let best = { max: 0, postId: null as string | null };
  for (const [i, p] of past.entries()) {
    const o = weigh(docs[i + 1]!);
    let dot = 0;
    for (const [g, v] of c.w) dot += v * (o.w.get(g) ?? 0);
    const sim = c.norm && o.norm ? dot / (c.norm * o.norm) : 0;
    if (sim > best.max) best = { max: sim, postId: p.postId };
  }
  return { method: 'char-ngram-tfidf', max: Math.round(best.max * 1000) / 1000, postId: best.postId };
};

/** Embedding cosine (text-embedding-3-small) when an OpenAI key is set. */
export const embeddingSimilarity = async (
  embeddings: EmbeddingProvider,
  candidate: string,
  past: PastText[],
): Promise<SimilarityResult> => {
  if (past.length === 0) return { method: 'embeddings', max: 0, postId: null, model: embeddings.model };
  const { vectors, usage } = await embeddings.embed([candidate, ...past.map((p) => p.text)]);
  return nearest(embeddings.model, vectors[0]!, past, vectors.slice(1), usage);
};

/**
 * The same comparison when the past texts' vectors are already known (fetched alongside the
 * writing, or cached): only the candidate is embedded.
 */
export const similarityToVectors = async (
  embeddings: EmbeddingProvider,
  candidate: string,
  past: PastText[],
  pastVectors: readonly (readonly number[])[],
): Promise<SimilarityResult> => {
  if (past.length === 0) return { method: 'embeddings', max: 0, postId: null, model: embeddings.model };
  const { vectors, usage } = await embeddings.embed([candidate]);
  return nearest(embeddings.model, vectors[0]!, past, pastVectors, usage);
};

const nearest = (
  model: string,
  candidate: readonly number[],
  past: PastText[],
  pastVectors: readonly (readonly number[])[],
  usage: Usage,
): SimilarityResult => {
  let best = { max: 0, postId: null as string | null };
  for (const [i, p] of past.entries()) {
    const sim = cosine(candidate, pastVectors[i]!);
    if (sim > best.max) best = { max: sim, postId: p.postId };
  }
  return { method: 'embeddings', max: Math.round(best.max * 1000) / 1000, postId: best.postId, usage, model };
};
