import type { PostState } from './post-state.js';
/**
 * pending: intent committed, outcome not known yet; published / scheduled: Meta has it (ids
 * stored); absent: reconciled, not on the Page (superseded by a later attempt); unknown: could
 * not be reconciled (post is unconfirmed); failed: Meta refused it; dry_run: written to the
 * outbox only; cancelled: a scheduled post deleted from the Page.
 */
export type PublicationStatus =
  'pending' | 'published' | 'scheduled' | 'absent' | 'unknown' | 'failed' | 'dry_run' | 'cancelled';

/** One attempt at publishing a post (attempt numbers are per post, from 1). */
export interface Publication {
  id: string;
  postId: string;
  brand: string;
  pageId: string | null;
  attemptNo: number;
  mode: string;
  status: PublicationStatus;
  textHash: string;
  slotAt: string | null;
  startedAt: string;
  finishedAt: string | null;
  fbPostId: string | null;
  fbPhotoId: string | null;
  permalink: string | null;
  error: string | null;
  dryRunPath: string | null;
}

/** A post with its live (published) publication: what metrics and verification work on. */
export interface LivePublication {
  postId: string;
  state: PostState;
  scheduledAt: string | null;
  publicationId: string;
  mode: string;
  finishedAt: string | null;
  fbPostId: string | null;
  pageId: string | null;
  permalink: string | null;
}
