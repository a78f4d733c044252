import { brandPlatform } from '../../config/platforms.js';
import type { GraphClient, GraphClientOptions } from '../facebook/client.js';
import {
  DEFAULT_GRAPH_URL,
  facebookCredentials,
  graphClientFor,
  type CredentialSource,
} from '../facebook/credentials.js';
import { InstagramError } from './errors.js';
import { linkedInstagramAccount } from './media.js';

export interface InstagramCredentials {
  /** The Page whose token publishes (Instagram API with Facebook Login reuses the Page token). */
  pageId: string;
  accessToken: string;
  appSecret: string | undefined;
  /** From `brand.platforms[instagram].account` or INSTAGRAM_USER_ID; null = found from the Page. */
  igUserId: string | null;
  baseUrl: string;
  version: string;
}

/**
 * What Instagram publishing needs: the Page token and Page id (as for Facebook) and, optionally,
 * the Instagram account id. The Graph host is INSTAGRAM_GRAPH_URL, else FACEBOOK_GRAPH_URL.
 */
export const instagramCredentials = (
  src: CredentialSource,
): { ok: true; credentials: InstagramCredentials } | { ok: false; missing: string[] } => {
  const fb = facebookCredentials(src);
  if (!fb.ok) return fb;
  const configured = brandPlatform(src.brand, 'instagram')?.account ?? src.env.get('INSTAGRAM_USER_ID') ?? null;
  return {
    ok: true,
    credentials: {
      pageId: fb.credentials.pageId,
      accessToken: fb.credentials.accessToken,
      appSecret: fb.credentials.appSecret,
      igUserId: configured,
      baseUrl: src.env.get('INSTAGRAM_GRAPH_URL') ?? src.env.get('FACEBOOK_GRAPH_URL') ?? DEFAULT_GRAPH_URL,
      version: src.config.facebook.graphVersion,
    },
  };
};

/** A Graph client for the Instagram calls, with the `facebook` section's timeouts and breaker. */
export const instagramClientFor = (
  src: CredentialSource,
  credentials: InstagramCredentials,
  extra: Partial<GraphClientOptions> = {},
): GraphClient =>
  graphClientFor(src, { ...credentials, tokenVariable: 'FACEBOOK_ACCESS_TOKEN', appId: undefined }, extra);

/** The configured Instagram account, else the one linked to the Page; a clear error when none is. */
export const resolveInstagramUserId = async (
  client: GraphClient,
  credentials: InstagramCredentials,
): Promise<string> => {
  if (credentials.igUserId) return credentials.igUserId;
  const found = await linkedInstagramAccount(client, credentials.pageId);
  if (!found)
    throw new InstagramError({
      category: 'no_account',
      message: `no Instagram professional account is linked to Page ${credentials.pageId}`,
      sent: false,
    });
  return found;
};
