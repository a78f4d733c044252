import { variantPlatformTexts } from '../store/platform-texts-repo.js';
import { brandPlatforms, type PlatformTarget } from '../config/platforms.js';
import type { BrandConfig } from '../config/schema.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { isContentFrozen, type PostState } from '../domain/post-state.js';
import { drawSlot } from '../domain/slot.js';
import { addDays, localDate, weekdayOf } from '../domain/time.js';
import { adaptText } from '../content/platform-text.js';
import { choosePlatformSlot, type PlatformSlotChoice } from '../optimize/platform-slots.js';
import {
  insertPlatformPost,
  platformPostsOf,
  platformSlotHistory,
  type PlatformPost,
} from '../store/platform-posts-repo.js';
import type { Post } from '../domain/post.js';
import { newId } from '../store/ids.js';
import { immediate } from '../store/tx.js';
import { variantsForPost } from '../store/variants-repo.js';
import { recordAudit } from '../store/audit-repo.js';

/** The platforms other than Facebook a brand publishes to (each gets a platform_posts row). */
export const otherPlatforms = (brand: BrandConfig): PlatformTarget[] =>
  brandPlatforms(brand).filter((t) => t.platform !== 'facebook');

export const publishesToFacebook = (brand: BrandConfig): boolean =>
  brandPlatforms(brand).some((t) => t.platform === 'facebook');

/**
 * A platform's slot for an approved post: in the platform's own window, on the day the post
 * was scheduled (its Facebook slot, or its target date), or the platform's next posting day
 * after it. Reproducible from the seed (post × platform), so every process plans the same.
 */
export const planPlatformSlot = (
  brand: BrandConfig,
  target: PlatformTarget,
  post: Pick<Post, 'id' | 'scheduledAt' | 'targetDate'>,
  now: Date,
  preferredMinute?: number,
): { at: Date; seed: string } => {
  const base = post.scheduledAt ? localDate(new Date(post.scheduledAt), brand.timezone) : post.targetDate;
  const today = localDate(now, brand.timezone);
  let date = base < today ? today : base;
  const seed = `${post.id}:${target.platform}`;
  for (let i = 0; i < 60; i += 1, date = addDays(date, 1)) {
    if (!target.posting.days.includes(weekdayOf(date))) continue;
    const slot = drawSlot({
      preferredMinute,
      date,
      timeZone: brand.timezone,
      windowStart: target.posting.windowStart,
      windowEnd: target.posting.windowEnd,
      jitterMinutes: target.posting.jitterMinutes,
      minGapHours: 0,
      taken: [],
      seed: `${seed}:${date}`,
    });
    if (slot && slot.at.getTime() > now.getTime()) return { at: slot.at, seed: `${seed}:${date}` };
  }
  // No posting day in two months (an odd config): right away.
  return { at: new Date(now.getTime() + 60_000), seed };
};

/** States after approval in which the other platforms have their own rows. */
const PLANNED: PostState[] = ['approved', 'scheduled', 'publishing', 'unconfirmed', 'published', 'measured'];

/**
 * Gives an approved post its Instagram and LinkedIn rows (idempotent: one per post × platform).
 * Called by every pass of the daemon and by `publish`, so an approval from any channel (CLI,
 * studio, Slack, page) gets them without each channel knowing about platforms.
 */
export const ensurePlatformPosts = async (deps: ServiceDeps, post: Post): Promise<PlatformPost[]> => {
  const targets = otherPlatforms(deps.brand);
  if (targets.length === 0 || !PLANNED.includes(post.state) || !post.chosenVariantId)
    return platformPostsOf(deps.db, post.id);
  const existing = await platformPostsOf(deps.db, post.id);
  const missing = targets.filter((t) => !existing.some((r) => r.platform === t.platform));
  if (missing.length === 0) return existing;
  const now = deps.clock.now();
  // A text a person wrote for the approved variant in the studio becomes the platform's text.
  const own = (await variantPlatformTexts(deps.db, post.id)).filter((t) => t.variantId === post.chosenVariantId);
  // Each platform learns its own hours from its own results (src/optimize/platform-slots.ts).
  const choices = new Map<string, PlatformSlotChoice>();
  for (const target of missing)
    choices.set(
      target.platform,
      choosePlatformSlot(
        await platformSlotHistory(deps.db, deps.brandSlug, target.platform),
        target.posting,
        deps.brand.timezone,
        `${post.id}:${target.platform}:hour`,
      ),
    );
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    for (const target of missing) {
      const choice = choices.get(target.platform)!;
      const slot = planPlatformSlot(deps.brand, target, post, now, choice.preferredMinute);
      const created = await insertPlatformPost(trx, w, {
        id: newId(),
        postId: post.id,
        brand: post.brand,
        platform: target.platform,
        accountId: target.account,
        state: 'scheduled',
        text: own.find((t) => t.platform === target.platform)?.text ?? null,
        slotAt: slot.at.toISOString(),
        slotSeed: slot.seed,
        attempts: 0,
        nextAttemptAt: null,
        remoteId: null,
        permalink: null,
        publishedAt: null,
        failureReason: null,
        createdAt: w.now,
      });
      if (created)
        await recordAudit(trx, w, {
          entity: 'post',
          entityId: post.id,
          action: 'platform_planned',
          to: 'scheduled',
          data: {
            platform: target.platform,
            slotAt: slot.at.toISOString(),
            basis: choice.basis,
            preferredMinute: choice.preferredMinute ?? null,
            evidence: choice.evidence,
          },
        });
    }
  });
  return platformPostsOf(deps.db, post.id);
};

/** The approved (chosen) text of a post, as Facebook publishes it. */
export const approvedText = async (deps: ServiceDeps, post: Post): Promise<string | undefined> => {
  if (!post.chosenVariantId) return undefined;
  const variants = await variantsForPost(deps.db, post.id);
  return variants.find((v) => v.id === post.chosenVariantId)?.text;
};

/** A platform's text: the person's edit when there is one, else the adaptation of the approved text. */
export const platformText = async (
  deps: ServiceDeps,
  post: Post,
  row: Pick<PlatformPost, 'platform' | 'text'>,
): Promise<string | undefined> => {
  if (row.text !== null) return row.text;
  const text = await approvedText(deps, post);
  if (text === undefined) return undefined;
  return adaptText(row.platform, {
    text,
    language: deps.brand.profile.language,
    brandHashtags: deps.brand.profile.hashtags,
    website: deps.brand.profile.website,
  });
};

/** Whether a platform's text may still be edited (nothing sent yet). */
export const platformTextEditable = (row: Pick<PlatformPost, 'state' | 'attempts'>, postState: string): boolean =>
  row.state === 'scheduled' && row.attempts === 0 && !['rejected'].includes(postState) && !isContentFrozenFor(row);

const isContentFrozenFor = (row: Pick<PlatformPost, 'state'>) =>
  isContentFrozen(row.state === 'scheduled' ? 'approved' : (row.state as PostState));
