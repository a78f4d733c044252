import { isPlatform, PLATFORM_LABEL } from '../domain/platform.js';
import { formatLocal } from '../domain/time.js';
import { l, type Localized } from '../i18n/localized.js';

/** What the CLI, `status` and the studio say about one platform post (structural: any layer may pass one). */
export interface PlatformLineInput {
  postId: string;
  platform: string;
  action?: string;
  state: string;
  remoteId: string | null;
  permalink: string | null;
  retryAt?: string | null;
  reason: string | null;
}

const short = (id: string) => id.replace(/-/g, '').slice(-8);
export const platformLabel = (p: string): string => (isPlatform(p) ? PLATFORM_LABEL[p] : p);

export const STATE_LABEL: Record<string, Localized> = {
  scheduled: l('scheduled', 'programmé'),
  publishing: l('publishing', 'publication en cours'),
  unconfirmed: l('unconfirmed (being reconciled)', 'non confirmé (en réconciliation)'),
  published: l('published', 'publié'),
  failed: l('failed', 'échec'),
  cancelled: l('cancelled', 'annulé'),
};

export const describePlatformOutcome = (
  t: (m: Localized) => string,
  o: PlatformLineInput,
  timeZone: string,
): string => {
  const p = platformLabel(o.platform);
  const id = short(o.postId);
  const when = o.retryAt ? formatLocal(new Date(o.retryAt), timeZone) : '';
  switch (o.action) {
    case 'published':
      return t(
        l(
          `${id}: published on ${p} (${o.permalink ?? o.remoteId ?? '?'}).`,
          `${id} : publié sur ${p} (${o.permalink ?? o.remoteId ?? '?'}).`,
        ),
      );
    case 'not_due':
      return t(l(`${id}: ${p} at ${when}.`, `${id} : ${p} à ${when}.`));
    case 'waiting':
    case 'unconfirmed':
      return t(
        l(
          `${id}: ${p} UNCONFIRMED${o.reason ? ` (${o.reason})` : ''}; reconciled before any new attempt${when ? `, next look at ${when}` : ''}.`,
          `${id} : ${p} NON CONFIRMÉ${o.reason ? ` (${o.reason})` : ''}; réconcilié avant tout nouvel essai${when ? `, prochain contrôle à ${when}` : ''}.`,
        ),
      );
    case 'retry_later':
      return t(
        l(
          `${id}: ${p} not published now (${o.reason ?? ''}); next try at ${when}.`,
          `${id} : ${p} pas publié maintenant (${o.reason ?? ''}); prochain essai à ${when}.`,
        ),
      );
    case 'failed':
      return t(l(`${id}: ${p} FAILED: ${o.reason ?? ''}`, `${id} : ${p} ÉCHEC : ${o.reason ?? ''}`));
    default:
      return t(
        l(
          `${id}: ${p} ${t(STATE_LABEL[o.state] ?? l(o.state, o.state))}.`,
          `${id} : ${p} ${t(STATE_LABEL[o.state] ?? l(o.state, o.state))}.`,
        ),
      );
  }
};

export interface PlatformViewInput {
  platform: string;
  state: string;
  slotAt: string | null;
  text: string | null;
  textEdited: boolean;
  permalink: string | null;
  reason: string | null;
}

const VIEW_STATE: Record<string, Localized> = {
  ...STATE_LABEL,
  planned: l('planned (slot drawn at the next pass)', 'prévu (créneau tiré au prochain passage)'),
  not_approved: l('after approval', 'après approbation'),
  approved: l('approved', 'approuvé'),
  measured: l('published, measured', 'publié, mesuré'),
  in_review: l('in review', 'en révision'),
  draft: l('draft', 'brouillon'),
  rejected: l('rejected', 'rejeté'),
};

/** `show`: one block per platform (state, slot, link, the text it publishes). Empty for Facebook alone. */
export const renderPlatformViews = (
  t: (m: Localized) => string,
  views: PlatformViewInput[],
  timeZone: string,
): string => {
  if (views.length <= 1) return '';
  const blocks = views.map((v) => {
    const head = `── ${platformLabel(v.platform)} · ${t(VIEW_STATE[v.state] ?? l(v.state, v.state))}${
      v.slotAt ? ` · ${formatLocal(new Date(v.slotAt), timeZone)}` : ''
    }`;
    const lines = [head];
    if (v.permalink) lines.push(v.permalink);
    if (v.reason && v.state !== 'published') lines.push(v.reason);
    if (v.platform !== 'facebook' && v.text)
      lines.push(
        `${t(v.textEdited ? l('Text (edited):', 'Texte (modifié) :') : l('Text (adapted):', 'Texte (adapté) :'))}\n${v.text}`,
      );
    return lines.join('\n');
  });
  return blocks.join('\n\n');
};
