/**
 * One published post's summary (`post_facts`, migration 0012) as the store returns it: what the
 * report and the learning loop read instead of the history of snapshots, texts and AI calls.
 */
export interface FactSummary {
  postId: string;
  brand: string;
  publishedAt: string;
  contentType: string;
  style: string | null;
  promptVersion: string | null;
  qualityScore: number | null;
  judgeMethod: string | null;
  judgeNaturalness: number | null;
  judgeClicheSpans: number | null;
  /** '7d' when that snapshot exists, else '24h'; null = not measured yet. */
  snapshot: string | null;
  uniqueViewers: number | null;
  views: number | null;
  engagements: number | null;
  rate: number | null;
  /** JSON array of the fields the metrics job could not read. */
  missing: string;
  costText: number;
  costImage: number;
  textLength: number;
  /** 0 or 1, as SQLite keeps booleans. */
  questionEnd: number;
  hasNumber: number;
  story: number;
  emojis: number;
  hashtags: number;
  opening: string;
  ending: string;
}

/** The lean summary the learning loop reads for every measured post. */
export type MeasuredSummary = Pick<
  FactSummary,
  | 'postId'
  | 'contentType'
  | 'style'
  | 'publishedAt'
  | 'rate'
  | 'uniqueViewers'
  | 'textLength'
  | 'questionEnd'
  | 'hasNumber'
  | 'story'
  | 'emojis'
  | 'hashtags'
  | 'opening'
  | 'ending'
>;
