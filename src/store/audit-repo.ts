import type { AuditEvent } from '../domain/audit.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { fromRows } from './row-mapping.js';
import { stamp, type WriteContext } from './write-context.js';

export interface AuditEntry {
  entity: 'post' | 'variant' | 'image' | 'publication' | 'job' | 'config' | 'brand' | (string & {});
  entityId: string;
  action: string;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  data?: unknown;
}

export type { AuditEvent } from '../domain/audit.js';

export const recordAudit = async (db: Db, w: WriteContext, entry: AuditEntry): Promise<void> => {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      from_state: entry.from ?? null,
      to_state: entry.to ?? null,
      actor: w.actor,
      reason: entry.reason ?? null,
      data: entry.data === undefined ? null : JSON.stringify(entry.data),
      created_at: w.now,
      ...stamp(w),
    })
    .execute();
};

export const auditFor = async (db: Db, entityIds: string[]): Promise<AuditEvent[]> => {
  if (entityIds.length === 0) return [];
  return fromRows(
    await db
      .selectFrom('audit_log')
      .select([
        'id',
        'entity',
        'entity_id',
        'action',
        'from_state',
        'to_state',
        'actor',
        'reason',
        'data',
        'created_at',
      ])
      .where('entity_id', 'in', entityIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
};
