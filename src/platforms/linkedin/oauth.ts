import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LinkedinError } from './errors.js';

/**
 * LinkedIn tokens (programmatic refresh tokens, Microsoft Learn): an access token lives 60 days;
 * an app approved for refresh tokens also gets a refresh token that lives 365 days from the
 * member's authorization and is *not* extended by refreshing. After it, the member must
 * authorize again.
 *
 * The access token starts in LINKEDIN_ACCESS_TOKEN. A refreshed one is kept in
 * `<home>/linkedin-token.json` (mode 0600, never in the database), tagged with a hash of the
 * environment token it descends from: putting a new token in the environment makes the file
 * stale at once, so a person re-authorizing never fights an old refreshed token.
 */

export interface StoredLinkedinToken {
  accessToken: string;
  /** Unix ms. */
  expiresAt: number | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: number | null;
  /** First 16 hex of sha256(LINKEDIN_ACCESS_TOKEN) this token replaced. */
  derivedFrom: string;
  refreshedAt: number;
}

export interface LinkedinTokenSource {
  envAccessToken: string;
  envRefreshToken: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** `https://www.linkedin.com/oauth/v2/accessToken` unless overridden. */
  tokenUrl: string;
  /** `https://www.linkedin.com/oauth/v2/introspectToken` unless overridden. */
  introspectUrl: string;
  storePath: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  nowMs?: () => number;
}

export interface TokenState {
  /** Where the token in use comes from. */
  source: 'env' | 'refreshed';
  accessExpiresAt: number | null;
  refreshTokenExpiresAt: number | null;
  canRefresh: boolean;
}

export interface TokenIntrospection {
  active: boolean;
  status: string | null;
  expiresAt: number | null;
  scopes: string[];
}

export interface LinkedinTokens {
  current(): string;
  state(): TokenState;
  /** Exchanges the refresh token for a new access token; false when the app has no refresh token. */
  refresh(): Promise<boolean>;
  /** LinkedIn's token introspection (needs the client id and secret); null without them. */
  introspect(): Promise<TokenIntrospection | null>;
  /** Every token value, for redaction. */
  secrets(): string[];
}

const tag = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

const readStore = (path: string): StoredLinkedinToken | undefined => {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as StoredLinkedinToken;
    return typeof parsed.accessToken === 'string' && typeof parsed.derivedFrom === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
};

const writeStore = (path: string, value: StoredLinkedinToken) => {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(value, null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
};

export const linkedinTokens = (src: LinkedinTokenSource): LinkedinTokens => {
  const doFetch = src.fetch ?? fetch;
  const nowMs = src.nowMs ?? Date.now;
  const envTag = tag(src.envAccessToken);
  const stored = () => {
    const s = readStore(src.storePath);
    return s && s.derivedFrom === envTag ? s : undefined;
  };
  const refreshToken = () => stored()?.refreshToken ?? src.envRefreshToken;
  const canRefresh = () => !!(refreshToken() && src.clientId && src.clientSecret);

  const form = async (url: string, fields: Record<string, string>) => {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        signal: AbortSignal.timeout(src.timeoutMs),
      });
    } catch (cause) {
      throw new LinkedinError({
        category: 'transient',
        message: `token endpoint unreachable (${(cause as Error)?.name ?? 'network'})`,
        sent: false,
      });
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { ok: response.ok, status: response.status, body };
  };

  return {
    current: () => stored()?.accessToken ?? src.envAccessToken,
    state: () => {
      const s = stored();
      return {
        source: s ? 'refreshed' : 'env',
        accessExpiresAt: s?.expiresAt ?? null,
        refreshTokenExpiresAt: s?.refreshTokenExpiresAt ?? null,
        canRefresh: canRefresh(),
      };
    },
    refresh: async () => {
      const rt = refreshToken();
      if (!rt || !src.clientId || !src.clientSecret) return false;
      const { ok, status, body } = await form(src.tokenUrl, {
        grant_type: 'refresh_token',
        refresh_token: rt,
        client_id: src.clientId,
        client_secret: src.clientSecret,
      });
      if (!ok || typeof body.access_token !== 'string') {
        const reason = typeof body.error_description === 'string' ? body.error_description : `HTTP ${status}`;
        throw new LinkedinError({
          category: 'token',
          message: `the refresh token was refused (${reason}); the member must authorize the app again`,
          httpStatus: status,
          sent: false,
        });
      }
      const now = nowMs();
      writeStore(src.storePath, {
        accessToken: body.access_token,
        expiresAt: typeof body.expires_in === 'number' ? now + body.expires_in * 1000 : null,
        refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : rt,
        refreshTokenExpiresAt:
          typeof body.refresh_token_expires_in === 'number' ? now + body.refresh_token_expires_in * 1000 : null,
        derivedFrom: envTag,
        refreshedAt: now,
      });
      return true;
    },
    introspect: async () => {
      if (!src.clientId || !src.clientSecret) return null;
      const token = stored()?.accessToken ?? src.envAccessToken;
      const { ok, status, body } = await form(src.introspectUrl, {
        client_id: src.clientId,
        client_secret: src.clientSecret,
        token,
      });
      if (!ok)
        throw new LinkedinError({
          category: status === 401 ? 'permission' : 'invalid',
          message: `token introspection refused (HTTP ${status}); check LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET`,
          httpStatus: status,
          sent: false,
        });
      return {
        active: body.active === true,
        status: typeof body.status === 'string' ? body.status : null,
        expiresAt: typeof body.expires_at === 'number' ? body.expires_at * 1000 : null,
        scopes: typeof body.scope === 'string' ? body.scope.split(/[,\s]+/).filter(Boolean) : [],
      };
    },
    secrets: () =>
      [src.envAccessToken, src.envRefreshToken, src.clientSecret, stored()?.accessToken, stored()?.refreshToken].filter(
        (s): s is string => !!s && s.length >= 6,
      ),
  };
};

export interface TokenReminder {
  which: 'access' | 'refresh';
  expiresAt: number;
  daysLeft: number;
}

/** The tokens that expire within `days` (the daemon's daily check raises a reminder for each). */
export const tokenReminders = (
  state: TokenState,
  introspected: TokenIntrospection | null,
  nowMs: number,
  days: number,
): TokenReminder[] => {
  const out: TokenReminder[] = [];
  const access = introspected?.expiresAt ?? state.accessExpiresAt;
  const horizon = nowMs + days * 86_400_000;
  if (access !== null && access <= horizon)
    out.push({ which: 'access', expiresAt: access, daysLeft: Math.max(0, Math.floor((access - nowMs) / 86_400_000)) });
  const refresh = state.refreshTokenExpiresAt;
  if (refresh !== null && refresh <= horizon)
    out.push({
      which: 'refresh',
      expiresAt: refresh,
      daysLeft: Math.max(0, Math.floor((refresh - nowMs) / 86_400_000)),
    });
  return out;
};
