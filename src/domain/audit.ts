/** One line of the audit log: who changed what, from which state to which, and why. */
export interface AuditEvent {
  id: string;
  entity: string;
  entityId: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: string;
  reason: string | null;
  /** JSON text. */
  data: string | null;
  createdAt: string;
}
