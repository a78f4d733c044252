import type { GraphClient, GraphRequest } from '../facebook/client.js';
import { InstagramError, toInstagramError } from './errors.js';

/**
 * The Instagram content-publishing calls (Instagram API with Facebook Login, on the Graph host),
 * each one request. Failures come out as InstagramError. Orchestration (poll, quota, publish)
 * is in publish-flow.ts.
 */

const call = async <T>(client: GraphClient, req: GraphRequest): Promise<T> => {
  try {
    return (await client.request<T>(req)).body;
  } catch (error) {
    throw toInstagramError(error);
  }
};

/** The Instagram professional account linked to a Page (`instagram_business_account`), if any. */
export const linkedInstagramAccount = async (client: GraphClient, pageId: string): Promise<string | null> => {
  const body = await call<{ instagram_business_account?: { id?: string } }>(client, {
    method: 'GET',
    path: `/${pageId}`,
    query: { fields: 'instagram_business_account' },
    scope: pageId,
    retry: 'safe',
  });
  return body.instagram_business_account?.id ?? null;
};

export interface NewContainer {
  imageUrl: string;
  caption: string;
  altText?: string | undefined;
}

/**
 * `POST /{ig-user-id}/media`: a media container. Creating one publishes nothing, so a repeat is
 * harmless (an unused container expires after 24 h): it is retried like a read.
 */
export const createContainer = async (client: GraphClient, igUserId: string, c: NewContainer): Promise<string> => {
  const body = await call<{ id?: string }>(client, {
    method: 'POST',
    path: `/${igUserId}/media`,
    form: { image_url: c.imageUrl, caption: c.caption, alt_text: c.altText || undefined },
    scope: igUserId,
    retry: 'safe',
  });
  if (!body.id)
    throw new InstagramError({ category: 'transient', message: 'container created without an id', sent: true });
  return body.id;
};

export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface ContainerStatus {
  code: ContainerStatusCode;
  /** Meta's status text (the error subcode text when ERROR). */
  status: string | null;
}

export const containerStatus = async (
  client: GraphClient,
  igUserId: string,
  containerId: string,
): Promise<ContainerStatus> => {
  const body = await call<{ status_code?: string; status?: string }>(client, {
    method: 'GET',
    path: `/${containerId}`,
    query: { fields: 'status_code,status' },
    scope: igUserId,
    retry: 'safe',
  });
  const code = (body.status_code ?? 'IN_PROGRESS') as ContainerStatusCode;
  return { code, status: body.status ?? null };
};

/** `POST /{ig-user-id}/media_publish`: the one call that publishes. Never repeated here. */
export const publishContainer = async (client: GraphClient, igUserId: string, containerId: string): Promise<string> => {
  const body = await call<{ id?: string }>(client, {
    method: 'POST',
    path: `/${igUserId}/media_publish`,
    form: { creation_id: containerId },
    scope: igUserId,
    retry: 'once',
  });
  if (!body.id)
    throw new InstagramError({
      category: 'unknown_outcome',
      message: 'media_publish answered without an id',
      sent: true,
    });
  return body.id;
};

export interface PublishingLimit {
  usage: number;
  total: number;
  durationSeconds: number;
}

/** The rolling publishing quota, read at run time (Meta's documents disagree on its size). */
export const publishingLimit = async (client: GraphClient, igUserId: string): Promise<PublishingLimit | null> => {
  const body = await call<{
    data?: {
      quota_usage?: number;
      config?: { quota_total?: number; quota_duration?: number };
      rate_limit_settings?: { quota_total?: number; quota_duration?: number };
    }[];
  }>(client, {
    method: 'GET',
    path: `/${igUserId}/content_publishing_limit`,
    query: { fields: 'quota_usage,config' },
    scope: igUserId,
    retry: 'safe',
  });
  const row = body.data?.[0];
  const config = row?.config ?? row?.rate_limit_settings;
  if (!row || config?.quota_total === undefined) return null;
  return { usage: row.quota_usage ?? 0, total: config.quota_total, durationSeconds: config.quota_duration ?? 86_400 };
};

export interface InstagramMediaSummary {
  id: string;
  caption: string | null;
  timestamp: string | null;
  permalink: string | null;
}

type RawMedia = { id: string; caption?: string; timestamp?: string; permalink?: string };
const toSummary = (m: RawMedia): InstagramMediaSummary => ({
  id: m.id,
  caption: m.caption ?? null,
  timestamp: m.timestamp ?? null,
  permalink: m.permalink ?? null,
});

/** The account's media since a time, newest first (reconciliation). */
export const listRecentMedia = async (
  client: GraphClient,
  igUserId: string,
  sinceUnix: number,
  maxPages = 5,
): Promise<InstagramMediaSummary[]> => {
  const out: InstagramMediaSummary[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const body = await call<{ data?: RawMedia[]; paging?: { next?: string; cursors?: { after?: string } } }>(client, {
      method: 'GET',
      path: `/${igUserId}/media`,
      query: { fields: 'id,caption,timestamp,permalink', since: sinceUnix, limit: 50, ...(after ? { after } : {}) },
      scope: igUserId,
      retry: 'safe',
    });
    out.push(...(body.data ?? []).map(toSummary));
    after = body.paging?.next ? body.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return out;
};

export const getMedia = async (
  client: GraphClient,
  igUserId: string,
  mediaId: string,
): Promise<InstagramMediaSummary> =>
  toSummary(
    await call<RawMedia>(client, {
      method: 'GET',
      path: `/${mediaId}`,
      query: { fields: 'id,caption,timestamp,permalink' },
      scope: igUserId,
      retry: 'safe',
    }),
  );
