import { isLostVersion, keepLostVersion } from './conflict-versions.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import {
  ackOutboxBulk,
  deleteRowQuietly,
  outboxGroups,
  readRows,
  rowKey,
  setSyncState,
  setVersionsQuietly,
  shapesOf,
  stillQueued,
  type OutboxGroup,
  type TableShape,
} from '../store/sync-repo.js';
import { immediate } from '../store/tx.js';
import { SYNCED_TABLES } from '../../db/synced-tables.js';
import { mediaRefs, readIfMatches } from './media.js';
import type { PushReport, SyncOptions } from './sync-types.js';
import type { ApplyResult, Mutation, MutationOutcome, SyncTransport } from './transport.js';

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

type Prepared = { group: OutboxGroup; mutation: Mutation; bytes: number }[];

/** About what a mutation weighs on the wire (its JSON), without serialising it twice. */
const weight = (m: Mutation): number => {
  let n = 120 + m.tbl.length + m.id.length;
  for (const [k, v] of Object.entries(m.data ?? {})) n += k.length + 6 + (typeof v === 'string' ? v.length : 12);
  return n;
};

/**
 * Push: the outbox coalesced per row (the row's current content, sequence = its latest change),
 * in batches of at most config.sync.batchSize rows and about config.sync.batchBytes bytes, one
 * hub transaction per batch. Acknowledged changes leave the outbox; changes made meanwhile stay
 * for the next push. Hub calls are strictly sequential (the hub's dedupe relies on a replica's
 * batches arriving in order), but the local work of the previous and next batches (acknowledging,
 * reading rows) overlaps the hub's work on the current one.
 */
export const pushChanges = async (
  deps: ServiceDeps,
  transport: SyncTransport,
  options: SyncOptions = {},
): Promise<PushReport> => {
  const tables = options.tables ?? SYNCED_TABLES;
  const replica = deps.writer().replica;
  const { batchSize, batchBytes } = deps.config.sync;
  const report: PushReport = {
    sent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: [],
    batches: 0,
    mediaUploaded: 0,
    mediaMissing: 0,
    conflicts: [],
  };
  const shapes = await shapesOf(deps.db, tables);
  // One coalescing pass over the outbox; changes made while pushing wait for the next push.
  const all = await outboxGroups(deps.db);
  let next = 0;
  let readAhead: Prepared = [];

  const readMore = async () => {
    const groups = all.slice(next, next + batchSize);
    next += groups.length;
    const rows = await deps.db.transaction().execute(async (trx) => {
      const byTable = new Map<string, string[]>();
      for (const g of groups) {
        const list = byTable.get(g.tbl) ?? [];
        list.push(g.rowId);
        byTable.set(g.tbl, list);
      }
      const out = new Map<string, Record<string, unknown>>();
      for (const [tbl, ids] of byTable) {
        const shape = shapes.get(tbl);
        if (!shape) continue;
        for (const [id, row] of await readRows(trx, shape, ids)) out.set(rowKey(tbl, id), row);
      }
      return out;
    });
    for (const g of groups) {
      const mutation = toMutation(g, shapes.get(g.tbl), rows.get(rowKey(g.tbl, g.rowId)));
      readAhead.push({ group: g, mutation, bytes: weight(mutation) });
    }
  };

  /** The next batch: up to batchSize rows, cut once it reaches batchBytes (one row at least). */
  const prepare = async (): Promise<Prepared | undefined> => {
    if (readAhead.length < batchSize && next < all.length) await readMore();
    if (readAhead.length === 0) return undefined;
    let bytes = 0;
    let n = 0;
    while (n < readAhead.length && n < batchSize && (n === 0 || bytes + readAhead[n]!.bytes <= batchBytes)) {
      bytes += readAhead[n]!.bytes;
      n += 1;
    }
    const batch = readAhead.slice(0, n);
    readAhead = readAhead.slice(n);
    // Media first: a row never reaches the hub before the file it points to.
    for (const { mutation } of batch) {
      if (mutation.tbl !== 'images' || mutation.op !== 'upsert' || !mutation.data || mutation.data.deleted_at) continue;
      for (const ref of mediaRefs(deps.paths.media, mutation.data)) {
        const data = readIfMatches(ref.file, ref.sha256);
        if (!data) {
          report.mediaMissing += 1;
          continue;
        }
        await transport.putBlob(ref.sha256, ref.contentType, data);
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
      const pushed = new Map(batch.map((b) => [b.group.seq, b.mutation]));
      for (const o of [...result.rejected, ...result.duplicates]) {
        const g = settled(o);
        const shape = g && shapes.get(g.tbl);
        if (!g || !shape || o.exists !== false) continue;
        await deleteRowQuietly(trx, shape, g.rowId, deps.clock.now().toISOString());
        // The same version was written elsewhere first: this text becomes the next version.
        if (o.reason && isLostVersion(g.tbl, o.reason)) {
          const kept = await keepLostVersion(
            trx,
            deps.writer(),
            pushed.get(g.seq)?.data,
            `another replica wrote this version first (${o.reason})`,
          );
          if (kept) report.conflicts.push(kept);
        }
      }
      await setSyncState(trx, 'last_push_at', deps.clock.now().toISOString());
    });
    report.batches += 1;
    report.sent += batch.length;
    report.accepted += result.accepted.length;
    report.duplicates += result.duplicates.length;
    report.rejected.push(...result.rejected.map((r) => ({ tbl: r.tbl, id: r.id, reason: r.reason ?? 'rejected' })));
    options.progress?.({ step: 'push', done: report.sent, total: all.length, unit: 'rows' });
  };

  let current = await prepare();
  let answered: { batch: Prepared; result: ApplyResult } | undefined;
  while (current) {
    const batch = current;
    const call = transport.applyMutations(
      replica,
      batch.map((b) => b.mutation),
    );
    call.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    if (answered) await acknowledge(answered.batch, answered.result);
    current = await prepare();
    answered = { batch, result: await call };
  }
  if (answered) await acknowledge(answered.batch, answered.result);
  return report;
};
