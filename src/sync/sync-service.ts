import { existsSync } from 'node:fs';
import { ConfigError, ExternalError, StateError, isAutoscaleError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import {
  ackOutboxBulk,
  deleteRowQuietly,
  getAllSyncState,
  getSyncState,
  installSyncTriggers,
  outboxGroups,
  outboxSize,
  parkRows,
  parkedRowsFor,
  pendingRowKeys,
  queueUnseenTables,
  readRows,
  rowKey,
  setApplying,
  setForeignKeys,
  setSyncState,
  setVersionsQuietly,
  stillQueued,
  shapesOf,
  tablesMissingTriggers,
  unparkRows,
  upsertRemoteRows,
  type OutboxGroup,
  type RemoteRecord,
  type TableShape,
  type UniqueVictim,
} from '../store/sync-repo.js';
import { immediate } from '../store/tx.js';
import { sha256 } from '../images/media-store.js';
import { mediaRefs, readIfMatches, writeMedia } from './media.js';
import { pgTransport } from './sql-transport.js';
import { supabaseTransport } from './supabase-transport.js';
import { SYNCED_TABLES, type SyncedTable } from '../../db/synced-tables.js';
import type { ApplyResult, Mutation, MutationOutcome, SyncTransport } from './transport.js';

export type TransportKind = 'supabase' | 'postgres';

export interface TransportChoice {
  kind: TransportKind | null;
  /** Why this one (or why none), for notes and status. */
  why: Localized;
}

/** Which hub this replica talks to: config.sync.transport, then the variables that are set. */
export const chooseTransport = (deps: Pick<ServiceDeps, 'config' | 'env'>): TransportChoice => {
  const wanted = deps.config.sync.transport;
  const supabase = Boolean(deps.env.get('SUPABASE_URL') && deps.env.get('SUPABASE_SERVICE_KEY'));
  const postgres = Boolean(deps.env.get('DATABASE_URL'));
  if (wanted === 'supabase' || (wanted === 'auto' && supabase)) {
    return supabase
      ? {
          kind: 'supabase',
          why: l('SUPABASE_URL and SUPABASE_SERVICE_KEY are set', 'SUPABASE_URL et SUPABASE_SERVICE_KEY sont définies'),
        }
      : {
          kind: null,
          why: l(
            'sync.transport is supabase but SUPABASE_URL or SUPABASE_SERVICE_KEY is missing',
            'sync.transport vaut supabase mais SUPABASE_URL ou SUPABASE_SERVICE_KEY manque',
          ),
        };
  }
  if (wanted === 'postgres' || (wanted === 'auto' && postgres)) {
    return postgres
      ? {
          kind: 'postgres',
          why: l('DATABASE_URL is set (direct Postgres)', 'DATABASE_URL est définie (Postgres direct)'),
        }
      : {
          kind: null,
          why: l(
            'sync.transport is postgres but DATABASE_URL is missing',
            'sync.transport vaut postgres mais DATABASE_URL manque',
          ),
        };
  }
  return {
    kind: null,
    why: l(
      'neither SUPABASE_URL + SUPABASE_SERVICE_KEY nor DATABASE_URL is set',
      'ni SUPABASE_URL + SUPABASE_SERVICE_KEY ni DATABASE_URL ne sont définies',
    ),
  };
};

/** The configured transport, or undefined when sync is not set up (local-only replica). */
export const openTransport = (deps: Pick<ServiceDeps, 'config' | 'env'>): SyncTransport | undefined => {
  const choice = chooseTransport(deps);
  if (choice.kind === 'supabase') {
    return supabaseTransport({
      url: deps.env.get('SUPABASE_URL')!,
      serviceKey: deps.env.get('SUPABASE_SERVICE_KEY')!,
      bucket: deps.config.sync.bucket,
      timeoutMs: deps.config.sync.timeoutMs,
    });
  }
  if (choice.kind === 'postgres') return pgTransport(deps.env.get('DATABASE_URL')!, deps.config.sync.timeoutMs);
  return undefined;
};

export const notConfigured = (choice: TransportChoice): ConfigError =>
  new ConfigError(
    l(`Sync is not configured: ${choice.why.en}.`, `La synchronisation n’est pas configurée : ${choice.why.fr}.`),
    {
      code: 'sync_not_configured',
      fix: l(
        'Put SUPABASE_URL and SUPABASE_SERVICE_KEY (or DATABASE_URL for a direct Postgres) in <home>/.env, then run `autoscale sync setup`. See docs/SYNC.md.',
        'Mettez SUPABASE_URL et SUPABASE_SERVICE_KEY (ou DATABASE_URL pour un Postgres direct) dans <home>/.env, puis lancez `autoscale sync setup`. Voir docs/SYNC.md.',
      ),
    },
  );

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
}

const replicaOf = (deps: ServiceDeps): string => deps.writer().replica;

const ensureCapture = async (deps: ServiceDeps, tables: readonly SyncedTable[]) => {
  const missing = await tablesMissingTriggers(deps.db, tables);
  await immediate(deps.db, async (trx) => {
    if (missing.length > 0) await installSyncTriggers(trx, missing);
    await queueUnseenTables(trx, tables);
  });
};

const toMutation = (
  group: { tbl: string; rowId: string; seq: number; base: number },
  shape: TableShape | undefined,
  row: Record<string, unknown> | undefined,
): Mutation => ({
  seq: group.seq,
  tbl: group.tbl,
  id: group.rowId,
  op: row ? 'upsert' : 'delete',
  base: group.base,
  data: row ?? null,
  ...(shape && shape.unique.length > 0 ? { unique: shape.unique } : {}),
});

/**
 * Push: the outbox coalesced per row (the row's current content, sequence = its latest change),
 * in batches of config.sync.batchSize, one hub transaction per batch. Acknowledged changes leave
 * the outbox; changes made meanwhile stay for the next push.
 */
type Prepared = { group: OutboxGroup; mutation: Mutation }[];

/**
 * Push: the outbox coalesced per row (the row's current content, sequence = its latest change),
 * in batches of config.sync.batchSize, one hub transaction per batch. Acknowledged changes leave
 * the outbox; changes made meanwhile stay for the next push. Hub calls are strictly sequential
 * (the hub's dedupe relies on a replica's batches arriving in order), but the local work of the
 * previous and next batches (acknowledging, reading rows) overlaps the hub's work on the current one.
 */
export const pushChanges = async (
  deps: ServiceDeps,
  transport: SyncTransport,
  options: SyncOptions = {},
): Promise<PushReport> => {
  const tables = options.tables ?? SYNCED_TABLES;
  const replica = replicaOf(deps);
  const report: PushReport = {
    sent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: [],
    batches: 0,
    mediaUploaded: 0,
    mediaMissing: 0,
  };
  const shapes = await shapesOf(deps.db, tables);
  // One coalescing pass over the outbox; changes made while pushing wait for the next push.
  const all = await outboxGroups(deps.db);
  const chunks: OutboxGroup[][] = [];
  for (let i = 0; i < all.length; i += deps.config.sync.batchSize)
    chunks.push(all.slice(i, i + deps.config.sync.batchSize));

  const prepare = async (groups: OutboxGroup[]): Promise<Prepared> => {
    const batch = await deps.db.transaction().execute(async (trx) => {
      const byTable = new Map<string, string[]>();
      for (const g of groups) {
        const list = byTable.get(g.tbl) ?? [];
        list.push(g.rowId);
        byTable.set(g.tbl, list);
      }
      const rows = new Map<string, Record<string, unknown>>();
      for (const [tbl, ids] of byTable) {
        const shape = shapes.get(tbl);
        if (!shape) continue;
        for (const [id, row] of await readRows(trx, shape, ids)) rows.set(rowKey(tbl, id), row);
      }
      return groups.map((g) => ({
        group: g,
        mutation: toMutation(g, shapes.get(g.tbl), rows.get(rowKey(g.tbl, g.rowId))),
      }));
    });
    // Media first: a row never reaches the hub before the file it points to.
    for (const { mutation } of batch) {
      if (mutation.tbl !== 'images' || mutation.op !== 'upsert' || !mutation.data || mutation.data.deleted_at) continue;
      for (const ref of mediaRefs(deps.paths.media, mutation.data)) {
        const bytes = readIfMatches(ref.file, ref.sha256);
        if (!bytes) {
          report.mediaMissing += 1;
          continue;
        }
        await transport.putBlob(ref.sha256, ref.contentType, bytes);
        report.mediaUploaded += 1;
      }
    }
    return batch;
  };

  const acknowledge = async (batch: Prepared, result: ApplyResult) => {
    options.hooks?.beforeAck?.();
    const groupOf = new Map(batch.map((b) => [b.group.seq, b.group]));
    await immediate(deps.db, async (trx) => {
      const answered = [...result.accepted, ...result.duplicates, ...result.rejected]
        .map((o) => groupOf.get(Number(o.seq)))
        .filter((g): g is NonNullable<typeof g> => g !== undefined);
      await ackOutboxBulk(trx, answered);
      const queued = await stillQueued(trx, answered);
      const settled = (o: MutationOutcome) => {
        const g = groupOf.get(Number(o.seq));
        return g && !queued.has(rowKey(g.tbl, g.rowId)) ? g : undefined;
      };
      const versions = new Map<string, { id: string; version: number }[]>();
      for (const o of result.accepted) {
        const g = settled(o);
        if (!g || typeof o.version !== 'number') continue;
        const list = versions.get(g.tbl) ?? [];
        list.push({ id: g.rowId, version: o.version });
        versions.set(g.tbl, list);
      }
      for (const [tbl, list] of versions) {
        const shape = shapes.get(tbl);
        if (shape) await setVersionsQuietly(trx, shape, list);
      }
      // Refused and unknown to the hub: the hub's audit_log keeps the content; drop the local copy
      // so every replica converges on the hub's state. A replay the hub has no row for was refused
      // the first time (its answer was lost): same outcome.
      for (const o of [...result.rejected, ...result.duplicates]) {
        const g = settled(o);
        const shape = g && shapes.get(g.tbl);
        if (g && shape && o.exists === false)
          await deleteRowQuietly(trx, shape, g.rowId, deps.clock.now().toISOString());
      }
      await setSyncState(trx, 'last_push_at', deps.clock.now().toISOString());
    });
    report.batches += 1;
    report.sent += batch.length;
    report.accepted += result.accepted.length;
    report.duplicates += result.duplicates.length;
    report.rejected.push(...result.rejected.map((r) => ({ tbl: r.tbl, id: r.id, reason: r.reason ?? 'rejected' })));
    options.progress?.({ step: 'push', detail: `${report.sent}/${all.length}` });
  };

  let next = chunks.length > 0 ? await prepare(chunks[0]!) : undefined;
  let answered: { batch: Prepared; result: ApplyResult } | undefined;
  for (let i = 0; next; i += 1) {
    const current = next;
    const call = transport.applyMutations(
      replica,
      current.map((b) => b.mutation),
    );
    call.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    if (answered) await acknowledge(answered.batch, answered.result);
    next = i + 1 < chunks.length ? await prepare(chunks[i + 1]!) : undefined;
    answered = { batch: current, result: await call };
  }
  if (answered) await acknowledge(answered.batch, answered.result);
  return report;
};

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
  const start = Number((await getSyncState(deps.db, 'cursor')) ?? '0');
  const fetched: RemoteRecord[] = [];
  let cursor = start;
  for (;;) {
    const page = await transport.pullChanges(cursor, deps.config.sync.pageSize);
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
    fetched.push(...page.rows);
    options.progress?.({ step: 'pull', detail: `${fetched.length}` });
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
      }
      report.superseded = victims.length;
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
