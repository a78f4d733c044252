import type { ServiceDeps } from '../deps/service-deps.js';
import type { HandlerFor } from '../jobs/registry.js';
import { refreshPlan } from '../plan/plan-service.js';
import { feedSources, fetchAllSources } from '../plan/sources-service.js';
import type { TextProvider } from '../providers/types.js';
import { hasPlanEntries } from '../store/plan-repo.js';

/**
 * `calendar` (daily, `plan.sources.fetchTime`): reads the brand's feeds (conditional requests;
 * a failing feed is recorded on its source and never fails the job), then rolls the plan forward
 * so new news and ideas can land, for a brand whose owner has planned at least once. What the
 * owner fixed is never touched.
 */
export const calendarHandler =
  (providerFor: (deps: ServiceDeps) => TextProvider): HandlerFor<'calendar'> =>
  async (ctx) => {
    const { deps } = ctx;
    const sources = await feedSources(deps);
    const provider = sources.length ? providerFor(deps) : undefined;
    const fetched = sources.length
      ? await fetchAllSources(deps, {
          provider: provider?.offline ? undefined : provider,
          warn: (message, detail) => ctx.log.warn(detail, message),
        })
      : [];
    for (const f of fetched.filter((x) => x.status === 'error'))
      ctx.log.warn({ source: f.url, err: f.error }, 'feed could not be read; the others went on');
    const planned = (await hasPlanEntries(deps.db, deps.brandSlug)) ? await refreshPlan(deps) : undefined;
    ctx.log.info(
      {
        feeds: fetched.length,
        newItems: fetched.reduce((n, f) => n + f.newItems, 0),
        plan: planned ? `${planned.from}..${planned.to}` : 'none',
      },
      'calendar refreshed',
    );
    return {
      result: {
        feeds: fetched.map((f) => ({ url: f.url, status: f.status, newItems: f.newItems, error: f.error })),
        plan: planned ? { from: planned.from, to: planned.to, written: planned.written, kept: planned.kept } : null,
      },
    };
  };
