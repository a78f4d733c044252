import type { PostState } from '../domain/post-state.js';
import { readFileSync } from 'node:fs';
import { countOf } from '../i18n/format.js';
import { extname } from 'node:path';
import { z } from 'zod';
import { CONTENT_TYPES, STYLES } from '../domain/content.js';
import { hashText } from '../domain/random.js';
import { addDays, isValidDate, localDate, parseInstant, zonedToUtc } from '../domain/time.js';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import {
  exportPosts,
  exportPublications,
  exportVariants,
  insertPublication,
  insertSnapshot,
  setImportedPostFields,
  snapshotsForPosts,
} from '../store/analytics-repo.js';
import { recordAudit } from '../store/audit-repo.js';
import { newId } from '../store/ids.js';
import { insertPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { insertVariant } from '../store/variants-repo.js';
import { knownFacebookPostIds } from '../store/publications-repo.js';
import { csvLine } from './render-csv.js';
import {
  FLAT_COLUMNS,
  LABELS,
  METRICS,
  flatRow,
  publicationRecord,
  snapshotRecord,
  variantRecord,
  type FlatRow,
} from './export-format.js';
import { jsonElementLines, parseCsv } from './csv-parse.js';

export { FLAT_COLUMNS } from './export-format.js';

const dayStart = (date: string, tz: string) => zonedToUtc(date, 0, tz).toISOString();

const checkDate = (name: string, value: string | undefined) => {
  if (value !== undefined && !isValidDate(value)) {
    throw new UsageError(
      l(`${name} "${value}" is not a date (YYYY-MM-DD).`, `${name} « ${value} » n'est pas une date (AAAA-MM-JJ).`),
      {
        fix: l('Example: --from 2026-01-01 --to 2026-03-31.', 'Exemple : --from 2026-01-01 --to 2026-03-31.'),
      },
    );
  }
};

export interface ExportData {
  kind: 'autoscale.export';
  schemaVersion: 1;
  brand: string;
  exportedAt: string;
  from: string | null;
  to: string | null;
  posts: (FlatRow & {
    variants: ReturnType<typeof variantRecord>[];
    publications: ReturnType<typeof publicationRecord>[];
    metricSnapshots: ReturnType<typeof snapshotRecord>[];
  })[];
}

/** Posts (by creation date, local, inclusive) with their variants, publications and snapshots. */
export const exportData = async (
  deps: ServiceDeps,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<ExportData> => {
  checkDate('--from', range.from);
  checkDate('--to', range.to);
  const tz = deps.brand.timezone;
  const posts = await exportPosts(
    deps.db,
    deps.brandSlug,
    range.from ? dayStart(range.from, tz) : null,
    range.to ? dayStart(addDays(range.to, 1), tz) : null,
  );
  const ids = posts.map((p) => p.id);
  const [variants, publications, snapshots] = await Promise.all([
    exportVariants(deps.db, ids),
    exportPublications(deps.db, ids),
    snapshotsForPosts(deps.db, ids),
  ]);
  const group = <T extends { postId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.postId, [...(m.get(r.postId) ?? []), r]);
    return m;
  };
  const v = group(variants);
  const p = group(publications);
  const s = group(snapshots);
  return {
    kind: 'autoscale.export',
    schemaVersion: 1,
    brand: deps.brandSlug,
    exportedAt: deps.clock.now().toISOString(),
    from: range.from ?? null,
    to: range.to ?? null,
    posts: posts.map((post) => {
      const vs = v.get(post.id) ?? [];
      const chosen = vs.find((x) => x.id === post.chosenVariantId) ?? vs[0];
      const pubs = p.get(post.id) ?? [];
      const pub = [...pubs].reverse().find((x) => x.status === 'published' || x.fbPostId);
      const snaps = s.get(post.id) ?? [];
      return {
        ...flatRow(post, chosen, pub, snaps),
        variants: vs.map(variantRecord),
        publications: pubs.map(publicationRecord),
        metricSnapshots: snaps.map(snapshotRecord),
      } as unknown as ExportData['posts'][number];
    }),
  };
};

const TEXT_COLUMNS = new Set(['topic', 'headline', 'text', 'permalink']);
/**
 * Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection). Such text
 * cells get a leading apostrophe, which spreadsheets hide and `import` removes.
 */
const defuse = (column: string, value: string | number | null | undefined) =>
  TEXT_COLUMNS.has(column) && typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
const undefuse = (value: unknown) =>
  typeof value === 'string' && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;

export const exportCsv = (data: ExportData): string =>
  `${[csvLine([...FLAT_COLUMNS]), ...data.posts.map((p) => csvLine(FLAT_COLUMNS.map((c) => defuse(c, p[c]))))].join('\r\n')}\r\n`;

// ---------------------------------------------------------------- import

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

const metricFields = Object.fromEntries(
  LABELS.flatMap((label) => METRICS.map((m) => [`${m}_${label}`, optCount])),
) as Record<`${(typeof METRICS)[number]}_${(typeof LABELS)[number]}`, typeof optCount>;

export const importRowSchema = z
  .object({
    content_type: z.enum(CONTENT_TYPES, { message: `expected one of ${CONTENT_TYPES.join(', ')}` }),
    text: z
      .string({ message: 'required' })
      .trim()
      .min(1, 'must not be empty')
      .max(63_206, 'longer than Facebook allows (63,206 characters)'),
    headline: optText,
    topic: optText,
    style: z.preprocess(blank, z.enum(STYLES, { message: `expected one of ${STYLES.join(', ')}` }).optional()),
    target_date: z.preprocess(blank, z.string().refine(isValidDate, 'expected a date YYYY-MM-DD').optional()),
    prompt_version: optText,
    quality_score: optScore,
    published_at: z.preprocess(
      blank,
      z
        .string()
        .refine(
          (v) => parseInstant(v) !== undefined,
          'expected an ISO-8601 instant with zone, e.g. 2026-03-03T14:05:00-05:00',
        )
        .optional(),
    ),
    fb_post_id: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d+(_\d+)?$/, 'expected a Facebook post id such as 123_456')
        .optional(),
    ),
    permalink: optText,
    ...metricFields,
  })
  .superRefine((row, ctx) => {
    const hasMetrics = LABELS.some((label) => METRICS.some((m) => row[`${m}_${label}`] !== undefined));
    if (hasMetrics && !row.published_at)
      ctx.addIssue({ code: 'custom', path: ['published_at'], message: 'required when metrics are given' });
  });

export type ImportRow = z.infer<typeof importRowSchema>;

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  file: string;
  imported: number;
  inReview: number;
  history: number;
  snapshots: number;
  postIds: string[];
}

const readRows = (file: string, text: string): { line: number; raw: Record<string, unknown> }[] => {
  const json = extname(file).toLowerCase() === '.json' || /^\s*[[{]/.test(text);
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new UsageError(
        l(
          `${file} is not valid JSON: ${(cause as Error).message}.`,
          `${file} n'est pas du JSON valide : ${(cause as Error).message}.`,
        ),
        {
          code: 'import_parse',
          fix: l(
            'Give an array of posts, or the file `autoscale export --format json` writes.',
            'Donnez un tableau de publications, ou le fichier écrit par `autoscale export --format json`.',
          ),
        },
      );
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { posts?: unknown }).posts;
    if (!Array.isArray(list)) {
      throw new UsageError(
        l(
          `${file}: expected an array of posts (or {"posts": [...]}).`,
          `${file} : un tableau de publications est attendu (ou {"posts": [...]}).`,
        ),
        { code: 'import_parse' },
      );
    }
    const lines = jsonElementLines(text);
    return list.map((raw, i) => ({
      line: lines.length === list.length ? lines[i]! : i + 1,
      raw: (raw ?? {}) as Record<string, unknown>,
    }));
  }
  const records = parseCsv(text);
  if (records.length === 0) return [];
  const header = records[0]!.fields.map((h) => h.trim().toLowerCase());
  for (const required of ['content_type', 'text']) {
    if (!header.includes(required)) {
      throw new UsageError(
        l(
          `${file}: the header has no "${required}" column.`,
          `${file} : l'en-tête n'a pas de colonne « ${required} ».`,
        ),
        {
          code: 'import_header',
          fix: l(
            `Columns: ${FLAT_COLUMNS.join(', ')} (content_type and text required).`,
            `Colonnes : ${FLAT_COLUMNS.join(', ')} (content_type et text obligatoires).`,
          ),
        },
      );
    }
  }
  return records.slice(1).map((r) => ({
    line: r.line,
    raw: Object.fromEntries(
      header.map((h, i) => [h, TEXT_COLUMNS.has(h) ? undefuse(r.fields[i] ?? '') : (r.fields[i] ?? '')]),
    ),
  }));
};

const engagementRate = (s: {
  reactions?: number | undefined;
  comments?: number | undefined;
  shares?: number | undefined;
  unique_viewers?: number | undefined;
}) =>
  s.unique_viewers && s.reactions !== undefined && s.comments !== undefined
    ? (s.reactions + s.comments + (s.shares ?? 0)) / s.unique_viewers
    : null;

/**
 * Imports posts from CSV or JSON. Every row is validated first; any bad row rejects the whole
 * file with line numbers, and nothing is written. Rows with `published_at` enter as published
 * history (measured when metrics are given), the others as in_review drafts for the owner.
 */
export const importPosts = async (deps: ServiceDeps, file: string): Promise<ImportResult> => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new NotFoundError(l(`Cannot read ${file}.`, `Impossible de lire ${file}.`), {
      fix: l('Check the path.', 'Vérifiez le chemin.'),
    });
  }
  const rows = readRows(file, text);
  const problems: ImportProblem[] = [];
  const valid: { line: number; row: ImportRow }[] = [];
  for (const { line, raw } of rows) {
    const parsed = importRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ line, field: issue.path.join('.') || '(row)', message: issue.message });
    } else valid.push({ line, row: parsed.data });
  }
  const fbIds = valid.map((v) => v.row.fb_post_id).filter((x): x is string => Boolean(x));
  const existing = await knownFacebookPostIds(deps.db, fbIds);
  const seen = new Set<string>();
  for (const { line, row } of valid) {
    if (!row.fb_post_id) continue;
    if (existing.has(row.fb_post_id))
      problems.push({ line, field: 'fb_post_id', message: `already in the store (${row.fb_post_id})` });
    if (seen.has(row.fb_post_id))
      problems.push({ line, field: 'fb_post_id', message: `appears twice in the file (${row.fb_post_id})` });
    seen.add(row.fb_post_id);
  }
  if (rows.length === 0) {
    throw new UsageError(l(`${file} has no rows to import.`, `${file} n'a aucune ligne à importer.`), {
      code: 'import_empty',
    });
  }
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line);
    const shown = problems.slice(0, 20).map((p) => `line ${p.line}, ${p.field}: ${p.message}`);
    const more = problems.length > 20 ? `\n  … ${problems.length - 20} more` : '';
    throw new UsageError(
      l(
        `${countOf(problems.length, l('problem', 'problème'), l('problems', 'problèmes')).en} in ${file}; nothing was imported:\n  ${shown.join('\n  ')}${more}`,
        `${countOf(problems.length, l('problem', 'problème'), l('problems', 'problèmes')).fr} dans ${file}; rien n’a été importé :\n  ${shown.map((s) => s.replace(/^line/, 'ligne')).join('\n  ')}${more}`,
      ),
      {
        code: 'import_invalid',
        details: { problems },
        fix: l('Fix those rows and run the import again.', 'Corrigez ces lignes et relancez l’import.'),
      },
    );
  }
  const w = deps.writer();
  const tz = deps.brand.timezone;
  const today = localDate(deps.clock.now(), tz);
  const result: ImportResult = { file, imported: 0, inReview: 0, history: 0, snapshots: 0, postIds: [] };
  await immediate(deps.db, async (trx) => {
    for (const { row } of valid) {
      const id = newId();
      const published = row.published_at ? parseInstant(row.published_at)!.toISOString() : null;
      const targetDate = row.target_date ?? (published ? localDate(new Date(published), tz) : today);
      await insertPost(trx, w, {
        id,
        brand: deps.brandSlug,
        contentType: row.content_type,
        topic: row.topic ?? null,
        targetDate,
        state: 'draft',
      });
      const variantId = await insertVariant(trx, w, {
        postId: id,
        idx: 0,
        style: row.style ?? 'professional',
        text: row.text,
        headline: row.headline ?? '',
        promptVersion: row.prompt_version ?? 'imported',
        provider: 'import',
        model: 'import',
        qualityScore: row.quality_score ?? null,
      });
      let state: PostState = 'in_review';
      if (published) {
        const pubId = await insertPublication(trx, w, {
          postId: id,
          brand: deps.brandSlug,
          status: 'published',
          mode: 'imported',
          textHash: hashText(row.text),
          slotAt: published,
          finishedAt: published,
          fbPostId: row.fb_post_id ?? null,
          permalink: row.permalink ?? null,
        });
        state = 'published';
        for (const label of LABELS) {
          const values = Object.fromEntries(METRICS.map((m) => [m, row[`${m}_${label}`]])) as Record<
            (typeof METRICS)[number],
            number | undefined
          >;
          if (METRICS.every((m) => values[m] === undefined)) continue;
          const missing = METRICS.filter((m) => values[m] === undefined);
          const rate = engagementRate(values);
          await insertSnapshot(trx, w, {
            postId: id,
            publicationId: pubId,
            label,
            takenAt: new Date(Date.parse(published) + (label === '24h' ? 1 : 7) * 86_400_000).toISOString(),
            views: values.views ?? null,
            uniqueViewers: values.unique_viewers ?? null,
            reactions: values.reactions ?? null,
            comments: values.comments ?? null,
            shares: values.shares ?? null,
            clicks: values.clicks ?? null,
            engagementRate: rate,
            basis: rate === null ? null : '(reactions+comments+shares)/unique_viewers (imported)',
            missing,
          });
          result.snapshots += 1;
          state = 'measured';
        }
        result.history += 1;
      } else result.inReview += 1;
      await setImportedPostFields(trx, w, id, {
        state,
        chosenVariantId: published ? variantId : null,
        scheduledAt: published,
        ...(published ? { createdAt: published } : {}),
      });
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: id,
        action: 'import',
        from: null,
        to: state,
        data: { file: file.split(/[\\/]/).pop(), fbPostId: row.fb_post_id ?? null },
      });
      result.imported += 1;
      result.postIds.push(id);
    }
  });
  return result;
};
