import { ExternalError } from '../../errors/errors.js';
import { l, type Localized } from '../../i18n/localized.js';

/**
 * What a LinkedIn failure means:
 * - version_retired: 426 NONEXISTENT_VERSION, the configured `linkedin.apiVersion` is no longer served;
 * - duplicate: 422 DUPLICATE_POST, the same content was already posted: never retried;
 * - token: 401 (65600 invalid, 65601 revoked, 65602 expired; refreshed once when possible);
 * - permission: 403 ACCESS_DENIED (scope or organization role missing);
 * - throttled: 429 (daily quotas, reset at midnight UTC);
 * - invalid: 400/422 other than duplicates, and 404;
 * - media_failed: the uploaded image ended PROCESSING_FAILED or never became AVAILABLE;
 * - transient: a failure where nothing was applied (connection refused, 5xx on a read);
 * - unknown_outcome: a write may have been applied (timeout, reset, 5xx): reconcile first.
 */
export type LinkedinErrorCategory =
  | 'version_retired'
  | 'duplicate'
  | 'token'
  | 'permission'
  | 'throttled'
  | 'invalid'
  | 'media_failed'
  | 'transient'
  | 'unknown_outcome'
  | 'not_configured';

const FIX: Record<LinkedinErrorCategory, Localized> = {
  version_retired: l(
    'LinkedIn no longer serves this API version. Set a current one (YYYYMM, at most about a year old): `autoscale config set linkedin.apiVersion 202609`.',
    'LinkedIn ne sert plus cette version de l’API. Indiquez-en une récente (AAAAMM, d’au plus un an environ) : `autoscale config set linkedin.apiVersion 202609`.',
  ),
  duplicate: l(
    'LinkedIn refused the text as a duplicate of an earlier post. Edit the LinkedIn text; it is never retried automatically.',
    'LinkedIn a refusé le texte comme doublon d’une publication antérieure. Modifiez le texte LinkedIn; ce n’est jamais réessayé automatiquement.',
  ),
  token: l(
    'The LinkedIn token is invalid, revoked or expired. Re-authorize the app (docs/SETUP.md, "LinkedIn"), put the new LINKEDIN_ACCESS_TOKEN (and LINKEDIN_REFRESH_TOKEN) in <home>/.env, then run `autoscale doctor`.',
    'Le jeton LinkedIn est invalide, révoqué ou expiré. Réautorisez l’app (docs/SETUP.md, « LinkedIn »), placez le nouveau LINKEDIN_ACCESS_TOKEN (et LINKEDIN_REFRESH_TOKEN) dans <home>/.env, puis lancez `autoscale doctor`.',
  ),
  permission: l(
    'LinkedIn denied access: the token needs w_organization_social, r_organization_social and rw_organization_admin, and the member must be an administrator or content admin of the organization (docs/SETUP.md, "LinkedIn").',
    'LinkedIn a refusé l’accès : le jeton doit avoir w_organization_social, r_organization_social et rw_organization_admin, et le membre doit être administrateur ou gestionnaire de contenu de l’organisation (docs/SETUP.md, « LinkedIn »).',
  ),
  throttled: l(
    'LinkedIn’s daily call quota is reached (it resets at midnight UTC); autoscale waits before calling again.',
    'Le quota quotidien d’appels LinkedIn est atteint (remis à zéro à minuit UTC); autoscale attend avant de rappeler.',
  ),
  invalid: l(
    'LinkedIn refused the request as invalid; see the message. Check LINKEDIN_ORGANIZATION_ID and the LinkedIn text.',
    'LinkedIn a refusé la requête comme invalide; voyez le message. Vérifiez LINKEDIN_ORGANIZATION_ID et le texte LinkedIn.',
  ),
  media_failed: l(
    'LinkedIn could not process the image; a new upload is made on the next attempt.',
    'LinkedIn n’a pas pu traiter l’image; un nouveau téléversement est fait au prochain essai.',
  ),
  transient: l(
    'LinkedIn had a temporary problem; it is retried automatically.',
    'LinkedIn a eu un problème temporaire; c’est réessayé automatiquement.',
  ),
  unknown_outcome: l(
    'The call may or may not have been applied; autoscale checks the organization’s posts before any retry.',
    'L’appel a peut-être été appliqué; autoscale vérifie les publications de l’organisation avant tout nouvel essai.',
  ),
  not_configured: l(
    'LinkedIn is not configured: set LINKEDIN_ACCESS_TOKEN and LINKEDIN_ORGANIZATION_ID in <home>/.env (docs/SETUP.md, "LinkedIn").',
    'LinkedIn n’est pas configuré : définissez LINKEDIN_ACCESS_TOKEN et LINKEDIN_ORGANIZATION_ID dans <home>/.env (docs/SETUP.md, « LinkedIn »).',
  ),
};

export interface LinkedinErrorInit {
  category: LinkedinErrorCategory;
  message: string;
  httpStatus?: number | undefined;
  /** LinkedIn's `code` (e.g. DUPLICATE_POST) or `serviceErrorCode` (65602). */
  code?: string | undefined;
  serviceErrorCode?: number | undefined;
  sent: boolean;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class LinkedinError extends ExternalError {
  readonly category: LinkedinErrorCategory;
  readonly httpStatus: number | undefined;
  readonly linkedinCode: string | undefined;
  readonly serviceErrorCode: number | undefined;
  readonly sent: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: LinkedinErrorInit) {
    const detail = [init.httpStatus ? `HTTP ${init.httpStatus}` : '', init.code ?? '', init.serviceErrorCode ?? '']
      .filter(Boolean)
      .join(' ');
    super(
      'linkedin',
      l(
        `LinkedIn: ${init.message}${detail ? ` [${detail}]` : ''}.`,
        `LinkedIn : ${init.message}${detail ? ` [${detail}]` : ''}.`,
      ),
      {
        code: `linkedin_${init.category}`,
        fix: FIX[init.category],
        retryable: ['throttled', 'transient', 'media_failed'].includes(init.category),
        details: {
          category: init.category,
          httpStatus: init.httpStatus,
          code: init.code,
          serviceErrorCode: init.serviceErrorCode,
          retryAfterMs: init.retryAfterMs,
        },
        cause: init.cause,
      },
    );
    this.category = init.category;
    this.httpStatus = init.httpStatus;
    this.linkedinCode = init.code;
    this.serviceErrorCode = init.serviceErrorCode;
    this.sent = init.sent;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export const isLinkedinError = (error: unknown): error is LinkedinError => error instanceof LinkedinError;

export interface LinkedinErrorBody {
  status?: number;
  serviceErrorCode?: number;
  code?: string;
  message?: string;
  errorDetails?: { inputErrors?: { code?: string; description?: string }[] };
}

/** Milliseconds to the next midnight UTC (LinkedIn's daily quotas reset then; no Retry-After is sent). */
export const untilMidnightUtc = (nowMs: number): number => {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - nowMs;
};

export const classifyLinkedin = (
  status: number,
  body: LinkedinErrorBody | undefined,
  method: string,
): LinkedinErrorCategory => {
  const codes = [body?.code, ...(body?.errorDetails?.inputErrors ?? []).map((e) => e.code)];
  if (status === 426 || codes.includes('NONEXISTENT_VERSION')) return 'version_retired';
  if (codes.includes('DUPLICATE_POST') || (status === 422 && /duplicate/i.test(body?.message ?? '')))
    return 'duplicate';
  if (status === 401) return 'token';
  if (status === 403) return 'permission';
  if (status === 429) return 'throttled';
  if (status >= 500) return method === 'GET' ? 'transient' : 'unknown_outcome';
  return 'invalid';
};
