import type { PostFeatures } from './features.js';
import {
  factsBetween,
  measuredRows,
  queuedFacts,
  type FactSummary,
  type MeasuredSummary,
} from '../store/facts-repo.js';
import type { Db } from '../store/database.js';
import { localClock } from './local-time.js';

export { engagementsOf } from '../store/facts-refresh.js';

/** What the learning loop reads of a measured post (a lean row: it reads the whole history). */
export interface MeasuredFact {
  id: string;
  contentType: string;
  style: string | null;
  publishedAt: string;
  /** Local weekday (0 = Sunday) and hour of publication, in the brand's zone. */
  weekday: number;
  hour: number;
  /** Engagements per unique viewer; null when the denominator or the numerator is missing. */
  rate: number | null;
  uniqueViewers: number | null;
  /** Text features with the slot, type and style: what the guidance and the predictor read. */
  features: PostFeatures;
}

/**
 * One published post with its best snapshot, its cost and the features of its text: what every
 * analysis reads. Built from the per-post summaries (post_facts), never from the whole history of
 * snapshots and texts.
 */
export interface PostFact extends MeasuredFact {
  promptVersion: string | null;
  qualityScore: number | null;
  /** The judge's verdict on the published text (null for imported or unscored posts). */
  judge: { method: 'llm' | 'deterministic'; naturalness: number; clicheSpans: number } | null;
  /** Which snapshot the numbers come from ('7d' preferred, else '24h'); null = not measured yet. */
  snapshot: '24h' | '7d' | null;
  views: number | null;
  engagements: number | null;
  /** Fields the metrics job could not read (from the snapshot's `missing`). */
  missing: string[];
  costText: number;
  costImage: number;
}

const NONE: string[] = [];

/** The features a summary row keeps, with the slot computed in the brand's zone. */
const featuresFromRow = (r: MeasuredSummary, weekday: number, hour: number): PostFeatures => ({
  length: r.textLength,
  questionEnd: r.questionEnd === 1,
  hasNumber: r.hasNumber === 1,
  story: r.story === 1,
  emojis: r.emojis,
  hashtags: r.hashtags,
  opening: r.opening as PostFeatures['opening'],
  ending: r.ending as PostFeatures['ending'],
  weekday,
  hour,
  contentType: r.contentType,
  style: r.style,
});

export const toPostFact = (r: FactSummary, clock: ReturnType<typeof localClock>): PostFact => {
  const { weekday, hour } = clock.weekdayHour(r.publishedAt);
  return {
    id: r.postId,
    contentType: r.contentType,
    style: r.style,
    promptVersion: r.promptVersion,
    qualityScore: r.qualityScore,
    judge:
      (r.judgeMethod === 'llm' || r.judgeMethod === 'deterministic') && typeof r.judgeNaturalness === 'number'
        ? { method: r.judgeMethod, naturalness: r.judgeNaturalness, clicheSpans: r.judgeClicheSpans ?? 0 }
        : null,
    publishedAt: r.publishedAt,
    weekday,
    hour,
    snapshot: r.snapshot === '7d' ? '7d' : r.snapshot === '24h' ? '24h' : null,
    uniqueViewers: r.uniqueViewers,
    views: r.views,
    engagements: r.engagements,
    rate: r.rate,
    missing: r.missing === '[]' ? NONE : (JSON.parse(r.missing) as string[]),
    costText: r.costText,
    costImage: r.costImage,
    features: featuresFromRow(r, weekday, hour),
  };
};

/** Published posts of a brand in [from, to) (null: open end), in publication order. */
export const loadFacts = async (
  db: Db,
  brand: string,
  timeZone: string,
  from: string | null,
  to: string | null,
  options: { measuredOnly?: boolean } = {},
): Promise<PostFact[]> => {
  const clock = localClock(timeZone);
  return (await factsBetween(db, brand, from, to, options)).map((r) => toPostFact(r, clock));
};

export const featuresOf = (f: MeasuredFact): PostFeatures => f.features;

/** Every measured post of a brand, lean (the learning loop's input), in publication order. */
export const loadMeasured = async (db: Db, brand: string, timeZone: string): Promise<MeasuredFact[]> => {
  const clock = localClock(timeZone);
  return (await measuredRows(db, brand)).map((r) => {
    const { weekday, hour } = clock.weekdayHour(r.publishedAt);
    return {
      id: r.postId,
      contentType: r.contentType,
      style: r.style,
      publishedAt: r.publishedAt,
      weekday,
      hour,
      rate: r.rate,
      uniqueViewers: r.uniqueViewers,
      features: featuresFromRow(r, weekday, hour),
    };
  });
};

/** Posts of the brand whose summaries wait in the queue, computed from the source tables. */
export const queuedPostFacts = async (db: Db, brand: string, timeZone: string): Promise<PostFact[]> => {
  const clock = localClock(timeZone);
  return (await queuedFacts(db, brand)).map((r) => toPostFact(r, clock));
};
