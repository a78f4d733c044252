import { sql } from 'kysely';
import type { LlmCall } from '../domain/ledger.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromMaybeRow } from './row-mapping.js';
import { fresh, type WriteContext } from './write-context.js';

export interface CallRecord {
  runId: string | null;
  postId: string | null;
  stepKey: string;
  purpose: 'variant' | 'judge' | 'repair' | 'regenerate' | 'image' | 'embedding' | (string & {});
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

export type { LlmCall } from '../domain/ledger.js';

const callColumns = [
  'id',
  'run_id',
  'post_id',
  'step_key',
  'purpose',
  'provider',
  'model',
  'status',
  'input_tokens',
  'output_tokens',
  'cache_write_tokens',
  'cache_read_tokens',
  'cost_usd',
  'latency_ms',
  'response',
  'created_at',
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
      ...fresh(w),
    })
    .execute();
  return id;
};

/** A paid step that already succeeded in this run: reuse it instead of paying again. */
export const succeededCall = async (db: Db, runId: string, stepKey: string): Promise<LlmCall | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('llm_calls')
      .select(callColumns)
      .where('run_id', '=', runId)
      .where('step_key', '=', stepKey)
      .where('status', '=', 'succeeded')
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
  );

export const attachRunCallsToPost = async (db: Db, runId: string, postId: string): Promise<void> => {
  await db
    .updateTable('llm_calls')
    .set({ post_id: postId, version: sql<number>`version + 1` })
    .where('run_id', '=', runId)
    .execute();
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

export interface LedgerTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  costUsd: number;
}

const totalsSelect = (db: Db) =>
  [
    db.fn.countAll<number>().as('calls'),
    db.fn.sum<number>('input_tokens').as('input'),
    db.fn.sum<number>('output_tokens').as('output'),
    db.fn.sum<number>('cache_write_tokens').as('cache_write'),
    db.fn.sum<number>('cache_read_tokens').as('cache_read'),
    db.fn.sum<number>('cost_usd').as('cost'),
  ] as const;

const toTotals = (r: {
  calls: number;
  input: number | null;
  output: number | null;
  cache_write: number | null;
  cache_read: number | null;
  cost: number | null;
}): LedgerTotals => ({
  calls: Number(r.calls),
  inputTokens: Number(r.input ?? 0),
  outputTokens: Number(r.output ?? 0),
  cacheWriteTokens: Number(r.cache_write ?? 0),
  cacheReadTokens: Number(r.cache_read ?? 0),
  costUsd: Number(r.cost ?? 0),
});

/** The ledger since a time: totals, by purpose, by provider/model, and per post. */
export const ledgerSince = async (db: Db, sinceIso: string | null) => {
  const base = () => {
    let q = db.selectFrom('llm_calls').where('deleted_at', 'is', null).where('status', '=', 'succeeded');
    if (sinceIso) q = q.where('created_at', '>=', sinceIso);
    return q;
  };
  const total = await base().select(totalsSelect(db)).executeTakeFirstOrThrow();
  const byPurpose = await base()
    .select(['purpose', ...totalsSelect(db)])
    .groupBy('purpose')
    .orderBy('purpose')
    .execute();
  const byModel = await base()
    .select(['provider', 'model', ...totalsSelect(db)])
    .groupBy(['provider', 'model'])
    .orderBy('provider')
    .orderBy('model')
    .execute();
  let perPost = db
    .selectFrom('llm_calls as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .where('c.deleted_at', 'is', null)
    .where('c.status', '=', 'succeeded')
    .select((eb) => [
      'p.id',
      'p.content_type',
      'p.target_date',
      'p.state',
      eb.fn.countAll<number>().as('calls'),
      eb.fn.sum<number>('c.cost_usd').as('cost'),
    ])
    .groupBy(['p.id', 'p.content_type', 'p.target_date', 'p.state'])
    .orderBy('p.target_date', 'desc');
  if (sinceIso) perPost = perPost.where('c.created_at', '>=', sinceIso);
  const posts = await perPost.execute();
  const unattached = await base().where('post_id', 'is', null).select(totalsSelect(db)).executeTakeFirstOrThrow();
  return {
    total: toTotals(total),
    byPurpose: byPurpose.map((r) => ({ purpose: r.purpose, ...toTotals(r) })),
    byModel: byModel.map((r) => ({ provider: r.provider, model: r.model, ...toTotals(r) })),
    posts: posts.map((r) => ({
      postId: r.id,
      contentType: r.content_type,
      targetDate: r.target_date,
      state: r.state,
      calls: Number(r.calls),
      costUsd: Number(r.cost ?? 0),
    })),
    /** Paid calls of runs that have not produced a post yet (interrupted generations). */
    unattached: toTotals(unattached),
  };
};
