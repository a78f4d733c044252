import type { CheckResult } from '../../domain/checks.js';
import type { DoctorCheck } from '../../deps/service-deps.js';
import { brandPlatform } from '../../config/platforms.js';
import { l } from '../../i18n/localized.js';
import { linkedinClientFor, linkedinCredentials, linkedinTokensFor } from './credentials.js';
import { isLinkedinError } from './errors.js';
import { tokenReminders } from './oauth.js';
import { listPostsByAuthor } from './posts.js';

export const LINKEDIN_SCOPES = ['w_organization_social', 'r_organization_social', 'rw_organization_admin'];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Doctor's LinkedIn checks (only when the brand publishes there): credentials, the token
 * (introspection: active, permissions, expiry; refresh possible or not), and one read of the
 * organization's posts, which proves the API version is served and the member has a role there.
 */
export const linkedinCheck: DoctorCheck = async ({ env, clock, paths }, config) => {
  if (!config) return [];
  const brandSlug = config.currentBrand;
  const brand = config.brands[brandSlug];
  if (!brand || !brandPlatform(brand, 'linkedin')) return [];
  const src = { env, config, brandSlug, brand, home: paths.root };
  const found = linkedinCredentials(src);
  if (!found.ok)
    return [
      {
        id: 'linkedin-token',
        status: 'fail',
        message: l(
          `LinkedIn: ${found.missing.join(' and ')} not set.`,
          `LinkedIn : ${found.missing.join(' et ')} non défini.`,
        ),
        fix: l('See docs/SETUP.md, "LinkedIn".', 'Voir docs/SETUP.md, « LinkedIn ».'),
      },
    ];
  const out: CheckResult[] = [];
  const tokens = linkedinTokensFor(src, found.credentials);
  const state = tokens.state();
  const fail = (id: string, error: unknown): CheckResult => ({
    id,
    status: 'fail',
    message: isLinkedinError(error) ? error.localized : l(String(error), String(error)),
    fix: isLinkedinError(error) ? error.fix : undefined,
  });
  try {
    const info = await tokens.introspect();
    if (!info)
      out.push({
        id: 'linkedin-token',
        status: 'info',
        message: l(
          'LinkedIn token not introspected: LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET are not set (expiry unknown, no automatic refresh).',
          'Jeton LinkedIn non inspecté : LINKEDIN_CLIENT_ID et LINKEDIN_CLIENT_SECRET non définis (expiration inconnue, pas de renouvellement automatique).',
        ),
      });
    else if (!info.active)
      out.push({
        id: 'linkedin-token',
        status: 'fail',
        message: l(
          `The LinkedIn token is ${info.status ?? 'inactive'}.`,
          `Le jeton LinkedIn est ${info.status ?? 'inactif'}.`,
        ),
        fix: l(
          'Authorize the app again (docs/SETUP.md, "LinkedIn").',
          'Autorisez l’app de nouveau (docs/SETUP.md, « LinkedIn »).',
        ),
      });
    else {
      const missing = LINKEDIN_SCOPES.filter((s) => !info.scopes.includes(s));
      out.push(
        missing.length
          ? {
              id: 'linkedin-scopes',
              status: 'fail',
              message: l(
                `The LinkedIn token lacks: ${missing.join(', ')}.`,
                `Il manque au jeton LinkedIn : ${missing.join(', ')}.`,
              ),
              fix: l(
                'Add the Community Management API product and authorize again (docs/SETUP.md, "LinkedIn").',
                'Ajoutez le produit Community Management API et autorisez de nouveau (docs/SETUP.md, « LinkedIn »).',
              ),
            }
          : {
              id: 'linkedin-scopes',
              status: 'ok',
              message: l(
                'The LinkedIn token has the needed permissions.',
                'Le jeton LinkedIn a les permissions nécessaires.',
              ),
            },
      );
    }
    const reminders = tokenReminders(state, info, clock.now().getTime(), config.linkedin.tokenReminderDays);
    for (const r of reminders)
      out.push({
        id: `linkedin-${r.which}-expiry`,
        status: 'warn',
        message: l(
          `The LinkedIn ${r.which} token expires on ${day(r.expiresAt)} (${r.daysLeft} days).`,
          `Le jeton ${r.which === 'access' ? 'd’accès' : 'de renouvellement'} LinkedIn expire le ${day(r.expiresAt)} (${r.daysLeft} jours).`,
        ),
        fix:
          r.which === 'access' && state.canRefresh
            ? l(
                'It is refreshed automatically with the refresh token.',
                'Il est renouvelé automatiquement avec le jeton de renouvellement.',
              )
            : l(
                'Authorize the app again and update <home>/.env (docs/SETUP.md, "LinkedIn").',
                'Autorisez l’app de nouveau et mettez <home>/.env à jour (docs/SETUP.md, « LinkedIn »).',
              ),
      });
    if (!state.canRefresh)
      out.push({
        id: 'linkedin-refresh',
        status: 'info',
        message: l(
          'No LinkedIn refresh token: the 60-day access token must be renewed by hand (autoscale reminds you before it expires).',
          'Pas de jeton de renouvellement LinkedIn : le jeton d’accès de 60 jours doit être renouvelé à la main (autoscale vous le rappelle avant l’échéance).',
        ),
      });
  } catch (error) {
    out.push(fail('linkedin-token', error));
  }
  const client = linkedinClientFor(src, found.credentials, tokens, {
    retries: 1,
    timeoutMs: Math.min(config.linkedin.timeoutMs, 10_000),
  });
  try {
    await listPostsByAuthor(client, found.credentials.organizationUrn, clock.now().getTime() - 86_400_000, 1, 1);
    out.push({
      id: 'linkedin-organization',
      status: 'ok',
      message: l(
        `LinkedIn organization ${found.credentials.organizationId} readable with API version ${found.credentials.version}.`,
        `Organisation LinkedIn ${found.credentials.organizationId} lisible avec la version d’API ${found.credentials.version}.`,
      ),
    });
  } catch (error) {
    out.push(fail('linkedin-organization', error));
  }
  return out;
};
