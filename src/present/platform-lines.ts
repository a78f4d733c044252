import type { Fmt } from '../i18n/format.js';
import { l, type Localized } from '../i18n/localized.js';
import { decodeLocalized } from '../i18n/stored.js';
import { labelOf, PLATFORM_LABELS } from './labels.js';

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
/** A platform's name as the reader's language writes it (a newer replica's unknown one as stored). */
export const platformLabel = (p: string, lang: Fmt['lang'] = 'en'): string => labelOf(PLATFORM_LABELS, p)[lang];

/** A stored reason (plain, or both languages as JSON) in the reader's language. */
const reasonText = (f: Fmt, reason: string | null): string => (reason ? f.t(decodeLocalized(reason)) : '');

/** A sentence's final period, once: English times end with one already ("1:05 p.m."). */
const stop = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** « le mardi 8 décembre, 13 h 05 », "on Tuesday, December 8, 1:05 p.m.". */
const onSlot = (f: Fmt, at: string, timeZone: string) =>
  `${f.lang === 'fr' ? 'le' : 'on'} ${f.slot(new Date(at), timeZone)}`;

export const STATE_LABEL: Record<string, Localized> = {
  scheduled: l('scheduled', 'programmé'),
  publishing: l('publishing', 'publication en cours'),
  unconfirmed: l('unconfirmed (being reconciled)', 'non confirmé (en réconciliation)'),
  published: l('published', 'publié'),
  failed: l('failed', 'échec'),
  cancelled: l('cancelled', 'annulé'),
};

export const describePlatformOutcome = (f: Fmt, o: PlatformLineInput, timeZone: string): string => {
  const { t } = f;
  const p = platformLabel(o.platform, f.lang);
  const id = short(o.postId);
  const when = o.retryAt ? onSlot(f, o.retryAt, timeZone) : '';
  const reason = reasonText(f, o.reason);
  switch (o.action) {
    case 'published':
      return t(
        l(
          `${id}: published on ${p} (${o.permalink ?? o.remoteId ?? '?'}).`,
          `${id} : publiée sur ${p} (${o.permalink ?? o.remoteId ?? '?'}).`,
        ),
      );
    case 'not_due':
      return t(l(stop(`${id}: ${p} ${when}`), stop(`${id} : ${p} ${when}`)));
    case 'waiting':
    case 'unconfirmed':
      return t(
        l(
          stop(
            `${id}: ${p} UNCONFIRMED${reason ? ` (${reason})` : ''}; reconciled before any new attempt${when ? `, next look ${when}` : ''}`,
          ),
          `${id} : ${p} NON CONFIRMÉE${reason ? ` (${reason})` : ''}; réconciliée avant tout nouvel essai${when ? `, prochain contrôle ${when}` : ''}.`,
        ),
      );
    case 'retry_later':
      return t(
        l(
          stop(`${id}: ${p} not published now (${reason}); next try ${when}`),
          `${id} : ${p} pas publiée maintenant (${reason}); prochain essai ${when}.`,
        ),
      );
    case 'failed':
      return t(l(`${id}: ${p} FAILED: ${reason}`, `${id} : ${p} ÉCHEC : ${reason}`));
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
export const renderPlatformViews = (f: Fmt, views: PlatformViewInput[], timeZone: string): string => {
  const { t } = f;
  if (views.length <= 1) return '';
  const blocks = views.map((v) => {
    const head = `── ${platformLabel(v.platform, f.lang)} · ${t(VIEW_STATE[v.state] ?? l(v.state, v.state))}${
      v.slotAt ? ` · ${f.dateTime(new Date(v.slotAt), timeZone)}` : ''
    }`;
    const lines = [head];
    if (v.permalink) lines.push(v.permalink);
    if (v.reason && v.state !== 'published') lines.push(reasonText(f, v.reason));
    if (v.platform !== 'facebook' && v.text)
      lines.push(
        `${t(v.textEdited ? l('Text (edited):', 'Texte (modifié) :') : l('Text (adapted):', 'Texte (adapté) :'))}\n${v.text}`,
      );
    return lines.join('\n');
  });
  return blocks.join('\n\n');
};
