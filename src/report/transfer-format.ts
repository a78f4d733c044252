import { wentOutAt } from '../domain/publication.js';
import type { ExportedPostRecord } from '../store/transfer-repo.js';

/**
 * The transfer format: one post per row in CSV (`FLAT_COLUMNS`), one post per line in JSON with
 * its variants, publications and snapshots nested. `import` reads both, and the tool's own export
 * round-trips by id.
 */
export const LABELS = ['24h', '7d'] as const;
export const METRICS = ['views', 'unique_viewers', 'reactions', 'comments', 'shares', 'clicks'] as const;

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

export type FlatColumn = (typeof FLAT_COLUMNS)[number];
export type FlatRow = Record<FlatColumn, string | number | null>;

export const TEXT_COLUMNS = new Set(['topic', 'headline', 'text', 'permalink']);

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection). Such text
 * cells get a leading apostrophe, which spreadsheets hide and `import` removes.
 */
export const defuse = (column: string, value: string | number | null | undefined) =>
  TEXT_COLUMNS.has(column) && typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
export const undefuse = (value: unknown) =>
  typeof value === 'string' && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;

interface VariantOut {
  id: string;
  style: string;
  headline: string;
  text: string;
  prompt_version: string;
  quality_score: number | null;
}
interface PublicationOut {
  mode: string;
  status: string;
  slot_at: string | null;
  finished_at: string | null;
  fb_post_id: string | null;
  permalink: string | null;
}
type SnapshotOut = { label: string; engagement_rate: number | null } & Record<(typeof METRICS)[number], number | null>;

/** The flat view of a post: its chosen (else first) variant, its publication, its 24 h and 7 d numbers. */
export const flatRow = (
  post: ExportedPostRecord,
  variants: VariantOut[],
  publications: PublicationOut[],
  snapshots: SnapshotOut[],
): FlatRow => {
  const chosen = variants.find((x) => x.id === post.chosen_variant_id) ?? variants[0];
  const pub = [...publications].reverse().find((x) => x.status === 'published' || x.fb_post_id);
  const flat: Record<string, string | number | null> = {
    id: post.id,
    content_type: post.content_type,
    topic: post.topic,
    state: post.state,
    target_date: post.target_date,
    style: chosen?.style ?? null,
    headline: chosen?.headline ?? null,
    text: chosen?.text ?? null,
    prompt_version: chosen?.prompt_version ?? null,
    quality_score: chosen?.quality_score ?? null,
    // When it went out (publish --immediately is not its slot), as show and the report say.
    published_at: pub ? wentOutAt({ mode: pub.mode, slotAt: pub.slot_at, finishedAt: pub.finished_at }) : null,
    fb_post_id: pub?.fb_post_id ?? null,
    permalink: pub?.permalink ?? null,
  };
  for (const label of LABELS) {
    const snap = snapshots.find((x) => x.label === label);
    for (const m of METRICS) flat[`${m}_${label}`] = snap ? snap[m] : null;
    flat[`engagement_rate_${label}`] = snap?.engagement_rate ?? null;
  }
  return flat;
};
