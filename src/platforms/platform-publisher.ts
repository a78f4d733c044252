import type { Localized } from '../i18n/localized.js';

/**
 * What the exactly-once publishing machinery (src/publish) needs from a platform. The machinery
 * owns the lifecycle (intent rows, state transitions, unknown outcomes, reconciliation, the
 * lease); an adapter owns the platform's calls, its error taxonomy and its retry knobs.
 * src/platforms/facebook/publisher.ts is the Facebook Page adapter.
 */
export interface PlatformPublisher {
  /** The account posts go to (the Facebook Page id): stored on every publication. */
  readonly accountId: string;
  readonly policy: PublishPolicy;
  /** One creation call; never retried by the adapter when the request may have been applied. */
  create(payload: PublishPayload): Promise<PlatformPost>;
  /**
   * Reconciliation lookup: a post published since `since`, or held for later, whose text hashes
   * to `textHash` and whose id is not in `exclude` (ids other publications already own).
   */
  find(textHash: string, since: Date, exclude: Set<string>): Promise<FoundPost | undefined>;
  /** What a failed call means for the lifecycle. */
  classify(error: unknown): PublishFailure;
  /** The platform holds a post until its time (Facebook's `scheduled_publish_time`). */
  readonly native: NativeScheduling;
  close(): void;
}

export interface NativeScheduling {
  publishNow(postId: string): Promise<void>;
  reschedule(postId: string, at: Date): Promise<void>;
  cancel(postId: string): Promise<void>;
  isPublished(postId: string): Promise<{ published: boolean; permalink: string | null }>;
}

export interface PublishPayload {
  message: string;
  image?: { data: Buffer; filename: string; contentType: string } | undefined;
  /** Native scheduling time; published at once when absent. */
  scheduledAt?: Date | undefined;
}

/** What a creation returns: the post id always, the photo id for photo posts. */
export interface PlatformPost {
  postId: string;
  photoId: string | null;
}

export interface FoundPost {
  postId: string;
  /** Held by the platform for later rather than live. */
  scheduled: boolean;
}

/**
 * How the lifecycle treats a failure:
 * - unknown_outcome: the request may have been applied: reconcile, never retry blindly;
 * - transient: retry with backoff (reconciled first when the request was sent);
 * - duplicate: refused as a repeat: reconciled when sent, never retried;
 * - throttled / circuit_open / paused: defer until `retryAfterMs` (the account is paused);
 * - policy: the account is blocked: pause it for hours and alert;
 * - token / permission: alert, fail;
 * - invalid: the request itself was refused: fail;
 * - local: the call never left this process for a reason of ours: fail.
 */
export type FailureCategory =
  | 'unknown_outcome'
  | 'transient'
  | 'duplicate'
  | 'throttled'
  | 'circuit_open'
  | 'paused'
  | 'policy'
  | 'token'
  | 'permission'
  | 'invalid'
  | 'local';

export interface PublishFailure {
  category: FailureCategory;
  /** True when the request left this process (its outcome then matters). */
  sent: boolean;
  /** How long the platform asked us to wait (throttled). */
  retryAfterMs: number | undefined;
  /** What to tell the owner when the failure needs a person (token, permission, policy). */
  alert: Localized | undefined;
}

/** The adapter's retry knobs, from its config section. */
export interface PublishPolicy {
  /** How long the platform may take to list a post it just created, before "absent" is trusted. */
  settleMs: number;
  maxAttempts: number;
  /** First backoff between attempts; doubled each time. */
  retryMinMs: number;
  /** Deferral when throttled without a stated wait. */
  cooldownMs: number;
  /** How long a policy block pauses the account. */
  policyPauseHours: number;
}
