import { isLostVersion, keepLostVersion } from './conflict-versions.js';
import { knownVersionIds } from '../store/variants-repo.js';
import { existsSync } from 'node:fs';
import { StateError, isAutoscaleError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import { clearLearningMarks } from '../store/meta-repo.js';
import {
  getSyncState,
  parkRows,
  parkedRowsFor,
  pendingRowKeys,
  rowKey,
  setApplying,
  setForeignKeys,
  setSyncState,
  shapesOf,
  unparkRows,
  upsertRemoteRows,
  type RemoteRecord,
  type UniqueVictim,
} from '../store/sync-repo.js';
import { immediate } from '../store/tx.js';
import { sha256 } from '../images/media-store.js';
import { SYNCED_TABLES } from '../../db/synced-tables.js';
import { mediaRefs, writeMedia } from './media.js';
import type { PullReport, SyncOptions } from './sync-types.js';
import type { SyncTransport } from './transport.js';

const LEARNING_TABLES = ['optimizer_arms', 'guidance_lines', 'guidance_versions', 'predictor_fits'];

const dedupeLatest = (rows: RemoteRecord[]): RemoteRecord[] => {
  const latest = new Map<string, RemoteRecord>();
  for (const row of rows) {
    const key = rowKey(row.tbl, row.id);
    const seen = latest.get(key);
    if (!seen || seen.version < row.version) latest.set(key, row);
  }
  return [...latest.values()].sort((a, b) => a.version - b.version);
};

/**
 * Pull: every hub row above the cursor, fetched page by page, then applied in ONE SQLite
 * transaction that also moves the cursor, so a crash leaves either nothing or everything.
 * Rows with local changes still queued are skipped: the push decides, and the hub's answer
 * (re-versioned) comes back on a later pull.
 */
export const pullChanges = async (
  deps: ServiceDeps,
  transport: SyncTransport,
  options: SyncOptions = {},
): Promise<PullReport> => {
  const tables = options.tables ?? SYNCED_TABLES;
  // The hub leaves out what this replica wrote itself (it has those rows already).
  const replica = deps.writer().replica;
  const start = Number((await getSyncState(deps.db, 'cursor')) ?? '0');
  const fetched: RemoteRecord[] = [];
  let cursor = start;
  for (;;) {
    const page = await transport.pullChanges(cursor, deps.config.sync.pageSize, replica);
    if (page.hi < start) {
      // The hub's counter never goes back: this is another (or a recreated) hub.
      throw new StateError(
        l(
          `The sync hub is behind this replica (hub counter ${page.hi}, replica cursor ${start}): it is not the hub this replica synced with.`,
          `Le concentrateur est en retard sur cette réplique (compteur ${page.hi}, curseur ${start}) : ce n’est pas celui avec lequel elle s’est synchronisée.`,
        ),
        {
          code: 'sync_hub_changed',
          fix: l(
            'Point SUPABASE_URL / DATABASE_URL back at the original hub. To seed a new hub from this replica, see "Moving to a new hub" in docs/SYNC.md.',
            'Pointez SUPABASE_URL / DATABASE_URL vers le concentrateur d’origine. Pour alimenter un nouveau concentrateur depuis cette réplique, voir « Changer de concentrateur » dans docs/SYNC.md.',
          ),
        },
      );
    }
    for (const row of page.rows) fetched.push(row);
    options.progress?.({
      step: 'pull',
      done: Math.max(0, Math.min(page.next, page.hi) - start),
      total: Math.max(1, page.hi - start),
      unit: 'versions',
    });
    if (page.next <= cursor && page.more) break;
    cursor = Math.max(cursor, page.next);
    if (!page.more) break;
  }
  const rows = dedupeLatest(fetched);
  const report: PullReport = {
    received: fetched.length,
    applied: 0,
    skippedPending: 0,
    parked: 0,
    superseded: 0,
    cursor,
    mediaDownloaded: 0,
    mediaPending: 0,
    conflicts: [],
    receivedConflicts: [],
  };
  const appliedImages: Record<string, unknown>[] = [];

  await setForeignKeys(deps.db, false);
  try {
    await immediate(deps.db, async (trx) => {
      // Another process (daemon and CLI on one file) pulled meanwhile: its rows are at least as
      // new as ours, so applying ours would only move the replica back.
      if (Number((await getSyncState(trx, 'cursor')) ?? '0') !== start) {
        report.raced = true;
        report.cursor = Number((await getSyncState(trx, 'cursor')) ?? '0');
        return;
      }
      const shapes = await shapesOf(trx, tables);
      const unparked = [...shapes.keys()];
      const parked = await parkedRowsFor(trx, unparked);
      const pending = await pendingRowKeys(trx);
      const toPark: RemoteRecord[] = [];
      const perTable = new Map<string, RemoteRecord[]>();
      for (const row of [...parked, ...rows]) {
        const shape = shapes.get(row.tbl);
        // Shapes exist only for synced tables this replica has: anything else waits, parked.
        if (!shape) {
          toPark.push(row);
          continue;
        }
        if (pending.has(rowKey(row.tbl, row.id))) {
          report.skippedPending += 1;
          continue;
        }
        const list = perTable.get(row.tbl) ?? [];
        list.push(row);
        perTable.set(row.tbl, list);
      }
      // Conflicting edits kept elsewhere, new to this replica: the owner is told about them.
      const conflictRows = (perTable.get('variant_versions') ?? []).filter((r) => r.data.source === 'conflict');
      const known = await knownVersionIds(
        trx,
        conflictRows.map((r) => r.id),
      );
      for (const r of conflictRows) {
        if (known.has(r.id) || r.data.deleted_at) continue;
        report.receivedConflicts.push({
          variantId: String(r.data.variant_id),
          versionNo: Number(r.data.version_no),
          author: typeof r.data.author === 'string' ? r.data.author : '',
        });
      }
      await setApplying(trx, true);
      const victims: UniqueVictim[] = [];
      for (const [tbl, list] of perTable) {
        victims.push(...(await upsertRemoteRows(trx, shapes.get(tbl)!, list)));
        report.applied += list.length;
        options.hooks?.duringApply?.(report.applied);
        if (tbl === 'images') appliedImages.push(...list.map((r) => r.data));
      }
      await unparkRows(
        trx,
        unparked.filter((t) => parked.some((p) => p.tbl === t)),
      );
      await parkRows(trx, toPark);
      report.parked = toPark.length;
      await setSyncState(trx, 'cursor', String(cursor));
      await setSyncState(trx, 'last_pull_at', deps.clock.now().toISOString());
      await setApplying(trx, false);
      // A local row that lost its unique key to the hub's row: keep its content in the audit log
      // (captured and synced like any change).
      const w = deps.writer();
      for (const victim of victims) {
        await recordAudit(trx, w, {
          entity: victim.tbl,
          entityId: victim.id,
          action: 'sync_superseded',
          reason: `unique key taken by ${victim.by} from the hub`,
          data: victim.row,
        });
        if (isLostVersion(victim.tbl, undefined)) {
          const kept = await keepLostVersion(trx, w, victim.row, `the hub's version ${victim.by} took its number`);
          if (kept) report.conflicts.push(kept);
        }
      }
      report.superseded = victims.length;
      // Beliefs or guidance written elsewhere: the local marks no longer describe what is stored.
      if (LEARNING_TABLES.some((t) => perTable.has(t))) await clearLearningMarks(trx);
    });
  } finally {
    await setForeignKeys(deps.db, true);
  }
  const media = await fetchMissingMedia(deps, transport, appliedImages);
  report.mediaDownloaded = media.downloaded;
  report.mediaPending = media.pending;
  return report;
};

/** Downloads images this replica does not have (content-addressed, verified), retrying earlier misses. */
const fetchMissingMedia = async (deps: ServiceDeps, transport: SyncTransport, rows: Record<string, unknown>[]) => {
  const earlier = JSON.parse((await getSyncState(deps.db, 'media_pending')) ?? '[]') as {
    sha256: string;
    file: string;
  }[];
  const wanted = new Map<string, { sha256: string; file: string }>();
  for (const ref of earlier) wanted.set(ref.file, ref);
  for (const row of rows) {
    if (row.deleted_at) continue;
    for (const ref of mediaRefs(deps.paths.media, row)) wanted.set(ref.file, ref);
  }
  let downloaded = 0;
  const pending: { sha256: string; file: string }[] = [];
  let offline = false;
  for (const ref of wanted.values()) {
    if (existsSync(ref.file)) continue;
    if (offline) {
      pending.push(ref);
      continue;
    }
    try {
      const bytes = await transport.getBlob(ref.sha256);
      if (bytes && sha256(bytes) === ref.sha256) {
        writeMedia(ref.file, bytes);
        downloaded += 1;
      } else pending.push(ref);
    } catch (error) {
      if (isAutoscaleError(error) && error.code === 'sync_unreachable') offline = true;
      pending.push(ref);
    }
  }
  await setSyncState(deps.db, 'media_pending', JSON.stringify(pending));
  return { downloaded, pending: pending.length };
};
