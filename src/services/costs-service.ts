import { ledgerSince } from '../store/llm-calls-repo.js';
import type { ServiceDeps } from '../deps/service-deps.js';

export type CostPeriod = 'week' | 'month' | 'all';

/** The cost ledger over a rolling period (7 or 30 days back from now), with cost per post. */
export const costReport = async (deps: ServiceDeps, period: CostPeriod) => {
  const now = deps.clock.now();
  const days = period === 'week' ? 7 : period === 'month' ? 30 : null;
  const since = days === null ? null : new Date(now.getTime() - days * 86_400_000).toISOString();
  const ledger = await ledgerSince(deps.db, since);
  const postCount = ledger.posts.length;
  return {
    period,
    since,
    until: now.toISOString(),
    ...ledger,
    averagePerPostUsd: postCount ? ledger.posts.reduce((s, p) => s + p.costUsd, 0) / postCount : 0,
  };
};
export type CostReport = Awaited<ReturnType<typeof costReport>>;
