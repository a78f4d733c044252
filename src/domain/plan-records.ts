/**
 * The editorial calendar's records as the repositories hand them out (camelCase; the sync
 * bookkeeping `updated_by`/`deleted_at` is left out). Tables: db/migrations/0014-plan.ts.
 */

/** One planned post: a posting day of one platform. */
export interface PlanEntry {
  id: string;
  brand: string;
  platform: string;
  /** Local date in the brand's zone, YYYY-MM-DD. */
  date: string;
  /** Null when the day is skipped. */
  contentType: string | null;
  topic: string | null;
  angle: string | null;
  /** A `PlanSourceKind` (src/domain/plan.ts). */
  sourceKind: string;
  /** The idea, source item, moment or past post the entry comes from. */
  sourceRef: string | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  /** JSON {en, fr}: why this entry was chosen (`parseReason`). */
  reason: string;
  /** 1 = set by the owner (plan set/skip/swap, the studio): a refresh never touches it. */
  fixed: number;
  skipped: number;
  /** The post the daemon wrote from this entry. */
  postId: string | null;
  seed: string | null;
  createdAt: string;
  version: number;
  updatedAt: string;
}

/** The content of an entry: what a refresh, `plan set` or a swap writes. */
export type PlanEntryContent = Pick<
  PlanEntry,
  | 'contentType'
  | 'topic'
  | 'angle'
  | 'sourceKind'
  | 'sourceRef'
  | 'sourceTitle'
  | 'sourceUrl'
  | 'reason'
  | 'fixed'
  | 'skipped'
  | 'seed'
>;

/** An idea of the inbox. */
export interface Idea {
  id: string;
  brand: string;
  text: string;
  contentType: string | null;
  link: string | null;
  /** cli | studio | page | slack */
  origin: string;
  originRef: string | null;
  /** open | planned | used | dropped */
  status: string;
  createdAt: string;
  createdBy: string;
  version: number;
  updatedAt: string;
}

/** A news feed of a brand. */
export interface Source {
  id: string;
  brand: string;
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  /** ok | not_modified | error */
  lastStatus: string | null;
  lastError: string | null;
  failures: number;
  createdAt: string;
  version: number;
  updatedAt: string;
}

/** One story read from a feed, with the name of the feed when known. */
export interface SourceItem {
  id: string;
  sourceId: string;
  brand: string;
  itemKey: string;
  titleKey: string;
  title: string;
  url: string | null;
  publishedAt: string | null;
  summary: string | null;
  /** Relevance to the brand's audience, 0..1. */
  score: number;
  /** keywords | model */
  scoreBasis: string;
  judgement: string | null;
  /** new | planned | used | dismissed */
  status: string;
  fetchedAt: string;
  sourceTitle: string | null;
}

/** A post as the calendar shows it. */
export interface CalendarPost {
  id: string;
  contentType: string;
  topic: string | null;
  targetDate: string;
  state: string;
  scheduledAt: string | null;
  headline: string | null;
}
