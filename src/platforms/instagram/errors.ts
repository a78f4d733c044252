import { ExternalError } from '../../errors/errors.js';
import { l, type Localized } from '../../i18n/localized.js';
import { isGraphError, TOKEN_CODES, THROTTLE_CODES } from '../facebook/errors.js';

/**
 * What a failure of the Instagram content-publishing API means (error-codes reference, 2026):
 * - not_ready: 9007/2207027, the container is still being processed: wait, publish again (nothing was published);
 * - fetch_failed: 9004/2207052 or -2/2207003, Meta could not download the image from its URL;
 * - container_error: the container ended in ERROR: a new container next attempt;
 * - expired: -2/2207020, 24/2207006/2207008, the container expired (24 h): a new container;
 * - media_invalid: 36000/36001/36003 (size, format, aspect ratio), 100/2207023: the image must change;
 * - caption_invalid: 36004/2207010 (over 2,200 characters, 30 hashtags or 20 mentions);
 * - quota: 9/2207042, the rolling-24-h publishing quota is used up: wait;
 * - spam: 4/2207051, the action was restricted as spam: pause for hours;
 * - restricted: 25/2207050, the Instagram account is restricted;
 * - token / permission / throttled / transient / unknown_outcome / invalid: as for Facebook.
 */
export type InstagramErrorCategory =
  | 'not_ready'
  | 'fetch_failed'
  | 'container_error'
  | 'expired'
  | 'media_invalid'
  | 'caption_invalid'
  | 'quota'
  | 'spam'
  | 'restricted'
  | 'token'
  | 'permission'
  | 'throttled'
  | 'transient'
  | 'unknown_outcome'
  | 'invalid'
  | 'no_account';

export const classifyInstagram = (
  code: number | undefined,
  subcode: number | undefined,
  httpStatus: number | undefined,
): InstagramErrorCategory | undefined => {
  if (code === 9007 || subcode === 2207027) return 'not_ready';
  if (code === 9004 || subcode === 2207052 || subcode === 2207003) return 'fetch_failed';
  if (subcode === 2207020 || subcode === 2207008 || subcode === 2207006) return 'expired';
  if (code === 9 || subcode === 2207042) return 'quota';
  if (subcode === 2207051) return 'spam';
  if (code === 25 || subcode === 2207050) return 'restricted';
  if (code === 36004 || subcode === 2207010) return 'caption_invalid';
  if (code === 36000 || code === 36001 || code === 36003 || subcode === 2207023 || subcode === 2207004)
    return 'media_invalid';
  if (subcode === 2207005 || subcode === 2207009) return 'media_invalid';
  if (code === -1 || subcode === 2207001 || subcode === 2207032) return 'transient';
  if (code !== undefined && TOKEN_CODES.has(code)) return 'token';
  if (code !== undefined && THROTTLE_CODES.has(code)) return 'throttled';
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return 'permission';
  if (httpStatus !== undefined && httpStatus >= 500) return 'unknown_outcome';
  return undefined;
};

const FIX: Record<InstagramErrorCategory, Localized> = {
  not_ready: l(
    'Instagram is still processing the image; publishing is tried again shortly.',
    'Instagram traite encore l’image; la publication est réessayée sous peu.',
  ),
  fetch_failed: l(
    'Instagram could not download the image from its public URL. Check the media URL set-up (docs/PUBLISHING.md, "Public image URL"): Supabase Storage or `autoscale serve` must be reachable from the internet.',
    'Instagram n’a pas pu télécharger l’image à son adresse publique. Vérifiez l’adresse des médias (docs/PUBLISHING.md, « Adresse publique des images ») : Supabase Storage ou `autoscale serve` doit être joignable depuis Internet.',
  ),
  container_error: l(
    'Instagram refused the uploaded media; a new upload is made on the next attempt.',
    'Instagram a refusé le média téléversé; un nouveau téléversement est fait au prochain essai.',
  ),
  expired: l(
    'The Instagram upload expired (24 h); a new one is made on the next attempt.',
    'Le téléversement Instagram a expiré (24 h); un nouveau est fait au prochain essai.',
  ),
  media_invalid: l(
    'Instagram refused the image (JPEG, 8 MB at most, aspect ratio 4:5 to 1.91:1). Make the image again with `autoscale image <post> --regenerate`.',
    'Instagram a refusé l’image (JPEG, 8 Mo au plus, format 4:5 à 1,91:1). Refaites l’image avec `autoscale image <post> --regenerate`.',
  ),
  caption_invalid: l(
    'Instagram refused the caption (2,200 characters, 30 hashtags and 20 mentions at most). Shorten the Instagram text in the studio.',
    'Instagram a refusé la légende (2 200 caractères, 30 mots-clics et 20 mentions au plus). Raccourcissez le texte Instagram dans le studio.',
  ),
  quota: l(
    'The Instagram publishing quota (rolling 24 hours) is used up; publishing waits until it frees up.',
    'Le quota de publication Instagram (24 heures glissantes) est atteint; la publication attend qu’il se libère.',
  ),
  spam: l(
    'Instagram restricted the action as spam. Publishing to Instagram is paused for hours; check the account in the Instagram app before resuming.',
    'Instagram a restreint l’action comme pourriel. La publication sur Instagram est en pause pour quelques heures; vérifiez le compte dans l’application Instagram avant de reprendre.',
  ),
  restricted: l(
    'The Instagram account is restricted. Resolve it in the Instagram app; publishing to Instagram is paused.',
    'Le compte Instagram est restreint. Réglez-le dans l’application Instagram; la publication sur Instagram est en pause.',
  ),
  token: l(
    'The Page token no longer works for Instagram. Get a new Page token (docs/PUBLISHING.md), put it in FACEBOOK_ACCESS_TOKEN, then run `autoscale doctor`.',
    'Le jeton de Page ne fonctionne plus pour Instagram. Obtenez un nouveau jeton de Page (docs/PUBLISHING.md), placez-le dans FACEBOOK_ACCESS_TOKEN, puis lancez `autoscale doctor`.',
  ),
  permission: l(
    'The token lacks an Instagram permission: it needs instagram_basic, instagram_content_publish, instagram_manage_insights and pages_read_engagement (docs/SETUP.md, "Instagram").',
    'Il manque une permission Instagram au jeton : instagram_basic, instagram_content_publish, instagram_manage_insights et pages_read_engagement (docs/SETUP.md, « Instagram »).',
  ),
  throttled: l(
    'Meta is rate-limiting Instagram calls; autoscale waits before calling again.',
    'Meta limite le débit des appels Instagram; autoscale attend avant de rappeler.',
  ),
  transient: l(
    'Instagram reported a temporary error; it is retried automatically.',
    'Instagram a signalé une erreur temporaire; elle est réessayée automatiquement.',
  ),
  unknown_outcome: l(
    'The call may or may not have been applied; autoscale checks the account’s media before any retry.',
    'L’appel a peut-être été appliqué; autoscale vérifie les médias du compte avant tout nouvel essai.',
  ),
  invalid: l(
    'Instagram refused the request as invalid; see the message.',
    'Instagram a refusé la requête comme invalide; voyez le message.',
  ),
  no_account: l(
    'No Instagram professional account is linked to the Facebook Page. Link one in the Page settings (docs/SETUP.md, "Instagram"), or set INSTAGRAM_USER_ID.',
    'Aucun compte Instagram professionnel n’est lié à la Page Facebook. Liez-en un dans les paramètres de la Page (docs/SETUP.md, « Instagram »), ou définissez INSTAGRAM_USER_ID.',
  ),
};

export interface InstagramErrorInit {
  category: InstagramErrorCategory;
  message: string;
  code?: number | undefined;
  subcode?: number | undefined;
  httpStatus?: number | undefined;
  /** True when the request left this process (a media_publish whose outcome then matters). */
  sent: boolean;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class InstagramError extends ExternalError {
  readonly category: InstagramErrorCategory;
  readonly graphCode: number | undefined;
  readonly subcode: number | undefined;
  readonly sent: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: InstagramErrorInit) {
    const detail = init.code !== undefined ? ` [#${init.code}${init.subcode ? `/${init.subcode}` : ''}]` : '';
    super('instagram', l(`Instagram: ${init.message}${detail}.`, `Instagram : ${init.message}${detail}.`), {
      code: `instagram_${init.category}`,
      fix: FIX[init.category],
      retryable: ['not_ready', 'throttled', 'transient', 'quota', 'expired', 'container_error'].includes(init.category),
      details: { category: init.category, code: init.code, subcode: init.subcode, retryAfterMs: init.retryAfterMs },
      cause: init.cause,
    });
    this.category = init.category;
    this.graphCode = init.code;
    this.subcode = init.subcode;
    this.sent = init.sent;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export const isInstagramError = (error: unknown): error is InstagramError => error instanceof InstagramError;

/** A Graph client failure in Instagram's terms (anything else is returned as is). */
export const toInstagramError = (error: unknown): unknown => {
  if (!isGraphError(error)) return error;
  const category =
    classifyInstagram(error.graphCode, error.subcode, error.httpStatus) ??
    (error.category === 'duplicate' ||
    error.category === 'policy' ||
    error.category === 'circuit_open' ||
    error.category === 'paused'
      ? error.category === 'policy'
        ? 'spam'
        : error.category === 'duplicate'
          ? 'invalid'
          : 'throttled'
      : error.category);
  return new InstagramError({
    category,
    message: error.message
      .replace(/^Facebook: /, '')
      .replace(/ \[[^\]]*\].*$/s, '')
      .replace(/\.$/, ''),
    code: error.graphCode,
    subcode: error.subcode,
    httpStatus: error.httpStatus,
    sent: error.sent,
    retryAfterMs: error.retryAfterMs,
    cause: error,
  });
};
