import { isAutoscaleError } from '../errors/errors.js';
import type { Localized } from '../i18n/localized.js';
import type { PlatformPublisher } from '../platforms/platform-publisher.js';
import { shortId } from '../store/ids.js';
import type { Post } from '../domain/post.js';
import type { Publication } from '../domain/publication.js';

export type PublishAction = 'published' | 'scheduled' | 'dry_run' | 'unchanged' | 'unconfirmed' | 'failed' | 'deferred';

export interface PublishOutcome {
  postId: string;
  shortId: string;
  brand: string;
  action: PublishAction;
  state: string;
  mode: string | null;
  scheduledAt: string | null;
  pageId: string | null;
  attempt: number | null;
  fbPostId: string | null;
  fbPhotoId: string | null;
  dryRunPath: string | null;
  /** Why it was deferred, failed or left unconfirmed (redacted). */
  reason: string | null;
  /** When it can be tried again (deferred). */
  retryAt: string | null;
  /** How it was resolved: by the call's answer, or by finding it on the Page. */
  via: 'call' | 'reconcile' | null;
}

export interface ReconcileOutcome extends PublishOutcome {
  from: string;
}

export type PublishEvent =
  | { type: 'note'; message: Localized }
  | { type: 'alert'; postId: string; severity: 'warning' | 'error'; message: Localized };

export interface PublishRuntime {
  /** A ready publisher (tests, or the daemon keeping one client for its lifetime). */
  publisher?: PlatformPublisher | undefined;
  sleep?: (ms: number) => Promise<void>;
  onEvent?: (event: PublishEvent) => void;
  /** Name written in the lease and audit (defaults to the writer's actor). */
  owner?: string;
}

export interface PublishOptions {
  /** Publish at once, whatever the slot (a natively scheduled post is published now). */
  now?: boolean;
  /** Write what would be posted instead of calling Facebook. */
  dryRun?: boolean;
}

export const errorText = (error: unknown): string =>
  isAutoscaleError(error) ? error.localized.en : error instanceof Error ? error.message : String(error);

export const outcomeOf = (post: Post, action: PublishAction, extra: Partial<PublishOutcome> = {}): PublishOutcome => ({
  postId: post.id,
  shortId: shortId(post.id),
  brand: post.brand,
  action,
  state: post.state,
  mode: post.publishMode,
  scheduledAt: post.scheduledAt,
  pageId: null,
  attempt: null,
  fbPostId: null,
  fbPhotoId: null,
  dryRunPath: null,
  reason: null,
  retryAt: null,
  via: null,
  ...extra,
});

export const fromPublication = (
  pub: Publication,
): Pick<PublishOutcome, 'pageId' | 'attempt' | 'fbPostId' | 'fbPhotoId' | 'dryRunPath'> => ({
  pageId: pub.pageId,
  attempt: pub.attemptNo,
  fbPostId: pub.fbPostId,
  fbPhotoId: pub.fbPhotoId,
  dryRunPath: pub.dryRunPath,
});
