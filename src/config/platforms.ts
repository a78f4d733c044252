import { z } from 'zod';
import { WEEKDAYS, type Weekday } from '../domain/content.js';
import { PLATFORMS, type Platform } from '../domain/platform.js';

/**
 * `brand.platforms`: where a brand publishes, with each platform's account and posting window.
 *
 * ```json
 * "platforms": [
 *   { "platform": "facebook" },
 *   { "platform": "instagram", "account": "17841400000000000" },
 *   { "platform": "linkedin", "account": "12345678",
 *     "posting": { "days": ["tue", "wed", "thu"], "windowStart": "08:00", "windowEnd": "10:00" } }
 * ]
 * ```
 *
 * Every field but `platform` is optional. Read the list through `brandPlatforms(brand)`, which
 * fills the gaps: the account from the environment (FACEBOOK_PAGE_ID, INSTAGRAM_USER_ID, found
 * from the Page otherwise, LINKEDIN_ORGANIZATION_ID) and the window from `PLATFORM_POSTING_DEFAULTS`
 * (Facebook keeps the brand's `posting` section, so a brand written before platforms existed is
 * unchanged).
 */

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time as HH:MM, from 00:00 to 23:59' });

export const platformPostingSchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, { message: 'expected at least one day (sun…sat)' }).optional(),
    windowStart: hhmm.optional(),
    windowEnd: hhmm.optional(),
    jitterMinutes: z.number().int().min(0).max(120).optional(),
  })
  .strict()
  .refine((p) => !p.windowStart || !p.windowEnd || p.windowStart < p.windowEnd, {
    message: 'windowStart must be earlier than windowEnd',
    path: ['windowEnd'],
  });

/** The account id each platform expects, with what to write when it is wrong. */
const ACCOUNT_FORMAT: Record<Platform, { pattern: RegExp; message: string }> = {
  facebook: { pattern: /^\d+$/, message: 'expected the numeric Facebook Page id' },
  instagram: { pattern: /^\d+$/, message: 'expected the numeric Instagram professional account id (1784…)' },
  linkedin: {
    pattern: /^\d+$/,
    message: 'expected the numeric LinkedIn organization id (from urn:li:organization:ID)',
  },
};

export const platformTargetSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    account: z.string().min(1).optional(),
    posting: platformPostingSchema.optional(),
  })
  .strict()
  .superRefine((target, ctx) => {
    if (target.account === undefined) return;
    const format = ACCOUNT_FORMAT[target.platform];
    if (!format.pattern.test(target.account))
      ctx.addIssue({ code: 'custom', message: format.message, path: ['account'] });
  });

export const platformsSchema = z
  .array(platformTargetSchema)
  .min(1, { message: 'expected at least one platform (facebook, instagram, linkedin)' })
  .refine((list) => new Set(list.map((t) => t.platform)).size === list.length, {
    message: 'each platform may appear only once',
  })
  .default([{ platform: 'facebook' }]);

export type PlatformTargetConfig = z.infer<typeof platformTargetSchema>;

export interface PlatformPosting {
  days: Weekday[];
  windowStart: string;
  windowEnd: string;
  jitterMinutes: number;
}

/**
 * Each platform's own posting defaults (brand time zone). Facebook's come from the brand's
 * `posting` section instead. LinkedIn's audience reads at the start of the working day;
 * Instagram's B2B audience around lunch.
 */
export const PLATFORM_POSTING_DEFAULTS: Record<Exclude<Platform, 'facebook'>, PlatformPosting> = {
  instagram: { days: ['tue', 'wed', 'thu'], windowStart: '11:00', windowEnd: '13:00', jitterMinutes: 20 },
  linkedin: { days: ['tue', 'wed', 'thu'], windowStart: '08:00', windowEnd: '10:00', jitterMinutes: 20 },
};

/** A platform target with every default applied: what the publisher, the planner and the optimizer read. */
export interface PlatformTarget {
  platform: Platform;
  /** Page id, Instagram user id or LinkedIn organization id when configured; null = from the environment. */
  account: string | null;
  posting: PlatformPosting & { minGapHours: number };
}

/** The parts of a brand the resolution reads (a structural type keeps this module below schema.ts). */
export interface PlatformsOfBrand {
  platforms: PlatformTargetConfig[];
  facebook: { pageId?: string | undefined };
  posting: PlatformPosting & { minGapHours: number };
}

/** The brand's platforms in its configured order, with defaults applied. */
export const brandPlatforms = (brand: PlatformsOfBrand): PlatformTarget[] =>
  brand.platforms.map((target) => {
    const base: PlatformPosting =
      target.platform === 'facebook'
        ? {
            days: brand.posting.days,
            windowStart: brand.posting.windowStart,
            windowEnd: brand.posting.windowEnd,
            jitterMinutes: brand.posting.jitterMinutes,
          }
        : PLATFORM_POSTING_DEFAULTS[target.platform];
    const posting = { ...base, ...definedOnly(target.posting ?? {}) };
    // A window made of one override and one default may come out inverted: keep the default pair.
    const window =
      posting.windowStart < posting.windowEnd
        ? { windowStart: posting.windowStart, windowEnd: posting.windowEnd }
        : { windowStart: base.windowStart, windowEnd: base.windowEnd };
    return {
      platform: target.platform,
      account: target.account ?? (target.platform === 'facebook' ? (brand.facebook.pageId ?? null) : null),
      posting: { ...posting, ...window, minGapHours: brand.posting.minGapHours },
    };
  });

/** One platform's resolved target, when the brand publishes there. */
export const brandPlatform = (brand: PlatformsOfBrand, platform: Platform): PlatformTarget | undefined =>
  brandPlatforms(brand).find((t) => t.platform === platform);

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Facebook Graph API settings (the Graph version is shared with Instagram). */
export const facebookSchema = z
  .object({
    graphVersion: z
      .string()
      .regex(/^v\d+\.\d+$/, { message: 'expected a Graph API version such as v25.0' })
      .default('v25.0'),
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    /** Photo uploads carry the image: a longer timeout than plain calls. */
    uploadTimeoutMs: z.number().int().min(100).max(600_000).default(120_000),
    /** Retries of calls that are safe to repeat (reads, and errors Meta flags as transient). */
    retries: z.number().int().min(0).max(10).default(3),
    retryMinMs: z.number().int().min(0).max(60_000).default(1_000),
    /** How long Meta may take to list a post it just created, before "absent" is trusted. */
    settleMs: z.number().int().min(0).max(600_000).default(15_000),
    /** Publish attempts per post before it is marked failed (each one reconciled first). */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Error 368 (policy block): publishing to the Page pauses this long. */
    policyPauseHours: z.number().min(0).max(168).default(12),
    /** Usage (X-App-Usage, X-Business-Use-Case-Usage) from which calls are spaced out. */
    slowdownPercent: z.number().min(1).max(100).default(80),
    /** Longest pause between calls when usage nears 100 %. */
    slowdownMaxMs: z.number().int().min(0).max(600_000).default(60_000),
    /** Circuit breaker per Page: consecutive-ish failures open it; it half-opens after the cool-down. */
    breakerErrorPercent: z.number().min(1).max(100).default(50),
    breakerVolume: z.number().int().min(1).max(100).default(10),
    breakerCooldownMs: z.number().int().min(100).max(3_600_000).default(120_000),
  })
  .prefault({});

/** Instagram publishing settings (the Graph version and timeouts are shared with `facebook`). */
export const instagramSchema = z
  .object({
    /** How often a media container's status is read while Meta fetches the image. */
    containerPollMs: z.number().int().min(10).max(60_000).default(2_000),
    /** How long a container may stay IN_PROGRESS before the attempt is abandoned (a new container next time). */
    containerTimeoutMs: z.number().int().min(100).max(900_000).default(180_000),
    /** How long Instagram may take to list media it just published, before "absent" is trusted. */
    settleMs: z.number().int().min(0).max(600_000).default(15_000),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Lifetime of the signed image URL Meta fetches. */
    mediaUrlTtlSeconds: z
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .default(3_600),
    /**
     * A public folder that serves `<home>/media` as it is (files named by their sha256, so
     * unguessable), e.g. behind your own web server or CDN. Used when Supabase Storage does not
     * give a signed URL.
     */
    mediaBaseUrl: z.url().optional(),
  })
  .prefault({});

/** LinkedIn Community Management API settings. */
export const linkedinSchema = z
  .object({
    /**
     * The `LinkedIn-Version` header (YYYYMM or YYYYMM.RR). LinkedIn retires a version after about a
     * year and answers 426 NONEXISTENT_VERSION: then set a current one here.
     */
    apiVersion: z
      .string()
      .regex(/^\d{6}(\.\d{2})?$/, { message: 'expected a LinkedIn API version such as 202609 (YYYYMM)' })
      .default('202609'),
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    uploadTimeoutMs: z.number().int().min(100).max(600_000).default(120_000),
    retries: z.number().int().min(0).max(10).default(3),
    retryMinMs: z.number().int().min(0).max(60_000).default(1_000),
    /** How often an uploaded image's status is read until AVAILABLE, and for how long. */
    imagePollMs: z.number().int().min(10).max(60_000).default(2_000),
    imageTimeoutMs: z.number().int().min(100).max(900_000).default(120_000),
    settleMs: z.number().int().min(0).max(600_000).default(15_000),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** A reminder is raised this many days before the access or refresh token expires. */
    tokenReminderDays: z.number().int().min(1).max(60).default(10),
  })
  .prefault({});

export type InstagramConfig = z.infer<typeof instagramSchema>;
export type LinkedinConfig = z.infer<typeof linkedinSchema>;
