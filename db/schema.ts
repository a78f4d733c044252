import type { ColumnType, Generated } from 'kysely';
import type { ContentType, Style } from '../src/domain/content.js';
import type { JobState } from '../src/domain/jobs.js';
import type { PostState } from '../src/domain/post-state.js';
import type { PublicationStatus } from '../src/domain/publication.js';
import type { PublishMode } from '../src/domain/publish-mode.js';

/**
 * Columns every synced row carries. `version` is bumped on every local write; the sync
 * layer replaces it with the server's counter when the row comes back.
 */
export interface SyncColumns {
  version: ColumnType<number, number | undefined, number>;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

export interface PostsTable extends SyncColumns {
  id: string;
  brand: string;
  content_type: ContentType;
  topic: string | null;
  target_date: string;
  state: PostState;
  chosen_variant_id: string | null;
  image_id: string | null;
  scheduled_at: string | null;
  slot_seed: string | null;
  publish_mode: PublishMode | null;
  failure_reason: string | null;
  generation_run_id: string | null;
  created_at: string;
  created_by: string;
}

export interface VariantsTable extends SyncColumns {
  id: string;
  post_id: string;
  idx: number;
  style: Style;
  current_version_no: number;
  quality_score: number | null;
  quality: string | null;
  prompt_version: string;
  provider: string;
  model: string;
  created_at: string;
}

export interface VariantVersionsTable extends SyncColumns {
  id: string;
  variant_id: string;
  version_no: number;
  text: string;
  headline: string;
  source: string;
  note: string | null;
  author: string;
  created_at: string;
}

export interface ImagesTable extends SyncColumns {
  id: string;
  post_id: string;
  variant_id: string | null;
  kind: string;
  sha256: string;
  path: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  original_sha256: string | null;
  original_path: string | null;
  provider: string;
  model: string | null;
  prompt: string | null;
  headline: string | null;
  cost_usd: number;
  created_at: string;
}

export interface PublicationsTable extends SyncColumns {
  id: string;
  post_id: string;
  brand: string;
  page_id: string | null;
  attempt_no: number;
  mode: string;
  status: PublicationStatus;
  text_hash: string;
  slot_at: string | null;
  started_at: string;
  finished_at: string | null;
  fb_post_id: string | null;
  fb_photo_id: string | null;
  permalink: string | null;
  error: string | null;
  dry_run_path: string | null;
}

export interface MetricSnapshotsTable extends SyncColumns {
  id: string;
  post_id: string;
  publication_id: string | null;
  label: string;
  taken_at: string;
  views: number | null;
  unique_viewers: number | null;
  reactions: number | null;
  comments: number | null;
  shares: number | null;
  clicks: number | null;
  engagement_rate: number | null;
  basis: string | null;
  missing: string | null;
  raw: string | null;
}

export interface JobsTable {
  id: string;
  /** A string, not JobKind: the runner is generic over kinds (tests register their own). */
  kind: string;
  subject_id: string | null;
  brand: string | null;
  run_at: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  idempotency_key: string;
  last_error: string | null;
  payload: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
}

export interface GenerationRunsTable {
  id: string;
  brand: string;
  content_type: ContentType;
  topic: string | null;
  target_date: string;
  variant_count: number;
  request_key: string;
  status: 'running' | 'completed' | 'failed';
  post_id: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  /** Key of the user's request before the optimizer chose (0008); null for named (daemon) runs. */
  plan_key: string | null;
  /** JSON GenerationPlan: the type, style order and decision the run was started with. */
  plan: string | null;
}

export interface LlmCallsTable extends SyncColumns {
  id: string;
  run_id: string | null;
  post_id: string | null;
  step_key: string;
  purpose: string;
  provider: string;
  model: string;
  status: 'succeeded' | 'failed';
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  cost_usd: number;
  latency_ms: number;
  request_id: string | null;
  response: string | null;
  error: string | null;
  created_at: string;
}

export interface AuditLogTable extends SyncColumns {
  id: string;
  entity: string;
  entity_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  reason: string | null;
  data: string | null;
  created_at: string;
}

export interface PromptVersionsTable {
  id: string;
  name: string;
  version: string;
  sha256: string;
  created_at: string;
}

export interface OptimizerArmsTable extends SyncColumns {
  id: string;
  brand: string;
  space: string;
  arm: string;
  prior_mean: number;
  prior_weight: number;
  posts: number;
  reward_sum: number;
  posterior_mean: number;
  posterior_sd: number;
  refreshed_at: string;
}

export interface OptimizerDecisionsTable extends SyncColumns {
  id: string;
  brand: string;
  post_id: string | null;
  decided_at: string;
  content_type: string;
  style_order: string;
  slot_weekday: string | null;
  slot_hour: number | null;
  preferred_minute: number | null;
  seed: string;
  samples: string;
  explanation: string;
}

export interface GuidanceLinesTable extends SyncColumns {
  id: string;
  brand: string;
  rule_key: string;
  status: string;
  text_fr: string;
  text_en: string;
  evidence: string;
  created_at: string;
}

export interface GuidanceVersionsTable extends SyncColumns {
  id: string;
  brand: string;
  version_no: number;
  sha256: string;
  text: string;
  line_ids: string;
  based_on_posts: number;
  created_at: string;
}

export interface GuidanceExposuresTable extends SyncColumns {
  variant_id: string;
  guidance_version_id: string;
  created_at: string;
}

export interface PredictorFitsTable extends SyncColumns {
  id: string;
  brand: string;
  fitted_at: string;
  samples: number;
  model: string;
  mae: number | null;
  baseline_mae: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  posts: PostsTable;
  variants: VariantsTable;
  variant_versions: VariantVersionsTable;
  images: ImagesTable;
  publications: PublicationsTable;
  metric_snapshots: MetricSnapshotsTable;
  jobs: JobsTable;
  generation_runs: GenerationRunsTable;
  llm_calls: LlmCallsTable;
  audit_log: AuditLogTable;
  prompt_versions: PromptVersionsTable;
  meta: MetaTable;
  optimizer_arms: OptimizerArmsTable;
  optimizer_decisions: OptimizerDecisionsTable;
  guidance_lines: GuidanceLinesTable;
  guidance_versions: GuidanceVersionsTable;
  guidance_exposures: GuidanceExposuresTable;
  predictor_fits: PredictorFitsTable;
  approval_links: ApprovalLinksTable;
  slack_messages: SlackMessagesTable;
  review_moves: ReviewMovesTable;
}

/** A signed review link (0011); single use for state changes. */
export interface ApprovalLinksTable {
  id: string;
  post_id: string;
  review_version: string;
  expires_at: string;
  created_at: string;
  created_by: string;
  used_at: string | null;
  used_action: string | null;
}

/** The interactive Slack message of a post (0011), updated in place after a decision. */
export interface SlackMessagesTable {
  channel: string;
  ts: string;
  post_id: string;
  review_version: string;
  created_at: string;
  updated_at: string;
  outcome: string | null;
}

/** An unreviewed draft moved to the next posting day (0011), once per post and date. */
export interface ReviewMovesTable {
  post_id: string;
  from_date: string;
  to_date: string;
  moved_at: string;
}

/** Keeps `Generated` imported for tables added by later migrations. */
export type AutoId = Generated<number>;
