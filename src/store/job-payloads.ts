import { z } from 'zod';
import { CONTENT_TYPES, STYLES } from '../domain/content.js';
import { PLAN_SOURCES } from '../domain/plan.js';
import type { JobKind } from '../domain/jobs.js';

/** The two metric snapshots a published post gets: a day and a week after publication. */
export const METRIC_LABELS = ['24h', '7d'] as const;
export type MetricLabel = (typeof METRIC_LABELS)[number];

/** A scheduled slot: the instant (UTC ISO) and its local label for logs. */
const slot = z.object({ slot: z.string(), local: z.string().optional() });
const post = z.object({ postId: z.string().min(1) });

/**
 * What each kind of job carries in `jobs.payload` (JSON). The types make `enqueue` and the
 * handlers agree at compile time; the schemas check what is read back from SQLite, which may
 * have been written by an older build or by hand.
 */
export const JOB_PAYLOADS = {
  generate: slot.extend({
    // Chosen on the first attempt and stored, so every retry writes the same type and styles.
    contentType: z.enum(CONTENT_TYPES).optional(),
    styleOrder: z.array(z.enum(STYLES)).optional(),
    decisionId: z.string().nullable().optional(),
    chosenBy: z.enum(['optimizer', 'mix', 'plan']).optional(),
    // The calendar's entry the first attempt took (0014): every retry writes the same one.
    planned: z
      .object({
        entryId: z.string(),
        contentType: z.enum(CONTENT_TYPES),
        topic: z.string().nullable(),
        angle: z.string().nullable(),
        source: z.enum(PLAN_SOURCES),
        reason: z.object({ en: z.string(), fr: z.string() }),
        citation: z
          .object({ title: z.string(), url: z.string().nullable(), publisher: z.string().nullable() })
          .nullable(),
        revisitPostId: z.string().nullable(),
      })
      .optional(),
  }),
  // The message is rendered when queued, so a retry sends the same text.
  notify: z.object({
    // slack = incoming webhook (no interactivity); slack_app = the Slack app's bot (interactive review).
    channel: z.enum(['slack', 'slack_app', 'email']),
    event: z.string(),
    message: z.object({
      subject: z.string(),
      text: z.string(),
      html: z.string(),
      slack: z.object({ text: z.string(), blocks: z.array(z.unknown()) }),
      // The post's picture, inline in the e-mail (cid:); a file gone since is left out at send.
      attachments: z.array(z.object({ filename: z.string(), path: z.string(), cid: z.string() })).optional(),
    }),
    // An interactive review message: recorded once posted, so it can be updated in place.
    review: z.object({ postId: z.string(), reviewVersion: z.string() }).optional(),
  }),
  publish: post,
  verify: post,
  metrics: post.extend({ label: z.enum(METRIC_LABELS) }),
  // Instagram and LinkedIn: one job per post × platform (and per snapshot).
  publish_platform: post.extend({ platform: z.enum(['instagram', 'linkedin']) }),
  platform_metrics: post.extend({ platform: z.enum(['instagram', 'linkedin']), label: z.enum(METRIC_LABELS) }),
  weekly_report: slot,
  token_check: slot,
  calendar: slot,
} satisfies Record<JobKind, z.ZodType>;

/** Job kind → payload type. */
export type JobPayloads = { [K in JobKind]: z.output<(typeof JOB_PAYLOADS)[K]> };
