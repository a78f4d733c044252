import type { BrandConfig } from '../config/schema.js';
import type { ContentType, Style } from '../domain/content.js';
import type { PromptBundle } from '../prompts/library.js';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
}

export const zeroUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 });

export interface VariantDraft {
  style: Style;
  text: string;
  /** Short line for the image overlay (≤ 60 characters). */
  headline: string;
}

export interface TextRequest {
  brandSlug: string;
  brand: BrandConfig;
  contentType: ContentType;
  topic: string | null;
  /** Target publication date, YYYY-MM-DD in the brand's zone. */
  date: string;
  style: Style;
  prompts: PromptBundle;
  /** Stable seed for deterministic providers and for idempotency keys. */
  seed: string;
  /** Reviewer or quality-gate feedback when regenerating. */
  feedback?: string | undefined;
  /** The text being revised, when regenerating. */
  previous?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((event: { outputTokens: number }) => void) | undefined;
}

export interface TextResult {
  draft: VariantDraft;
  usage: Usage;
  model: string;
  requestId?: string | undefined;
  latencyMs: number;
  /** Provider-reported cost when it reports one (kie.ai credits), else computed from prices. */
  reportedCostUsd?: number | undefined;
}

export interface TextProvider {
  /** `offline`, `anthropic`, `kie`, `openai`… */
  readonly id: string;
  readonly model: string;
  /** Offline providers cost nothing and need no network; their drafts are labelled as such. */
  readonly offline: boolean;
  generate(request: TextRequest): Promise<TextResult>;
}

export interface ImageRequest {
  brand: BrandConfig;
  /** Stable per post: varies the offline card's decoration deterministically. */
  seed: string;
  prompt: string;
  headline: string;
  /** Provider size string such as 1536x1024. */
  size: string;
  quality: 'low' | 'medium' | 'high';
  signal?: AbortSignal | undefined;
}

export interface ImageResult {
  /** Encoded image bytes as returned (PNG/JPEG/WebP). */
  bytes: Buffer;
  model: string;
  costUsd: number;
  latencyMs: number;
  revisedPrompt?: string | undefined;
}

export interface ImageProvider {
  readonly id: string;
  readonly model: string;
  readonly offline: boolean;
  /** `card`: a designed background the text sits on as is; `photo`: needs crop and a scrim. */
  readonly look: 'card' | 'photo';
  generate(request: ImageRequest): Promise<ImageResult>;
}

export interface EmbeddingProvider {
  readonly id: string;
  readonly model: string;
  readonly offline: boolean;
  embed(texts: string[]): Promise<{ vectors: number[][]; usage: Usage }>;
}
