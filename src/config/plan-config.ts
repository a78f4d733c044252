import { z } from 'zod';
import { CONTENT_TYPES } from '../domain/content.js';

const share = z.number().min(0).max(1);
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time as HH:MM, from 00:00 to 23:59' });

/** Keywords a feed item is scored on when no model judges it (Quebec SMB, phone, customer service). */
export const DEFAULT_NEWS_KEYWORDS = [
  'PME',
  'petite entreprise',
  'entrepreneur',
  'service à la clientèle',
  'service client',
  'téléphone',
  'appels',
  'réceptionniste',
  'rendez-vous',
  'main-d’œuvre',
  'pénurie',
  'intelligence artificielle',
  'IA',
  'Loi 25',
  'commerce',
  'clinique',
  'small business',
  'customer service',
  'labour shortage',
];

/**
 * `brand.plan`: the editorial calendar. Mix targets are shares of each content type over any
 * four weeks (`announcement: { max: 0.2 }` = at most one promotional post in five).
 */
export const planSchema = z
  .object({
    weeks: z.number().int().min(1).max(12).default(4),
    targets: z
      .partialRecord(
        z.enum(CONTENT_TYPES),
        z
          .object({ min: share.optional(), max: share.optional() })
          .strict()
          .refine((t) => t.min === undefined || t.max === undefined || t.min <= t.max, {
            message: 'min must not exceed max',
          }),
      )
      .default({ announcement: { max: 0.2 }, case_study: { min: 0.15 }, tip: { min: 0.15 } }),
    /** Ideas from the inbox placed per week at most (the rest wait their turn). */
    ideasPerWeek: z.number().int().min(0).max(7).default(2),
    news: z
      .object({
        perWeek: z.number().int().min(0).max(7).default(1),
        /** Relevance (0..1) below which an item is not offered. */
        minScore: share.default(0.35),
        /** An item is offered for posting days up to this many days after it was published. */
        maxAgeDays: z.number().int().min(1).max(60).default(10),
        keywords: z.array(z.string().min(1)).default(DEFAULT_NEWS_KEYWORDS),
        /** New items judged by the text model per fetch (the best by keywords); 0 = keywords only. */
        judgeTop: z.number().int().min(0).max(50).default(5),
      })
      .prefault({}),
    evergreen: z
      .object({
        /** A past post is offered for a fresh rewrite this long after it was published. */
        restDays: z.number().int().min(7).max(3650).default(120),
        /** The best posts by measured engagement considered. */
        top: z.number().int().min(1).max(50).default(5),
        /** Evergreen entries per four weeks at most. */
        perFourWeeks: z.number().int().min(0).max(28).default(2),
      })
      .prefault({}),
    sources: z
      .object({
        /** Daily feed fetch (brand time zone) by the daemon. */
        fetchTime: hhmm.default('07:00'),
        timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
        /** A feed larger than this is refused (memory stays bounded). */
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .max(50 * 1024 * 1024)
          .default(5 * 1024 * 1024),
        /** Items kept per fetch (the newest). */
        maxItems: z.number().int().min(1).max(2000).default(200),
      })
      .prefault({}),
  })
  .prefault({});

export type PlanConfig = z.infer<typeof planSchema>;
