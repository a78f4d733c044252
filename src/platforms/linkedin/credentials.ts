import { join } from 'node:path';
import { brandPlatform } from '../../config/platforms.js';
import type { CredentialSource } from '../facebook/credentials.js';
import { createLinkedinClient, type LinkedinClient, type LinkedinClientOptions } from './client.js';
import { linkedinTokens, type LinkedinTokens } from './oauth.js';
import { organizationUrn } from './posts.js';

export const DEFAULT_LINKEDIN_API_URL = 'https://api.linkedin.com';
export const DEFAULT_LINKEDIN_OAUTH_URL = 'https://www.linkedin.com/oauth/v2';

export interface LinkedinCredentials {
  organizationId: string;
  organizationUrn: string;
  accessToken: string;
  refreshToken: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  baseUrl: string;
  /** The OAuth endpoints' base: LINKEDIN_TOKEN_URL's folder, else `<LINKEDIN_API_URL>/oauth/v2` when the API is overridden. */
  oauthUrl: string;
  version: string;
}

/**
 * LinkedIn's settings: the organization from `brand.platforms[linkedin].account`, else
 * LINKEDIN_ORGANIZATION_ID; the token from LINKEDIN_ACCESS_TOKEN (refreshed with
 * LINKEDIN_REFRESH_TOKEN, LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET when all are set).
 */
export const linkedinCredentials = (
  src: CredentialSource,
): { ok: true; credentials: LinkedinCredentials } | { ok: false; missing: string[] } => {
  const accessToken = src.env.get('LINKEDIN_ACCESS_TOKEN');
  const organizationId = brandPlatform(src.brand, 'linkedin')?.account ?? src.env.get('LINKEDIN_ORGANIZATION_ID');
  const missing: string[] = [];
  if (!accessToken) missing.push('LINKEDIN_ACCESS_TOKEN');
  if (!organizationId) missing.push('LINKEDIN_ORGANIZATION_ID');
  if (!accessToken || !organizationId) return { ok: false, missing };
  const apiOverride = src.env.get('LINKEDIN_API_URL');
  const tokenUrl = src.env.get('LINKEDIN_TOKEN_URL');
  const oauthUrl = tokenUrl
    ? tokenUrl.replace(/\/accessToken\/?$/, '')
    : apiOverride
      ? `${apiOverride.replace(/\/+$/, '')}/oauth/v2`
      : DEFAULT_LINKEDIN_OAUTH_URL;
  const id = organizationId.replace(/^urn:li:organization:/, '');
  return {
    ok: true,
    credentials: {
      organizationId: id,
      organizationUrn: organizationUrn(id),
      accessToken,
      refreshToken: src.env.get('LINKEDIN_REFRESH_TOKEN'),
      clientId: src.env.get('LINKEDIN_CLIENT_ID'),
      clientSecret: src.env.get('LINKEDIN_CLIENT_SECRET'),
      baseUrl: apiOverride ?? DEFAULT_LINKEDIN_API_URL,
      oauthUrl,
      version: src.config.linkedin.apiVersion,
    },
  };
};

export const linkedinTokensFor = (
  src: CredentialSource & { home: string },
  credentials: LinkedinCredentials,
  fetchImpl?: typeof fetch,
): LinkedinTokens =>
  linkedinTokens({
    envAccessToken: credentials.accessToken,
    envRefreshToken: credentials.refreshToken,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    tokenUrl: `${credentials.oauthUrl}/accessToken`,
    introspectUrl: `${credentials.oauthUrl}/introspectToken`,
    storePath: join(src.home, 'linkedin-token.json'),
    timeoutMs: src.config.linkedin.timeoutMs,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });

/** A client that refreshes its token once on 401 when the app can. */
export const linkedinClientFor = (
  src: CredentialSource,
  credentials: LinkedinCredentials,
  tokens: LinkedinTokens,
  extra: Partial<LinkedinClientOptions> = {},
): LinkedinClient => {
  const li = src.config.linkedin;
  return createLinkedinClient({
    baseUrl: credentials.baseUrl,
    version: credentials.version,
    accessToken: () => tokens.current(),
    refresh: () => tokens.refresh(),
    timeoutMs: li.timeoutMs,
    uploadTimeoutMs: li.uploadTimeoutMs,
    retries: li.retries,
    retryMinMs: li.retryMinMs,
    secrets: [...src.env.secretValues(), ...tokens.secrets()],
    ...extra,
  });
};
