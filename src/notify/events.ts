import { formatLocal } from '../domain/time.js';
import { formatFor } from '../i18n/format.js';
import { l, pick, type Lang } from '../i18n/localized.js';
import { shortId } from '../store/ids.js';
import { gateText, type GatePreview } from './gate-line.js';

/** Everything the pipeline tells people about (drafts, publishing, metrics, tokens, restarts). */
export type NotifyEvent =
  | { type: 'draft_ready'; brand: string; postId: string }
  | { type: 'review_reminder'; brand: string; postId: string; windowStart: string }
  | { type: 'review_moved'; brand: string; postId: string; from: string; to: string }
  | {
      type: 'published';
      brand: string;
      postId: string;
      permalink?: string | null;
      fbPostId?: string | null;
      /** Absent: Facebook (the events written before Instagram and LinkedIn existed). */
      platform?: string | undefined;
    }
  | { type: 'publish_failed'; brand: string; postId: string; reason: string; platform?: string | undefined }
  | { type: 'publish_unconfirmed'; brand: string; postId: string; reason: string; platform?: string | undefined }
  | { type: 'low_engagement'; brand: string; postId: string; rate: number; threshold: number; basis?: string | null }
  | { type: 'record_engagement'; brand: string; postId: string; rate: number; previousBest?: number | null }
  | { type: 'token_problem'; brand: string; detail: string; fix?: string }
  | {
      type: 'daemon_restart';
      host: string;
      pid: number;
      previousPid?: number | null;
      previousStart?: string | null;
      lastTick?: string | null;
    }
  /** systemd gave up on the daemon (OnFailure=): sent at once by a separate process. */
  | { type: 'daemon_failed'; host: string; unit: string; lastTick?: string | null; at: string };

export type NotifyEventType = NotifyEvent['type'];

/** What a draft-ready message shows: filled from the store by the caller. */
export interface DraftPreview {
  contentType: string;
  targetDate: string;
  variants: {
    idx: number;
    style: string;
    headline: string;
    text: string;
    score: number | null;
    /** The quality gate and the similarity flag, shown next to the score. */
    gate?: GatePreview | null | undefined;
  }[];
  /** The picture that goes out (absolute path) and the variant whose headline it carries. */
  image?: { path: string; variant: number | null } | null | undefined;
}

/** A rendered message, stored in the notification job so a retry sends exactly the same thing. */
export interface NotifyMessage {
  subject: string;
  text: string;
  html: string;
  slack: { text: string; blocks: unknown[] };
  /** Files the email carries inline (the post's picture, referenced as cid: in the HTML). */
  attachments?: { filename: string; path: string; cid: string }[] | undefined;
}

export interface RenderContext {
  lang: Lang;
  timeZone: string;
  now: Date;
  preview?: DraftPreview | undefined;
  /** The signed review page of the post, when the approval page is set up. */
  link?: string | undefined;
}

const pct = (rate: number, lang: Lang) => formatFor(lang).percent(rate);
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A stable part of the idempotency key: one notification per event and subject. */
export const eventKey = (e: NotifyEvent): string => {
  switch (e.type) {
    case 'token_problem':
      return `${e.type}:${e.brand}:${e.detail.slice(0, 60)}`;
    case 'review_reminder':
      return `${e.type}:${e.postId}:${e.windowStart}`;
    case 'review_moved':
      return `${e.type}:${e.postId}:${e.from}`;
    case 'daemon_restart':
      return `${e.type}:${e.host}:${e.pid}:${e.previousStart ?? ''}`;
    case 'published':
    case 'publish_failed':
    case 'publish_unconfirmed':
      return e.platform && e.platform !== 'facebook' ? `${e.type}:${e.postId}:${e.platform}` : `${e.type}:${e.postId}`;
    case 'daemon_failed':
      return `${e.type}:${e.host}:${e.unit}:${e.at}`;
    default:
      return `${e.type}:${e.postId}`;
  }
};

const PLATFORM_NAMES: Record<string, string> = { facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn' };
const platformName = (platform: string | undefined) => PLATFORM_NAMES[platform ?? 'facebook'] ?? platform ?? 'Facebook';

export const eventSubject = (e: NotifyEvent): string | null => ('postId' in e ? e.postId : null);

const t = (lang: Lang, en: string, fr: string) => pick(l(en, fr), lang);

/** Title, body lines and the commands to act on it, in the user's language. */
const parts = (
  e: NotifyEvent,
  c: RenderContext,
): { title: string; lines: string[]; commands: string[]; emoji: string } => {
  const L = (en: string, fr: string) => t(c.lang, en, fr);
  switch (e.type) {
    case 'draft_ready': {
      const id = shortId(e.postId);
      const p = c.preview;
      const lines = p
        ? [
            L(
              `${p.contentType} for ${p.targetDate}, ${p.variants.length} variants:`,
              `${p.contentType} pour le ${p.targetDate}, ${p.variants.length} variantes :`,
            ),
            ...p.variants.map(
              (v) =>
                `${v.idx}. ${v.style}${v.score === null ? '' : ` (score ${Math.round(v.score)}${v.gate ? `, ${gateText(v.gate, c.lang)}` : ''})`} — ${v.headline}\n${clip(v.text.replace(/\s+/g, ' '), 280)}`,
            ),
            ...(p.image
              ? [
                  p.image.variant === null
                    ? L(`Image: ${p.image.path}`, `Image : ${p.image.path}`)
                    : L(
                        `Image (headline of variant ${p.image.variant}; approving another variant sets its headline on the same picture): ${p.image.path}`,
                        `Image (titre de la variante ${p.image.variant}; approuver une autre variante met son titre sur la même image) : ${p.image.path}`,
                      ),
                ]
              : []),
          ]
        : [];
      return {
        emoji: ':memo:',
        title: L(
          `Post ${id} is ready for review (${e.brand})`,
          `La publication ${id} est prête pour révision (${e.brand})`,
        ),
        lines: c.link ? [...lines, L(`Review on the phone: ${c.link}`, `Réviser sur le téléphone : ${c.link}`)] : lines,
        commands: [
          `autoscale show ${id}`,
          `autoscale approve ${id} --variant 1`,
          `autoscale reject ${id} --reason "…"`,
        ],
      };
    }
    case 'review_reminder': {
      const id = shortId(e.postId);
      return {
        emoji: ':alarm_clock:',
        title: L(
          `Reminder: post ${id} still waits for review (${e.brand})`,
          `Rappel : la publication ${id} attend toujours une révision (${e.brand})`,
        ),
        lines: [
          L(
            `Its posting window opens at ${formatLocal(new Date(e.windowStart), c.timeZone)}; unreviewed, it moves to the next posting day.`,
            `Sa fenêtre de publication ouvre le ${formatLocal(new Date(e.windowStart), c.timeZone)}; sans révision, il passera au prochain jour de publication.`,
          ),
          ...(c.link ? [L(`Review on the phone: ${c.link}`, `Réviser sur le téléphone : ${c.link}`)] : []),
        ],
        commands: [`autoscale review ${id}`, `autoscale approve ${id} --variant 1`],
      };
    }
    case 'review_moved': {
      const id = shortId(e.postId);
      return {
        emoji: ':arrow_right:',
        title: L(
          `Post ${id} was not reviewed on ${e.from}: moved to ${e.to} (${e.brand})`,
          `La publication ${id} n’a pas été révisée le ${e.from} : reportée au ${e.to} (${e.brand})`,
        ),
        lines: [
          L(
            'Nothing was published. Approve it for the new day, or reject it.',
            'Rien n’a été publié. Approuvez-le pour le nouveau jour, ou rejetez-le.',
          ),
          ...(c.link ? [L(`Review on the phone: ${c.link}`, `Réviser sur le téléphone : ${c.link}`)] : []),
        ],
        commands: [`autoscale review ${id}`, `autoscale reject ${id} --reason "…"`],
      };
    }
    case 'published':
      return {
        emoji: ':white_check_mark:',
        title: L(
          `Post ${shortId(e.postId)} is published on ${platformName(e.platform)} (${e.brand})`,
          `La publication ${shortId(e.postId)} est publiée sur ${platformName(e.platform)} (${e.brand})`,
        ),
        lines: [
          e.permalink
            ? e.permalink
            : L(`Facebook id ${e.fbPostId ?? '?'}`, `Identifiant Facebook ${e.fbPostId ?? '?'}`),
        ],
        commands: [`autoscale show ${shortId(e.postId)}`],
      };
    case 'publish_failed':
      return {
        emoji: ':x:',
        title: L(
          `Publishing post ${shortId(e.postId)} on ${platformName(e.platform)} failed (${e.brand})`,
          `La publication ${shortId(e.postId)} sur ${platformName(e.platform)} a échoué (${e.brand})`,
        ),
        lines: [e.reason],
        commands: [`autoscale show ${shortId(e.postId)}`, `autoscale retry ${shortId(e.postId)}`],
      };
    case 'publish_unconfirmed':
      return {
        emoji: ':warning:',
        title: L(
          `Post ${shortId(e.postId)}: ${platformName(e.platform)} publication not confirmed (${e.brand})`,
          `Publication ${shortId(e.postId)} : publication ${platformName(e.platform)} non confirmée (${e.brand})`,
        ),
        lines: [
          e.reason,
          L(
            'Check the Page before retrying; autoscale will not publish it twice on its own.',
            'Vérifiez la Page avant de relancer; autoscale ne le publiera pas deux fois de lui-même.',
          ),
        ],
        commands: [`autoscale show ${shortId(e.postId)}`, 'autoscale status'],
      };
    case 'low_engagement':
      return {
        emoji: ':chart_with_downwards_trend:',
        title: L(
          `Low engagement after 24 h: ${pct(e.rate, 'en')} (post ${shortId(e.postId)})`,
          `Engagement faible après 24 h : ${pct(e.rate, 'fr')} (publication ${shortId(e.postId)})`,
        ),
        lines: [
          L(
            `Below the ${pct(e.threshold, 'en')} alert threshold${e.basis ? `; basis: ${e.basis}` : ''}.`,
            `Sous le seuil d’alerte de ${pct(e.threshold, 'fr')}${e.basis ? `; base : ${e.basis}` : ''}.`,
          ),
        ],
        commands: [`autoscale show ${shortId(e.postId)}`],
      };
    case 'record_engagement':
      return {
        emoji: ':tada:',
        title: L(
          `Record engagement: ${pct(e.rate, 'en')} (post ${shortId(e.postId)})`,
          `Engagement record : ${pct(e.rate, 'fr')} (publication ${shortId(e.postId)})`,
        ),
        lines:
          e.previousBest == null
            ? []
            : [L(`Previous best: ${pct(e.previousBest, 'en')}.`, `Meilleur précédent : ${pct(e.previousBest, 'fr')}.`)],
        commands: [`autoscale show ${shortId(e.postId)}`],
      };
    case 'token_problem':
      return {
        emoji: ':key:',
        title: L(`Facebook token problem (${e.brand})`, `Problème de jeton Facebook (${e.brand})`),
        lines: [e.detail, ...(e.fix ? [e.fix] : [])],
        commands: ['autoscale doctor'],
      };
    case 'daemon_failed':
      return {
        emoji: ':rotating_light:',
        title: L(
          `The autoscale daemon is down on ${e.host} (${e.unit} failed)`,
          `Le démon autoscale est arrêté sur ${e.host} (échec de ${e.unit})`,
        ),
        lines: [
          L(
            'systemd stopped restarting it: nothing is generated, published or measured until it runs again.',
            'systemd a cessé de le relancer\u00a0: rien n’est généré, publié ni mesuré tant qu’il ne tourne pas.',
          ) +
            (e.lastTick
              ? L(
                  ` Last tick ${formatLocal(new Date(e.lastTick), c.timeZone)}.`,
                  ` Dernier battement le ${formatLocal(new Date(e.lastTick), c.timeZone)}.`,
                )
              : ''),
          L(
            'Read the log, fix the cause, then start it again.',
            'Lisez le journal, corrigez la cause, puis relancez-le.',
          ),
        ],
        commands: [`journalctl -u ${e.unit} -n 50`, `systemctl restart ${e.unit}`, 'autoscale doctor'],
      };
    case 'daemon_restart':
      return {
        emoji: ':rotating_light:',
        title: L(
          `The autoscale daemon restarted after a crash on ${e.host}`,
          `Le démon autoscale a redémarré après un arrêt brutal sur ${e.host}`,
        ),
        lines: [
          L(
            `Previous process ${e.previousPid ?? '?'} stopped without a clean shutdown`,
            `Le processus précédent ${e.previousPid ?? '?'} s’est arrêté sans fermeture propre`,
          ) +
            (e.lastTick
              ? L(
                  ` (last tick ${formatLocal(new Date(e.lastTick), c.timeZone)}).`,
                  ` (dernier battement ${formatLocal(new Date(e.lastTick), c.timeZone)}).`,
                )
              : '.'),
          L(
            `Now running as pid ${e.pid}; interrupted work resumes on its own.`,
            `Il tourne maintenant sous le pid ${e.pid}; le travail interrompu reprend de lui-même.`,
          ),
        ],
        commands: ['autoscale status', 'journalctl -u autoscale --since -1h'],
      };
  }
};

export const renderMessage = (e: NotifyEvent, c: RenderContext): NotifyMessage => {
  const p = parts(e, c);
  const cmdLabel = t(c.lang, 'Commands', 'Commandes');
  const text = [p.title, '', ...p.lines, '', `${cmdLabel}:`, ...p.commands.map((x) => `  ${x}`)].join('\n');
  // Links (the review page, the permalink) are clickable in the e-mail.
  const linked = (x: string) => esc(x).replace(/\bhttps?:\/\/[^\s<>"]+/g, (url) => `<a href="${url}">${url}</a>`);
  const html = `<h2>${esc(p.title)}</h2>${p.lines.map((x) => `<p>${linked(x).replace(/\n/g, '<br>')}</p>`).join('')}<p>${esc(cmdLabel)}:</p><pre>${esc(p.commands.join('\n'))}</pre>`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(p.title, 150), emoji: true } },
    ...p.lines.map((line) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(line, 2900) } })),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(p.commands.map((x) => `\`${x}\``).join('  ·  '), 2900) }],
    },
  ];
  const image = e.type === 'draft_ready' ? c.preview?.image : undefined;
  const attachments = image
    ? [{ filename: image.path.split('/').pop() ?? 'image.png', path: image.path, cid: 'post-image' }]
    : undefined;
  return {
    subject: `[autoscale] ${p.title}`,
    text,
    html: attachments ? `${html}<p><img src="cid:post-image" width="600" alt=""></p>` : html,
    slack: { text: `${p.emoji} ${p.title}`, blocks },
    ...(attachments ? { attachments } : {}),
  };
};
