import type { Usage } from '../providers/types.js';
import { recordCall, succeededCall } from '../store/llm-calls-repo.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { textCost } from '../providers/cost.js';

/** A provider's answer with what the ledger records about the call. */
export interface PaidAnswer<T> {
  value: T;
  usage: Usage;
  model: string;
  latencyMs: number;
  requestId?: string | undefined;
  reportedCostUsd?: number | undefined;
}

/** The ledger fields of a provider result (text, structured or embedding), around `value`. */
export const paidAnswer = <T>(value: T, call: Omit<PaidAnswer<unknown>, 'value'>): PaidAnswer<T> => ({
  value,
  usage: call.usage,
  model: call.model,
  latencyMs: call.latencyMs,
  requestId: call.requestId,
  reportedCostUsd: call.reportedCostUsd,
});

/** One paid step of a run: its key in the ledger (unique per run), purpose and provider. */
export interface PaidStep {
  key: string;
  purpose: string;
  provider: string;
  /** An offline provider costs nothing and is deterministic: its answers are not recorded. */
  offline: boolean;
}

/** Writes one paid provider answer to the ledger (`llm_calls`) with its cost. */
export const recordPaid = async (
  deps: ServiceDeps,
  where: { runId: string | null; postId: string | null; stepKey: string; purpose: string; provider: string },
  answer: PaidAnswer<unknown>,
): Promise<void> => {
  await recordCall(deps.db, deps.writer(), {
    ...where,
    model: answer.model,
    status: 'succeeded',
    ...answer.usage,
    costUsd: answer.reportedCostUsd ?? textCost(answer.usage, answer.model, deps.config.prices.text),
    latencyMs: answer.latencyMs,
    requestId: answer.requestId ?? null,
    response: answer.value,
  });
};

export interface RunLedger {
  /**
   * Runs a paid step once per run: reused from the ledger when this run already paid for it,
   * else called, and recorded before its answer is used by anything else.
   */
  pay<T>(step: PaidStep, call: () => Promise<PaidAnswer<T>>): Promise<T>;
  /** Steps reused from an interrupted run instead of being paid again. */
  reused(): number;
}

export const runLedger = (deps: ServiceDeps, runId: string): RunLedger => {
  let reused = 0;
  return {
    reused: () => reused,
    pay: async <T>(step: PaidStep, call: () => Promise<PaidAnswer<T>>): Promise<T> => {
      const cached = await succeededCall(deps.db, runId, step.key);
      if (cached?.response) {
        reused += 1;
        return JSON.parse(cached.response) as T;
      }
      const answer = await call();
      if (!step.offline) {
        await recordPaid(
          deps,
          { runId, postId: null, stepKey: step.key, purpose: step.purpose, provider: step.provider },
          answer,
        );
      }
      return answer.value;
    },
  };
};
