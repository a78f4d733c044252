/** A paid call in the ledger, as read back to reuse its answer (`response` is JSON text). */
export interface LlmCall {
  id: string;
  runId: string | null;
  postId: string | null;
  stepKey: string;
  purpose: string;
  provider: string;
  model: string;
  status: 'succeeded' | 'failed';
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  latencyMs: number;
  response: string | null;
  createdAt: string;
}
