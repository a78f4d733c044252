import { join } from 'node:path';
import type { Fmt } from '../i18n/format.js';
import type { Lang, Localized } from '../i18n/localized.js';
import { decodeLocalized } from '../i18n/stored.js';
import {
  AUDIT_ACTION_LABELS,
  labelOf,
  modeLabel,
  QUALITY_FLAG_LABELS,
  stateLabel,
  STYLE_LABELS,
  typeLabel,
  VERSION_SOURCE_LABELS,
} from './labels.js';
import { POST_DETAIL } from './post-messages.js';
import type { Style } from './style.js';
import type { PostDetail } from '../store/post-lookup.js';

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

/** The post fields the JSON output and the studio's model share. */
export const postSummary = (p: PostDetail['post']) => ({
  id: p.id,
  shortId: p.short_id,
  brand: p.brand,
  contentType: p.content_type,
  topic: p.topic,
  targetDate: p.target_date,
  state: p.state,
});

/** An image as both outputs show it: its file under the media folder and what made it. */
export const imageFields = (image: NonNullable<PostDetail['image']>, mediaDir: string) => ({
  path: join(mediaDir, image.path),
  width: image.width,
  height: image.height,
  format: image.format,
  provider: image.provider,
});

/** The stable JSON shape of a post (documented in docs/WORKFLOWS.md). */
export const postDetailJson = (d: PostDetail, mediaDir: string) => ({
  ...postSummary(d.post),
  chosenVariantId: d.post.chosen_variant_id,
  scheduledAt: d.post.scheduled_at,
  publishMode: d.post.publish_mode,
  failureReason: d.post.failure_reason,
  createdAt: d.post.created_at,
  updatedAt: d.post.updated_at,
  variants: d.variants.map((v) => ({
    id: v.id,
    index: v.idx,
    style: v.style,
    text: v.text,
    headline: v.headline,
    characters: [...v.text].length,
    version: v.current_version_no,
    qualityScore: v.quality_score,
    quality: parseJson(v.quality),
    promptVersion: v.prompt_version,
    provider: v.provider,
    model: v.model,
    versions: v.versions.map((x) => ({
      version: x.version_no,
      source: x.source,
      note: x.note,
      author: x.author,
      createdAt: x.created_at,
      text: x.text,
      headline: x.headline,
    })),
  })),
  image: d.image
    ? { id: d.image.id, ...imageFields(d.image, mediaDir), model: d.image.model, costUsd: d.image.cost_usd }
    : null,
  cost: {
    textUsd: round(d.cost.text),
    imageUsd: round(d.cost.image),
    totalUsd: round(d.cost.total),
    calls: d.cost.calls,
  },
  history: d.history.map((h) => ({
    at: h.created_at,
    entity: h.entity,
    entityId: h.entity_id,
    action: h.action,
    from: h.from_state,
    to: h.to_state,
    actor: h.actor,
    reason: h.reason,
  })),
});

const round = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

/** A style's words (professional → « professionnel »); src/present/labels.ts holds them all. */
export const styleLabel = (style: string, lang: Lang) => labelOf(STYLE_LABELS, style)[lang];

export const renderPostDetail = (d: PostDetail, out: TextSink, timeZone: string, mediaDir: string): string => {
  const { style: s, t, fmt } = out;
  const lang = fmt.lang;
  const lines: string[] = [];
  lines.push(
    `${s.bold(t(POST_DETAIL.heading(d.post.short_id)))}  ${s.cyan(stateLabel(d.post.state, lang))}  ${typeLabel(d.post.content_type, lang)}  ${fmt.day(d.post.target_date)}  ${s.dim(d.post.brand)}`,
  );
  lines.push(s.dim(d.post.id));
  if (d.post.topic) lines.push(t(POST_DETAIL.topic(d.post.topic)));
  if (d.post.scheduled_at) {
    const mode = d.post.publish_mode ? ` · ${modeLabel(d.post.publish_mode, lang)}` : '';
    lines.push(t(POST_DETAIL.scheduled(fmt.slot(new Date(d.post.scheduled_at), timeZone), timeZone, mode)));
  }
  if (d.post.failure_reason) lines.push(s.red(t(POST_DETAIL.failure(t(decodeLocalized(d.post.failure_reason))))));
  for (const v of d.variants) {
    const chosen = d.post.chosen_variant_id === v.id ? s.green(' ✔ ') : ' ';
    const chars = [...v.text].length;
    const score = v.quality_score === null ? '' : ` · ${t(POST_DETAIL.quality(fmt.int(v.quality_score)))}`;
    lines.push('');
    lines.push(
      `${s.bold(`[${v.idx}]`)}${chosen}${s.bold(styleLabel(v.style, lang))} · ${fmt.count(chars, POST_DETAIL.char, POST_DETAIL.chars)} · v${v.current_version_no}${score} · ${s.dim(`${v.provider}/${v.model}`)}`,
    );
    lines.push(s.dim(t(POST_DETAIL.headline(v.headline))));
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
    lines.push(v.text);
    if (v.versions.length > 1) {
      const list = v.versions
        .map(
          (x) =>
            `v${x.version_no} ${t(labelOf(VERSION_SOURCE_LABELS, x.source))} ${fmt.dateTime(new Date(x.created_at), timeZone)}`,
        )
        .join(' · ');
      lines.push(s.dim(t(POST_DETAIL.versions(list))));
    }
  }
  lines.push('');
  lines.push(
    t(
      POST_DETAIL.image(
        d.image
          ? t(
              POST_DETAIL.imageFile(
                `\`${join(mediaDir, d.image.path)}\``,
                `${d.image.width}×${d.image.height}`,
                d.image.format.toUpperCase(),
                d.image.provider === 'offline' ? t(POST_DETAIL.offline) : d.image.provider,
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
        h.from_state || h.to_state
          ? ` (${h.from_state ? stateLabel(h.from_state, lang) : '∅'} → ${h.to_state ? stateLabel(h.to_state, lang) : '∅'})`
          : '';
      const reason = h.reason ? ` · ${t(decodeLocalized(h.reason))}` : '';
      lines.push(
        `  ${s.dim(fmt.dateTime(new Date(h.created_at), timeZone))}  ${t(labelOf(AUDIT_ACTION_LABELS, h.action))}${move} · ${h.actor}${reason}`,
      );
    }
  }
  return lines.join('\n');
};
