/**
 * Features of a post's text and slot, shared by the guidance rules, the engagement predictor
 * and the report's "why it stands out". The text part is pure and lives in domain/ so the store
 * can keep it in the per-post summaries (post_facts) when a post changes.
 */
export { textFeatures, type TextFeatures } from '../domain/text-features.js';
import type { TextFeatures } from '../domain/text-features.js';

export interface SlotFeatures {
  /** 0 = Sunday … 6 = Saturday, in the brand's zone. */
  weekday: number | null;
  hour: number | null;
}

export interface PostFeatures extends TextFeatures, SlotFeatures {
  contentType: string;
  style: string | null;
}
