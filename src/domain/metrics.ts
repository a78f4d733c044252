/** A metrics snapshot of a published post (24 h or 7 d after publication). */
export interface MetricSnapshot {
  postId: string;
  label: string;
  takenAt: string;
  views: number | null;
  uniqueViewers: number | null;
  reactions: number | null;
  comments: number | null;
  shares: number | null;
  clicks: number | null;
  engagementRate: number | null;
  basis: string | null;
  /** JSON list (or older comma-separated text) of the fields that could not be read. */
  missing: string | null;
}

/** One published post with what the report and the learning loop read about it. */
export interface PublishedPost {
  id: string;
  contentType: string;
  state: string;
  publishedAt: string | null;
  style: string | null;
  promptVersion: string | null;
  qualityScore: number | null;
  text: string | null;
  /** The judge's verdict on the published text, from the stored quality report. */
  judgeMethod: string | null;
  judgeNaturalness: number | null;
  judgeClicheSpans: number | null;
}
