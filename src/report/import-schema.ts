import { checkPostText, describeTextProblem, normaliseLineEndings } from '../domain/post-text.js';
import { z } from 'zod';
import { CONTENT_TYPES, STYLES } from '../domain/content.js';
import { POST_STATES } from '../domain/post-state.js';
import { isValidDate, parseInstant } from '../domain/time.js';
import { LABELS, METRICS } from './transfer-format.js';
import type { PublicationStatus } from '../domain/publication.js';
import type { PublishMode } from '../domain/publish-mode.js';

/**
 * What `import` accepts: a flat row (CSV, or a hand-written JSON object) or a post of the tool's
 * own JSON export, whose variants, publications and snapshots come nested with their ids.
 */
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const optText = z.preprocess(blank, z.string().trim().min(1).optional());
const optCount = z.preprocess(
  (v) => (typeof blank(v) === 'string' ? Number(String(v).replace(/[\s\u00a0]/g, '')) : blank(v)),
  z.number({ message: 'expected a number' }).int('expected a whole number').min(0, 'expected a number ≥ 0').optional(),
);
const optScore = z.preprocess(
  (v) => (typeof blank(v) === 'string' ? Number(v) : blank(v)),
  z.number({ message: 'expected a number' }).min(0).max(100).optional(),
);
const instant = z
  .string()
  .refine(
    (v) => parseInstant(v) !== undefined,
    'expected an ISO-8601 instant with zone, e.g. 2026-03-03T14:05:00-05:00',
  );
const optInstant = z.preprocess(blank, instant.optional());
const id = z.string().trim().min(1, 'must not be empty').max(100, 'longer than 100 characters');
const optId = z.preprocess(blank, id.optional());
// What edit and approval refuse is refused here too (length per platform, control and
// invisible characters), so an import never brings in a text that could not be published.
const text = z
  .string({ message: 'required' })
  .transform((t) => normaliseLineEndings(t).trim())
  .superRefine((t, ctx) => {
    const problem = checkPostText(t)[0];
    if (!problem) return;
    const message = problem.kind === 'empty' ? 'must not be empty' : describeTextProblem(problem, 'in the text').en;
    ctx.addIssue({ code: 'custom', message });
  });
const nullableCount = z.number().int().min(0).nullable().optional();

const metricFields = Object.fromEntries(
  LABELS.flatMap((label) => METRICS.map((m) => [`${m}_${label}`, optCount])),
) as Record<`${(typeof METRICS)[number]}_${(typeof LABELS)[number]}`, typeof optCount>;

const variantSchema = z.object({
  id,
  idx: z.number().int().min(0),
  style: z.enum(STYLES, { message: `expected one of ${STYLES.join(', ')}` }),
  current_version_no: z.number().int().min(1).optional(),
  version_id: optId,
  quality_score: z.number().min(0).max(100).nullable().optional(),
  prompt_version: z.string().nullable().optional(),
  provider: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  headline: z.string().nullable().optional(),
  text,
  created_at: optInstant,
});

// The values the store accepts (the domain unions): a file with another one is refused by name.
const PUBLICATION_STATUSES = [
  'pending',
  'published',
  'scheduled',
  'absent',
  'unknown',
  'failed',
  'dry_run',
  'cancelled',
] as const satisfies readonly PublicationStatus[];
const PUBLISH_MODES = ['native', 'queue'] as const satisfies readonly PublishMode[];

const publicationSchema = z.object({
  id,
  page_id: z.string().nullable().optional(),
  attempt_no: z.number().int().min(1),
  mode: z.string().min(1),
  status: z.enum(PUBLICATION_STATUSES),
  text_hash: z.string().nullable().optional(),
  slot_at: optInstant,
  started_at: optInstant,
  finished_at: optInstant,
  fb_post_id: z.string().nullable().optional(),
  permalink: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
});

const snapshotSchema = z.object({
  id,
  publication_id: z.string().nullable().optional(),
  label: z.string().min(1),
  taken_at: instant,
  views: nullableCount,
  unique_viewers: nullableCount,
  reactions: nullableCount,
  comments: nullableCount,
  shares: nullableCount,
  clicks: nullableCount,
  engagement_rate: z.number().min(0).nullable().optional(),
  basis: z.string().nullable().optional(),
  missing: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
});

export const importRowSchema = z
  .object({
    id: optId,
    state: z.preprocess(
      blank,
      z.enum(POST_STATES, { message: `expected one of ${POST_STATES.join(', ')}` }).optional(),
    ),
    content_type: z.enum(CONTENT_TYPES, { message: `expected one of ${CONTENT_TYPES.join(', ')}` }),
    text,
    headline: optText,
    topic: optText,
    style: z.preprocess(blank, z.enum(STYLES, { message: `expected one of ${STYLES.join(', ')}` }).optional()),
    target_date: z.preprocess(blank, z.string().refine(isValidDate, 'expected a date YYYY-MM-DD').optional()),
    prompt_version: optText,
    quality_score: optScore,
    published_at: optInstant,
    fb_post_id: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d+(_\d+)?$/, 'expected a Facebook post id such as 123_456')
        .optional(),
    ),
    permalink: optText,
    ...metricFields,
    chosen_variant_id: optId,
    scheduled_at: optInstant,
    publish_mode: z.enum(PUBLISH_MODES).nullable().optional(),
    created_at: optInstant,
    variants: z.array(variantSchema).optional(),
    publications: z.array(publicationSchema).optional(),
    metricSnapshots: z.array(snapshotSchema).optional(),
  })
  .superRefine((row, ctx) => {
    const hasMetrics = LABELS.some((label) => METRICS.some((m) => row[`${m}_${label}`] !== undefined));
    if (hasMetrics && !row.published_at && !row.metricSnapshots)
      ctx.addIssue({ code: 'custom', path: ['published_at'], message: 'required when metrics are given' });
    const dup = <T>(list: T[] | undefined, key: (x: T) => unknown, path: string, what: string) => {
      const seen = new Set<unknown>();
      for (const x of list ?? []) {
        const k = key(x);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path], message: `two ${what} ${String(k)}` });
        seen.add(k);
      }
    };
    dup(row.variants, (v) => v.idx, 'variants', 'variants with idx');
    dup(row.publications, (p) => p.attempt_no, 'publications', 'publications with attempt');
    dup(row.metricSnapshots, (s) => s.label, 'metricSnapshots', 'snapshots labelled');
    const live = (row.publications ?? []).filter((p) => p.status === 'published' || p.status === 'scheduled');
    if (live.length > 1)
      ctx.addIssue({ code: 'custom', path: ['publications'], message: 'more than one live publication' });
    if (row.chosen_variant_id && row.variants && !row.variants.some((v) => v.id === row.chosen_variant_id))
      ctx.addIssue({ code: 'custom', path: ['chosen_variant_id'], message: 'not one of the post’s variants' });
  });

export type ImportRow = z.infer<typeof importRowSchema>;
