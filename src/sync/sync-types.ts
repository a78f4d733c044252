import type { KeptConflict } from './conflict-versions.js';
import type { ProgressSink } from '../deps/service-deps.js';
import type { SyncedTable } from '../../db/synced-tables.js';
import type { SyncTransport } from './transport.js';

export interface SyncOptions {
  transport?: SyncTransport;
  progress?: ProgressSink;
  tables?: readonly SyncedTable[];
  /** Fault injection for tests: throw to simulate a crash at that point. */
  hooks?: {
    /** After the hub answered a push, before the outbox is acknowledged. */
    beforeAck?: () => void;
    /** While pulled rows are being applied (inside the SQLite transaction), with the count so far. */
    duringApply?: (applied: number) => void;
  };
}

export interface PushReport {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: { tbl: string; id: string; reason: string }[];
  batches: number;
  mediaUploaded: number;
  mediaMissing: number;
  /** This replica's edits that lost to the same edit elsewhere, kept as new versions. */
  conflicts: KeptConflict[];
}

export interface PullReport {
  received: number;
  applied: number;
  skippedPending: number;
  parked: number;
  superseded: number;
  cursor: number;
  mediaDownloaded: number;
  mediaPending: number;
  /** Another process on this replica pulled at the same time; nothing was applied by this call. */
  raced?: boolean;
  /** Local edits superseded by the hub's row for the same version, kept as new versions. */
  conflicts: KeptConflict[];
  /** Conflicting edits another replica kept as versions, received for the first time. */
  receivedConflicts: KeptConflict[];
}
