import { addDays, isValidDate } from '../domain/time.js';
import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import {
  countExportPosts,
  exportPostsPage,
  exportPublications,
  exportSnapshots,
  exportVariants,
  type ExportRange,
} from '../store/transfer-repo.js';
import { dayStart } from './period.js';
import { csvLine } from './render-csv.js';
import { defuse, FLAT_COLUMNS, flatRow } from './transfer-format.js';

/** Where an export goes: resolves when the text is accepted (backpressure), so memory stays flat. */
export type TextSink = (text: string) => Promise<void>;

export type ExportFormat = 'csv' | 'json';

export interface ExportSummary {
  format: ExportFormat;
  posts: number;
  from: string | null;
  to: string | null;
}

// Small pages keep what is alive at each garbage collection small, so the heap does not grow:
// 100 posts peak at about the same memory whatever the size of the history.
const PAGE = 100;
// The write stream's own high-water mark: larger chunks cost memory (64 kB: +30 MB at 100k posts).
const CHUNK = 16 * 1024;

export const checkDate = (name: string, value: string | undefined) => {
  if (value !== undefined && !isValidDate(value)) {
    throw new UsageError(
      l(`${name} "${value}" is not a date (YYYY-MM-DD).`, `${name} « ${value} » n'est pas une date (AAAA-MM-JJ).`),
      {
        fix: l('Example: --from 2026-01-01 --to 2026-03-31.', 'Exemple : --from 2026-01-01 --to 2026-03-31.'),
      },
    );
  }
};

const group = <T extends { post_id: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.post_id);
    if (list) list.push(r);
    else m.set(r.post_id, [r]);
  }
  return m;
};

const withoutPostId = <T extends { post_id: string }>(rows: T[]) => rows.map(({ post_id: _, ...rest }) => rest);

/**
 * Posts created in the range (local dates, inclusive) with their variants, publications and
 * snapshots, written as they are read, one page of posts at a time. JSON: the header, then one
 * post per line in `posts` (valid JSON as a whole; `import` streams it back line by line).
 * CSV: one post per row (`FLAT_COLUMNS`).
 */
export const exportPosts = async (
  deps: ServiceDeps,
  options: { from?: string | undefined; to?: string | undefined; format: ExportFormat },
  write: TextSink,
  progress?: ProgressSink,
): Promise<ExportSummary> => {
  checkDate('--from', options.from);
  checkDate('--to', options.to);
  const tz = deps.brand.timezone;
  const range: ExportRange = {
    brand: deps.brandSlug,
    from: options.from ? dayStart(options.from, tz) : null,
    to: options.to ? dayStart(addDays(options.to, 1), tz) : null,
  };
  const total = await countExportPosts(deps.db, range);
  const json = options.format === 'json';
  if (json) {
    const header = {
      kind: 'autoscale.export',
      schemaVersion: 1,
      brand: deps.brandSlug,
      exportedAt: deps.clock.now().toISOString(),
      from: options.from ?? null,
      to: options.to ?? null,
    };
    await write(`${JSON.stringify(header, null, 2).replace(/\n}$/, ',\n  "posts": [')}`);
  } else await write(`${csvLine([...FLAT_COLUMNS])}\r\n`);

  let written = 0;
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    const posts = await exportPostsPage(deps.db, range, after, PAGE);
    if (posts.length === 0) break;
    const ids = posts.map((p) => p.id);
    // CSV shows the chosen (else first) variant and the 24 h and 7 d numbers: only those are read.
    const [variants, publications, snapshots] = await Promise.all([
      exportVariants(deps.db, ids, json ? undefined : posts).then(group),
      exportPublications(deps.db, ids).then(group),
      exportSnapshots(deps.db, ids, json ? undefined : ['24h', '7d']).then(group),
    ]);
    // Written in chunks of about 16 kB, never a page-sized string: what is alive when the young
    // generation is collected stays small, so little is promoted and the heap does not grow
    // (a 100-post page joined into one string peaked 40 MB higher at 10,000 posts).
    let chunk = '';
    for (const post of posts) {
      const vs = variants.get(post.id) ?? [];
      const pubs = publications.get(post.id) ?? [];
      const snaps = snapshots.get(post.id) ?? [];
      const flat = flatRow(post, vs, pubs, snaps);
      if (json) {
        const full = Object.assign(flat, {
          chosen_variant_id: post.chosen_variant_id,
          scheduled_at: post.scheduled_at,
          publish_mode: post.publish_mode,
          created_at: post.created_at,
          variants: withoutPostId(vs),
          publications: withoutPostId(pubs),
          metricSnapshots: withoutPostId(snaps),
        });
        chunk += `${written === 0 ? '\n' : ',\n'}    ${JSON.stringify(full)}`;
      } else chunk += `${csvLine(FLAT_COLUMNS.map((c) => defuse(c, flat[c])))}\r\n`;
      written += 1;
      if (chunk.length >= CHUNK) {
        await write(chunk);
        chunk = '';
      }
    }
    if (chunk) await write(chunk);
    progress?.({ step: 'export', done: written, total, unit: 'posts' });
    const last = posts[posts.length - 1]!;
    after = { createdAt: last.created_at, id: last.id };
  }
  if (json) await write(`${written ? '\n  ' : ''}]\n}\n`);
  return { format: options.format, posts: written, from: options.from ?? null, to: options.to ?? null };
};
