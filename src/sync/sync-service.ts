import { ExternalError } from '../errors/errors.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import {
  getAllSyncState,
  getSyncState,
  installSyncTriggers,
  outboxSize,
  queueUnseenTables,
  setSyncState,
  tablesMissingTriggers,
} from '../store/sync-repo.js';
import { immediate } from '../store/tx.js';
import { SYNCED_TABLES, type SyncedTable } from '../../db/synced-tables.js';
import { pullChanges } from './pull.js';
import { pushChanges } from './push.js';
import type { PullReport, PushReport, SyncOptions } from './sync-types.js';
import { placeConflicts } from './conflict-versions.js';
import { chooseTransport, notConfigured, openTransport, type TransportKind } from './transport-choice.js';

export { pullChanges } from './pull.js';
export { pushChanges } from './push.js';
export type { PullReport, PushReport, SyncOptions } from './sync-types.js';
export {
  chooseTransport,
  notConfigured,
  openTransport,
  type TransportChoice,
  type TransportKind,
} from './transport-choice.js';

const replicaOf = (deps: ServiceDeps): string => deps.writer().replica;

const ensureCapture = async (deps: ServiceDeps, tables: readonly SyncedTable[]) => {
  const missing = await tablesMissingTriggers(deps.db, tables);
  await immediate(deps.db, async (trx) => {
    if (missing.length > 0) await installSyncTriggers(trx, missing);
    await queueUnseenTables(trx, tables);
  });
};

export interface SyncReport {
  transport: TransportKind;
  target: string;
  ok: boolean;
  offline: boolean;
  error?: string | undefined;
  push?: PushReport | undefined;
  pull?: PullReport | undefined;
  outbox: number;
  cursor: number;
}

/**
 * One sync cycle: push then pull (or one of them). Offline is a normal outcome, not a failure of
 * the replica: the report says so, the outbox keeps every change, and the next cycle resumes.
 */
export const runSync = async (
  deps: ServiceDeps,
  options: SyncOptions & { push?: boolean; pull?: boolean } = {},
): Promise<SyncReport> => {
  const transport = options.transport ?? openTransport(deps);
  if (!transport) throw notConfigured(chooseTransport(deps));
  const doPush = options.push ?? true;
  const doPull = options.pull ?? true;
  const report: SyncReport = {
    transport: transport.kind,
    target: transport.target,
    ok: false,
    offline: false,
    outbox: 0,
    cursor: 0,
  };
  try {
    await ensureCapture(deps, options.tables ?? SYNCED_TABLES);
    if (doPush) report.push = await pushChanges(deps, transport, options);
    if (doPull) report.pull = await pullChanges(deps, transport, options);
    // Edits kept as new versions after a conflict go out in the same sync, so the other
    // replica has both texts after its next sync.
    if (doPush && report.push && (report.push.conflicts.length > 0 || (report.pull?.conflicts.length ?? 0) > 0)) {
      const again = await pushChanges(deps, transport, options);
      report.push = mergePush(report.push, again);
    }
    if (report.push) report.push.conflicts = await placeConflicts(deps.db, report.push.conflicts);
    if (report.pull) {
      report.pull.conflicts = await placeConflicts(deps.db, report.pull.conflicts);
      report.pull.receivedConflicts = await placeConflicts(deps.db, report.pull.receivedConflicts);
    }
    report.ok = true;
    const now = deps.clock.now().toISOString();
    await setSyncState(deps.db, 'last_success_at', now);
    await setSyncState(deps.db, 'last_error', '');
  } catch (error) {
    if (!(error instanceof ExternalError) || error.code !== 'sync_unreachable') {
      if (error instanceof ExternalError) await recordFailure(deps, error.message);
      throw error;
    }
    report.offline = true;
    report.error = error.message;
    await recordFailure(deps, error.message);
  } finally {
    if (!options.transport) await transport.close();
  }
  report.outbox = (await outboxSize(deps.db)).rows;
  report.cursor = Number((await getSyncState(deps.db, 'cursor')) ?? '0');
  return report;
};

const mergePush = (a: PushReport, b: PushReport): PushReport => ({
  sent: a.sent + b.sent,
  accepted: a.accepted + b.accepted,
  duplicates: a.duplicates + b.duplicates,
  rejected: [...a.rejected, ...b.rejected],
  batches: a.batches + b.batches,
  mediaUploaded: a.mediaUploaded + b.mediaUploaded,
  mediaMissing: a.mediaMissing + b.mediaMissing,
  conflicts: [...a.conflicts, ...b.conflicts],
});

const recordFailure = async (deps: ServiceDeps, message: string) => {
  await setSyncState(deps.db, 'last_error', message);
  await setSyncState(deps.db, 'last_error_at', deps.clock.now().toISOString());
};

export interface SyncStatus {
  replicaId: string;
  configured: boolean;
  transport: TransportKind | null;
  why: string;
  target: string | null;
  cursor: number;
  outbox: { rows: number; entries: number };
  lastSuccessAt: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  mediaPending: number;
}

/** What `autoscale sync status` shows; reads only the local replica (no network). */
export const localSyncStatus = async (deps: ServiceDeps): Promise<SyncStatus> => {
  const state = await getAllSyncState(deps.db);
  const choice = chooseTransport(deps);
  const transport = choice.kind ? openTransport(deps) : undefined;
  return {
    replicaId: replicaOf(deps),
    configured: choice.kind !== null,
    transport: choice.kind,
    why: choice.why.en,
    target: transport?.target ?? null,
    cursor: Number(state.cursor ?? '0'),
    outbox: await outboxSize(deps.db),
    lastSuccessAt: state.last_success_at || null,
    lastPushAt: state.last_push_at || null,
    lastPullAt: state.last_pull_at || null,
    lastError: state.last_error || null,
    lastErrorAt: state.last_error_at || null,
    mediaPending: (JSON.parse(state.media_pending || '[]') as unknown[]).length,
  };
};
