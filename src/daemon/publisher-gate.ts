import { BusyError, isAutoscaleError } from '../errors/errors.js';
import { acquirePublishLease } from '../publish/lease.js';
import { acquirePublisherLease } from '../sync/lease.js';
import { l } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';

/** Held while this process may talk to the brand's Page (publish, verify, measure). */
export interface PublisherGate {
  release(): Promise<void>;
}

/**
 * The single place that decides whether this process is the brand's publisher right now.
 * Publishing, verification, metrics pulls and the startup reconciliation all pass through it.
 * Two leases: the hub's (src/sync/lease.ts: only one machine of a shared home publishes) and
 * the local one (`publish_lease:<brand>` in `meta`, src/publish/lease.ts: the daemon and CLI
 * commands on one store take turns).
 * Throws `BusyError` when another holder has it.
 */
export const publisherGate = async (deps: ServiceDeps, owner: string): Promise<PublisherGate> => {
  // Across machines: the hub's lease (Supabase/Postgres). Without a hub this replica publishes.
  const hub = await acquirePublisherLease(deps);
  if (!hub.held) {
    const who = hub.holder ? `${hub.holderLabel ?? '?'} (replica ${hub.holder})` : 'nobody reachable';
    throw new BusyError(
      hub.offline
        ? l(
            `The sync hub is unreachable and this replica's publisher lease is not valid (last holder: ${who}).`,
            `Le concentrateur est injoignable et le bail de publication de cette réplique n’est pas valide (dernier détenteur : ${who}).`,
          )
        : l(
            `Another replica publishes: ${who} holds the publisher lease until ${hub.expiresAt ?? '?'}.`,
            `Une autre réplique publie : ${who} détient le bail de publication jusqu’à ${hub.expiresAt ?? '?'}.`,
          ),
      {
        code: 'publisher_lease_held',
        fix: l(
          'Only the lease holder publishes; see `autoscale sync status`.',
          'Seul le détenteur du bail publie; voyez `autoscale sync status`.',
        ),
      },
    );
  }
  // On this machine: the local lease serialises the daemon and CLI commands on one store.
  const release = await acquirePublishLease(deps.db, deps.brandSlug, owner);
  return { release };
};

/**
 * Runs `fn` behind the gate. `busy` is returned instead of throwing when someone else holds it,
 * so a job can wait a little (without spending an attempt) rather than fail.
 */
export const withPublisherGate = async <T>(
  deps: ServiceDeps,
  owner: string,
  fn: () => Promise<T>,
): Promise<{ busy: true; reason: string } | { busy: false; value: T }> => {
  let gate: PublisherGate;
  try {
    gate = await publisherGate(deps, owner);
  } catch (error) {
    if (error instanceof BusyError || (isAutoscaleError(error) && error.kind === 'busy'))
      return { busy: true, reason: error.message };
    throw error;
  }
  try {
    return { busy: false, value: await fn() };
  } finally {
    await gate.release().catch(() => undefined);
  }
};
