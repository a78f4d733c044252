import type { DaemonLog } from '../jobs/log.js';

/** What the daemon tells an external monitor: started, alive after a good pass, or a pass failed. */
export type PingKind = 'start' | 'ok' | 'fail';

export interface HeartbeatPinger {
  ping(kind: PingKind): Promise<void>;
}

export const noPinger: HeartbeatPinger = { ping: async () => undefined };

/**
 * A dead-man's switch: after every pass the daemon sends a GET to HEARTBEAT_URL (a
 * healthchecks.io-style check URL: `<url>` for alive, `<url>/start`, `<url>/fail`). The monitor
 * alerts the owner when the pings stop, which covers what the daemon cannot report itself: a
 * crash loop, a hang, the host down. A monitor that is down never slows or stops the daemon.
 */
export const createPinger = (
  url: string | undefined,
  options: { log: DaemonLog; timeoutMs?: number; fetch?: typeof fetch },
): HeartbeatPinger => {
  if (!url) return noPinger;
  const base = url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  let warned = false;
  return {
    ping: async (kind) => {
      const target = kind === 'ok' ? base : `${base}/${kind}`;
      try {
        const response = await doFetch(target, {
          method: 'GET',
          headers: { 'user-agent': 'autoscale-daemon' },
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        if (warned) options.log.info({}, 'heartbeat monitor reachable again');
        warned = false;
      } catch (error) {
        // Once per outage: a monitor that is down must not flood the log at every tick.
        if (!warned)
          options.log.warn(
            { err: (error as Error).message },
            'heartbeat ping failed (the external monitor may alert); the daemon carries on',
          );
        warned = true;
      }
    },
  };
};
