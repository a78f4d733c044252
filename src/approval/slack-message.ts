import { l, pick, type Lang } from '../i18n/localized.js';
import { shortId } from '../store/ids.js';
import type { ReviewView } from './approval-service.js';
import { friendlySlot, gateLine, styleName } from './wording.js';

/** What a Slack button carries back: post, the version shown, variant, slot seed, confirmed override. */
export interface ButtonValue {
  p: string;
  v: string;
  i?: number;
  s?: string;
  o?: string[];
}

export const ACTION_APPROVE = 'approve_variant';
export const ACTION_REJECT = 'reject_post';
export const ACTION_OPEN = 'open_page';
export const REJECT_CALLBACK = 'reject_reason';
export const REASON_BLOCK = 'reason';
export const REASON_ACTION = 'reason_input';
export const IDEA_BLOCK = 'idea';
export const IDEA_ACTION = 'idea_variant';

export const parseButtonValue = (raw: unknown): ButtonValue | undefined => {
  if (typeof raw !== 'string' || raw.length > 2000) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<ButtonValue>;
    if (typeof v.p !== 'string' || typeof v.v !== 'string') return undefined;
    if (v.i !== undefined && (!Number.isInteger(v.i) || v.i < 1 || v.i > 10)) return undefined;
    if (v.s !== undefined && typeof v.s !== 'string') return undefined;
    if (v.o !== undefined && (!Array.isArray(v.o) || v.o.some((x) => typeof x !== 'string'))) return undefined;
    return v as ButtonValue;
  } catch {
    return undefined;
  }
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const mrkdwnEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const plain = (text: string, max = 75) => ({ type: 'plain_text', text: clip(text, max), emoji: true });

export interface SlackReviewInput {
  view: ReviewView;
  brandName: string;
  lang: Lang;
  timeZone: string;
  slot: { at: Date; seed: string };
  pageUrl?: string | undefined;
  imageUrl?: string | undefined;
}

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/**
 * The interactive review message: the variants (headline, text, quality and gate), the image,
 * the proposed slot, and the buttons. A variant below the gate gets a confirmation dialog that
 * names the reasons ("approve anyway"); its button then carries the confirmed reasons.
 */
export const reviewMessage = (input: SlackReviewInput): SlackMessage => {
  const { view, lang } = input;
  const t = (en: string, fr: string) => pick(l(en, fr), lang);
  const id = shortId(view.post.id);
  const title = t(
    `Post ${id} is ready for review (${input.brandName})`,
    `La publication ${id} est prête pour révision (${input.brandName})`,
  );
  const slotText = friendlySlot(input.slot.at, input.timeZone, lang);
  const blocks: unknown[] = [
    { type: 'header', text: plain(title, 150) },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: clip(
            `${view.post.contentType} · ${view.post.targetDate} · ${t('proposed slot', 'créneau proposé')}${lang === 'fr' ? '\u00a0:' : ':'} *${slotText}*`,
            2900,
          ),
        },
      ],
    },
  ];
  if (input.imageUrl) {
    blocks.push({
      type: 'image',
      image_url: input.imageUrl,
      alt_text: clip(view.variants[0]?.headline ?? title, 1900),
    });
  }
  view.variants.forEach((v, n) => {
    const gate = view.gates[n]!;
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*${v.idx} · ${styleName(v.style, lang)}* — ${mrkdwnEscape(v.headline)}\n_${gateLine(gate, lang)}_\n\n${mrkdwnEscape(v.text)}`,
          2900,
        ),
      },
    });
  });
  const buttons: unknown[] = view.variants.map((v, n) => {
    const gate = view.gates[n]!;
    const value: ButtonValue = { p: view.post.id, v: view.version, i: v.idx, s: input.slot.seed };
    const button: Record<string, unknown> = {
      type: 'button',
      action_id: `${ACTION_APPROVE}_${v.idx}`,
      text: plain(t(`Approve ${v.idx}`, `Approuver ${v.idx}`)),
    };
    if (gate.passed) {
      if (n === bestIndex(view)) button.style = 'primary';
    } else {
      value.o = gate.flags;
      button.confirm = {
        title: plain(t('Approve anyway?', 'Approuver quand même ?'), 100),
        text: { type: 'plain_text', text: clip(gateLine(gate, lang), 300) },
        confirm: plain(t('Approve anyway', 'Approuver quand même'), 30),
        deny: plain(t('Cancel', 'Annuler'), 30),
        style: 'danger',
      };
    }
    button.value = JSON.stringify(value);
    return button;
  });
  buttons.push({
    type: 'button',
    action_id: ACTION_REJECT,
    style: 'danger',
    text: plain(t('Reject…', 'Rejeter…')),
    value: JSON.stringify({ p: view.post.id, v: view.version } satisfies ButtonValue),
  });
  if (input.pageUrl) {
    buttons.push({
      type: 'button',
      action_id: ACTION_OPEN,
      text: plain(t('Open review page', 'Ouvrir la page de révision')),
      url: input.pageUrl,
    });
  }
  blocks.push({ type: 'actions', block_id: `review:${view.post.id}`.slice(0, 255), elements: buttons });
  return { text: `:memo: ${title}`, blocks };
};

const bestIndex = (view: ReviewView): number => {
  let best = -1;
  view.gates.forEach((g, n) => {
    if (g.passed && (best < 0 || (g.score ?? 0) > (view.gates[best]!.score ?? 0))) best = n;
  });
  return best;
};

export type Decision =
  | { kind: 'approved'; by: string; variant: number; style: string; headline: string; at: Date; overridden: boolean }
  | { kind: 'rejected'; by: string; reason: string }
  | { kind: 'other'; state: string; by?: string | undefined };

/** The message after a decision: who did what, no buttons left to click twice. */
export const decidedMessage = (
  postId: string,
  brandName: string,
  decision: Decision,
  lang: Lang,
  timeZone: string,
): SlackMessage => {
  const t = (en: string, fr: string) => pick(l(en, fr), lang);
  const id = shortId(postId);
  const who = (by: string) => (/^[UW][A-Z0-9]+$/.test(by) ? `<@${by}>` : by);
  let line: string;
  if (decision.kind === 'approved') {
    const slot = friendlySlot(decision.at, timeZone, lang);
    line = t(
      `:white_check_mark: Approved by ${who(decision.by)}: variant ${decision.variant} (${styleName(decision.style, lang)}), publication ${slot}.${decision.overridden ? ' Below the quality gate, approved anyway.' : ''}`,
      `:white_check_mark: Approuvé par ${who(decision.by)} : variante ${decision.variant} (${styleName(decision.style, lang)}), publication ${slot}.${decision.overridden ? ' Sous le seuil de qualité, approuvé quand même.' : ''}`,
    );
  } else if (decision.kind === 'rejected') {
    line = t(
      `:x: Rejected by ${who(decision.by)}: ${mrkdwnEscape(decision.reason)}`,
      `:x: Rejeté par ${who(decision.by)} : ${mrkdwnEscape(decision.reason)}`,
    );
  } else {
    line = t(
      `This post is now ${decision.state}${decision.by ? ` (${who(decision.by)})` : ''}; nothing left to review here.`,
      `Cette publication est maintenant ${decision.state}${decision.by ? ` (${who(decision.by)})` : ''}; plus rien à réviser ici.`,
    );
  }
  const title = t(`Post ${id} (${brandName})`, `Post ${id} (${brandName})`);
  return {
    text: `${title}: ${line}`,
    blocks: [
      { type: 'header', text: plain(title, 150) },
      { type: 'section', text: { type: 'mrkdwn', text: clip(line, 2900) } },
    ],
  };
};

/** The modal that asks why a post is rejected. */
export const rejectModal = (
  value: ButtonValue,
  message: { channel: string; ts: string } | undefined,
  lang: Lang,
  variants: number[] = [],
) => {
  const t = (en: string, fr: string) => pick(l(en, fr), lang);
  // Optional: one variant's angle kept in the ideas inbox for a later post (docs/CALENDAR.md).
  const idea = variants.length
    ? [
        {
          type: 'input',
          block_id: IDEA_BLOCK,
          optional: true,
          label: plain(t('Keep an angle for a later post', 'Garder un angle pour une publication future'), 2000),
          element: {
            type: 'static_select',
            action_id: IDEA_ACTION,
            placeholder: plain(t('No', 'Non'), 150),
            options: variants.map((i) => ({
              text: plain(t(`Variant ${i}’s angle`, `L’angle de la variante ${i}`), 75),
              value: String(i),
            })),
          },
        },
      ]
    : [];
  return {
    type: 'modal',
    callback_id: REJECT_CALLBACK,
    private_metadata: JSON.stringify({ p: value.p, v: value.v, c: message?.channel, t: message?.ts }),
    title: plain(t('Reject the post', 'Rejeter la publication'), 24),
    submit: plain(t('Reject', 'Rejeter'), 24),
    close: plain(t('Cancel', 'Annuler'), 24),
    blocks: [
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: plain(t('Why? (the optimizer learns from it)', 'Pourquoi ? (l’optimiseur en tient compte)'), 2000),
        element: { type: 'plain_text_input', action_id: REASON_ACTION, multiline: true, max_length: 500 },
      },
      ...idea,
    ],
  };
};
