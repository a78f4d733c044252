import type { PlatformFigures } from '../domain/platform-post.js';
import type { Localized } from '../i18n/localized.js';

/**
 * What the per-platform exactly-once machinery (src/publish/platform-publish.ts) needs from
 * Instagram and LinkedIn. The machinery owns intents, states and reconciliation; an adapter owns
 * the platform's calls, error taxonomy, reconciliation lookup and metric names.
 */
export interface ChannelPublisher {
  readonly platform: 'instagram' | 'linkedin';
  /** The account posts go to (Instagram user id, LinkedIn organization id). */
  readonly accountId: string;
  /** How long the platform may take to list what it just published, before "absent" is trusted. */
  readonly settleMs: number;
  readonly maxAttempts: number;
  /** The marker of a text as the platform will list it (reconciliation compares markers). */
  marker(text: string): string;
  /** The one publishing call (with its uploads); `unknown_outcome` when it may have happened. */
  create(payload: ChannelPayload): Promise<ChannelPost>;
  /** A post of this account since `since` whose marker is `marker`, not owned by another publication. */
  find(marker: string, since: Date, exclude: Set<string>): Promise<ChannelPost | undefined>;
  classify(error: unknown): ChannelFailure;
  metrics(remoteIds: readonly string[]): Promise<Map<string, ChannelMetrics>>;
  close(): void;
}

export interface ChannelPayload {
  text: string;
  image: { data: Buffer; sha256: string; contentType: string } | undefined;
  altText: string | undefined;
}

export interface ChannelPost {
  remoteId: string;
  permalink: string | null;
}

/**
 * - unknown_outcome: may have been published: reconcile before anything else;
 * - retry: nothing was published; try again after `retryAfterMs` (or the backoff);
 * - pause: nothing was published; the account is blocked or out of quota until `retryAfterMs`;
 * - fail: nothing was published and trying again cannot help (bad text or image, dead token,
 *   missing permission, retired API version, duplicate): a person must act.
 */
export interface ChannelFailure {
  kind: 'unknown_outcome' | 'retry' | 'pause' | 'fail';
  retryAfterMs: number | undefined;
  /** One line for the owner (the platform's error and what to do). */
  reason: Localized;
}

/** Each platform's figures, with the engagement rate defined for that platform (docs/REPORTS.md). */
export interface ChannelMetrics extends PlatformFigures {
  basis: string;
  missing: string[];
  raw: unknown;
}
