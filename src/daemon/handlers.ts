import { NOTIFY_KIND, notifyHandler } from '../notify/notify-service.js';
import type { TextProvider } from '../providers/types.js';
import type { ServiceDeps } from '../services/deps.js';
import type { DaemonHooks } from './daemon.js';
import { generationHandler } from './generation.js';
import { metricsHandler } from './metrics.js';
import { publishHandler, reconcileAtStart, syncPostWork, verifyHandler } from './publishing.js';
import { JobRegistry } from './registry.js';
import { tokenCheckHandler, weeklyReportHandler } from './reports.js';

export interface RegistryOptions {
  providerFor: (deps: ServiceDeps) => TextProvider;
}

/**
 * The job kinds this build runs. The scheduler creates slots for `generate`, `weekly_report`
 * and `token_check`; `publish`, `verify` and `metrics` come from the posts table (daemonHooks);
 * `notify` from any step. Anything touching the Page is `spread` after an outage.
 */
export const buildRegistry = (o: RegistryOptions): JobRegistry =>
  new JobRegistry()
    // Drafts are cheap to skip and costly to pile up: after an outage only the latest runs.
    .register('generate', generationHandler(o.providerFor), { catchUp: 'latest' })
    .register(NOTIFY_KIND, notifyHandler, { catchUp: 'all' })
    .register('publish', publishHandler, { catchUp: 'spread' })
    .register('verify', verifyHandler, { catchUp: 'spread' })
    .register('metrics', metricsHandler, { catchUp: 'spread' })
    // One report and one token check are enough, however long the outage was.
    .register('weekly_report', weeklyReportHandler, { catchUp: 'latest' })
    .register('token_check', tokenCheckHandler, { catchUp: 'latest' });

/** Startup reconciliation and the posts-table → jobs pass, for every brand. */
export const daemonHooks = (): DaemonHooks => ({
  start: async (h) => {
    for (const deps of h.brands) await reconcileAtStart(deps, h.enqueue, h.log, h.owner);
  },
  pass: async (h) => {
    for (const deps of h.brands) await syncPostWork(deps, h.enqueue);
  },
});
