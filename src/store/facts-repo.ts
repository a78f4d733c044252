import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';
import type { FactSummary, MeasuredSummary } from '../domain/post-facts.js';
import { computeFacts, TEXT_FEATURE_COLUMNS, type FactRow } from './facts-refresh.js';
import { fromRows } from './row-mapping.js';

/**
 * Reads of the per-post summaries (post_facts, migration 0012). Every read leaves out posts still
 * queued for a refresh and returns them computed from the source tables instead, so a summary
 * is never served stale and a reader never writes.
 */
export type { FactSummary, MeasuredSummary } from '../domain/post-facts.js';

const NOT_QUEUED = sql<boolean>`post_id NOT IN (SELECT post_id FROM _facts_dirty)`;

/** Queued posts of a brand, computed now (a handful: writes made outside a transaction). */
const queuedRows = async (db: Db, brand: string): Promise<FactRow[]> => {
  const ids = (await sql<{ post_id: string }>`SELECT post_id FROM _facts_dirty`.execute(db)).rows.map((r) => r.post_id);
  if (ids.length === 0) return [];
  return [...(await computeFacts(db, ids)).values()].filter((f) => f.brand === brand);
};

const inRange = (from: string | null, to: string | null) => (f: FactRow) =>
  (from === null || f.published_at >= from) && (to === null || f.published_at < to);

const byTime = (a: Pick<FactRow, 'published_at' | 'post_id'>, b: Pick<FactRow, 'published_at' | 'post_id'>) =>
  a.published_at < b.published_at ? -1 : a.published_at > b.published_at ? 1 : a.post_id < b.post_id ? -1 : 1;

/** Queued posts of a brand, computed now, as summaries. */
export const queuedFacts = async (db: Db, brand: string): Promise<FactSummary[]> =>
  fromRows(await queuedRows(db, brand));

/** Summaries of the brand's posts published in [from, to), in publication order. */
export const factsBetween = async (
  db: Db,
  brand: string,
  from: string | null,
  to: string | null,
  options: { measuredOnly?: boolean } = {},
): Promise<FactSummary[]> => {
  const stored = await db
    .selectFrom('post_facts')
    .selectAll()
    .where('brand', '=', brand)
    .$if(from !== null, (q) => q.where('published_at', '>=', from!))
    .$if(to !== null, (q) => q.where('published_at', '<', to!))
    .$if(options.measuredOnly === true, (q) => q.where('rate', 'is not', null))
    .where(NOT_QUEUED)
    .orderBy('published_at')
    .orderBy('post_id')
    .execute();
  const queued = (await queuedRows(db, brand))
    .filter(inRange(from, to))
    .filter((f) => !options.measuredOnly || f.rate !== null);
  return fromRows(queued.length ? [...stored, ...queued].sort(byTime) : stored);
};

const MEASURED_COLUMNS = [
  'post_id',
  'content_type',
  'style',
  'published_at',
  'rate',
  'unique_viewers',
  ...TEXT_FEATURE_COLUMNS,
] as const;

/** Every measured post of a brand, only the columns the learning loop reads, in publication order. */
export const measuredRows = async (db: Db, brand: string): Promise<MeasuredSummary[]> => {
  const stored = await db
    .selectFrom('post_facts')
    .select(MEASURED_COLUMNS)
    .where('brand', '=', brand)
    .where('rate', 'is not', null)
    .where(NOT_QUEUED)
    .orderBy('published_at')
    .orderBy('post_id')
    .execute();
  const queued = (await queuedRows(db, brand)).filter((f) => f.rate !== null);
  return fromRows(queued.length ? [...stored, ...queued].sort(byTime) : stored);
};

/**
 * Brand-wide change counter of the summaries, and whether posts of the brand wait in the queue:
 * the learning loop stores the generation it was computed from and recomputes only when it moved.
 */
export const factsGeneration = async (db: Db, brand: string): Promise<{ generation: number; queued: boolean }> => {
  const row = await db.selectFrom('_facts_state').select('generation').where('brand', '=', brand).executeTakeFirst();
  // CROSS JOIN: the (usually empty) queue drives the join, not the brand's posts.
  const queued = await sql<{ n: number }>`SELECT count(*) AS n FROM _facts_dirty d CROSS JOIN posts p
    ON p.id = d.post_id WHERE p.brand = ${brand}`.execute(db);
  return { generation: row?.generation ?? 0, queued: Number(queued.rows[0]?.n ?? 0) > 0 };
};

/** Offsets of the brand's zone over a range: [until (exclusive, ISO), minutes]; the last has until = null. */
export type OffsetSegments = { until: string | null; minutes: number }[];

/** The zone's offset at `published_at`, in seconds, as SQL (a CASE over the segments). */
const localOffset = (segments: OffsetSegments): RawBuilder<number> => {
  const last = segments[segments.length - 1]!.minutes * 60;
  if (segments.length === 1) return sql<number>`${last}`;
  const whens = segments
    .filter((s) => s.until !== null)
    .map((s) => sql`WHEN published_at < ${s.until} THEN ${s.minutes * 60}`);
  return sql<number>`CASE ${sql.join(whens, sql` `)} ELSE ${last} END`;
};

/** Sums of one group of summaries: what the report's pooled rates and means are made of. */
export interface FactSums {
  posts: number;
  measured: number;
  /** Posts with a rate, engagements and unique viewers > 0: the pooled rate's base. */
  rateBase: number;
  engagements: number;
  viewers: number;
  viewerPosts: number;
  viewerSum: number;
  qualityN: number;
  qualitySum: number;
  /** Posts with a judge verdict; of them, natural (no cliché span, naturalness ≥ the threshold); judged by a model. */
  judgedN: number;
  naturalN: number;
  llmJudgedN: number;
  costText: number;
  costImage: number;
}

export interface FactCell extends FactSums {
  contentType: string;
  style: string | null;
  promptVersion: string | null;
  /** Index of the week bound the post falls after (0 = first week). */
  week: number;
  /** Local weekday (0 = Sunday) and hour of publication in the brand's zone. */
  weekday: number;
  hour: number;
}

/**
 * The brand's summaries in [from, to) aggregated in SQL by type, style, prompt version, week
 * (weekStarts: the UTC instants where weeks 1, 2, … start) and local weekday × hour (the zone's
 * offsets over the range as segments). Queued posts are left out: the caller adds them.
 */
export const factCells = async (
  db: Db,
  brand: string,
  range: { from: string; to: string; weekStarts: string[]; offsets: OffsetSegments; naturalThreshold: number },
): Promise<FactCell[]> => {
  const offset = localOffset(range.offsets);
  const week = range.weekStarts.length
    ? sql`CASE ${sql.join(
        range.weekStarts.map((start, i) => sql`WHEN published_at < ${start} THEN ${i}`),
        sql` `,
      )} ELSE ${range.weekStarts.length} END`
    : sql`0`;
  const based = sql`rate IS NOT NULL AND engagements IS NOT NULL AND unique_viewers > 0`;
  const judged = sql`(judge_method IN ('llm', 'deterministic') AND judge_naturalness IS NOT NULL)`;
  const rows = await sql<{
    content_type: string;
    style: string | null;
    prompt_version: string | null;
    week: number;
    weekday: number;
    hour: number;
    posts: number;
    measured: number;
    rate_base: number;
    engagements: number;
    viewers: number;
    viewer_posts: number;
    viewer_sum: number;
    quality_n: number;
    quality_sum: number;
    judged_n: number;
    natural_n: number;
    llm_judged_n: number;
    cost_text: number;
    cost_image: number;
  }>`
    SELECT content_type, style, prompt_version, week, weekday, hour,
      count(*) AS posts,
      sum(snapshot IS NOT NULL) AS measured,
      sum(CASE WHEN ${based} THEN 1 ELSE 0 END) AS rate_base,
      sum(CASE WHEN ${based} THEN engagements ELSE 0 END) AS engagements,
      sum(CASE WHEN ${based} THEN unique_viewers ELSE 0 END) AS viewers,
      sum(unique_viewers IS NOT NULL) AS viewer_posts,
      coalesce(sum(unique_viewers), 0) AS viewer_sum,
      sum(quality_score IS NOT NULL) AS quality_n,
      coalesce(sum(quality_score), 0) AS quality_sum,
      sum(${judged}) AS judged_n,
      sum(${judged} AND judge_naturalness >= ${range.naturalThreshold} AND coalesce(judge_cliche_spans, 0) = 0) AS natural_n,
      sum(${judged} AND judge_method = 'llm') AS llm_judged_n,
      sum(cost_text) AS cost_text,
      sum(cost_image) AS cost_image
    FROM (
      -- Local weekday (1970-01-01 was a Thursday) and hour from the local Unix time.
      SELECT content_type, style, prompt_version, snapshot, rate, engagements, unique_viewers, quality_score,
        judge_method, judge_naturalness, judge_cliche_spans, cost_text, cost_image, ${week} AS week,
        ((t / 86400) + 4) % 7 AS weekday, (t % 86400) / 3600 AS hour
      FROM (SELECT f.*, CAST(unixepoch(published_at) + ${offset} AS INTEGER) AS t FROM post_facts f
            WHERE brand = ${brand} AND published_at >= ${range.from} AND published_at < ${range.to} AND ${NOT_QUEUED})
    )
    GROUP BY content_type, style, prompt_version, week, weekday, hour`.execute(db);
  return rows.rows.map((r) => ({
    contentType: r.content_type,
    style: r.style,
    promptVersion: r.prompt_version,
    week: Number(r.week),
    weekday: Number(r.weekday),
    hour: Number(r.hour),
    posts: Number(r.posts),
    measured: Number(r.measured),
    rateBase: Number(r.rate_base),
    engagements: Number(r.engagements),
    viewers: Number(r.viewers),
    viewerPosts: Number(r.viewer_posts),
    viewerSum: Number(r.viewer_sum),
    qualityN: Number(r.quality_n),
    qualitySum: Number(r.quality_sum),
    judgedN: Number(r.judged_n),
    naturalN: Number(r.natural_n),
    llmJudgedN: Number(r.llm_judged_n),
    costText: Number(r.cost_text),
    costImage: Number(r.cost_image),
  }));
};

/** What "why it stands out" compares a post with: the measured posts of a range, summed in SQL. */
export interface ReferenceStats {
  measured: number;
  rateSum: number;
  questionEnd: number;
  hasNumber: number;
  story: number;
  /** Sorted text length at index ⌊measured / 2⌋ (0 when none). */
  medianLength: number;
}

export const referenceStats = async (db: Db, brand: string, from: string, to: string): Promise<ReferenceStats> => {
  const where = sql`brand = ${brand} AND published_at >= ${from} AND published_at < ${to} AND rate IS NOT NULL AND ${NOT_QUEUED}`;
  const sums = (
    await sql<{ n: number; rate_sum: number | null; q: number | null; num: number | null; story: number | null }>`
    SELECT count(*) AS n, sum(rate) AS rate_sum, sum(question_end) AS q, sum(has_number) AS num, sum(story) AS story
      FROM post_facts WHERE ${where}`.execute(db)
  ).rows[0];
  const n = Number(sums?.n ?? 0);
  const median = n
    ? (
        await sql<{
          text_length: number;
        }>`SELECT text_length FROM post_facts WHERE ${where} ORDER BY text_length LIMIT 1 OFFSET ${Math.floor(n / 2)}`.execute(
          db,
        )
      ).rows[0]?.text_length
    : 0;
  return {
    measured: n,
    rateSum: Number(sums?.rate_sum ?? 0),
    questionEnd: Number(sums?.q ?? 0),
    hasNumber: Number(sums?.num ?? 0),
    story: Number(sums?.story ?? 0),
    medianLength: Number(median ?? 0),
  };
};

/** Texts of a few posts' chosen variants (the report's excerpts). */
export const chosenTexts = async (db: Db, postIds: string[]): Promise<Map<string, string>> => {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('variants as v', 'v.id', 'p.chosen_variant_id')
    .innerJoin('variant_versions as vv', (j) =>
      j.onRef('vv.variant_id', '=', 'v.id').onRef('vv.version_no', '=', 'v.current_version_no'),
    )
    .select(['p.id', 'vv.text'])
    .where('p.id', 'in', postIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.text]));
};
