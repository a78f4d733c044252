import { parseReason } from '../domain/plan.js';
import { join } from 'node:path';
import type { Fmt } from '../i18n/format.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import { decodeLocalized } from '../i18n/stored.js';
import {
  AUDIT_ACTION_LABELS,
  labelOf,
  modeLabel,
  PUBLISH_MODE_LABELS,
  QUALITY_FLAG_LABELS,
  SNAPSHOT_LABELS,
  stateLabel,
  STYLE_LABELS,
  typeLabel,
  VERSION_SOURCE_LABELS,
} from './labels.js';
import { POST_DETAIL } from './post-messages.js';
import type { Style } from './style.js';
import { neutralise as safe } from './terminal-text.js';
import type { PostDetail } from '../store/post-lookup.js';
import { wentOutAt } from '../domain/publication.js';

/** What rendering text needs from an output: its style, its language and a translator. */
export interface TextSink {
  readonly lang: Lang;
  readonly style: Style;
  readonly fmt: Fmt;
  t: (text: Localized) => string;
}

export const parseJson = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

/** Where a post came from in the editorial calendar: the entry's source and why it was chosen. */
export const planProvenance = (e: NonNullable<PostDetail['plan']>) => {
  const reason = parseReason(e.reason);
  return {
    entryId: e.id,
    date: e.date,
    platform: e.platform,
    source: e.sourceKind,
    reason,
    fixed: e.fixed === 1,
    citation: e.sourceUrl || e.sourceTitle ? { title: e.sourceTitle, url: e.sourceUrl } : null,
  };
};

/** The post fields the JSON output and the studio's model share. */
export const postSummary = (p: PostDetail['post']) => ({
  id: p.id,
  shortId: p.shortId,
  brand: p.brand,
  contentType: p.contentType,
  topic: p.topic,
  targetDate: p.targetDate,
  state: p.state,
});

/** An image as both outputs show it: its file under the media folder and what made it. */
export const imageFields = (image: NonNullable<PostDetail['image']>, mediaDir: string) => ({
  path: join(mediaDir, image.path),
  width: image.width,
  height: image.height,
  format: image.format,
  provider: image.provider,
  sha256: image.sha256,
  /** The variant whose headline is set on the picture, and that headline. */
  variantId: image.variantId,
  headline: image.headline,
});

/** Index of the variant whose headline the picture carries (null when unknown). */
const imageVariantIdx = (d: PostDetail): number | null =>
  d.variants.find((v) => v.id === d.image?.variantId)?.idx ?? null;

/** The stable JSON shape of a post (documented in docs/WORKFLOWS.md). */
export const postDetailJson = (d: PostDetail, mediaDir: string) => ({
  ...postSummary(d.post),
  chosenVariantId: d.post.chosenVariantId,
  scheduledAt: d.post.scheduledAt,
  publishMode: d.post.publishMode,
  failureReason: d.post.failureReason,
  plan: d.plan ? planProvenance(d.plan) : null,
  createdAt: d.post.createdAt,
  updatedAt: d.post.updatedAt,
  variants: d.variants.map((v) => ({
    id: v.id,
    index: v.idx,
    style: v.style,
    text: v.text,
    headline: v.headline,
    characters: [...v.text].length,
    version: v.currentVersionNo,
    qualityScore: v.qualityScore,
    quality: parseJson(v.quality),
    promptVersion: v.promptVersion,
    provider: v.provider,
    model: v.model,
    versions: v.versions.map((x) => ({
      version: x.versionNo,
      source: x.source,
      note: x.note,
      author: x.author,
      createdAt: x.createdAt,
      text: x.text,
      headline: x.headline,
    })),
  })),
  publication: d.publication
    ? {
        status: d.publication.status,
        mode: d.publication.mode,
        attempt: d.publication.attemptNo,
        attempts: d.attempts,
        fbPostId: d.publication.fbPostId,
        fbPhotoId: d.publication.fbPhotoId,
        permalink: d.publication.permalink,
        slotAt: d.publication.slotAt,
        publishedAt: d.publication.status === 'published' ? wentOutAt(d.publication) : null,
        error: d.publication.error,
      }
    : null,
  metrics: d.snapshots.map((m) => ({
    label: m.label,
    takenAt: m.takenAt,
    views: m.views,
    reach: m.uniqueViewers,
    reactions: m.reactions,
    comments: m.comments,
    shares: m.shares,
    clicks: m.clicks,
    engagementRate: m.engagementRate,
    basis: m.basis,
  })),
  image: d.image
    ? {
        id: d.image.id,
        ...imageFields(d.image, mediaDir),
        variant: imageVariantIdx(d),
        model: d.image.model,
        costUsd: d.image.costUsd,
      }
    : null,
  cost: {
    textUsd: round(d.cost.text),
    imageUsd: round(d.cost.image),
    totalUsd: round(d.cost.total),
    calls: d.cost.calls,
  },
  history: d.history.map((h) => ({
    at: h.createdAt,
    entity: h.entity,
    entityId: h.entityId,
    action: h.action,
    from: h.fromState,
    to: h.toState,
    actor: h.actor,
    reason: h.reason,
    data: parseJson(h.data),
  })),
});

/** For an approval, which text it covered: "variant 2 v1, text sha256 3f9a1c2e". */
const approvedText = (h: PostDetail['history'][number], lang: Lang): string => {
  if (h.action !== 'approve') return '';
  const d = parseJson(h.data) as { variantIndex?: unknown; version?: unknown; textHash?: unknown } | null;
  if (!d || typeof d !== 'object') return '';
  const hash = typeof d.textHash === 'string' ? d.textHash.slice(0, 12) : null;
  return typeof d.variantIndex === 'number'
    ? ` · ${POST_DETAIL.approvedText(d.variantIndex, String(d.version), hash)[lang]}`
    : '';
};

const round = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

const count = (n: number | null, f: Fmt) => (n === null ? '—' : f.int(n));

/** Where the post is on Facebook, when it went out, and what the metric pulls measured. */
const publicationLines = (d: PostDetail, out: TextSink, timeZone: string): string[] => {
  const pub = d.publication;
  if (!pub || (pub.status !== 'published' && pub.status !== 'scheduled')) return [];
  const { t, fmt: f } = out;
  const lines = [
    t(l(`Facebook: ${pub.fbPostId ?? '—'}`, `Facebook : ${pub.fbPostId ?? '—'}`)) +
      (pub.permalink ? ` · ${pub.permalink}` : ''),
  ];
  const at = pub.status === 'published' ? wentOutAt(pub) : pub.slotAt;
  if (at) {
    const label =
      pub.status === 'published'
        ? t(l('Published', 'Publié'))
        : t(l('Scheduled on Facebook for', 'Programmé sur Facebook pour'));
    lines.push(
      `${t(l(`${label}:`, `${label} :`))} ${f.slot(new Date(at), timeZone)} (${timeZone}) · ${t(labelOf(PUBLISH_MODE_LABELS, pub.mode))}`,
    );
  }
  for (const m of d.snapshots) {
    const rate = m.engagementRate === null ? '—' : f.percent(m.engagementRate);
    const window = t(labelOf(SNAPSHOT_LABELS, m.label));
    lines.push(
      t(
        l(
          `Metrics (${window}): ${count(m.views, f)} views · ${count(m.uniqueViewers, f)} reached · ${count(m.reactions, f)} reactions · ${count(m.comments, f)} comments · ${count(m.shares, f)} shares · ${count(m.clicks, f)} clicks · engagement ${rate}`,
          `Mesures (${window})\u00a0: ${count(m.views, f)} vues · ${count(m.uniqueViewers, f)} personnes atteintes · ${count(m.reactions, f)} réactions · ${count(m.comments, f)} commentaires · ${count(m.shares, f)} partages · ${count(m.clicks, f)} clics · engagement ${rate}`,
        ),
      ),
    );
  }
  return lines;
};

/** A style's words (professional → « professionnel »); src/present/labels.ts holds them all. */
export const styleLabel = (style: string, lang: Lang) => labelOf(STYLE_LABELS, style)[lang];

export const renderPostDetail = (d: PostDetail, out: TextSink, timeZone: string, mediaDir: string): string => {
  const { style: s, t, fmt } = out;
  const lang = fmt.lang;
  const lines: string[] = [];
  lines.push(
    `${s.bold(t(POST_DETAIL.heading(d.post.shortId)))}  ${s.cyan(stateLabel(d.post.state, lang))}  ${typeLabel(d.post.contentType, lang)}  ${fmt.day(d.post.targetDate)}  ${s.dim(d.post.brand)}`,
  );
  lines.push(s.dim(d.post.id));
  if (d.post.topic) lines.push(t(POST_DETAIL.topic(safe(d.post.topic))));
  if (d.plan) {
    const p = planProvenance(d.plan);
    lines.push(`${t(l('Planned', 'Planifiée'))}: ${t(p.reason)}${p.fixed ? s.dim(t(l(' (fixed)', ' (fixée)'))) : ''}`);
    if (p.citation)
      lines.push(
        `${t(l('Source', 'Source'))}: ${safe([p.citation.title, p.citation.url].filter(Boolean).join(' — '))}`,
      );
  }
  if (d.post.scheduledAt) {
    const mode = d.post.publishMode ? ` · ${modeLabel(d.post.publishMode, lang)}` : '';
    lines.push(t(POST_DETAIL.scheduled(fmt.slot(new Date(d.post.scheduledAt), timeZone), timeZone, mode)));
  }
  lines.push(...publicationLines(d, out, timeZone));
  if (d.post.failureReason) lines.push(s.red(t(POST_DETAIL.failure(safe(t(decodeLocalized(d.post.failureReason)))))));
  for (const v of d.variants) {
    const chosen = d.post.chosenVariantId === v.id ? s.green(' ✔ ') : ' ';
    const chars = [...v.text].length;
    const score = v.qualityScore === null ? '' : ` · ${t(POST_DETAIL.quality(fmt.int(v.qualityScore)))}`;
    lines.push('');
    lines.push(
      `${s.bold(`[${v.idx}]`)}${chosen}${s.bold(styleLabel(v.style, lang))} · ${fmt.count(chars, POST_DETAIL.char, POST_DETAIL.chars)} · v${v.currentVersionNo}${score} · ${s.dim(`${v.provider}/${v.model}`)}`,
    );
    lines.push(s.dim(t(POST_DETAIL.headline(safe(v.headline)))));
    const q = (typeof v.quality === 'string' ? parseJson(v.quality) : v.quality) as {
      passed?: boolean;
      flags?: string[];
      threshold?: number;
      judge?: { method?: string };
      similarity?: { max?: number; postId?: string | null; tooSimilar?: boolean } | null;
    } | null;
    if (q && q.passed === false) {
      const similar = q.similarity?.tooSimilar
        ? ` · ${t(
            POST_DETAIL.tooSimilar(
              q.similarity.postId?.slice(-8) ?? '?',
              q.similarity.max === undefined ? '?' : fmt.num(q.similarity.max, 2),
            ),
          )}`
        : '';
      const flags = fmt.list((q.flags ?? []).map((f) => t(labelOf(QUALITY_FLAG_LABELS, f))));
      lines.push(
        s.red(`${t(POST_DETAIL.belowGate(q.threshold === undefined ? '?' : fmt.num(q.threshold), flags))}${similar}`),
      );
    }
    lines.push(safe(v.text));
    if (v.versions.length > 1) {
      const list = v.versions
        .map(
          (x) =>
            `v${x.versionNo} ${t(labelOf(VERSION_SOURCE_LABELS, x.source))} ${fmt.dateTime(new Date(x.createdAt), timeZone)}`,
        )
        .join(' · ');
      lines.push(s.dim(t(POST_DETAIL.versions(list))));
    }
  }
  lines.push('');
  const carried = imageVariantIdx(d);
  lines.push(
    t(
      POST_DETAIL.image(
        d.image
          ? t(
              POST_DETAIL.imageFile(
                `\`${join(mediaDir, d.image.path)}\``,
                `${d.image.width}×${d.image.height}`,
                d.image.format.toUpperCase(),
                `${d.image.provider === 'offline' ? t(POST_DETAIL.offline) : d.image.provider}${carried === null ? '' : `, ${t(l(`headline of variant ${carried}`, `titre de la variante ${carried}`))}`}`,
              ),
            )
          : t(POST_DETAIL.noImage),
      ),
    ),
  );
  lines.push(t(POST_DETAIL.cost(fmt.money(d.cost.total), fmt.money(d.cost.text), fmt.money(d.cost.image))));
  if (d.history.length) {
    lines.push('');
    lines.push(s.bold(t(POST_DETAIL.history)));
    for (const h of d.history) {
      const move =
        h.fromState || h.toState
          ? ` (${h.fromState ? stateLabel(h.fromState, lang) : '∅'} → ${h.toState ? stateLabel(h.toState, lang) : '∅'})`
          : '';
      const reason = h.reason ? ` · ${safe(t(decodeLocalized(h.reason)))}` : '';
      lines.push(
        `  ${s.dim(fmt.dateTime(new Date(h.createdAt), timeZone))}  ${t(labelOf(AUDIT_ACTION_LABELS, h.action))}${move} · ${h.actor}${approvedText(h, fmt.lang)}${reason}`,
      );
    }
  }
  return lines.join('\n');
};
