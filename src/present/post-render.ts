import { join } from 'node:path';
import { formatLocal } from '../domain/time.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import type { Style } from './style.js';
import { neutralise as safe } from './terminal-text.js';
import type { PostDetail } from '../store/post-lookup.js';

/** What rendering text needs from an output: its style, its language and a translator. */
export interface TextSink {
  readonly lang: Lang;
  readonly style: Style;
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
    data: parseJson(h.data),
  })),
});

/** For an approval, which text it covered: "variant 2 v1, text sha256 3f9a1c2e". */
const approvedText = (h: PostDetail['history'][number]): string => {
  if (h.action !== 'approve') return '';
  const d = parseJson(h.data) as { variantIndex?: unknown; version?: unknown; textHash?: unknown } | null;
  if (!d || typeof d !== 'object') return '';
  const hash = typeof d.textHash === 'string' ? `, sha256 ${d.textHash.slice(0, 12)}` : '';
  return typeof d.variantIndex === 'number' ? ` · variant ${d.variantIndex} v${String(d.version)}${hash}` : '';
};

const round = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

const STYLE_LABEL: Record<string, { en: string; fr: string }> = {
  professional: { en: 'professional', fr: 'professionnel' },
  storytelling: { en: 'storytelling', fr: 'récit' },
  question: { en: 'question', fr: 'question' },
};

export const styleLabel = (style: string, lang: 'fr' | 'en') => STYLE_LABEL[style]?.[lang] ?? style;

export const renderPostDetail = (d: PostDetail, out: TextSink, timeZone: string, mediaDir: string): string => {
  const s = out.style;
  const t = out.t;
  const lines: string[] = [];
  lines.push(
    `${s.bold(`Post ${d.post.short_id}`)}  ${s.cyan(d.post.state)}  ${d.post.content_type}  ${d.post.target_date}  ${s.dim(d.post.brand)}`,
  );
  lines.push(s.dim(d.post.id));
  if (d.post.topic) lines.push(`${t(l('Topic', 'Sujet'))}: ${safe(d.post.topic)}`);
  if (d.post.scheduled_at) {
    lines.push(
      `${t(l('Scheduled', 'Prévu'))}: ${formatLocal(new Date(d.post.scheduled_at), timeZone)} (${timeZone}) · ${d.post.scheduled_at}${d.post.publish_mode ? ` · ${d.post.publish_mode}` : ''}`,
    );
  }
  if (d.post.failure_reason) lines.push(s.red(`${t(l('Failure', 'Échec'))}: ${safe(d.post.failure_reason)}`));
  for (const v of d.variants) {
    const chosen = d.post.chosen_variant_id === v.id ? s.green(' ✔ ') : ' ';
    const score = v.quality_score === null ? '' : ` · ${t(l('quality', 'qualité'))} ${Math.round(v.quality_score)}`;
    lines.push('');
    lines.push(
      `${s.bold(`[${v.idx}]`)}${chosen}${s.bold(styleLabel(v.style, out.lang))} · ${[...v.text].length} ${t(l('chars', 'caractères'))} · v${v.current_version_no}${score} · ${s.dim(`${v.provider}/${v.model}`)}`,
    );
    lines.push(s.dim(`${t(l('Headline', 'Titre'))}: ${safe(v.headline)}`));
    const q = (typeof v.quality === 'string' ? parseJson(v.quality) : v.quality) as {
      passed?: boolean;
      flags?: string[];
      threshold?: number;
      judge?: { method?: string };
      similarity?: { max?: number; postId?: string | null; tooSimilar?: boolean } | null;
    } | null;
    if (q && q.passed === false) {
      const similar = q.similarity?.tooSimilar
        ? ` · ${t(l('too similar to', 'trop semblable à'))} ${q.similarity.postId?.slice(-8) ?? '?'} (${q.similarity.max ?? '?'})`
        : '';
      lines.push(
        s.red(
          `${t(l('Below the quality gate', 'Sous le seuil de qualité'))} (${q.threshold ?? '?'}): ${(q.flags ?? []).join(', ')}${similar}`,
        ),
      );
    }
    lines.push(safe(v.text));
    if (v.versions.length > 1) {
      lines.push(
        s.dim(
          `${t(l('Versions', 'Versions'))}: ${v.versions.map((x) => `v${x.version_no} ${x.source} ${x.created_at}`).join(' · ')}`,
        ),
      );
    }
  }
  lines.push('');
  lines.push(
    d.image
      ? `${t(l('Image', 'Image'))}: ${join(mediaDir, d.image.path)} (${d.image.width}×${d.image.height} ${d.image.format}, ${d.image.provider})`
      : `${t(l('Image', 'Image'))}: ${t(l('none', 'aucune'))}`,
  );
  lines.push(
    `${t(l('Cost', 'Coût'))}: $${d.cost.total.toFixed(4)} (${t(l('text', 'texte'))} $${d.cost.text.toFixed(4)}, image $${d.cost.image.toFixed(4)})`,
  );
  if (d.history.length) {
    lines.push('');
    lines.push(s.bold(t(l('History', 'Historique'))));
    for (const h of d.history) {
      const move = h.from_state || h.to_state ? ` ${h.from_state ?? '∅'} → ${h.to_state ?? '∅'}` : '';
      lines.push(
        `  ${s.dim(h.created_at)} ${h.action}${move} · ${h.actor}${approvedText(h)}${h.reason ? ` · ${safe(h.reason)}` : ''}`,
      );
    }
  }
  return lines.join('\n');
};
