import { CONTENT_TYPES, type ContentType, type Style } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { localDate } from '../domain/time.js';
import { queueNotification } from '../notify/notify-service.js';
import { selectEmbeddings } from '../providers/select.js';
import type { TextProvider } from '../providers/types.js';
import { getPost } from '../store/posts-repo.js';
import { generatePost } from '../generate/generate-service.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { lastContentType } from '../store/daemon-repo.js';
import { getRun } from '../store/runs-repo.js';
import type { PostFact } from '../measure/facts.js';
import { updateJob } from '../store/jobs-repo.js';
import type { JobHandler } from '../jobs/registry.js';

/**
 * Weighted draw from the editorial mix, reproducible from the seed (the slot), never the same
 * type twice in a row when the mix offers another one.
 */
export const chooseContentType = (
  mix: Partial<Record<ContentType, number>>,
  seed: string,
  last?: string,
): ContentType => {
  const weighted = CONTENT_TYPES.filter((t) => (mix[t] ?? 0) > 0).map((t) => ({ type: t, weight: mix[t]! }));
  if (weighted.length === 0) return 'tip';
  const pool = weighted.length > 1 ? weighted.filter((w) => w.type !== last) : weighted;
  const total = pool.reduce((sum, w) => sum + w.weight, 0);
  let draw = seededRandom(seed)() * total;
  for (const w of pool) {
    draw -= w.weight;
    if (draw < 0) return w.type;
  }
  return pool[pool.length - 1]!.type;
};

export interface GeneratePayload {
  slot: string;
  local?: string;
  contentType?: ContentType;
  styleOrder?: string[];
  decisionId?: string | null;
  chosenBy?: 'optimizer' | 'mix';
}

/**
 * What to write for a slot. The optimizer (Thompson sampling over measured posts, B2B priors
 * when there are none) chooses the type and the style order, as `autoscale generate` does. The
 * editorial mix keeps two roles: a type the mix gives weight 0 is excluded (the optimizer's
 * choice is replaced by a draw from the mix), and the mix decides alone if the optimizer fails.
 */
export const chooseForSlot = async (
  deps: ServiceDeps,
  slot: Date,
  log: { warn(o: object, m: string): void },
  facts?: PostFact[],
): Promise<Required<Pick<GeneratePayload, 'contentType' | 'decisionId' | 'chosenBy'>> & { styleOrder?: string[] }> => {
  const mix = deps.brand.generation.mix;
  const mixDraw = async () =>
    chooseContentType(mix, `${deps.brandSlug}:${slot.toISOString()}`, await lastContentType(deps.db, deps.brandSlug));
  try {
    const { chooseNext } = await import('../optimize/learning-service.js');
    const choice = await chooseNext(deps, { date: localDate(slot, deps.brand.timezone), ...(facts ? { facts } : {}) });
    const allowed = Object.values(mix).some((w) => (w ?? 0) > 0)
      ? (mix[choice.contentType as ContentType] ?? 0) > 0
      : true;
    if (allowed && (CONTENT_TYPES as readonly string[]).includes(choice.contentType)) {
      return {
        contentType: choice.contentType as ContentType,
        styleOrder: choice.styleOrder,
        decisionId: choice.decisionId,
        chosenBy: 'optimizer',
      };
    }
    return { contentType: await mixDraw(), decisionId: choice.decisionId, chosenBy: 'mix' };
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'optimizer unavailable; the editorial mix chooses');
    return { contentType: await mixDraw(), decisionId: null, chosenBy: 'mix' };
  }
};

/**
 * The scheduled generation step. Exactly once per slot even across crashes: the run id is the
 * job id, so a retry after a crash that happened after the commit finds the finished run and
 * only re-queues the (idempotent) notifications; a crash before the commit resumes the run and
 * reuses the provider calls already paid.
 */
export const generationHandler =
  (providerFor: (deps: ServiceDeps) => TextProvider): JobHandler =>
  async (ctx) => {
    const { deps, job } = ctx;
    const payload = (ctx.payload ?? {}) as GeneratePayload;
    const slot = new Date(payload.slot ?? job.run_at);
    let postId: string;
    let contentType = payload.contentType;
    let resumed: boolean;
    const done = await getRun(deps.db, job.id);
    if (done?.status === 'completed' && done.post_id) {
      postId = done.post_id;
      resumed = true;
    } else {
      // The optimizer and the guidance read the same measured history: load it once. A failure
      // here leaves each to load (and fail over) on its own.
      const learning = await import('../optimize/learning-service.js');
      const facts = await learning.measuredFacts(deps).catch(() => undefined);
      let stored = payload;
      if (!contentType) {
        // Chosen once and stored, so every retry of this slot writes the same type and styles.
        stored = { ...payload, ...(await chooseForSlot(deps, slot, ctx.log, facts)) };
        contentType = stored.contentType!;
        await updateJob(deps.db, job.id, { payload: JSON.stringify(stored) });
      }
      const guidance = await learning.currentGuidance(deps, undefined, facts).catch(() => undefined);
      const date = localDate(slot, deps.brand.timezone);
      const { fittedEngagementModel } = await import('../optimize/engagement-adapter.js');
      const engagement = await fittedEngagementModel(deps, date).catch(() => undefined);
      const result = await generatePost(
        deps,
        providerFor(deps),
        { contentType, date, runId: job.id, ...(stored.styleOrder ? { styles: stored.styleOrder as Style[] } : {}) },
        undefined,
        {
          embeddings: selectEmbeddings(deps.config, deps.env),
          ...(engagement ? { engagement } : {}),
          ...(stored.decisionId ? { decisionId: stored.decisionId } : {}),
          ...(guidance?.versionId && guidance.text
            ? { guidance: { text: guidance.text, versionId: guidance.versionId } }
            : {}),
        },
      );
      postId = result.postId;
      resumed = result.resumed;
    }
    // The post is saved: a failing image leaves it without one (the review can make it).
    const post = await getPost(deps.db, postId);
    let image: string | null = post?.image_id ?? null;
    if (post && !post.image_id) {
      try {
        const { makePostImage } = await import('../images/image-service.js');
        image = (await makePostImage(deps, postId, {})).image.id;
      } catch (error) {
        ctx.log.warn(
          { post: postId, err: (error as Error).message },
          'image failed; the draft is kept without one (autoscale image <id>)',
        );
      }
    }
    const notifications = await queueNotification(deps, ctx.enqueue, {
      type: 'draft_ready',
      brand: deps.brandSlug,
      postId,
    });
    ctx.log.info({ post: postId, contentType, notifications: notifications.length }, 'draft ready for review');
    return {
      result: {
        postId,
        contentType: contentType ?? null,
        image,
        resumed,
        notifications: notifications.map((n) => n.channel),
      },
    };
  };
