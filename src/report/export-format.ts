import type { MetricSnapshot } from '../domain/metrics.js';
import type { ExportedVariant } from '../domain/variant.js';
import type { ExportedPost, ExportedPublication } from '../store/analytics-repo.js';

/**
 * The export file: what `export` writes and `import` reads back. Its field names are snake_case
 * and are a contract with people's spreadsheets and scripts, so they are spelled out here rather
 * than derived from the domain objects (renaming a field in the code must not change the file).
 */
export const LABELS = ['24h', '7d'] as const;
export const METRICS = ['views', 'unique_viewers', 'reactions', 'comments', 'shares', 'clicks'] as const;
export type MetricColumn = (typeof METRICS)[number];

/** One post per row: the format both `export --format csv` writes and `import` reads. */
export const FLAT_COLUMNS = [
  'id',
  'content_type',
  'topic',
  'state',
  'target_date',
  'style',
  'headline',
  'text',
  'prompt_version',
  'quality_score',
  'published_at',
  'fb_post_id',
  'permalink',
  ...LABELS.flatMap((label) => [...METRICS.map((m) => `${m}_${label}`), `engagement_rate_${label}`]),
] as const;

export type FlatRow = Record<(typeof FLAT_COLUMNS)[number], string | number | null>;

/** A snapshot's count for an export column. */
export const metricValue = (s: MetricSnapshot, column: MetricColumn): number | null =>
  column === 'unique_viewers' ? s.uniqueViewers : s[column];

/** The post's row (the chosen variant's text, the live publication, the snapshots by label). */
export const flatRow = (
  post: ExportedPost,
  chosen: ExportedVariant | undefined,
  live: ExportedPublication | undefined,
  snapshots: MetricSnapshot[],
): FlatRow => {
  const flat: Record<string, string | number | null> = {
    id: post.id,
    content_type: post.contentType,
    topic: post.topic,
    state: post.state,
    target_date: post.targetDate,
    style: chosen?.style ?? null,
    headline: chosen?.headline ?? null,
    text: chosen?.text ?? null,
    prompt_version: chosen?.promptVersion ?? null,
    quality_score: chosen?.qualityScore ?? null,
    published_at: live ? (live.slotAt ?? live.finishedAt) : null,
    fb_post_id: live?.fbPostId ?? null,
    permalink: live?.permalink ?? null,
  };
  for (const label of LABELS) {
    const snap = snapshots.find((x) => x.label === label);
    for (const m of METRICS) flat[`${m}_${label}`] = snap ? metricValue(snap, m) : null;
    flat[`engagement_rate_${label}`] = snap?.engagementRate ?? null;
  }
  return flat;
};

export const variantRecord = (v: ExportedVariant) => ({
  id: v.id,
  post_id: v.postId,
  idx: v.idx,
  style: v.style,
  current_version_no: v.currentVersionNo,
  quality_score: v.qualityScore,
  prompt_version: v.promptVersion,
  provider: v.provider,
  model: v.model,
  headline: v.headline,
  text: v.text,
  created_at: v.createdAt,
});

export const publicationRecord = (p: ExportedPublication) => ({
  id: p.id,
  post_id: p.postId,
  page_id: p.pageId,
  attempt_no: p.attemptNo,
  mode: p.mode,
  status: p.status,
  slot_at: p.slotAt,
  started_at: p.startedAt,
  finished_at: p.finishedAt,
  fb_post_id: p.fbPostId,
  permalink: p.permalink,
  error: p.error,
});

export const snapshotRecord = (s: MetricSnapshot) => ({
  post_id: s.postId,
  label: s.label,
  taken_at: s.takenAt,
  views: s.views,
  unique_viewers: s.uniqueViewers,
  reactions: s.reactions,
  comments: s.comments,
  shares: s.shares,
  clicks: s.clicks,
  engagement_rate: s.engagementRate,
  basis: s.basis,
  missing: s.missing,
});
