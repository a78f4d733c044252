import { ExternalError } from '../../errors/errors.js';
import { l, type Localized } from '../../i18n/localized.js';

/**
 * What the caller must do about a Graph API failure. The category decides retry policy:
 * - transient: safe to retry with backoff (codes 1, 2, `is_transient`);
 * - throttled: stop calling until `retryAfterMs` has passed (4, 17, 32, 80001, 613);
 * - token: the token is dead (190, 102): never retry, reconnect;
 * - permission: a scope or Page role is missing (10, 200–299): never retry;
 * - duplicate: Meta refused the same text twice (506): never retry;
 * - policy: publishing is blocked (368): pause the Page for hours;
 * - invalid: the request itself is wrong (100 and other client errors);
 * - unknown_outcome: the request may have been applied (timeout, reset, 5xx): reconcile, never retry blindly;
 * - circuit_open / paused: nothing was sent; retry after the cool-down.
 */
export type GraphErrorCategory =
  | 'transient'
  | 'throttled'
  | 'token'
  | 'permission'
  | 'duplicate'
  | 'policy'
  | 'invalid'
  | 'unknown_outcome'
  | 'circuit_open'
  | 'paused';

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  fbtrace_id?: string;
  error_user_msg?: string;
}

export const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001]);
export const TOKEN_CODES = new Set([190, 102]);
export const TOKEN_SUBCODES: Record<number, string> = {
  458: 'the app was removed',
  459: 'the user is checkpointed',
  460: 'the password changed',
  463: 'the token expired',
  464: 'the user is unconfirmed',
  467: 'the token is invalid',
  492: 'the user lost the Page role',
};

export const classifyGraphError = (body: GraphErrorBody | undefined, httpStatus: number): GraphErrorCategory => {
  const code = body?.code;
  if (code !== undefined) {
    if (TOKEN_CODES.has(code)) return 'token';
    if (THROTTLE_CODES.has(code)) return 'throttled';
    if (code === 368) return 'policy';
    if (code === 506) return 'duplicate';
    if (code === 10 || (code >= 200 && code <= 299)) return 'permission';
    if (code === 1 || code === 2 || body?.is_transient === true)
      return httpStatus >= 500 ? 'unknown_outcome' : 'transient';
  }
  // A 5xx may come from a proxy after Meta applied the write: the outcome is not known.
  if (httpStatus >= 500) return 'unknown_outcome';
  if (httpStatus === 429) return 'throttled';
  return 'invalid';
};

const FIX: Record<GraphErrorCategory, Localized> = {
  transient: l(
    'Meta reported a temporary error; it is retried automatically.',
    'Meta a signalé une erreur temporaire; elle est réessayée automatiquement.',
  ),
  throttled: l(
    'Meta is rate-limiting this app or Page: autoscale waits before calling again. Nothing to do unless it lasts.',
    'Meta limite le débit de cette app ou Page : autoscale attend avant de rappeler. Rien à faire sauf si cela dure.',
  ),
  token: l(
    'The Facebook token is no longer valid. Get a new non-expiring Page token (docs/PUBLISHING.md, "Token setup"), put it in FACEBOOK_ACCESS_TOKEN in <home>/.env, then run `autoscale doctor`.',
    'Le jeton Facebook n’est plus valide. Obtenez un nouveau jeton de Page sans expiration (docs/PUBLISHING.md, « Jeton »), placez-le dans FACEBOOK_ACCESS_TOKEN dans <home>/.env, puis lancez `autoscale doctor`.',
  ),
  permission: l(
    'The token lacks a permission or the Page role. It needs pages_manage_posts, pages_read_engagement, pages_show_list and read_insights; regenerate it (docs/PUBLISHING.md) and run `autoscale doctor`.',
    'Il manque une permission ou le rôle sur la Page. Il faut pages_manage_posts, pages_read_engagement, pages_show_list et read_insights; régénérez le jeton (docs/PUBLISHING.md) et lancez `autoscale doctor`.',
  ),
  duplicate: l(
    'Meta refused the text as a duplicate of a recent post. Edit the text before publishing again; it is never retried automatically.',
    'Meta a refusé le texte comme doublon d’une publication récente. Modifiez le texte avant de republier; ce n’est jamais réessayé automatiquement.',
  ),
  policy: l(
    'Meta blocked publishing (error 368, policy). Publishing to this Page is paused for hours; review the Page quality in Meta Business Suite before resuming.',
    'Meta a bloqué la publication (erreur 368, règles). La publication sur cette Page est en pause pour quelques heures; vérifiez la qualité de la Page dans Meta Business Suite avant de reprendre.',
  ),
  invalid: l(
    'The request was refused as invalid; see the message. Check the Page id and the Graph version in the config.',
    'La requête a été refusée comme invalide; voyez le message. Vérifiez l’identifiant de Page et la version Graph dans la configuration.',
  ),
  unknown_outcome: l(
    'The call may or may not have been applied; autoscale reconciles with the Page before any retry.',
    'L’appel a peut-être été appliqué; autoscale vérifie sur la Page avant tout nouvel essai.',
  ),
  circuit_open: l(
    'Too many recent failures on this Page: calls are paused for a cool-down, then tried again.',
    'Trop d’échecs récents sur cette Page : les appels sont suspendus le temps d’un refroidissement, puis réessayés.',
  ),
  paused: l(
    'Publishing to this Page is paused after an earlier block or rate limit; it resumes by itself at the time shown.',
    'La publication sur cette Page est en pause après un blocage ou une limite de débit; elle reprend seule à l’heure indiquée.',
  ),
};

export interface GraphErrorInit {
  category: GraphErrorCategory;
  message: string;
  httpStatus?: number | undefined;
  code?: number | undefined;
  subcode?: number | undefined;
  fbtraceId?: string | undefined;
  retryAfterMs?: number | undefined;
  /** True when the request left this process (its outcome matters for exactly-once). */
  sent: boolean;
  cause?: unknown;
}

/** A Graph API failure, already redacted, with what to do about it. */
export class GraphError extends ExternalError {
  readonly category: GraphErrorCategory;
  readonly httpStatus: number | undefined;
  readonly graphCode: number | undefined;
  readonly subcode: number | undefined;
  readonly fbtraceId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly sent: boolean;

  constructor(init: GraphErrorInit) {
    const detail = [
      init.code !== undefined ? `#${init.code}` : '',
      init.subcode ? `/${init.subcode}` : '',
      init.httpStatus ? ` HTTP ${init.httpStatus}` : '',
    ]
      .join('')
      .trim();
    const sub =
      init.category === 'token' && init.subcode
        ? ` (${TOKEN_SUBCODES[init.subcode] ?? 'subcode ' + init.subcode})`
        : '';
    super(
      'facebook',
      l(
        `Facebook: ${init.message}${detail ? ` [${detail}]` : ''}${sub}.`,
        `Facebook : ${init.message}${detail ? ` [${detail}]` : ''}${sub}.`,
      ),
      {
        code: `facebook_${init.category}`,
        fix: FIX[init.category],
        retryable:
          init.category === 'transient' ||
          init.category === 'throttled' ||
          init.category === 'circuit_open' ||
          init.category === 'paused',
        details: {
          category: init.category,
          code: init.code,
          subcode: init.subcode,
          httpStatus: init.httpStatus,
          fbtraceId: init.fbtraceId,
          retryAfterMs: init.retryAfterMs,
        },
        cause: init.cause,
      },
    );
    this.category = init.category;
    this.httpStatus = init.httpStatus;
    this.graphCode = init.code;
    this.subcode = init.subcode;
    this.fbtraceId = init.fbtraceId;
    this.retryAfterMs = init.retryAfterMs;
    this.sent = init.sent;
  }
}

export const isGraphError = (error: unknown): error is GraphError => error instanceof GraphError;
