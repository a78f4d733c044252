import { sql, type Selectable } from 'kysely';
import type { LlmCallsTable } from '../../db/schema.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { stamp, type WriteContext } from './write-context.js';

export interface CallRecord {
  runId: string | null;
  postId: string | null;
  stepKey: string;
  purpose: 'variant' | 'judge' | 'repair' | 'regenerate' | 'image' | 'embedding' | string;
  provider: string;
  model: string;
  status: 'succeeded' | 'failed';
  inputTokens?: number;
  outputTokens?: number;
  cacheWriteTokens?: number;
  cacheReadTokens?: number;
  costUsd: number;
  latencyMs: number;
  requestId?: string | null;
  /** The useful part of the answer (never headers or keys), so a resume can reuse it. */
  response?: unknown;
  error?: string | null;
}

export type CallRow = Pick<Selectable<LlmCallsTable>, (typeof callColumns)[number]>;

const callColumns = [
  'id', 'run_id', 'post_id', 'step_key', 'purpose', 'provider', 'model', 'status', 'input_tokens', 'output_tokens',
  'cache_write_tokens', 'cache_read_tokens', 'cost_usd', 'latency_ms', 'response', 'created_at',
] as const;

export const recordCall = async (db: Db, w: WriteContext, call: CallRecord): Promise<string> => {
  const id = newId();
  await db
    .insertInto('llm_calls')
    .values({
      id,
      run_id: call.runId,
      post_id: call.postId,
      step_key: call.stepKey,
      purpose: call.purpose,
      provider: call.provider,
      model: call.model,
      status: call.status,
      input_tokens: call.inputTokens ?? 0,
      output_tokens: call.outputTokens ?? 0,
      cache_write_tokens: call.cacheWriteTokens ?? 0,
      cache_read_tokens: call.cacheReadTokens ?? 0,
      cost_usd: call.costUsd,
      latency_ms: Math.round(call.latencyMs),
      request_id: call.requestId ?? null,
      response: call.response === undefined ? null : JSON.stringify(call.response),
      error: call.error ?? null,
      created_at: w.now,
      version: 1,
      deleted_at: null,
      ...stamp(w),
    })
    .execute();
  return id;
};

/** A paid step that already succeeded in this run: reuse it instead of paying again. */
export const succeededCall = async (db: Db, runId: string, stepKey: string): Promise<CallRow | undefined> =>
  db
    .selectFrom('llm_calls')
    .select(callColumns)
    .where('run_id', '=', runId)
    .where('step_key', '=', stepKey)
    .where('status', '=', 'succeeded')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

export const attachRunCallsToPost = async (db: Db, runId: string, postId: string): Promise<void> => {
  await db.updateTable('llm_calls').set({ post_id: postId, version: sql<number>`version + 1` }).where('run_id', '=', runId).execute();
};

export const costForPost = async (db: Db, postId: string): Promise<{ text: number; image: number; calls: number }> => {
  const rows = await db
    .selectFrom('llm_calls')
    .select(['purpose', db.fn.sum<number>('cost_usd').as('cost'), db.fn.countAll<number>().as('n')])
    .where('post_id', '=', postId)
    .where('deleted_at', 'is', null)
    .groupBy('purpose')
    .execute();
  let text = 0;
  let image = 0;
  let calls = 0;
  for (const r of rows) {
    calls += Number(r.n);
    if (r.purpose === 'image') image += Number(r.cost);
    else text += Number(r.cost);
  }
  return { text, image, calls };
};
