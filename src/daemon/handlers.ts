import { NOTIFY_KIND, notifyHandler } from '../notify/notify-service.js';
import type { TextProvider } from '../providers/types.js';
import type { ServiceDeps } from '../services/deps.js';
import { generationHandler } from './generation.js';
import { JobRegistry } from './registry.js';

export interface RegistryOptions {
  providerFor: (deps: ServiceDeps) => TextProvider;
}

/**
 * The job kinds this build can run. Publishing ('publish'), verification of native posts
 * ('verify'), metrics pulls ('metrics'), the weekly report ('weekly_report') and the token
 * check ('token_check') register here when their services exist; the scheduler only creates
 * slots for kinds that have a handler.
 */
export const buildRegistry = (o: RegistryOptions): JobRegistry =>
  new JobRegistry()
    // Drafts are cheap to skip and costly to pile up: after an outage only the latest runs.
    .register('generate', generationHandler(o.providerFor), { catchUp: 'latest' })
    .register(NOTIFY_KIND, notifyHandler, { catchUp: 'all' });
