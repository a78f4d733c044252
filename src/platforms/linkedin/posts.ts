import type { LinkedinClient } from './client.js';
import { restliEncode, restliQuery } from './client.js';
import { LinkedinError } from './errors.js';

export const organizationUrn = (organizationId: string): string => `urn:li:organization:${organizationId}`;

export interface NewOrganizationPost {
  author: string;
  /** Already in little text (escapeLittleText). */
  commentary: string;
  image?: { urn: string; altText?: string | undefined } | undefined;
}

/**
 * `POST /rest/posts`: one organization post, published at once. LinkedIn answers 201 with an
 * empty body and the new post's URN in `x-restli-id`. Never repeated here.
 */
export const createOrganizationPost = async (client: LinkedinClient, post: NewOrganizationPost): Promise<string> => {
  const response = await client.request({
    method: 'POST',
    path: '/posts',
    json: {
      author: post.author,
      commentary: post.commentary,
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      ...(post.image
        ? { content: { media: { id: post.image.urn, ...(post.image.altText ? { altText: post.image.altText } : {}) } } }
        : {}),
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    },
    retry: 'once',
  });
  const id = response.headers.get('x-restli-id') ?? response.headers.get('x-linkedin-id');
  if (!id)
    throw new LinkedinError({
      category: 'unknown_outcome',
      message: `post created (HTTP ${response.status}) without an x-restli-id header`,
      httpStatus: response.status,
      sent: true,
    });
  return id;
};

export interface LinkedinPostSummary {
  id: string;
  author: string;
  /** The commentary as LinkedIn returns it (little text). */
  commentary: string;
  createdAt: number | null;
  publishedAt: number | null;
  lifecycleState: string | null;
}

type RawPost = {
  id: string;
  author: string;
  commentary?: string;
  createdAt?: number;
  publishedAt?: number;
  lifecycleState?: string;
};

const toSummary = (p: RawPost): LinkedinPostSummary => ({
  id: p.id,
  author: p.author,
  commentary: p.commentary ?? '',
  createdAt: p.createdAt ?? null,
  publishedAt: p.publishedAt ?? null,
  lifecycleState: p.lifecycleState ?? null,
});

export const getPost = async (client: LinkedinClient, urn: string): Promise<LinkedinPostSummary> =>
  toSummary(
    (await client.request<RawPost>({ method: 'GET', path: `/posts/${restliEncode(urn)}`, retry: 'safe' })).body,
  );

/** Public address of a post (LinkedIn's feed URL for a share or ugcPost URN). */
export const postPermalink = (urn: string): string => `https://www.linkedin.com/feed/update/${urn}/`;

/**
 * The author's posts created since `sinceMs`, newest first (finder `q=author`), paging until
 * older posts are reached. Reconciliation matches these against the marker of an attempt.
 */
export const listPostsByAuthor = async (
  client: LinkedinClient,
  author: string,
  sinceMs: number,
  maxPages = 5,
  pageSize = 50,
): Promise<LinkedinPostSummary[]> => {
  const out: LinkedinPostSummary[] = [];
  for (let page = 0; page < maxPages; page += 1) {
    const { body } = await client.request<{ elements?: RawPost[]; paging?: { total?: number } }>({
      method: 'GET',
      path: '/posts',
      query: restliQuery({ author, q: 'author', count: pageSize, start: page * pageSize, sortBy: 'LAST_MODIFIED' }),
      retry: 'safe',
    });
    const rows = (body.elements ?? []).map(toSummary);
    out.push(...rows.filter((p) => (p.createdAt ?? p.publishedAt ?? Infinity) >= sinceMs));
    const older = rows.some((p) => (p.createdAt ?? Infinity) < sinceMs);
    if (rows.length < pageSize || older) break;
  }
  return out;
};
