import type { CheckResult } from '../../domain/checks.js';
import type { DoctorCheck } from '../../deps/service-deps.js';
import { brandPlatform } from '../../config/platforms.js';
import { l } from '../../i18n/localized.js';
import { debugToken } from '../facebook/pages.js';
import { instagramClientFor, instagramCredentials, resolveInstagramUserId } from './credentials.js';
import { isInstagramError } from './errors.js';
import { publishingLimit } from './media.js';

export const INSTAGRAM_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'pages_read_engagement',
];

/**
 * Doctor's Instagram checks for the current brand (only when it publishes there): the Page token,
 * the Instagram account linked to the Page, the token's Instagram permissions, the publishing
 * quota (read from Meta), and where Instagram will fetch images from.
 */
export const instagramCheck: DoctorCheck = async ({ env }, config) => {
  if (!config) return [];
  const brandSlug = config.currentBrand;
  const brand = config.brands[brandSlug];
  if (!brand || !brandPlatform(brand, 'instagram')) return [];
  const out: CheckResult[] = [];
  // Same order as src/publish/media-url.ts: the page server's signed route, Storage, a folder.
  const pageServer =
    config.approval.publicUrl && (env.get('APPROVAL_SIGNING_SECRET') ?? '').length >= 32
      ? `${config.approval.publicUrl.replace(/\/+$/, '')}/m/…`
      : undefined;
  const storage = env.get('SUPABASE_URL') && env.get('SUPABASE_SERVICE_KEY');
  const source = pageServer ?? config.instagram.mediaBaseUrl;
  const media =
    pageServer || storage || config.instagram.mediaBaseUrl
      ? null
      : l(
          'Publish the review page (`approval.publicUrl`, served by `autoscale serve` or the daemon), set up Supabase sync (signed Storage URLs) or `instagram.mediaBaseUrl` (docs/PUBLISHING.md, "Public image URL").',
          'Publiez la page de révision (`approval.publicUrl`, servie par `autoscale serve` ou le démon), configurez la synchro Supabase (adresses signées de Storage) ou `instagram.mediaBaseUrl` (docs/PUBLISHING.md, « Adresse publique des images »).',
        );
  out.push(
    media
      ? {
          id: 'instagram-media-url',
          status: 'fail',
          message: l(
            'Instagram: no public image URL is configured.',
            'Instagram : aucune adresse publique d’image n’est configurée.',
          ),
          fix: media,
        }
      : {
          id: 'instagram-media-url',
          status: 'ok',
          message: l(
            `Instagram images are served from ${source ?? 'Supabase Storage (signed URLs)'}.`,
            `Les images Instagram sont servies depuis ${source ?? 'Supabase Storage (adresses signées)'}.`,
          ),
        },
  );
  const found = instagramCredentials({ env, config, brandSlug, brand });
  if (!found.ok) {
    out.push({
      id: 'instagram-token',
      status: 'fail',
      message: l(
        `Instagram: ${found.missing.join(' and ')} not set (Instagram uses the Facebook Page token).`,
        `Instagram : ${found.missing.join(' et ')} non défini (Instagram utilise le jeton de la Page Facebook).`,
      ),
      fix: l('See docs/SETUP.md, "Instagram".', 'Voir docs/SETUP.md, « Instagram ».'),
    });
    return out;
  }
  const client = instagramClientFor({ env, config, brandSlug, brand }, found.credentials, {
    retries: 1,
    timeoutMs: Math.min(config.facebook.timeoutMs, 10_000),
  });
  try {
    let igUserId: string;
    try {
      igUserId = await resolveInstagramUserId(client, found.credentials);
      out.push({
        id: 'instagram-account',
        status: 'ok',
        message: l(
          `Instagram account ${igUserId} ${found.credentials.igUserId ? '(configured)' : `(linked to Page ${found.credentials.pageId})`}.`,
          `Compte Instagram ${igUserId} ${found.credentials.igUserId ? '(configuré)' : `(lié à la Page ${found.credentials.pageId})`}.`,
        ),
      });
    } catch (error) {
      out.push({
        id: 'instagram-account',
        status: 'fail',
        message: isInstagramError(error) ? error.localized : l(String(error), String(error)),
        fix: isInstagramError(error) ? error.fix : undefined,
      });
      return out;
    }
    const appId = env.get('FACEBOOK_APP_ID');
    const secret = env.get('FACEBOOK_APP_SECRET');
    const info = await debugToken(
      client,
      found.credentials.accessToken,
      appId && secret ? `${appId}|${secret}` : undefined,
    ).catch(() => undefined);
    if (info) {
      const missing = INSTAGRAM_SCOPES.filter((s) => !info.scopes.includes(s));
      out.push(
        missing.length
          ? {
              id: 'instagram-scopes',
              status: 'fail',
              message: l(
                `The Page token lacks Instagram permissions: ${missing.join(', ')}.`,
                `Il manque des permissions Instagram au jeton de Page : ${missing.join(', ')}.`,
              ),
              fix: l(
                'Regenerate the token with them (docs/SETUP.md, "Instagram").',
                'Régénérez le jeton avec elles (docs/SETUP.md, « Instagram »).',
              ),
            }
          : {
              id: 'instagram-scopes',
              status: 'ok',
              message: l(
                'The Page token has the Instagram permissions.',
                'Le jeton de Page a les permissions Instagram.',
              ),
            },
      );
    }
    try {
      const limit = await publishingLimit(client, igUserId);
      out.push({
        id: 'instagram-quota',
        status: limit && limit.usage >= limit.total ? 'warn' : 'ok',
        message: limit
          ? l(
              `Instagram publishing quota: ${limit.usage} of ${limit.total} used in the last ${Math.round(limit.durationSeconds / 3600)} h.`,
              `Quota de publication Instagram : ${limit.usage} sur ${limit.total} utilisés dans les ${Math.round(limit.durationSeconds / 3600)} dernières heures.`,
            )
          : l('Instagram did not report a publishing quota.', 'Instagram n’a pas indiqué de quota de publication.'),
      });
    } catch (error) {
      out.push({
        id: 'instagram-quota',
        status: 'fail',
        message: isInstagramError(error) ? error.localized : l(String(error), String(error)),
        fix: isInstagramError(error) ? error.fix : undefined,
      });
    }
    return out;
  } finally {
    client.close();
  }
};
