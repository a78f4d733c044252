import { ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

/** One row change sent to the hub (see apply_mutations in supabase/migrations). */
export interface Mutation {
  seq: number;
  tbl: string;
  id: string;
  op: 'upsert' | 'delete';
  /** Hub version the replica's first queued change was based on (0: created here). */
  base: number;
  data: Record<string, unknown> | null;
  unique?: string[][];
}

export interface MutationOutcome {
  seq: number;
  tbl: string;
  id: string;
  version: number | null;
  reason?: string;
  /** Rejections and replays: whether the hub has a copy of the row (it flows back on pull). */
  exists?: boolean;
}

export interface ApplyResult {
  accepted: MutationOutcome[];
  rejected: MutationOutcome[];
  duplicates: MutationOutcome[];
  hi: number;
}

export interface PullPage {
  rows: { tbl: string; id: string; version: number; data: Record<string, unknown> }[];
  hi: number;
  next: number;
  more: boolean;
}

export interface LeaseState {
  held: boolean;
  holder: string | null;
  holderLabel: string | null;
  expiresAt: string | null;
  serverNow: string | null;
}

export type LeaseOp = 'acquire' | 'renew' | 'release' | 'status';

/** The same SQL functions, reached through supabase-js (PostgREST) or a direct Postgres connection. */
export interface SyncTransport {
  readonly kind: 'supabase' | 'postgres';
  /** Where it points, without credentials (for status and notes). */
  readonly target: string;
  applyMutations(replica: string, mutations: Mutation[]): Promise<ApplyResult>;
  /**
   * Rows above the cursor. With `replica`, the hub leaves out rows whose current version is that
   * replica's own accepted write; a hub whose schema predates that answers everything.
   */
  pullChanges(cursor: number, limit: number, replica?: string): Promise<PullPage>;
  lease(op: LeaseOp, holder: string, ttlSeconds: number, label?: string): Promise<LeaseState>;
  putBlob(sha256: string, contentType: string, bytes: Buffer): Promise<void>;
  getBlob(sha256: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export const toLease = (raw: unknown): LeaseState => {
  const r = (raw ?? {}) as Record<string, unknown>;
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | number).toISOString());
  return {
    held: r.held === true,
    holder: (r.holder as string | null | undefined) ?? null,
    holderLabel: (r.holder_label as string | null | undefined) ?? null,
    expiresAt: iso(r.expires_at),
    serverNow: iso(r.server_now),
  };
};

export const toApplyResult = (raw: unknown): ApplyResult => {
  const r = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<ApplyResult> | null;
  if (!r || !Array.isArray(r.accepted) || !Array.isArray(r.rejected) || !Array.isArray(r.duplicates)) {
    throw new ExternalError(
      'sync',
      l(
        'The sync hub answered apply_mutations with an unexpected shape.',
        'Le concentrateur de synchronisation a répondu à apply_mutations dans un format inattendu.',
      ),
      {
        code: 'sync_bad_response',
        fix: l(
          'Apply the current hub schema: `autoscale sync setup --apply` (or paste `autoscale sync setup --print` into the SQL editor).',
          'Appliquez le schéma actuel : `autoscale sync setup --apply` (ou collez `autoscale sync setup --print` dans l’éditeur SQL).',
        ),
      },
    );
  }
  return { accepted: r.accepted, rejected: r.rejected, duplicates: r.duplicates, hi: Number(r.hi ?? 0) };
};

export const toPullPage = (raw: unknown): PullPage => {
  const r = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<PullPage> | null;
  if (!r || !Array.isArray(r.rows)) {
    throw new ExternalError(
      'sync',
      l(
        'The sync hub answered pull_changes with an unexpected shape.',
        'Le concentrateur a répondu à pull_changes dans un format inattendu.',
      ),
      {
        code: 'sync_bad_response',
        fix: l(
          'Apply the current hub schema: `autoscale sync setup --apply`.',
          'Appliquez le schéma actuel : `autoscale sync setup --apply`.',
        ),
      },
    );
  }
  return {
    rows: r.rows.map((row) => ({ ...row, version: Number(row.version) })),
    hi: Number(r.hi ?? 0),
    next: Number(r.next ?? 0),
    more: r.more === true,
  };
};

/** The hub cannot be reached: normal when offline; the outbox keeps every change. */
export const unreachable = (target: string, detail: string, cause?: unknown): ExternalError =>
  new ExternalError(
    'sync',
    l(
      `The sync hub (${target}) is unreachable: ${detail}.`,
      `Le concentrateur de synchronisation (${target}) est injoignable : ${detail}.`,
    ),
    {
      code: 'sync_unreachable',
      retryable: true,
      cause,
      fix: l(
        'Local work continues; every change waits in the outbox and is sent at the next `autoscale sync`.',
        'Le travail local continue; chaque changement attend dans la file d’envoi et partira au prochain `autoscale sync`.',
      ),
    },
  );

export const hubError = (target: string, detail: string, cause?: unknown): ExternalError =>
  new ExternalError(
    'sync',
    l(
      `The sync hub (${target}) refused the call: ${detail}.`,
      `Le concentrateur de synchronisation (${target}) a refusé l’appel : ${detail}.`,
    ),
    {
      code: 'sync_hub_error',
      cause,
      fix: l(
        'Check that the hub schema is applied (`autoscale sync setup`) and that the key is the service-role key.',
        'Vérifiez que le schéma est appliqué (`autoscale sync setup`) et que la clé est celle du rôle service.',
      ),
    },
  );
