import { brandPlatforms } from '../config/platforms.js';
import type { BrandConfig } from '../config/schema.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { latestPublication } from '../store/publications-repo.js';
import { platformPostsOf, type PlatformPost } from '../store/platform-posts-repo.js';
import type { Post } from '../domain/post.js';
import { variantPlatformTexts, type VariantPlatformText } from '../store/platform-texts-repo.js';
import { approvedText, planPlatformSlot, platformText } from './platform-plan.js';

/** One platform of a post, as `show`, `status`, `schedule` and the studio display it. */
export interface PlatformView {
  platform: string;
  /** `planned` = approved, its row not made yet (the next daemon pass or `publish` makes it). */
  state: string;
  slotAt: string | null;
  /** The text this platform publishes (adapted, or the person's edit). */
  text: string | null;
  textEdited: boolean;
  remoteId: string | null;
  permalink: string | null;
  reason: string | null;
  attempts: number;
}

const fromRow = async (deps: ServiceDeps, post: Post, row: PlatformPost): Promise<PlatformView> => ({
  platform: row.platform,
  state: row.state,
  slotAt: row.nextAttemptAt && row.state === 'scheduled' ? row.nextAttemptAt : row.slotAt,
  text: (await platformText(deps, post, row)) ?? null,
  textEdited: row.text !== null,
  remoteId: row.remoteId,
  permalink: row.permalink,
  reason: row.failureReason,
  attempts: row.attempts,
});

/** Every platform of the brand for one post, in the brand's order. */
export const platformOverview = async (
  deps: ServiceDeps,
  post: Post,
  brand: BrandConfig = deps.brand,
): Promise<PlatformView[]> => {
  const rows = await platformPostsOf(deps.db, post.id);
  const out: PlatformView[] = [];
  let own: VariantPlatformText[] | undefined;
  for (const target of brandPlatforms(brand)) {
    if (target.platform === 'facebook') {
      const pub = await latestPublication(deps.db, post.id);
      out.push({
        platform: 'facebook',
        state: post.state,
        slotAt: post.scheduledAt,
        text: (await approvedText(deps, post)) ?? null,
        textEdited: false,
        remoteId: pub?.fbPostId ?? null,
        permalink: pub?.permalink ?? (pub?.fbPostId ? `https://www.facebook.com/${pub.fbPostId}` : null),
        reason: post.failureReason,
        attempts: pub?.attemptNo ?? 0,
      });
      continue;
    }
    const row = rows.find((r) => r.platform === target.platform);
    if (row) {
      out.push(await fromRow(deps, post, row));
      continue;
    }
    const approved = post.chosenVariantId !== null && ['approved', 'scheduled'].includes(post.state);
    // The studio's own text of the approved variant, which the row will carry once it is made.
    own ??= (await variantPlatformTexts(deps.db, post.id)).filter((t) => t.variantId === post.chosenVariantId);
    const ownText = own.find((t) => t.platform === target.platform)?.text ?? null;
    out.push({
      platform: target.platform,
      state: approved ? 'planned' : 'not_approved',
      slotAt: approved ? planPlatformSlot(brand, target, post, deps.clock.now()).at.toISOString() : null,
      text: (await platformText(deps, post, { platform: target.platform, text: ownText })) ?? null,
      textEdited: ownText !== null,
      remoteId: null,
      permalink: null,
      reason: null,
      attempts: 0,
    });
  }
  return out;
};
