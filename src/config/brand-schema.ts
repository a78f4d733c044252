import { z } from 'zod';
import { CONTENT_TYPES, WEEKDAYS } from '../domain/content.js';
import { planSchema } from './plan-config.js';
import { platformsSchema } from './platforms.js';

// The brand's part of the configuration: its profile (what the writers may say), Page, posting
// window and generation schedule.

export const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time as HH:MM, from 00:00 to 23:59' });

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'expected a colour as #RRGGBB' });

/** An IANA zone the runtime knows (America/Toronto); `Mars/Olympus` is not one. */
export const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const timeZone = z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as America/Toronto' });

const weekdays = z.array(z.enum(WEEKDAYS)).min(1, { message: 'expected at least one day (sun…sat)' });

/**
 * A client story the writers may cite. `sample: true` marks the examples shipped with autoscale:
 * they are not real clients, and a post citing one is not published until the owner replaces it
 * or confirms it (removes the mark).
 */
export const caseStudySchema = z.object({
  title: z.string().min(1),
  industry: z.string().min(1),
  city: z.string().optional(),
  summary: z.string().min(1),
  result: z.string().min(1),
  sample: z.boolean().optional(),
});

/** A fact the writers may cite: a sentence, or `{text, sample: true}` for a shipped example to check. */
export const factSchema = z.union([
  z.string().min(1),
  z.object({ text: z.string().min(1), sample: z.boolean().optional() }),
]);

export const brandProfileSchema = z.object({
  company: z.string().min(1),
  product: z.string().min(1),
  audience: z.string().min(1),
  tone: z.string().min(1),
  language: z.enum(['fr-CA', 'en-CA']).default('fr-CA'),
  website: z.string().optional(),
  phone: z.string().optional(),
  colours: z.object({
    primary: hexColour,
    secondary: hexColour,
    accent: hexColour,
    background: hexColour,
    text: hexColour,
  }),
  ctas: z.array(z.string().min(1)).min(1),
  hashtags: z.array(z.string().regex(/^#\S+$/, { message: 'expected hashtags starting with #' })),
  facts: z.array(factSchema),
  caseStudies: z.array(caseStudySchema),
  avoid: z.array(z.string()).default([]),
  /**
   * Words the brand uses on purpose (a product name, « booker » in a playful campaign): the
   * linter drops its register and cliché findings on them. A lint rule id works too.
   */
  acceptedWords: z.array(z.string().min(1)).default([]),
});

export const brandSchema = z.object({
  name: z.string().min(1),
  profile: brandProfileSchema,
  timezone: timeZone.default('America/Toronto'),
  facebook: z
    .object({
      pageId: z.string().regex(/^\d+$/, { message: 'expected the numeric Facebook Page id' }).optional(),
    })
    .default({}),
  /** Where the brand publishes (see src/config/platforms.ts); Facebook alone by default. */
  platforms: platformsSchema,
  posting: z
    .object({
      days: weekdays.default(['tue', 'wed', 'thu']),
      windowStart: hhmm.default('13:00'),
      windowEnd: hhmm.default('16:00'),
      jitterMinutes: z.number().int().min(0).max(120).default(30),
      minGapHours: z.number().min(0).max(72).default(3),
      mode: z.enum(['native', 'queue']).default('native'),
    })
    .prefault({})
    .refine((p) => p.windowStart < p.windowEnd, {
      message: 'windowStart must be earlier than windowEnd',
      path: ['windowEnd'],
    }),
  generation: z
    .object({
      days: weekdays.default(['tue', 'wed', 'thu']),
      time: hhmm.default('10:00'),
      mix: z.partialRecord(z.enum(CONTENT_TYPES), z.number().min(0)).default({
        case_study: 3,
        tip: 3,
        faq: 2,
        myth_busting: 2,
        testimonial: 1,
        behind_the_scenes: 1,
      }),
    })
    .prefault({}),
  /** The editorial calendar (src/config/plan-config.ts). */
  plan: planSchema,
});

export const factText = (fact: z.infer<typeof factSchema>): string => (typeof fact === 'string' ? fact : fact.text);

export const isSample = (entry: z.infer<typeof factSchema> | z.infer<typeof caseStudySchema>): boolean =>
  typeof entry !== 'string' && entry.sample === true;
