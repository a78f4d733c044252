import type { Platform } from './platform.js';
import type { PublicationStatus } from './publication.js';
/**
 * Instagram and LinkedIn publications (issue 19, migration 0013) as the rest of the code sees
 * them; Facebook keeps the post's own lifecycle (Post, Publication).
 */

/** A platform attempt's status: a Facebook publication's, or `deferred` (a pause, not counted as an attempt). */
export type PlatformPublicationStatus = PublicationStatus | 'deferred';

/** States of a platform post. `scheduled` also covers a retry waiting for `nextAttemptAt`. */
export type PlatformPostState = 'scheduled' | 'publishing' | 'unconfirmed' | 'published' | 'failed' | 'cancelled';

/** One post on one platform: its state, slot, own text (null: it follows the approved text), remote id. */
export interface PlatformPost {
  id: string;
  postId: string;
  brand: string;
  platform: Platform;
  accountId: string | null;
  state: PlatformPostState;
  /** The platform's text when a person edited it; null while it follows the approved text. */
  text: string | null;
  slotAt: string;
  slotSeed: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  remoteId: string | null;
  permalink: string | null;
  publishedAt: string | null;
  failureReason: string | null;
  createdAt: string;
}

/** One attempt, committed before the platform call (the intent), with the hash of the text sent. */
export interface PlatformPublication {
  id: string;
  platformPostId: string;
  postId: string;
  platform: Platform;
  accountId: string;
  attemptNo: number;
  status: PlatformPublicationStatus;
  textHash: string;
  imageSha256: string | null;
  startedAt: string;
  finishedAt: string | null;
  remoteId: string | null;
  permalink: string | null;
  error: string | null;
}

/** The figures every platform reports (null where it has none), and the engagement rate. */
export interface PlatformFigures {
  reach: number | null;
  impressions: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  clicks: number | null;
  interactions: number | null;
  engagementRate: number | null;
}

/** The +24 h / +7 d figures of one platform post, each platform's own metrics. */
export interface PlatformSnapshot extends PlatformFigures {
  id: string;
  platformPostId: string;
  postId: string;
  platform: Platform;
  label: string;
  takenAt: string;
  basis: string | null;
  missing: string | null;
  raw: string | null;
}

/** A published platform post of the week with one of its snapshots (the report's breakdown). */
export interface PlatformPerformance {
  postId: string;
  platform: string;
  publishedAt: string | null;
  slotAt: string;
  contentType: string;
  label: string | null;
  reach: number | null;
  interactions: number | null;
  engagementRate: number | null;
  basis: string | null;
}

/** A published platform post's slot and engagement (the per-platform slot learner). */
export interface PlatformSlotSample {
  publishedAt: string;
  engagementRate: number | null;
  label: string | null;
}

/** A person's own text for one platform of one variant, before approval. */
export interface VariantPlatformText {
  variantId: string;
  platform: string;
  text: string;
}
