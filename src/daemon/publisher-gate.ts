import { BusyError, isAutoscaleError } from '../errors.js';
import { acquirePublishLease } from '../publish/lease.js';
import type { ServiceDeps } from '../services/deps.js';

/** Held while this process may talk to the brand's Page (publish, verify, measure). */
export interface PublisherGate {
  release(): Promise<void>;
}

/**
 * The single place that decides whether this process is the brand's publisher right now.
 * Publishing, verification, metrics pulls and the startup reconciliation all pass through it.
 * Today it is the local publish lease (`publish_lease:<brand>` in `meta`, src/publish/lease.ts),
 * which serialises the daemon and the CLI on one store; the Supabase sync replaces the body
 * with its Postgres lease so that only one machine of a shared brand publishes.
 * Throws `BusyError` when another holder has it.
 */
export const publisherGate = async (deps: ServiceDeps, owner: string): Promise<PublisherGate> => {
  const release = await acquirePublishLease(deps.db, deps.brandSlug, owner);
  return { release };
};

/**
 * Runs `fn` behind the gate. `busy` is returned instead of throwing when someone else holds it,
 * so a job can wait a little (without spending an attempt) rather than fail.
 */
export const withPublisherGate = async <T>(deps: ServiceDeps, owner: string, fn: () => Promise<T>): Promise<{ busy: true; reason: string } | { busy: false; value: T }> => {
  let gate: PublisherGate;
  try {
    gate = await publisherGate(deps, owner);
  } catch (error) {
    if (error instanceof BusyError || (isAutoscaleError(error) && error.kind === 'busy')) return { busy: true, reason: error.message };
    throw error;
  }
  try {
    return { busy: false, value: await fn() };
  } finally {
    await gate.release().catch(() => undefined);
  }
};
