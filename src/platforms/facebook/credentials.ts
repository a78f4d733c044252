import type { BrandConfig, Config } from '../../config/schema.js';
import type { Environment } from '../../config/secrets.js';
import { createGraphClient, type GraphClient, type GraphClientOptions } from './client.js';

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';

export interface FacebookCredentials {
  pageId: string;
  accessToken: string;
  /** Which variable held the token (never its value), for messages. */
  tokenVariable: string;
  appSecret: string | undefined;
  appId: string | undefined;
  baseUrl: string;
  version: string;
}

export interface CredentialSource {
  env: Environment;
  config: Config;
  brandSlug: string;
  brand: BrandConfig;
}

export const brandEnvSuffix = (slug: string): string => slug.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/**
 * The Page and token a brand publishes with: the brand's own token variable
 * (FACEBOOK_ACCESS_TOKEN_<BRAND>) wins over the shared FACEBOOK_ACCESS_TOKEN; the Page id comes
 * from the brand config, else FACEBOOK_PAGE_ID. Returns what is missing instead of throwing, so
 * the caller can fall back to the dry-run publisher and say why.
 */
export const facebookCredentials = (
  src: CredentialSource,
): { ok: true; credentials: FacebookCredentials } | { ok: false; missing: string[] } => {
  const suffix = brandEnvSuffix(src.brandSlug);
  const tokenVariable = src.env.get(`FACEBOOK_ACCESS_TOKEN_${suffix}`)
    ? `FACEBOOK_ACCESS_TOKEN_${suffix}`
    : 'FACEBOOK_ACCESS_TOKEN';
  const accessToken = src.env.get(tokenVariable);
  const pageId =
    src.brand.facebook.pageId ?? src.env.get(`FACEBOOK_PAGE_ID_${suffix}`) ?? src.env.get('FACEBOOK_PAGE_ID');
  const missing: string[] = [];
  if (!accessToken) missing.push('FACEBOOK_ACCESS_TOKEN');
  if (!pageId) missing.push('FACEBOOK_PAGE_ID');
  if (!accessToken || !pageId) return { ok: false, missing };
  return {
    ok: true,
    credentials: {
      pageId,
      accessToken,
      tokenVariable,
      appSecret: src.env.get('FACEBOOK_APP_SECRET'),
      appId: src.env.get('FACEBOOK_APP_ID'),
      baseUrl: src.env.get('FACEBOOK_GRAPH_URL') ?? DEFAULT_GRAPH_URL,
      version: src.config.facebook.graphVersion,
    },
  };
};

/** A client configured from the config's `facebook` section. */
export const graphClientFor = (
  src: CredentialSource,
  credentials: FacebookCredentials,
  extra: Partial<GraphClientOptions> = {},
): GraphClient => {
  const fb = src.config.facebook;
  return createGraphClient({
    baseUrl: credentials.baseUrl,
    version: credentials.version,
    accessToken: credentials.accessToken,
    appSecret: credentials.appSecret,
    timeoutMs: fb.timeoutMs,
    uploadTimeoutMs: fb.uploadTimeoutMs,
    retries: fb.retries,
    retryMinMs: fb.retryMinMs,
    slowdownPercent: fb.slowdownPercent,
    slowdownMaxMs: fb.slowdownMaxMs,
    breakerErrorPercent: fb.breakerErrorPercent,
    breakerVolume: fb.breakerVolume,
    breakerCooldownMs: fb.breakerCooldownMs,
    secrets: src.env.secretValues(),
    ...extra,
  });
};
