import type { DaemonLog } from '../jobs/log.js';

export interface ErrorReporter {
  capture(error: unknown, context?: Record<string, unknown>): void;
  flush(timeoutMs?: number): Promise<void>;
}

export const noReporter: ErrorReporter = { capture: () => undefined, flush: async () => undefined };

/**
 * Sentry only when SENTRY_DSN is set, imported lazily so the daemon without it never loads the
 * SDK. Events carry no request bodies or breadcrumbs of HTTP calls (they could hold tokens).
 */
export const createReporter = async (
  dsn: string | undefined,
  options: { release: string; environment?: string; log: DaemonLog; scrub: (text: string) => string },
): Promise<ErrorReporter> => {
  if (!dsn) return noReporter;
  try {
    const Sentry = await import('@sentry/node');
    Sentry.init({
      dsn,
      release: options.release,
      environment: options.environment ?? 'production',
      sendDefaultPii: false,
      defaultIntegrations: false,
      tracesSampleRate: 0,
      beforeSend: (event) => {
        if (event.message) event.message = options.scrub(event.message);
        for (const ex of event.exception?.values ?? []) if (ex.value) ex.value = options.scrub(ex.value);
        return event;
      },
    });
    options.log.info({}, 'error reporting to Sentry enabled');
    return {
      capture: (error, context) => {
        Sentry.captureException(error, context ? { extra: context } : undefined);
      },
      flush: async (timeoutMs = 2000) => {
        await Sentry.flush(timeoutMs);
      },
    };
  } catch (error) {
    options.log.warn({ err: (error as Error).message }, 'Sentry could not start; continuing without it');
    return noReporter;
  }
};
