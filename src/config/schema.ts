import { z } from 'zod';
import { WEEKDAYS } from '../domain/content.js';
import { brandSchema, hhmm, type brandProfileSchema, type caseStudySchema, type factSchema } from './brand-schema.js';
export { brandSchema } from './brand-schema.js';
import { facebookSchema, instagramSchema, linkedinSchema } from './platforms.js';

const cronExpression = z.string().refine((v) => /^\S+( \S+){4,5}$/.test(v.trim()), {
  message: 'expected a cron expression with 5 or 6 fields, e.g. "0 10 * * tue,wed,thu"',
});

export const DAEMON_DEFAULTS = {
  tickSeconds: 30,
  leaseSeconds: 300,
  stopGraceSeconds: 20,
  maxAttempts: 5,
  backoff: { minSeconds: 60, maxSeconds: 6 * 3600, factor: 2 },
  catchUp: { graceSeconds: 900, windowHours: 36, maxMissed: 1, spacingSeconds: 300 },
  weeklyReport: { day: 'mon' as const, time: '08:00' },
  tokenCheck: { time: '07:30' },
  verifyMarginSeconds: 120,
  metricsDelaySeconds: { h24: 86_400, d7: 7 * 86_400 },
  cron: {},
};

/**
 * The daemon's timing. Production keeps the defaults; tests and the soak run use `cron`
 * overrides (6-field expressions with seconds) and short ticks, leases and backoffs.
 */
export const daemonSchema = z.object({
  tickSeconds: z.number().min(0.05).max(3600).default(30),
  leaseSeconds: z.number().min(0.5).max(86_400).default(300),
  stopGraceSeconds: z.number().min(0).max(600).default(20),
  maxAttempts: z.number().int().min(1).max(50).default(5),
  backoff: z
    .object({
      minSeconds: z.number().min(0).max(86_400).default(60),
      maxSeconds: z
        .number()
        .min(0)
        .max(7 * 86_400)
        .default(6 * 3600),
      factor: z.number().min(1).max(10).default(2),
    })
    .prefault({}),
  catchUp: z
    .object({
      /** Work at most this late is ordinary work; older work counts as missed while down. */
      graceSeconds: z.number().min(0).max(86_400).default(900),
      /** Schedule slots missed while down are caught up only if younger than this. */
      windowHours: z
        .number()
        .min(0)
        .max(24 * 30)
        .default(36),
      /** At most this many missed slots per schedule are caught up (the latest ones). */
      maxMissed: z.number().int().min(0).max(100).default(1),
      /** Overdue jobs that touch the Page are spread this far apart instead of all at once. */
      spacingSeconds: z.number().min(0).max(86_400).default(300),
    })
    .prefault({}),
  weeklyReport: z.object({ day: z.enum(WEEKDAYS).default('mon'), time: hhmm.default('08:00') }).prefault({}),
  tokenCheck: z.object({ time: hhmm.default('07:30') }).prefault({}),
  /** A natively scheduled post is checked on the Page this long after its slot. */
  verifyMarginSeconds: z.number().min(0).max(86_400).default(120),
  /** When the '24h' and '7d' metric snapshots are pulled after publication (the soak run shortens them). */
  metricsDelaySeconds: z
    .object({
      h24: z.number().min(0).default(86_400),
      d7: z
        .number()
        .min(0)
        .default(7 * 86_400),
    })
    .prefault({}),
  /** Cron overrides by job kind (generate, weekly_report, token_check, calendar); brand time zone applies. */
  cron: z
    .object({
      generate: cronExpression.optional(),
      weekly_report: cronExpression.optional(),
      token_check: cronExpression.optional(),
      calendar: cronExpression.optional(),
    })
    .default({}),
});

const priceSchema = z.object({
  input: z.number().min(0),
  output: z.number().min(0),
  cacheWrite: z.number().min(0).optional(),
  cacheRead: z.number().min(0).optional(),
});

export const DEFAULT_PRICES = {
  // USD per million tokens, from the providers' price pages (November 2026); configurable.
  text: {
    'claude-sonnet-4-6': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
    'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
    'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
    'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
    'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    // OpenAI-compatible default (check before relying on it; cached input is 10 %).
    'gpt-5-mini': { input: 0.25, output: 2, cacheRead: 0.025 },
  },
  // USD per kie.ai credit, applied when the endpoint reports credits_consumed.
  kieCreditUsd: 0.005,
  // USD per image by quality.
  image: {
    'gpt-image-2': { low: 0.011, medium: 0.04, high: 0.17 },
    'gpt-image-1-mini': { low: 0.005, medium: 0.015, high: 0.05 },
  },
} as const;

const listenAddress = z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, {
  message: 'expected host:port, e.g. 127.0.0.1:8787',
});

export const APPROVAL_DEFAULTS = {
  linkHours: 24,
  reminders: true,
  reminderMinutes: 120,
  slackApprovers: [] as string[],
  rateLimitPerMinute: 60,
  trustProxy: false,
};

/** Approval channels: the signed review page and the interactive Slack message (issue 16). */
export const approvalSchema = z.object({
  /** Public base URL of the review page (behind a TLS reverse proxy); links and media URLs use it. */
  publicUrl: z
    .url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://review.example.com' })
    .optional(),
  /** Where the daemon serves the page (same as `autoscale serve --listen`); unset: not served. */
  listen: listenAddress.optional(),
  /** Life of a review link when none is given (`autoscale link --expires`). */
  linkHours: z.number().min(0.05).max(720).default(24),
  /** Remind about unreviewed drafts, and move them to the next posting day once their day passed. */
  reminders: z.boolean().default(true),
  /** An unreviewed draft gets one reminder this many minutes before its posting window opens. */
  reminderMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(120),
  /** The Slack channel for interactive review messages (else SLACK_CHANNEL). */
  slackChannel: z.string().min(1).optional(),
  /** Slack user ids allowed to approve or reject (U…/W…); a click from anyone else is refused. */
  slackApprovers: z
    .array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, { message: 'expected a Slack user id (U…)' }))
    .default([]),
  /** Requests per minute per client address on the review page. */
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(60),
  /** Behind a reverse proxy on the same machine: the client address is the last X-Forwarded-For hop. */
  trustProxy: z.boolean().default(false),
});

/** Where this schema's code lives: a validated configuration is cached against it (config-cache). */
export const SCHEMA_MODULE_URL = import.meta.url;

export const configSchema = z.object({
  version: z.literal(1).default(1),
  /** `defaults` until a person runs init or changes a value: init may then replace it freely. */
  origin: z.enum(['defaults', 'user']).default('user'),
  lang: z.enum(['fr', 'en']).optional(),
  currentBrand: z.string().min(1),
  brands: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), brandSchema),
  providers: z
    .object({
      text: z
        .object({
          provider: z.enum(['auto', 'offline', 'anthropic', 'kie', 'openai']).default('auto'),
          model: z.string().min(1).default('claude-sonnet-4-6'),
          openaiModel: z.string().min(1).default('gpt-5-mini'),
          baseUrl: z.url().optional(),
          // Per attempt, until the answer starts (the stream then runs to its end): a hung
          // provider is noticed in 45 s, and one call with all its retries ends within
          // totalTimeoutMs (docs/TROUBLESHOOTING.md, "Provider time limits").
          timeoutMs: z.number().int().min(1000).max(600_000).default(45_000),
          totalTimeoutMs: z.number().int().min(1000).max(1_800_000).default(120_000),
          maxRetries: z.number().int().min(0).max(10).default(3),
          // json_schema = structured outputs; tool = forced tool for proxies that drop output_config.
          structuredOutput: z.enum(['auto', 'json_schema', 'tool']).default('auto'),
          // Start the first variant alone until the provider answers, so the others read its cache entry.
          cacheWarmup: z.boolean().default(false),
        })
        .prefault({}),
      image: z
        .object({
          provider: z.enum(['auto', 'offline', 'openai']).default('auto'),
          model: z.string().min(1).default('gpt-image-2'),
          quality: z.enum(['low', 'medium', 'high']).default('medium'),
          size: z
            .string()
            .regex(/^\d+x\d+$/)
            .default('1536x1024'),
          timeoutMs: z.number().int().min(1000).max(900_000).default(240_000),
        })
        .prefault({}),
      embeddings: z
        .object({
          provider: z.enum(['auto', 'local', 'openai']).default('auto'),
          model: z.string().min(1).default('text-embedding-3-small'),
        })
        .prefault({}),
    })
    .prefault({}),
  quality: z
    .object({
      threshold: z.number().min(0).max(100).default(75),
      maxRounds: z.number().int().min(0).max(5).default(2),
      similarityThreshold: z.number().min(0).max(1).default(0.85),
      similarityDays: z.number().int().min(1).max(3650).default(90),
      // Embedding cosines run higher than character n-gram ones for the same pair of texts.
      similarityThresholdEmbeddings: z.number().min(0).max(1).default(0.93),
      // model: an independent judge call per variant (its own persona and prompt, temperature 0
      // where the model allows it); deterministic: the linter's rubric only, no judge call.
      // The writer never grades itself; older values (inline, separate) mean model.
      judge: z.preprocess(
        (v) => (v === 'inline' || v === 'separate' ? 'model' : v),
        z.enum(['model', 'deterministic']).default('model'),
      ),
      // Texts shorter than this (characters) cannot pass the gate.
      minChars: z.number().int().min(0).max(2000).default(80),
      // Invisible formatting characters a post may carry on purpose (e.g. "U+200B"); any other
      // is refused at edit, import, approval and publication.
      allowedInvisible: z
        .array(z.string().regex(/^U\+[0-9A-Fa-f]{4,6}$/, { message: 'expected a code point such as U+200B' }))
        .default([]),
    })
    .prefault({}),
  facebook: facebookSchema,
  instagram: instagramSchema,
  linkedin: linkedinSchema,
  notify: z
    .object({
      emailTo: z.array(z.email()).default([]),
      emailFrom: z.string().default('autoscale@localhost'),
      /** Quick in-process retries of one send (p-retry) before the job's durable backoff takes over. */
      quickRetries: z.number().int().min(0).max(5).default(2),
      quickRetryMs: z.number().int().min(1).max(60_000).default(1000),
      timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      /** Engagement rate (0..1) under which a post is flagged at +24 h. */
      lowEngagement: z.number().min(0).max(1).default(0.01),
    })
    .prefault({}),
  daemon: daemonSchema.default(DAEMON_DEFAULTS),
  approval: approvalSchema.default(APPROVAL_DEFAULTS),
  sync: z
    .object({
      transport: z.enum(['auto', 'supabase', 'postgres']).default('auto'),
      bucket: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, {
          message: 'expected a Storage bucket name (lowercase letters, digits, . _ -)',
        })
        .default('autoscale-media'),
      // A push batch ends at batchSize rows or about batchBytes of JSON, whichever comes first.
      batchSize: z.number().int().min(1).max(10_000).default(2000),
      batchBytes: z.number().int().min(16_384).max(67_108_864).default(1_048_576),
      pageSize: z.number().int().min(1).max(10_000).default(2000),
      intervalMinutes: z.number().min(1).max(1440).default(5),
      leaseTtlSeconds: z.number().int().min(30).max(86_400).default(300),
      timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
    })
    .prefault({}),
  prices: z
    .object({
      text: z.record(z.string(), priceSchema),
      image: z.record(z.string(), z.object({ low: z.number(), medium: z.number(), high: z.number() })),
      kieCreditUsd: z.number().min(0).default(0.005),
    })
    .default(structuredClone(DEFAULT_PRICES) as never),
});

export type Config = z.infer<typeof configSchema>;
export type BrandConfig = z.infer<typeof brandSchema>;
export type BrandProfile = z.infer<typeof brandProfileSchema>;
export type CaseStudy = z.infer<typeof caseStudySchema>;
export type Fact = z.infer<typeof factSchema>;
export type DaemonConfig = z.infer<typeof daemonSchema>;
export type ApprovalConfig = z.infer<typeof approvalSchema>;
