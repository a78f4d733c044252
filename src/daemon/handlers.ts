import { NOTIFY_KIND, notifyHandler } from '../notify/notify-service.js';
import type { TextProvider } from '../providers/types.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { DaemonHooks, HookContext } from './daemon.js';
import { runSyncCycle } from '../sync/schedule.js';
import { calendarHandler } from './calendar-job.js';
import { reviewReminders } from '../approval/reminders.js';
import { generationHandler } from './generation.js';
import { metricsHandler } from './metrics.js';
import { publishHandler, reconcileAtStart, syncPostWork, verifyHandler } from './publishing.js';
import { JobRegistry } from '../jobs/registry.js';
import { JOB_PAYLOADS } from '../store/job-payloads.js';
import { platformMetricsHandler, publishPlatformHandler, syncPlatformWork } from './platforms.js';
import { tokenCheckHandler, weeklyReportHandler } from './reports.js';

export interface RegistryOptions {
  providerFor: (deps: ServiceDeps) => TextProvider;
}

/**
 * The job kinds this build runs. The scheduler creates slots for `generate`, `weekly_report`,
 * `token_check` and `calendar`; `publish`, `verify` and `metrics` come from the posts table (daemonHooks);
 * `notify` from any step. Anything touching the Page is `spread` after an outage.
 */
export const buildRegistry = (o: RegistryOptions): JobRegistry =>
  new JobRegistry(JOB_PAYLOADS)
    // Drafts are cheap to skip and costly to pile up: after an outage only the latest runs.
    .register('generate', generationHandler(o.providerFor), { catchUp: 'latest' })
    .register(NOTIFY_KIND, notifyHandler, { catchUp: 'all' })
    .register('publish', publishHandler, { catchUp: 'spread' })
    .register('verify', verifyHandler, { catchUp: 'spread' })
    .register('metrics', metricsHandler, { catchUp: 'spread' })
    // Instagram and LinkedIn, each post × platform on its own (a failure never blocks another).
    .register('publish_platform', publishPlatformHandler, { catchUp: 'spread' })
    .register('platform_metrics', platformMetricsHandler, { catchUp: 'spread' })
    // One report and one token check are enough, however long the outage was.
    .register('weekly_report', weeklyReportHandler, { catchUp: 'latest' })
    .register('token_check', tokenCheckHandler, { catchUp: 'latest' })
    // Feeds and the plan: one catch-up reads everything new.
    .register('calendar', calendarHandler(o.providerFor), { catchUp: 'latest' });

/** Startup reconciliation and the posts-table → jobs pass, for every brand. */
export const daemonHooks = (): DaemonHooks => {
  // Sync with the hub (when one is configured) every config.sync.intervalMinutes, backing off
  // while it is unreachable. It runs before the posts-table pass, so an approval made on a
  // laptop becomes a publish job in the same pass it arrives. The whole home syncs at once, so
  // any brand's services will do.
  let failures = 0;
  let nextAt = 0;
  const sync = async (h: HookContext) => {
    const deps = h.brands[0];
    if (!deps || deps.clock.now().getTime() < nextAt) return;
    const cycle = await runSyncCycle(deps, failures);
    failures = cycle.failures;
    nextAt = deps.clock.now().getTime() + cycle.nextInMs;
    if (cycle.error)
      h.log.warn(
        { failures, nextInMs: cycle.nextInMs, error: cycle.error },
        'sync failed; the outbox keeps every change',
      );
    else if (cycle.report) h.log.info({ push: cycle.report.push, pull: cycle.report.pull }, 'synced');
    // Measurements that came from another replica: learn from them now, not at the next read.
    if (cycle.report?.pull?.applied) {
      const { refreshLearningForAllBrands } = await import('../optimize/insights-service.js');
      await refreshLearningForAllBrands(deps).catch((error: unknown) =>
        h.log.warn({ err: (error as Error).message }, 'learning refresh after sync failed'),
      );
    }
  };
  return {
    start: async (h) => {
      await sync(h);
      for (const deps of h.brands) await reconcileAtStart(deps, h.enqueue, h.log, h.owner, h.report);
    },
    pass: async (h) => {
      await sync(h);
      for (const deps of h.brands) {
        await syncPostWork(deps, h.enqueue);
        // Unreviewed drafts: one reminder before the window, moved (and said) once it closed.
        await reviewReminders(deps, h.enqueue, h.log);
        await syncPlatformWork(deps, h.enqueue);
      }
    },
  };
};
