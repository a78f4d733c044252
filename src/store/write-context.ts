/** Who and when, stamped on every write (audit `actor`, sync `updated_by`, `updated_at`). */
export interface WriteContext {
  now: string;
  actor: string;
  replica: string;
}

export const stamp = (w: WriteContext) => ({ updated_at: w.now, updated_by: w.replica });
