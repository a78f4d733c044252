import { brandPlatform } from '../config/platforms.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { pick } from '../i18n/localized.js';
import { linkedinCredentials, linkedinTokensFor } from '../platforms/linkedin/credentials.js';
import { isLinkedinError } from '../platforms/linkedin/errors.js';
import { tokenReminders } from '../platforms/linkedin/oauth.js';

export interface TokenNotice {
  detail: string;
  fix: string;
}

/**
 * The daily LinkedIn token check: an access token close to expiry is refreshed when the app can;
 * otherwise, and for a refresh token close to its end (365 days from authorization, never
 * extended), a reminder `linkedin.tokenReminderDays` ahead.
 */
export const linkedinTokenCheck = async (
  deps: ServiceDeps,
): Promise<{ refreshed: boolean; notices: TokenNotice[] }> => {
  if (!brandPlatform(deps.brand, 'linkedin')) return { refreshed: false, notices: [] };
  const src = {
    env: deps.env,
    config: deps.config,
    brandSlug: deps.brandSlug,
    brand: deps.brand,
    home: deps.paths.root,
  };
  const found = linkedinCredentials(src);
  if (!found.ok) return { refreshed: false, notices: [] };
  const lang = deps.config.lang ?? 'fr';
  const tokens = linkedinTokensFor(src, found.credentials);
  const now = deps.clock.now().getTime();
  const days = deps.config.linkedin.tokenReminderDays;
  let refreshed = false;
  try {
    let info = await tokens.introspect();
    if (info && !info.active && tokens.state().canRefresh) {
      refreshed = await tokens.refresh();
      info = await tokens.introspect();
    }
    let reminders = tokenReminders(tokens.state(), info, now, days);
    if (reminders.some((r) => r.which === 'access') && tokens.state().canRefresh) {
      refreshed = (await tokens.refresh()) || refreshed;
      reminders = tokenReminders(tokens.state(), await tokens.introspect(), now, days);
    }
    const notices = reminders.map((r) => ({
      detail: pick(
        {
          en: `The LinkedIn ${r.which} token expires on ${new Date(r.expiresAt).toISOString().slice(0, 10)} (${r.daysLeft} days).`,
          fr: `Le jeton ${r.which === 'access' ? 'd’accès' : 'de renouvellement'} LinkedIn expire le ${new Date(r.expiresAt).toISOString().slice(0, 10)} (${r.daysLeft} jours).`,
        },
        lang,
      ),
      fix: pick(
        {
          en: 'Authorize the app again and put the new LINKEDIN_ACCESS_TOKEN (and LINKEDIN_REFRESH_TOKEN) in <home>/.env (docs/SETUP.md, "LinkedIn").',
          fr: 'Autorisez l’app de nouveau et placez les nouveaux LINKEDIN_ACCESS_TOKEN (et LINKEDIN_REFRESH_TOKEN) dans <home>/.env (docs/SETUP.md, « LinkedIn »).',
        },
        lang,
      ),
    }));
    if (info && !info.active)
      notices.push({
        detail: pick(
          {
            en: `The LinkedIn token is ${info.status ?? 'inactive'}.`,
            fr: `Le jeton LinkedIn est ${info.status ?? 'inactif'}.`,
          },
          lang,
        ),
        fix: pick(
          {
            en: 'Authorize the app again (docs/SETUP.md, "LinkedIn").',
            fr: 'Autorisez l’app de nouveau (docs/SETUP.md, « LinkedIn »).',
          },
          lang,
        ),
      });
    return { refreshed, notices };
  } catch (error) {
    if (!isLinkedinError(error)) throw error;
    return {
      refreshed,
      notices: [{ detail: pick(error.localized, lang), fix: error.fix ? pick(error.fix, lang) : '' }],
    };
  }
};
