import { l, type Localized } from '../../i18n/localized.js';
import type { CheckResult } from '../../domain/checks.js';
import type { GraphClient } from './client.js';
import { isGraphError } from './errors.js';
import type { FacebookCredentials } from './credentials.js';
import { debugToken, type TokenDebug } from './pages.js';

export const PUBLISH_SCOPES = ['pages_manage_posts', 'pages_read_engagement', 'pages_show_list'] as const;
export const INSIGHTS_SCOPES = ['read_insights'] as const;
/** Below this, an expiry is worth a warning: time to get a new token calmly. */
export const EXPIRY_WARN_DAYS = 14;

const RECONNECT: Localized = l(
  'Get a non-expiring Page token (docs/PUBLISHING.md, "Token setup"): Graph API Explorer → user token with pages_manage_posts, pages_read_engagement, pages_show_list, read_insights → exchange for a long-lived user token → GET /me/accounts → copy the Page access_token into FACEBOOK_ACCESS_TOKEN in <home>/.env.',
  'Obtenez un jeton de Page sans expiration (docs/PUBLISHING.md, « Jeton ») : Graph API Explorer → jeton utilisateur avec pages_manage_posts, pages_read_engagement, pages_show_list, read_insights → échange contre un jeton longue durée → GET /me/accounts → copiez l’access_token de la Page dans FACEBOOK_ACCESS_TOKEN dans <home>/.env.',
);

export interface TokenHealth {
  ok: boolean;
  debug: TokenDebug | null;
  results: CheckResult[];
}

const day = 86_400_000;
const when = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

/**
 * `debug_token` judged for publishing: valid, a PAGE token of the configured Page, with the
 * scopes publishing and insights need, and no expiry close. The daemon runs it daily; doctor
 * shows it.
 */
export const checkTokenHealth = async (
  client: GraphClient,
  creds: FacebookCredentials,
  now: Date,
): Promise<TokenHealth> => {
  const appToken = creds.appId && creds.appSecret ? `${creds.appId}|${creds.appSecret}` : undefined;
  let debug: TokenDebug;
  try {
    debug = await debugToken(client, creds.accessToken, appToken);
  } catch (error) {
    const dead = isGraphError(error) && (error.category === 'token' || error.category === 'permission');
    const message = isGraphError(error) ? error.localized : l('debug_token failed.', 'debug_token a échoué.');
    return {
      ok: false,
      debug: null,
      results: [
        {
          id: 'facebook-token',
          status: dead ? 'fail' : 'warn',
          message,
          fix: dead
            ? RECONNECT
            : l(
                'Retry later; the token could not be checked.',
                'Réessayez plus tard; le jeton n’a pas pu être vérifié.',
              ),
        },
      ],
    };
  }
  const results: CheckResult[] = [];
  if (!debug.isValid) {
    results.push({
      id: 'facebook-token',
      status: 'fail',
      message: l(
        `The Facebook token (${creds.tokenVariable}) is not valid${debug.error ? `: ${debug.error}` : ''}.`,
        `Le jeton Facebook (${creds.tokenVariable}) n’est pas valide${debug.error ? ` : ${debug.error}` : ''}.`,
      ),
      fix: RECONNECT,
    });
    return { ok: false, debug, results };
  }
  results.push({
    id: 'facebook-token',
    status: 'ok',
    message: l(`Facebook token valid (${creds.tokenVariable}).`, `Jeton Facebook valide (${creds.tokenVariable}).`),
  });
  if (debug.type !== 'PAGE') {
    results.push({
      id: 'facebook-token-type',
      status: 'fail',
      message: l(
        `The token is a ${debug.type ?? 'unknown'} token, not a PAGE token.`,
        `Le jeton est de type ${debug.type ?? 'inconnu'}, pas PAGE.`,
      ),
      fix: RECONNECT,
    });
  }
  if (debug.profileId && debug.profileId !== creds.pageId) {
    results.push({
      id: 'facebook-token-page',
      status: 'fail',
      message: l(
        `The token belongs to Page ${debug.profileId}, but the configured Page is ${creds.pageId}.`,
        `Le jeton appartient à la Page ${debug.profileId}, mais la Page configurée est ${creds.pageId}.`,
      ),
      fix: l(
        'Use the token of the configured Page, or fix brands.<brand>.facebook.pageId / FACEBOOK_PAGE_ID.',
        'Utilisez le jeton de la Page configurée, ou corrigez brands.<marque>.facebook.pageId / FACEBOOK_PAGE_ID.',
      ),
    });
  }
  const missingPublish = PUBLISH_SCOPES.filter((s) => !debug.scopes.includes(s));
  const missingInsights = INSIGHTS_SCOPES.filter((s) => !debug.scopes.includes(s));
  if (missingPublish.length) {
    results.push({
      id: 'facebook-token-scopes',
      status: 'fail',
      message: l(
        `The token lacks ${missingPublish.join(', ')} (needed to publish).`,
        `Il manque au jeton ${missingPublish.join(', ')} (nécessaire pour publier).`,
      ),
      fix: RECONNECT,
    });
  }
  if (missingInsights.length) {
    results.push({
      id: 'facebook-token-insights',
      status: 'warn',
      message: l(
        `The token lacks ${missingInsights.join(', ')}: metrics cannot be read.`,
        `Il manque au jeton ${missingInsights.join(', ')} : les statistiques ne peuvent pas être lues.`,
      ),
      fix: RECONNECT,
    });
  }
  if (!missingPublish.length && !missingInsights.length) {
    results.push({
      id: 'facebook-token-scopes',
      status: 'ok',
      message: l(
        'Token scopes cover publishing and insights.',
        'Les permissions du jeton couvrent la publication et les statistiques.',
      ),
    });
  }
  for (const [label, value] of [
    ['expires_at', debug.expiresAt],
    ['data_access_expires_at', debug.dataAccessExpiresAt],
  ] as const) {
    if (value === null || value === 0) {
      if (label === 'expires_at')
        results.push({
          id: 'facebook-token-expiry',
          status: 'ok',
          message: l('The token never expires (expires_at = 0).', 'Le jeton n’expire jamais (expires_at = 0).'),
        });
      continue;
    }
    const left = value * 1000 - now.getTime();
    const id = `facebook-token-${label.replace(/_/g, '-')}`;
    if (left <= 0)
      results.push({
        id,
        status: 'fail',
        message: l(`Token ${label} passed on ${when(value)}.`, `Le ${label} du jeton est passé le ${when(value)}.`),
        fix: RECONNECT,
      });
    else if (left < EXPIRY_WARN_DAYS * day)
      results.push({
        id,
        status: 'warn',
        message: l(
          `Token ${label} is on ${when(value)} (in ${Math.ceil(left / day)} days).`,
          `Le ${label} du jeton tombe le ${when(value)} (dans ${Math.ceil(left / day)} jours).`,
        ),
        fix: RECONNECT,
      });
    else
      results.push({
        id,
        status: 'ok',
        message: l(`Token ${label} on ${when(value)}.`, `${label} du jeton : ${when(value)}.`),
      });
  }
  return { ok: !results.some((r) => r.status === 'fail'), debug, results };
};
