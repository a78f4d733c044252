import type { ContentType } from './content.js';
import type { PostState } from './post-state.js';
import type { PublishMode } from './publish-mode.js';

/** A post as the store hands it out (the sync bookkeeping `updated_by`/`deleted_at` is left out). */
export interface Post {
  id: string;
  brand: string;
  contentType: ContentType;
  topic: string | null;
  /** Local date in the brand's zone, YYYY-MM-DD. */
  targetDate: string;
  state: PostState;
  chosenVariantId: string | null;
  imageId: string | null;
  scheduledAt: string | null;
  slotSeed: string | null;
  publishMode: PublishMode | null;
  failureReason: string | null;
  generationRunId: string | null;
  createdAt: string;
  createdBy: string;
  version: number;
  updatedAt: string;
}

/** A post with the short id people see. */
export interface PostWithShortId extends Post {
  shortId: string;
}

/** One line of the list view: the post, its variant count, best score and headline. */
export interface PostSummary {
  id: string;
  brand: string;
  state: PostState;
  contentType: ContentType;
  targetDate: string;
  scheduledAt: string | null;
  createdAt: string;
  variantCount: number;
  bestQuality: number | null;
  headline: string | null;
}
