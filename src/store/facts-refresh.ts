import { wentOutAtSql } from './publications-repo.js';
import { sql, type Selectable } from 'kysely';
import type { PostFactsTable } from '../../db/schema.js';
import { textFeatures } from '../domain/text-features.js';
import type { Db } from './database.js';

/**
 * Keeps `post_facts` (migration 0012) equal to what the source tables say. Triggers queue the
 * posts whose rows changed in `_facts_dirty`; `flushFacts` recomputes them, which `immediate`
 * does before every write transaction commits, so a committed write carries its summaries.
 * `computeFacts` is the same computation without writing, for readers that meet a post still
 * queued (a write made outside a transaction).
 */
export type FactRow = Selectable<PostFactsTable>;

const PUBLISHED_STATES = ['published', 'measured'];
const CHUNK = 500;

const chunks = <T>(items: T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

interface SourceRow {
  id: string;
  brand: string;
  content_type: string;
  published_at: string | null;
  style: string | null;
  prompt_version: string | null;
  quality_score: number | null;
  judge_method: string | null;
  judge_naturalness: number | null;
  judge_cliche_spans: number | null;
  text: string | null;
}

interface SnapshotSource {
  post_id: string;
  label: string;
  views: number | null;
  unique_viewers: number | null;
  reactions: number | null;
  comments: number | null;
  shares: number | null;
  engagement_rate: number | null;
  missing: string | null;
}

/**
 * The publication time is when the post went out (`wentOutAt`: a native post's slot, else when
 * the publish call finished), else the post's scheduled time (imported history may have no
 * publication row).
 */
const sourceRows = async (db: Db, ids: string[]): Promise<SourceRow[]> =>
  (
    await sql<SourceRow>`
    SELECT p.id, p.brand, p.content_type,
      COALESCE(
        (SELECT ${wentOutAtSql} FROM publications pub
          WHERE pub.post_id = p.id AND pub.deleted_at IS NULL AND (pub.status = 'published' OR pub.fb_post_id IS NOT NULL)
          ORDER BY pub.attempt_no DESC LIMIT 1),
        p.scheduled_at) AS published_at,
      v.style, v.prompt_version, v.quality_score, vv.text,
      CASE WHEN json_valid(v.quality) THEN json_extract(v.quality, '$.judge.method') END AS judge_method,
      CASE WHEN json_valid(v.quality) THEN json_extract(v.quality, '$.judge.naturalness') END AS judge_naturalness,
      CASE WHEN json_valid(v.quality) THEN json_array_length(v.quality, '$.judge.clicheSpans') END AS judge_cliche_spans
    FROM posts p
    LEFT JOIN variants v ON v.id = p.chosen_variant_id
    LEFT JOIN variant_versions vv ON vv.variant_id = v.id AND vv.version_no = v.current_version_no
    WHERE p.id IN (${sql.join(ids)}) AND p.deleted_at IS NULL AND p.state IN (${sql.join(PUBLISHED_STATES)})`.execute(
      db,
    )
  ).rows;

const snapshotRows = async (db: Db, ids: string[]): Promise<SnapshotSource[]> =>
  (
    await sql<SnapshotSource>`
    SELECT post_id, label, views, unique_viewers, reactions, comments, shares, engagement_rate, missing
      FROM metric_snapshots
     WHERE post_id IN (${sql.join(ids)}) AND label IN ('24h', '7d') AND deleted_at IS NULL`.execute(db)
  ).rows;

const costRows = async (db: Db, ids: string[]) =>
  (
    await sql<{ post_id: string; purpose: string; cost: number }>`
    SELECT post_id, purpose, SUM(cost_usd) AS cost FROM llm_calls
     WHERE post_id IN (${sql.join(ids)}) AND deleted_at IS NULL GROUP BY post_id, purpose`.execute(db)
  ).rows;

export const parseMissing = (value: string | null): string[] => {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
};

/** Engagements = reactions + comments + shares; null when reactions or comments are unknown. */
export const engagementsOf = (s: { reactions: number | null; comments: number | null; shares: number | null }) =>
  s.reactions === null || s.comments === null ? null : s.reactions + s.comments + (s.shares ?? 0);

const factOf = (
  r: SourceRow & { published_at: string },
  snaps: SnapshotSource[],
  cost: { text: number; image: number },
): FactRow => {
  const snap = snaps.find((s) => s.label === '7d') ?? snaps.find((s) => s.label === '24h');
  const engagements = snap ? engagementsOf(snap) : null;
  const viewers = snap?.unique_viewers ?? null;
  let rate = snap?.engagement_rate ?? null;
  if (rate === null && engagements !== null && viewers) rate = engagements / viewers;
  if (viewers === 0) rate = null;
  const f = textFeatures(r.text ?? '');
  return {
    post_id: r.id,
    brand: r.brand,
    published_at: r.published_at,
    content_type: r.content_type,
    style: r.style,
    prompt_version: r.prompt_version,
    quality_score: r.quality_score,
    judge_method: r.judge_method,
    judge_naturalness: r.judge_naturalness,
    judge_cliche_spans: r.judge_cliche_spans,
    snapshot: snap ? (snap.label === '7d' ? '7d' : '24h') : null,
    unique_viewers: viewers,
    views: snap?.views ?? null,
    engagements,
    rate,
    missing: JSON.stringify(snap ? parseMissing(snap.missing) : ['snapshot']),
    cost_text: cost.text,
    cost_image: cost.image,
    text_length: f.length,
    question_end: f.questionEnd ? 1 : 0,
    has_number: f.hasNumber ? 1 : 0,
    story: f.story ? 1 : 0,
    emojis: f.emojis,
    hashtags: f.hashtags,
    opening: f.opening,
    ending: f.ending,
  };
};

/** The summaries of these posts as the source tables say now (absent: not a published post). */
export const computeFacts = async (db: Db, ids: string[]): Promise<Map<string, FactRow>> => {
  const out = new Map<string, FactRow>();
  for (const part of chunks([...new Set(ids)])) {
    const sources = (await sourceRows(db, part)).filter((r): r is SourceRow & { published_at: string } =>
      Boolean(r.published_at),
    );
    if (sources.length === 0) continue;
    const live = sources.map((r) => r.id);
    const [snaps, costs] = await Promise.all([snapshotRows(db, live), costRows(db, live)]);
    const snapsBy = new Map<string, SnapshotSource[]>();
    for (const s of snaps) {
      const list = snapsBy.get(s.post_id);
      if (list) list.push(s);
      else snapsBy.set(s.post_id, [s]);
    }
    const costBy = new Map<string, { text: number; image: number }>();
    for (const c of costs) {
      const entry = costBy.get(c.post_id) ?? { text: 0, image: 0 };
      if (c.purpose === 'image') entry.image += Number(c.cost);
      else entry.text += Number(c.cost);
      costBy.set(c.post_id, entry);
    }
    for (const r of sources)
      out.set(r.id, factOf(r, snapsBy.get(r.id) ?? [], costBy.get(r.id) ?? { text: 0, image: 0 }));
  }
  return out;
};

/** The text features a summary keeps (computed in JavaScript when the post's text changes). */
export const TEXT_FEATURE_COLUMNS = [
  'text_length',
  'question_end',
  'has_number',
  'story',
  'emojis',
  'hashtags',
  'opening',
  'ending',
] as const satisfies readonly (keyof FactRow)[];

const COLUMNS = [
  'post_id',
  'brand',
  'published_at',
  'content_type',
  'style',
  'prompt_version',
  'quality_score',
  'judge_method',
  'judge_naturalness',
  'judge_cliche_spans',
  'snapshot',
  'unique_viewers',
  'views',
  'engagements',
  'rate',
  'missing',
  'cost_text',
  'cost_image',
  ...TEXT_FEATURE_COLUMNS,
] as const satisfies readonly (keyof FactRow)[];

const same = (a: FactRow, b: FactRow | undefined) => b !== undefined && COLUMNS.every((c) => a[c] === b[c]);

/** Recomputes the queued posts' summaries; returns how many posts were looked at. */
export const flushFacts = async (db: Db): Promise<number> => {
  let total = 0;
  for (;;) {
    const ids = (await sql<{ post_id: string }>`SELECT post_id FROM _facts_dirty LIMIT ${CHUNK}`.execute(db)).rows.map(
      (r) => r.post_id,
    );
    if (ids.length === 0) return total;
    const [computed, existing] = await Promise.all([
      computeFacts(db, ids),
      db.selectFrom('post_facts').selectAll().where('post_id', 'in', ids).execute(),
    ]);
    const before = new Map(existing.map((r) => [r.post_id, r]));
    const changed = new Set<string>();
    const upserts: FactRow[] = [];
    const deletes: string[] = [];
    for (const id of ids) {
      const now = computed.get(id);
      const old = before.get(id);
      if (now && !same(now, old)) {
        upserts.push(now);
        changed.add(now.brand);
        if (old) changed.add(old.brand);
      } else if (!now && old) {
        deletes.push(id);
        changed.add(old.brand);
      }
    }
    for (const part of chunks(upserts, 200)) await db.replaceInto('post_facts').values(part).execute();
    if (deletes.length) await db.deleteFrom('post_facts').where('post_id', 'in', deletes).execute();
    for (const brand of changed) {
      await sql`INSERT INTO _facts_state (brand, generation) VALUES (${brand}, 1)
        ON CONFLICT (brand) DO UPDATE SET generation = generation + 1`.execute(db);
    }
    await db.deleteFrom('_facts_dirty').where('post_id', 'in', ids).execute();
    total += ids.length;
  }
};
