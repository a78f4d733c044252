import type { Style } from './content.js';
/** A variant with the text of its current version. */
export interface Variant {
  id: string;
  postId: string;
  /** 1, 2 or 3: the number people type. */
  idx: number;
  style: Style;
  currentVersionNo: number;
  qualityScore: number | null;
  /** The stored assessment (JSON). */
  quality: string | null;
  promptVersion: string;
  provider: string;
  model: string;
  text: string;
  headline: string;
  versionSource: string;
  versionAt: string;
}

/** One version of a variant's text: edits never overwrite, they add a version. */
export interface VariantVersion {
  id: string;
  variantId: string;
  versionNo: number;
  text: string;
  headline: string;
  source: string;
  note: string | null;
  author: string;
  createdAt: string;
}

/** A variant as the export writes it: its current text and when it was made. */
export interface ExportedVariant {
  id: string;
  postId: string;
  idx: number;
  style: string;
  currentVersionNo: number;
  qualityScore: number | null;
  promptVersion: string;
  provider: string;
  model: string;
  headline: string;
  text: string;
  createdAt: string;
}
