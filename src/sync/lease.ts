import { ExternalError, StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { getSyncState, setSyncState } from '../store/sync-repo.js';
import { openTransport } from './sync-service.js';
import type { LeaseState, SyncTransport } from './transport.js';

export interface PublisherLease {
  held: boolean;
  holder: string | null;
  holderLabel: string | null;
  expiresAt: string | null;
  /** local: no hub configured (this replica publishes); hub: answered now; cached: hub unreachable, last known lease used. */
  source: 'local' | 'hub' | 'cached';
  /** Set when the hub could not be reached. */
  offline?: boolean;
}

export interface LeaseOptions {
  transport?: SyncTransport;
  /** Shown to other replicas next to the holder id (default: the actor, user@host). */
  label?: string;
}

const withTransport = async <T>(
  deps: ServiceDeps,
  options: LeaseOptions,
  fn: (t: SyncTransport) => Promise<T>,
): Promise<T | undefined> => {
  const transport = options.transport ?? openTransport(deps);
  if (!transport) return undefined;
  try {
    return await fn(transport);
  } finally {
    if (!options.transport) await transport.close();
  }
};

const fromHub = (lease: LeaseState): PublisherLease => ({ ...lease, source: 'hub' });

const cached = async (deps: ServiceDeps, replica: string): Promise<PublisherLease> => {
  const raw = await getSyncState(deps.db, 'lease');
  const last = raw ? (JSON.parse(raw) as LeaseState) : undefined;
  // Offline, a replica keeps publishing only until the lease it last held expires; after that
  // another replica may have taken it, so it stops.
  const stillOurs = Boolean(
    last && last.holder === replica && last.expiresAt && new Date(last.expiresAt) > deps.clock.now(),
  );
  return {
    held: stillOurs,
    holder: last?.holder ?? null,
    holderLabel: last?.holderLabel ?? null,
    expiresAt: last?.expiresAt ?? null,
    source: 'cached',
    offline: true,
  };
};

const isOffline = (error: unknown) => error instanceof ExternalError && error.code === 'sync_unreachable';

/**
 * Takes or renews the publisher lease (the daemon calls this before publishing, verifying or
 * pulling metrics, and on every tick). Without a hub configured the local replica is the publisher.
 */
export const acquirePublisherLease = async (deps: ServiceDeps, options: LeaseOptions = {}): Promise<PublisherLease> => {
  const w = deps.writer();
  try {
    const lease = await withTransport(deps, options, (t) =>
      t.lease('acquire', w.replica, deps.config.sync.leaseTtlSeconds, options.label ?? w.actor),
    );
    if (!lease) return { held: true, holder: w.replica, holderLabel: w.actor, expiresAt: null, source: 'local' };
    await setSyncState(deps.db, 'lease', JSON.stringify(lease));
    return fromHub(lease);
  } catch (error) {
    if (isOffline(error)) return cached(deps, w.replica);
    throw error;
  }
};

export const holdsPublisherLease = async (deps: ServiceDeps, options: LeaseOptions = {}): Promise<boolean> =>
  (await acquirePublisherLease(deps, options)).held;

/** Gives the lease up (daemon shutdown), so another replica can take over without waiting for expiry. */
export const releasePublisherLease = async (deps: ServiceDeps, options: LeaseOptions = {}): Promise<PublisherLease> => {
  const w = deps.writer();
  const lease = await withTransport(deps, options, (t) =>
    t.lease('release', w.replica, deps.config.sync.leaseTtlSeconds),
  );
  if (!lease) return { held: true, holder: w.replica, holderLabel: w.actor, expiresAt: null, source: 'local' };
  await setSyncState(deps.db, 'lease', JSON.stringify(lease));
  return fromHub(lease);
};

/** Who holds the lease, without taking it. */
export const publisherLeaseStatus = async (deps: ServiceDeps, options: LeaseOptions = {}): Promise<PublisherLease> => {
  const w = deps.writer();
  try {
    const lease = await withTransport(deps, options, (t) =>
      t.lease('status', w.replica, deps.config.sync.leaseTtlSeconds),
    );
    if (!lease) return { held: true, holder: w.replica, holderLabel: w.actor, expiresAt: null, source: 'local' };
    return fromHub(lease);
  } catch (error) {
    if (isOffline(error)) return cached(deps, w.replica);
    throw error;
  }
};

/** For commands that publish: refuse with the holder's name when another replica is the publisher. */
export const assertPublisher = async (deps: ServiceDeps, options: LeaseOptions = {}): Promise<PublisherLease> => {
  const lease = await acquirePublisherLease(deps, options);
  if (lease.held) return lease;
  const who = lease.holder ? `${lease.holderLabel ?? '?'} (replica ${lease.holder})` : 'nobody reachable';
  const until = lease.expiresAt ?? '?';
  throw new StateError(
    lease.offline
      ? l(
          `The sync hub is unreachable and this replica's publisher lease is not valid; last known holder: ${who}.`,
          `Le concentrateur est injoignable et le bail de publication de cette réplique n’est pas valide; dernier détenteur connu : ${who}.`,
        )
      : l(
          `Another replica publishes: ${who} holds the publisher lease until ${until}.`,
          `Une autre réplique publie : ${who} détient le bail de publication jusqu’à ${until}.`,
        ),
    {
      code: 'not_publisher',
      details: { holder: lease.holder, holderLabel: lease.holderLabel, expiresAt: lease.expiresAt },
      fix: l(
        'Publish from the holder (the server daemon), or stop it there; the lease expires by itself if the holder disappears.',
        'Publiez depuis le détenteur (le démon du serveur), ou arrêtez-le là-bas; le bail expire de lui-même si le détenteur disparaît.',
      ),
    },
  );
};
