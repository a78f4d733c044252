import type { DoctorCheck } from '../../deps/service-deps.js';
import { l } from '../../i18n/localized.js';
import { facebookCredentials, graphClientFor } from './credentials.js';
import { checkTokenHealth } from './token-health.js';

/** Doctor's Facebook token check (debug_token) for the current brand; skipped in dry-run. */
export const facebookTokenCheck: DoctorCheck = async ({ env, clock }, config) => {
  if (!config) return [];
  const brandSlug = config.currentBrand;
  const brand = config.brands[brandSlug];
  if (!brand) return [];
  const found = facebookCredentials({ env, config, brandSlug, brand });
  if (!found.ok) {
    return [
      {
        id: 'facebook-token',
        status: 'info',
        message: l(
          `Facebook token not checked: ${found.missing.join(' and ')} not set (publishing is a dry run).`,
          `Jeton Facebook non vérifié : ${found.missing.join(' et ')} non défini${found.missing.length > 1 ? 's' : ''} (la publication est simulée).`,
        ),
        fix: l('See docs/PUBLISHING.md, "Token setup".', 'Voir docs/PUBLISHING.md, « Jeton ».'),
      },
    ];
  }
  // Doctor must answer quickly: one retry, a short timeout.
  const client = graphClientFor({ env, config, brandSlug, brand }, found.credentials, {
    retries: 1,
    timeoutMs: Math.min(config.facebook.timeoutMs, 10_000),
  });
  try {
    return (await checkTokenHealth(client, found.credentials, clock.now())).results;
  } finally {
    client.close();
  }
};
