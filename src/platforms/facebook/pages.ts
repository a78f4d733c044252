import type { GraphClient } from './client.js';
import { scalarText } from '../../domain/values.js';

/** What one post creation returns: the feed post id always, the photo id for photo posts. */
export interface CreatedPost {
  postId: string;
  photoId: string | null;
}

export interface NewPagePost {
  pageId: string;
  message: string;
  link?: string | undefined;
  image?: { data: Buffer; filename: string; contentType: string } | undefined;
  /** Native scheduling (unix seconds); published now when absent. */
  scheduledPublishTime?: number | undefined;
}

/**
 * One creation call. Photo posts go to /photos with the image as multipart `source` and the
 * text in `caption`; text and link posts go to /feed. Never retried here (see GraphRequest.retry).
 */
export const createPagePost = async (client: GraphClient, post: NewPagePost): Promise<CreatedPost> => {
  const scheduling =
    post.scheduledPublishTime !== undefined
      ? { published: false, scheduled_publish_time: post.scheduledPublishTime }
      : {};
  if (post.image) {
    const { body } = await client.request<{ id: string; post_id?: string }>({
      method: 'POST',
      path: `/${post.pageId}/photos`,
      form: { caption: post.message, ...scheduling },
      file: { field: 'source', ...post.image },
      scope: post.pageId,
      retry: 'once',
    });
    // Scheduled photos may answer without post_id; the feed id is then read back from the photo.
    let postId = body.post_id ?? null;
    if (!postId) {
      const photo = await client
        .request<{ page_story_id?: string }>({
          method: 'GET',
          path: `/${body.id}`,
          query: { fields: 'page_story_id' },
          scope: post.pageId,
          retry: 'safe',
        })
        .catch(() => undefined);
      postId = photo?.body.page_story_id ?? null;
    }
    return { postId: postId ?? body.id, photoId: body.id };
  }
  const { body } = await client.request<{ id: string }>({
    method: 'POST',
    path: `/${post.pageId}/feed`,
    form: { message: post.message, link: post.link, ...scheduling },
    scope: post.pageId,
    retry: 'once',
  });
  return { postId: body.id, photoId: null };
};

/** Moves a natively scheduled post to another time (10 min to 30 days ahead). */
export const reschedulePost = async (
  client: GraphClient,
  pageId: string,
  postId: string,
  unixTime: number,
): Promise<void> => {
  await client.request({
    method: 'POST',
    path: `/${postId}`,
    form: { scheduled_publish_time: unixTime },
    scope: pageId,
    retry: 'safe',
  });
};

/** Publishes a natively scheduled post at once. Repeating it is harmless (already published). */
export const publishScheduledNow = async (client: GraphClient, pageId: string, postId: string): Promise<void> => {
  await client.request({
    method: 'POST',
    path: `/${postId}`,
    form: { is_published: true },
    scope: pageId,
    retry: 'safe',
  });
};

export const deletePost = async (client: GraphClient, pageId: string, postId: string): Promise<void> => {
  await client.request({ method: 'DELETE', path: `/${postId}`, scope: pageId, retry: 'safe' });
};

export interface PagePostSummary {
  id: string;
  message: string | null;
  createdTime: string | null;
  scheduledPublishTime: number | null;
  isPublished: boolean;
}

interface Paged<T> {
  data: T[];
  paging?: { next?: string; cursors?: { after?: string } };
}

type RawPost = {
  id: string;
  message?: string;
  created_time?: string;
  scheduled_publish_time?: number | string;
  is_published?: boolean;
};

const toSummary = (raw: RawPost, published: boolean): PagePostSummary => ({
  id: raw.id,
  message: raw.message ?? null,
  createdTime: raw.created_time ?? null,
  scheduledPublishTime: raw.scheduled_publish_time === undefined ? null : Number(raw.scheduled_publish_time),
  isPublished: raw.is_published ?? published,
});

const collect = async (
  client: GraphClient,
  pageId: string,
  path: string,
  query: Record<string, string | number>,
  maxPages: number,
  published: boolean,
) => {
  const out: PagePostSummary[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const { body } = await client.request<Paged<RawPost>>({
      method: 'GET',
      path,
      query: { ...query, ...(after ? { after } : {}) },
      scope: pageId,
      retry: 'safe',
    });
    out.push(...(body.data ?? []).map((p) => toSummary(p, published)));
    after = body.paging?.next ? body.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return out;
};

/** Published posts since a time (reconciliation and verification). */
export const listRecentPosts = async (
  client: GraphClient,
  pageId: string,
  sinceUnix: number,
  maxPages = 5,
): Promise<PagePostSummary[]> =>
  collect(
    client,
    pageId,
    `/${pageId}/posts`,
    { fields: 'id,message,created_time', since: sinceUnix, limit: 100 },
    maxPages,
    true,
  );

/** Posts Meta holds for later (native scheduling). */
export const listScheduledPosts = async (
  client: GraphClient,
  pageId: string,
  maxPages = 5,
): Promise<PagePostSummary[]> =>
  collect(
    client,
    pageId,
    `/${pageId}/scheduled_posts`,
    { fields: 'id,message,created_time,scheduled_publish_time,is_published', limit: 100 },
    maxPages,
    false,
  );

export const getPagePost = async (
  client: GraphClient,
  pageId: string,
  postId: string,
): Promise<PagePostSummary & { permalink: string | null }> => {
  const { body } = await client.request<RawPost & { permalink_url?: string }>({
    method: 'GET',
    path: `/${postId}`,
    query: { fields: 'id,message,created_time,is_published,scheduled_publish_time,permalink_url' },
    scope: pageId,
    retry: 'safe',
  });
  return { ...toSummary(body, true), permalink: body.permalink_url ?? null };
};

export interface TokenDebug {
  isValid: boolean;
  type: string | null;
  appId: string | null;
  profileId: string | null;
  expiresAt: number | null;
  dataAccessExpiresAt: number | null;
  scopes: string[];
  error: string | null;
}

/** `GET /debug_token`, with the app token (APPID|SECRET) when known, else the token itself. */
export const debugToken = async (
  client: GraphClient,
  inputToken: string,
  appToken: string | undefined,
): Promise<TokenDebug> => {
  const { body } = await client.request<{ data?: Record<string, unknown> }>({
    method: 'GET',
    path: '/debug_token',
    query: { input_token: inputToken },
    scope: 'debug_token',
    retry: 'safe',
    ...(appToken ? { accessToken: appToken } : {}),
  });
  const d = body.data ?? {};
  const numOrNull = (v: unknown) => (v === undefined || v === null ? null : Number(v));
  return {
    isValid: d.is_valid === true,
    type: typeof d.type === 'string' ? d.type : null,
    appId: d.app_id === undefined ? null : scalarText(d.app_id),
    profileId: d.profile_id === undefined ? null : scalarText(d.profile_id),
    expiresAt: numOrNull(d.expires_at),
    dataAccessExpiresAt: numOrNull(d.data_access_expires_at),
    scopes: Array.isArray(d.scopes) ? d.scopes.map(String) : [],
    error:
      d.error && typeof d.error === 'object'
        ? client.redact(scalarText((d.error as { message?: unknown }).message, 'invalid'))
        : null,
  };
};
