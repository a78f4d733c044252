import { hashText } from '../domain/random.js';
import type { GraphClient } from '../platforms/facebook/client.js';
import {
  createPagePost,
  deletePost,
  getPagePost,
  listRecentPosts,
  listScheduledPosts,
  publishScheduledNow,
  reschedulePost,
  type CreatedPost,
} from '../platforms/facebook/pages.js';

export interface PublishPayload {
  message: string;
  image?: { data: Buffer; filename: string; contentType: string } | undefined;
  /** Native scheduling time; published at once when absent. */
  scheduledAt?: Date | undefined;
}

export interface FoundPost {
  postId: string;
  scheduled: boolean;
}

/**
 * The Page as the publish service sees it. The Facebook implementation wraps the Graph client;
 * tests can pass their own.
 */
export interface PagePublisher {
  readonly pageId: string;
  readonly client: GraphClient | undefined;
  create(payload: PublishPayload): Promise<CreatedPost>;
  /** A post (published since `since`, or scheduled) whose text hashes to `textHash`, not in `exclude`. */
  find(textHash: string, since: Date, exclude: Set<string>): Promise<FoundPost | undefined>;
  publishNow(postId: string): Promise<void>;
  reschedule(postId: string, at: Date): Promise<void>;
  cancel(postId: string): Promise<void>;
  isPublished(postId: string): Promise<{ published: boolean; permalink: string | null }>;
  close(): void;
}

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

export const facebookPublisher = (client: GraphClient, pageId: string): PagePublisher => ({
  pageId,
  client,
  create: (p) =>
    createPagePost(client, {
      pageId,
      message: p.message,
      image: p.image,
      scheduledPublishTime: p.scheduledAt ? unix(p.scheduledAt) : undefined,
    }),
  find: async (textHash, since, exclude) => {
    // Scheduled first: a natively scheduled attempt lives there until its time.
    const scheduled = await listScheduledPosts(client, pageId);
    const hit = scheduled.find((p) => p.message !== null && !exclude.has(p.id) && hashText(p.message) === textHash);
    if (hit) return { postId: hit.id, scheduled: !hit.isPublished };
    const recent = await listRecentPosts(client, pageId, unix(since));
    const found = recent.find((p) => p.message !== null && !exclude.has(p.id) && hashText(p.message) === textHash);
    return found ? { postId: found.id, scheduled: false } : undefined;
  },
  publishNow: (postId) => publishScheduledNow(client, pageId, postId),
  reschedule: (postId, at) => reschedulePost(client, pageId, postId, unix(at)),
  cancel: (postId) => deletePost(client, pageId, postId),
  isPublished: async (postId) => {
    const p = await getPagePost(client, pageId, postId);
    return { published: p.isPublished, permalink: p.permalink };
  },
  close: () => client.close(),
});
