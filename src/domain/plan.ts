import { l, type Localized } from '../i18n/localized.js';
import type { ContentType } from './content.js';

/**
 * Where a planned entry comes from. `owner`: set by hand (plan set, swap, the studio);
 * `moment`: a date of the Quebec calendar; `idea`: the ideas inbox; `news`: a feed item;
 * `evergreen`: a past winner to rewrite; `optimizer`: the learned preference; `mix`: a
 * content-mix target (a type under its minimum share, or the mix when nothing is learned).
 */
export const PLAN_SOURCES = ['owner', 'moment', 'idea', 'news', 'evergreen', 'optimizer', 'mix'] as const;
export type PlanSourceKind = (typeof PLAN_SOURCES)[number];

/** What a draft must cite: the article a news entry (or an idea's link) comes from. */
export interface Citation {
  title: string;
  url: string | null;
  /** The feed's or site's name (« Les Affaires »), when known. */
  publisher: string | null;
}

/** A planned entry as the daemon's generation takes it (see `planGeneration`). */
export interface PlannedTopic {
  entryId: string;
  contentType: ContentType;
  topic: string | null;
  angle: string | null;
  source: PlanSourceKind;
  reason: Localized;
  citation: Citation | null;
  /** An evergreen entry: the past post being rewritten (the similarity check compares with it). */
  revisitPostId: string | null;
}

/** Share targets of one content type over a four-week window (0..1). */
export interface MixTarget {
  min?: number | undefined;
  max?: number | undefined;
}

/** One content type's share against its target, for the report and `plan`. */
export interface MixAdherence {
  contentType: string;
  count: number;
  share: number;
  min: number | null;
  max: number | null;
  status: 'ok' | 'under' | 'over';
}

/** The weekly report's look ahead: next week's entries and how the mix holds. */
export interface PlanOutlook {
  week: { from: string; to: string };
  entries: {
    date: string;
    platform: string;
    contentType: string | null;
    topic: string | null;
    source: PlanSourceKind;
    reason: Localized;
    fixed: boolean;
    skipped: boolean;
    state: string;
  }[];
  /** Posting days of next week with nothing planned. */
  gaps: { date: string; platform: string }[];
  mix: {
    /** The four weeks ending with the report's period: what was written. */
    past: { from: string; to: string; total: number; types: MixAdherence[] };
    /** The four weeks of plan from next week on. */
    planned: { from: string; to: string; total: number; types: MixAdherence[] };
  };
}

/** An entry's stored reason (JSON {en, fr}); a plain string reads as both. */
export const parseReason = (value: string): Localized => {
  try {
    const parsed = JSON.parse(value) as Partial<Localized>;
    return l(parsed.en ?? value, parsed.fr ?? parsed.en ?? value);
  } catch {
    return l(value, value);
  }
};
