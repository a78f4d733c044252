import type { ServiceDeps } from '../deps/service-deps.js';
import { chooseTransport, runSync, type SyncOptions, type SyncReport } from './sync-service.js';

/**
 * For the daemon: one sync cycle and when to run the next. Every config.sync.intervalMinutes
 * while the hub answers; while it does not, exponential backoff from one minute up to the
 * interval's eightfold (capped at an hour), with jitter so replicas do not retry in step.
 */
export const nextSyncDelayMs = (
  intervalMinutes: number,
  consecutiveFailures: number,
  random: () => number = Math.random,
): number => {
  const interval = intervalMinutes * 60_000;
  if (consecutiveFailures <= 0) return interval;
  const backoff = Math.min(60_000 * 2 ** (consecutiveFailures - 1), Math.min(interval * 8, 3_600_000));
  return Math.round(backoff * (0.75 + random() * 0.5));
};

export interface SyncCycle {
  /** Undefined when no hub is configured (nothing to do; the local daemon is the publisher). */
  report?: SyncReport;
  failures: number;
  nextInMs: number;
  error?: string;
}

/** Runs one cycle without throwing: the daemon logs the outcome and sleeps `nextInMs`. */
export const runSyncCycle = async (
  deps: ServiceDeps,
  failures: number,
  options: SyncOptions = {},
): Promise<SyncCycle> => {
  const interval = deps.config.sync.intervalMinutes;
  if (!options.transport && !chooseTransport(deps).kind) return { failures: 0, nextInMs: nextSyncDelayMs(interval, 0) };
  try {
    const report = await runSync(deps, options);
    const nextFailures = report.ok ? 0 : failures + 1;
    return {
      report,
      failures: nextFailures,
      nextInMs: nextSyncDelayMs(interval, nextFailures),
      ...(report.error ? { error: report.error } : {}),
    };
  } catch (error) {
    const nextFailures = failures + 1;
    return {
      failures: nextFailures,
      nextInMs: nextSyncDelayMs(interval, nextFailures),
      error: (error as Error).message,
    };
  }
};
