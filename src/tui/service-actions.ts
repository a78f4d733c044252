import { randomUUID } from 'node:crypto';
import { brandPlatforms } from '../config/platforms.js';
import { adaptText, checkPlatformText } from '../content/platform-text.js';
import { TEXT_LIMITS } from '../domain/post-text.js';
import { formatLocal } from '../domain/time.js';
import type { TextProvider } from '../providers/types.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { postDetail, resolvePost } from '../store/post-lookup.js';
import { modeFor } from '../domain/publish-mode.js';
import { listPosts } from '../store/posts-repo.js';
import { variantPlatformTexts } from '../store/platform-texts-repo.js';
import type { ReviewActions, SlotView } from './actions.js';
import { toPostModel, type PostModel } from './view-model.js';
import { slotPlacement } from '../domain/slot.js';
import type { Post } from '../domain/post.js';

export interface ServiceActionsOptions {
  /** Only this brand's queue (undefined: every brand). */
  brand?: string | undefined;
  /** The text provider for regenerations, made on the first one (its client is not needed before). */
  provider: () => Promise<TextProvider>;
  externalEditor?: ReviewActions['externalEditor'];
  remakeImage?: ReviewActions['remakeImage'];
  previewImage?: ReviewActions['previewImage'];
  /** Language of the notices the model carries (conflicting edits). */
  lang?: 'en' | 'fr' | undefined;
}

export interface ServiceActions extends ReviewActions {
  /** Resolves when every write started from the screen has finished (called before closing the store). */
  settle(): Promise<void>;
  /** Starts loading what only a key press needs, once the first frame is on screen. */
  preload(): void;
}

/**
 * The services that write (approval, review, regeneration, ideas) and the calendar's pull in the
 * generation pipeline, the quality gate with its linter and the planner: most of the studio's
 * code, and none of it is needed to paint the first frame. They load on first use, or when `preload` is called after the first frame.
 */
const loadServices = async () => {
  const [regenerate, approval, review, ideas, calendar, planEdits, slotMoves] = await Promise.all([
    import('../generate/regenerate-service.js'),
    import('../approval/approval-service.js'),
    import('../review/review-service.js'),
    import('../plan/ideas-service.js'),
    import('../plan/calendar.js'),
    import('../plan/plan-edits.js'),
    import('../services/slot-moves.js'),
  ]);
  return { ...regenerate, ...approval, ...review, ...ideas, ...calendar, ...planEdits, ...slotMoves };
};

/**
 * The studio's actions on the same services as `approve`, `reject`, `edit` and `regenerate`,
 * so each writes its audit row and takes effect in the store immediately.
 */
export const createServiceActions = (deps: ServiceDeps, options: ServiceActionsOptions): ServiceActions => {
  const pending = new Set<Promise<unknown>>();
  let loaded: ReturnType<typeof loadServices> | undefined;
  const services = () => (loaded ??= loadServices());
  const track = <T>(work: Promise<T>): Promise<T> => {
    pending.add(work);
    void work.catch(() => undefined).finally(() => pending.delete(work));
    return work;
  };
  // The post's own brand decides its posting window and time zone, not the --brand default.
  const depsFor = (post: Pick<Post, 'brand'>): ServiceDeps => {
    const brand = deps.config.brands[post.brand];
    return brand ? { ...deps, brandSlug: post.brand, brand } : deps;
  };
  const slotView = (post: Pick<Post, 'brand'>, at: Date): SlotView => {
    const d = depsFor(post);
    const posting = d.brand.posting;
    const placement = slotPlacement(at, { timeZone: d.brand.timezone, ...posting });
    return {
      at: at.toISOString(),
      local: formatLocal(at, d.brand.timezone),
      timeZone: d.brand.timezone,
      mode: modeFor(posting.mode, at, d.clock.now()),
      weekday: placement.weekday,
      inWindow: placement.inWindow,
      postingDay: placement.postingDay,
      window: `${posting.windowStart}–${posting.windowEnd}`,
    };
  };
  return {
    platformTexts: (post, variant) => {
      const brand = depsFor(post).brand;
      return brandPlatforms(brand).map((target) => {
        const own = target.platform === 'facebook' ? undefined : variant.platformTexts[target.platform];
        const shown =
          own ??
          adaptText(target.platform, {
            text: variant.text,
            language: brand.profile.language,
            brandHashtags: brand.profile.hashtags,
            website: brand.profile.website,
          });
        const problem = checkPlatformText(target.platform, shown);
        return {
          platform: target.platform,
          text: shown,
          limit: TEXT_LIMITS[target.platform],
          length: [...shown].length,
          problem: problem ? problem.problem : null,
          own: own !== undefined,
        };
      });
    },
    editPlatformText: (postId, variant, platform, text) =>
      track(
        (async () => {
          const post = await resolvePost(deps.db, postId);
          // Loaded on first use, as the other writing services are (the first frame needs none).
          const { setVariantPlatformText } = await import('../publish/platform-text-edit.js');
          await setVariantPlatformText(depsFor(post), post.id, variant, platform, text);
        })(),
      ),
    async loadQueue() {
      const posts = await listPosts(deps.db, { brand: options.brand, states: ['in_review'], order: 'asc' });
      return posts.map((p) => p.id);
    },
    async loadPost(id: string): Promise<PostModel> {
      const post = await resolvePost(deps.db, id);
      const model = toPostModel(
        await postDetail(deps.db, post),
        depsFor(post).brand.timezone,
        deps.paths.media,
        options.lang,
      );
      const own = await variantPlatformTexts(deps.db, post.id);
      for (const v of model.variants)
        v.platformTexts = Object.fromEntries(own.filter((t) => t.variantId === v.id).map((t) => [t.platform, t.text]));
      return model;
    },
    async proposeSlot(postId, seed) {
      const post = await resolvePost(deps.db, postId);
      const { proposeSlot } = await services();
      const slot = await proposeSlot(depsFor(post), post, seed);
      return { ...slotView(post, slot.at), seed, movedFrom: slot.movedFrom, movedBecause: slot.movedBecause };
    },
    describeSlot: (post, at) => slotView(post, at),
    approve: (postId, variant, when, override) =>
      track(
        (async () => {
          const post = await resolvePost(deps.db, postId);
          const { approveVia } = await services();
          const input =
            'at' in when ? { ref: postId, variant, at: when.at } : { ref: postId, variant, slotSeed: when.seed };
          const r = await approveVia(
            depsFor(post),
            { channel: 'studio', id: deps.writer().actor },
            { ...input, gateOverride: override ? { ...override, reason: 'studio confirmation' } : undefined },
          );
          return { ...slotView(post, new Date(r.scheduledAt)), mode: r.mode, variant: r.variant.idx, drawn: r.drawn };
        })(),
      ),
    reject: (postId, reason) =>
      track(
        services()
          .then(({ rejectVia }) =>
            rejectVia(deps, { channel: 'studio', id: deps.writer().actor }, { ref: postId, reason }),
          )
          .then(() => undefined),
      ),
    edit: (postId, variant, text) =>
      track(services().then(({ editVariant }) => editVariant(deps, { ref: postId, variant, text }))),
    regenerate: (postId, variant, instruction, progress) =>
      track(
        (async () => {
          const [provider, { regenerateVariant }] = await Promise.all([options.provider(), services()]);
          progress(provider.offline ? 'offline' : provider.id);
          return regenerateVariant(deps, provider, { ref: postId, variant, instruction });
        })(),
      ),
    restore: (postId, variant, versionNo) =>
      track(services().then(({ restoreVersion }) => restoreVersion(deps, postId, variant, versionNo))),
    externalEditor: options.externalEditor,
    remakeImage: options.remakeImage ? (postId, progress) => track(options.remakeImage!(postId, progress)) : undefined,
    previewImage: options.previewImage,
    newSeed: () => randomUUID(),
    calendar: {
      load: (weeks) =>
        services().then(({ buildCalendar, calendarRange }) => buildCalendar(deps, calendarRange(deps, weeks))),
      moveEntry: (platform, from, to) =>
        track(
          services().then(async ({ swapPlanEntries }) => {
            await swapPlanEntries(deps, { first: from, second: to, platform });
          }),
        ),
      moveSlot: (postId, at) =>
        track(
          services().then(async ({ moveApprovedSlot }) => {
            await moveApprovedSlot(deps, postId, at);
          }),
        ),
      window: {
        start: deps.brand.posting.windowStart,
        end: deps.brand.posting.windowEnd,
        timeZone: deps.brand.timezone,
      },
    },
    saveIdea: (postId, variant) =>
      track(
        (async () => {
          const post = await resolvePost(deps.db, postId);
          const v = (await postDetail(deps.db, post)).variants.find((x) => x.idx === variant);
          if (!v) throw new Error(`variant ${variant} not found`);
          const { saveVariantAngle } = await services();
          const idea = await saveVariantAngle(depsFor(post), v, post.contentType, 'studio');
          return { shortId: idea.shortId, text: idea.text };
        })(),
      ),
    preload() {
      services().catch(() => undefined);
    },
    async settle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
};
