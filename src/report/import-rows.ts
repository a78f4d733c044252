import { hashText } from '../domain/random.js';
import { localDate, parseInstant } from '../domain/time.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { newId } from '../store/ids.js';
import type { ImportBatch } from '../store/transfer-repo.js';
import type { WriteContext } from '../store/write-context.js';
import type { ImportRow } from './import-schema.js';
import { LABELS, METRICS } from './transfer-format.js';
import { evaluateDraft } from '../content/quality.js';
import { isStyle } from '../domain/content.js';

/** The quality report of an imported draft, stored like a generated variant's. */
const importedDraftQuality = (deps: ServiceDeps, text: string, style: string, contentType: string) => {
  const report = evaluateDraft({
    text,
    style: isStyle(style) ? style : 'professional',
    contentType,
    threshold: deps.config.quality.threshold,
    minChars: deps.config.quality.minChars,
    similarityThreshold: deps.config.quality.similarityThreshold,
    accept: deps.brand.profile.acceptedWords,
  });
  return { ...report, rounds: 1, history: [{ round: 0, score: report.score, flags: report.flags }], source: 'import' };
};

/**
 * One imported row as the rows it becomes. A post of the tool's own export keeps its ids, state,
 * variants, publications and snapshots; a flat row (CSV, hand-written JSON) gets new ids, one
 * variant, and a publication and snapshots when it says it was published.
 */
export interface ImportContext {
  deps: ServiceDeps;
  fileName: string;
}

/** States in which an exported post was on its way to the Page: it comes back for review instead. */
const IN_FLIGHT = new Set(['approved', 'scheduled', 'publishing', 'unconfirmed']);

export const emptyBatch = (): ImportBatch => ({
  posts: [],
  variants: [],
  versions: [],
  publications: [],
  snapshots: [],
  audit: [],
});

/** The nested ids a row brings (checked before anything is written). */
export const nestedIds: [
  'variants' | 'variant_versions' | 'publications' | 'metric_snapshots',
  (row: ImportRow) => string[],
][] = [
  ['variants', (r) => (r.variants ?? []).map((v) => v.id)],
  ['variant_versions', (r) => (r.variants ?? []).flatMap((v) => (v.version_id ? [v.version_id] : []))],
  ['publications', (r) => (r.publications ?? []).map((p) => p.id)],
  ['metric_snapshots', (r) => (r.metricSnapshots ?? []).map((s) => s.id)],
];

const iso = (v: string | undefined | null) => (v ? parseInstant(v)!.toISOString() : null);

const rateOf = (s: {
  reactions?: number | null | undefined;
  comments?: number | null | undefined;
  shares?: number | null | undefined;
  unique_viewers?: number | null | undefined;
}) =>
  s.unique_viewers && s.reactions != null && s.comments != null
    ? (s.reactions + s.comments + (s.shares ?? 0)) / s.unique_viewers
    : null;

export const buildRows = (
  ctx: ImportContext,
  w: WriteContext,
  row: ImportRow,
  out: ImportBatch,
): { postId: string; state: string; history: boolean; snapshots: number; returnedToReview: boolean } => {
  const { deps } = ctx;
  const tz = deps.brand.timezone;
  const sync = { version: 1, updated_at: w.now, updated_by: w.replica, deleted_at: null };
  const postId = row.id ?? newId();
  const published = iso(row.published_at);
  const inFlight = row.state !== undefined && IN_FLIGHT.has(row.state);
  const nested = Boolean(row.variants?.length);
  const createdAt = iso(row.created_at) ?? published ?? w.now;

  // Variants: the export's (ids kept), or the row's text as the one variant.
  const variants = nested
    ? row.variants!.map((v) => ({
        id: v.id,
        idx: v.idx,
        style: v.style,
        versionNo: v.current_version_no ?? 1,
        versionId: v.version_id ?? newId(),
        qualityScore: v.quality_score ?? null,
        promptVersion: v.prompt_version ?? 'imported',
        provider: v.provider ?? 'import',
        model: v.model ?? 'import',
        headline: v.headline ?? '',
        text: v.text,
        createdAt: iso(v.created_at) ?? createdAt,
      }))
    : [
        {
          id: newId(),
          idx: 0,
          style: row.style ?? 'professional',
          versionNo: 1,
          versionId: newId(),
          qualityScore: row.quality_score ?? null,
          promptVersion: row.prompt_version ?? 'imported',
          provider: 'import',
          model: 'import',
          headline: row.headline ?? '',
          text: row.text,
          createdAt,
        },
      ];
  const chosen = nested ? (row.chosen_variant_id ?? null) : published ? variants[0]!.id : null;
  const chosenText = variants.find((v) => v.id === chosen)?.text ?? row.text;

  // Publications and snapshots: only for posts that reached the Page (never for one in flight).
  const publications = inFlight
    ? []
    : row.publications
      ? row.publications
          .filter((p) => p.status !== 'pending')
          .map((p) => ({
            id: p.id,
            attempt: p.attempt_no,
            mode: p.mode,
            status: p.status,
            pageId: p.page_id ?? null,
            textHash: p.text_hash ?? hashText(chosenText),
            slotAt: iso(p.slot_at),
            startedAt: iso(p.started_at) ?? iso(p.finished_at) ?? iso(p.slot_at) ?? w.now,
            finishedAt: iso(p.finished_at),
            fbPostId: p.fb_post_id ?? null,
            permalink: p.permalink ?? null,
            error: p.error ?? null,
          }))
      : published
        ? [
            {
              id: newId(),
              attempt: 1,
              mode: 'imported',
              status: 'published' as const,
              pageId: null,
              textHash: hashText(row.text),
              slotAt: published,
              startedAt: published,
              finishedAt: published,
              fbPostId: row.fb_post_id ?? null,
              permalink: row.permalink ?? null,
              error: null,
            },
          ]
        : [];
  const pubIds = new Set(publications.map((p) => p.id));
  const firstPub = publications.find((p) => p.status === 'published') ?? publications[0];
  const snapshots = inFlight
    ? []
    : row.metricSnapshots
      ? row.metricSnapshots.map((s) => ({
          id: s.id,
          publicationId: s.publication_id && pubIds.has(s.publication_id) ? s.publication_id : null,
          label: s.label,
          takenAt: iso(s.taken_at)!,
          views: s.views ?? null,
          uniqueViewers: s.unique_viewers ?? null,
          reactions: s.reactions ?? null,
          comments: s.comments ?? null,
          shares: s.shares ?? null,
          clicks: s.clicks ?? null,
          rate: s.engagement_rate ?? rateOf(s),
          basis: s.basis ?? null,
          missing: Array.isArray(s.missing)
            ? s.missing.length
              ? JSON.stringify(s.missing)
              : null
            : (s.missing ?? null),
        }))
      : published
        ? LABELS.flatMap((label) => {
            const values = Object.fromEntries(METRICS.map((m) => [m, row[`${m}_${label}`]])) as Record<
              (typeof METRICS)[number],
              number | undefined
            >;
            if (METRICS.every((m) => values[m] === undefined)) return [];
            const missing = METRICS.filter((m) => values[m] === undefined);
            const rate = rateOf(values);
            return [
              {
                id: newId(),
                publicationId: firstPub?.id ?? null,
                label,
                takenAt: new Date(Date.parse(published) + (label === '24h' ? 1 : 7) * 86_400_000).toISOString(),
                views: values.views ?? null,
                uniqueViewers: values.unique_viewers ?? null,
                reactions: values.reactions ?? null,
                comments: values.comments ?? null,
                shares: values.shares ?? null,
                clicks: values.clicks ?? null,
                rate,
                basis: rate === null ? null : '(reactions+comments+shares)/unique_viewers (imported)',
                missing: missing.length ? JSON.stringify(missing) : null,
              },
            ];
          })
        : [];

  const reachedPage = publications.some((p) => p.status === 'published' || p.fbPostId) || published !== null;
  const state = inFlight
    ? 'in_review'
    : (row.state ?? (reachedPage ? (snapshots.length ? 'measured' : 'published') : 'in_review'));
  const scheduledAt = inFlight ? null : (iso(row.scheduled_at) ?? published);
  const targetDate = row.target_date ?? localDate(new Date(published ?? createdAt), tz);

  out.posts.push({
    id: postId,
    brand: deps.brandSlug,
    content_type: row.content_type,
    topic: row.topic ?? null,
    target_date: targetDate,
    state,
    chosen_variant_id: chosen,
    image_id: null,
    scheduled_at: scheduledAt,
    slot_seed: null,
    publish_mode: inFlight ? null : (row.publish_mode ?? null),
    failure_reason: null,
    generation_run_id: null,
    created_at: createdAt,
    created_by: w.actor,
    ...sync,
  });
  for (const v of variants) {
    // A draft without a score enters review scored like any other (lint and the rubric on its own
    // text). A variant exported with a score keeps it, and so does a post exported while approved
    // or being published (back for review, not a new draft): an export round-trips unchanged.
    const report =
      state === 'in_review' && !inFlight && v.qualityScore == null
        ? importedDraftQuality(deps, v.text, v.style, row.content_type)
        : undefined;
    out.variants.push({
      id: v.id,
      post_id: postId,
      idx: v.idx,
      style: v.style,
      current_version_no: v.versionNo,
      quality_score: report?.score ?? v.qualityScore,
      quality: report ? JSON.stringify(report) : null,
      prompt_version: v.promptVersion,
      provider: v.provider,
      model: v.model,
      created_at: v.createdAt,
      ...sync,
    });
    out.versions.push({
      id: v.versionId,
      variant_id: v.id,
      version_no: v.versionNo,
      text: v.text,
      headline: v.headline,
      source: 'imported',
      note: null,
      author: w.actor,
      created_at: v.createdAt,
      ...sync,
    });
  }
  for (const p of publications) {
    out.publications.push({
      id: p.id,
      post_id: postId,
      brand: deps.brandSlug,
      page_id: p.pageId,
      attempt_no: p.attempt,
      mode: p.mode,
      status: p.status,
      text_hash: p.textHash,
      slot_at: p.slotAt,
      started_at: p.startedAt,
      finished_at: p.finishedAt,
      fb_post_id: p.fbPostId,
      fb_photo_id: null,
      permalink: p.permalink,
      error: p.error,
      dry_run_path: null,
      ...sync,
    });
  }
  for (const s of snapshots) {
    out.snapshots.push({
      id: s.id,
      post_id: postId,
      publication_id: s.publicationId,
      label: s.label,
      taken_at: s.takenAt,
      views: s.views,
      unique_viewers: s.uniqueViewers,
      reactions: s.reactions,
      comments: s.comments,
      shares: s.shares,
      clicks: s.clicks,
      engagement_rate: s.rate,
      basis: s.basis,
      missing: s.missing,
      raw: null,
      ...sync,
    });
  }
  const fbPostId = row.fb_post_id ?? publications.find((p) => p.fbPostId)?.fbPostId ?? null;
  out.audit.push({
    id: newId(),
    entity: 'post',
    entity_id: postId,
    action: 'import',
    from_state: null,
    to_state: state,
    actor: w.actor,
    reason: inFlight ? `exported while ${row.state ?? ''}: back to review` : null,
    data: JSON.stringify({ file: ctx.fileName, fbPostId }),
    created_at: w.now,
    ...sync,
  });
  return { postId, state, history: reachedPage && !inFlight, snapshots: snapshots.length, returnedToReview: inFlight };
};
