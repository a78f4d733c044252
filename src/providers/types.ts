import type { BrandConfig } from '../config/schema.js';
import type { ContentType, Style } from '../domain/content.js';
import type { Citation } from '../domain/plan.js';
import type { StructurePlan } from '../domain/structure.js';
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
  /** Lessons learned from measured posts (the optimizer's guidance block), appended to the instruction. */
  guidance?: string | undefined;
  brandSlug: string;
  brand: BrandConfig;
  contentType: ContentType;
  topic: string | null;
  /** The plan's angle for the post, when it has one. */
  angle?: string | null | undefined;
  /** The article the post must cite (a news entry). */
  citation?: Citation | null | undefined;
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
  /** Called once the provider has begun answering (its prompt cache entry now exists). */
  onStart?: (() => void) | undefined;
  /** The request has been handed to the HTTP client (what waits for the answer can start now). */
  onSent?: (() => void) | undefined;
  /** The shape this variant must take (angle, opening, ending, length, numbers, hashtags). */
  structure?: StructurePlan | undefined;
  /** Recent posts of the brand: their hooks and cases must not be repeated. */
  recent?: RecentPost[] | undefined;
  /**
   * A check the caller applies to a draft (the linter's errors): a deterministic writer that can
   * assemble other drafts (offline) tries a few before giving up. Model writers ignore it: the
   * quality gate and its rewrite rounds handle them.
   */
  acceptable?: ((text: string) => boolean) | undefined;
}

export interface RecentPost {
  /** The opening sentence (what shows before "See more"). */
  hook: string;
  /** The case study title it told, when it told one. */
  caseTitle?: string | undefined;
}

/** What the writer planned before writing (asked for first, so the text follows a plan). */
export interface WriterPlan {
  angle: string;
  fact: string;
  hook: string;
  cta: string;
}

export interface TextResult {
  draft: VariantDraft;
  usage: Usage;
  model: string;
  requestId?: string | undefined;
  latencyMs: number;
  /** Provider-reported cost when it reports one (kie.ai credits), else computed from prices. */
  reportedCostUsd?: number | undefined;
  repaired?: boolean | undefined;
  plan?: WriterPlan | undefined;
}

export interface StructuredRequest<T> {
  /** What the call is for (ledger purpose): variant, judge… */
  purpose: string;
  /** The stable system block (brand voice): sent with a cache mark so variants and retries reuse it. */
  system: string;
  user: string;
  schemaName: string;
  /** JSON Schema of the answer (strict: every property required, no extras). */
  jsonSchema: Record<string, unknown>;
  /** Validates the decoded answer; throws (zod) when it does not fit. */
  parse: (value: unknown) => T;
  maxTokens?: number | undefined;
  /**
   * Wanted sampling temperature (the judge asks for 0). Providers send it only to models that
   * accept a non-default value; others (Claude 5.x, OpenAI reasoning models) get the default.
   */
  temperature?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((event: { outputTokens: number }) => void) | undefined;
  onStart?: (() => void) | undefined;
  /** The request has been handed to the HTTP client (what waits for the answer can start now). */
  onSent?: (() => void) | undefined;
}

export interface StructuredResult<T> {
  value: T;
  /** Summed over the call and its repair, when one was needed. */
  usage: Usage;
  model: string;
  requestId?: string | undefined;
  latencyMs: number;
  reportedCostUsd?: number | undefined;
  /** The first answer was malformed and a second call repaired it. */
  repaired: boolean;
}

export interface TextProvider {
  /** `offline`, `anthropic`, `kie`, `openai`… */
  readonly id: string;
  readonly model: string;
  /** Offline providers cost nothing and need no network; their drafts are labelled as such. */
  readonly offline: boolean;
  generate(request: TextRequest): Promise<TextResult>;
  /** A schema-constrained call (judge, variants). Absent on the offline writer. */
  structured?<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
  /**
   * Starts loading the client (its SDK) in the background, so the first call does not wait for
   * it: a command calls this as soon as it knows the provider, before opening the store.
   */
  prepare?: () => void;
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
  /**
   * An answer has started to arrive (its headers are in) and its body is read next; `read`
   * settles when this attempt is over (read, or failed).
   */
  onAnswer?: ((read: Promise<unknown>) => void) | undefined;
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
