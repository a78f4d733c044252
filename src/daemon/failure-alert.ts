import { hostname } from 'node:os';
import type { ServiceDeps } from '../deps/service-deps.js';
import { sendNow, type Channel } from '../notify/notify-service.js';
import { getMeta } from '../store/meta-repo.js';
import { HEARTBEAT_KEY, type Heartbeat } from './daemon.js';
import type { ErrorReporter } from './sentry.js';

export interface FailureAlert {
  unit: string;
  host: string;
  lastTick: string | null;
  channels: { channel: Channel; sent: boolean; error?: string }[];
  sentry: boolean;
}

/** The daemon failed for good: the owner hears it at once on every channel, and Sentry. */
export class DaemonFailedError extends Error {
  override readonly name = 'DaemonFailedError';
}

/**
 * What systemd's OnFailure= unit runs (`autoscale daemon alert`): the daemon cannot report its
 * own death, so this separate process sends it straight to Slack/e-mail (no queue: nothing would
 * drain it) with the last tick the daemon recorded.
 */
export const alertDaemonFailed = async (
  deps: ServiceDeps,
  input: { unit: string; reporter: ErrorReporter | undefined },
): Promise<FailureAlert> => {
  const beat = await getMeta(deps.db, HEARTBEAT_KEY)
    .then((v) => (v ? (JSON.parse(v) as Partial<Heartbeat>) : undefined))
    .catch(() => undefined);
  const lastTick = beat?.lastTick ?? null;
  const host = hostname();
  const at = deps.clock.now().toISOString();
  const channels = await sendNow(deps, { type: 'daemon_failed', host, unit: input.unit, lastTick, at });
  if (input.reporter) {
    input.reporter.capture(new DaemonFailedError(`${input.unit} failed on ${host}`), { unit: input.unit, lastTick });
    await input.reporter.flush(5000);
  }
  return { unit: input.unit, host, lastTick, channels, sentry: input.reporter !== undefined };
};
