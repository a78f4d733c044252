import { isContentType, STYLES } from '../domain/content.js';
import { announceDraft } from '../approval/announce.js';
import type { TextProvider } from '../providers/types.js';
import { generatePost } from '../generate/generate-service.js';
import { planGeneration, type GenerationPlan } from '../generate/generation-plan.js';
import type { PlannedTopic } from '../domain/plan.js';
import { localDate } from '../domain/time.js';
import { plannedTopicFor } from '../plan/plan-edits.js';
import { illustrateDraft } from '../generate/illustrate.js';
import { pictureAhead, type PictureAhead } from '../generate/picture-ahead.js';
import type { CroppedPhoto } from '../images/image-record.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { getRun } from '../store/runs-repo.js';
import { updateJob } from '../store/jobs-repo.js';
import type { HandlerFor } from '../jobs/registry.js';
import type { JobPayloads } from '../store/job-payloads.js';

export type GeneratePayload = JobPayloads['generate'];

/** The plan an earlier attempt of the job stored in its payload. */
const storedPlan = (payload: GeneratePayload): GenerationPlan | undefined =>
  payload.contentType
    ? {
        contentType: payload.contentType,
        styles: payload.styleOrder ?? [...STYLES],
        decisionId: payload.decisionId ?? null,
        explanation: null,
        chosenBy: payload.chosenBy ?? 'optimizer',
      }
    : undefined;

/** A fresh plan as the job's payload records it (a mix draw keeps the standard style order). */
const payloadOf = (plan: GenerationPlan, planned: PlannedTopic | undefined): Partial<GeneratePayload> => ({
  ...(isContentType(plan.contentType) ? { contentType: plan.contentType } : {}),
  ...(plan.chosenBy === 'mix' ? {} : { styleOrder: plan.styles }),
  decisionId: plan.decisionId,
  chosenBy: plan.chosenBy === 'mix' || plan.chosenBy === 'plan' ? plan.chosenBy : 'optimizer',
  ...(plan.chosenBy === 'plan' && planned ? { planned } : {}),
});

/**
 * The scheduled generation step. Exactly once per slot even across crashes: the run id is the
 * job id, so a retry after a crash that happened after the commit finds the finished run and
 * only re-queues the (idempotent) notifications; a crash before the commit resumes the run and
 * reuses the provider calls already paid.
 */
export const generationHandler =
  (providerFor: (deps: ServiceDeps) => TextProvider): HandlerFor<'generate'> =>
  async (ctx) => {
    const { deps, job, payload } = ctx;
    const slot = new Date(payload.slot);
    let postId: string;
    let contentType: string | undefined = payload.contentType;
    let resumed: boolean;
    let fromPlan: PlannedTopic | undefined = payload.planned;
    let ahead: PictureAhead | undefined;
    const done = await getRun(deps.db, job.id);
    if (done?.status === 'completed' && done.postId) {
      postId = done.postId;
      resumed = true;
    } else {
      // The calendar's entry for the day, read once: a retry keeps the one its first attempt took.
      const entry = payload.contentType
        ? payload.planned
        : await plannedTopicFor(deps, localDate(slot, deps.brand.timezone));
      if (entry === 'skipped') {
        ctx.log.info({ slot: slot.toISOString() }, 'day skipped in the editorial calendar; no draft');
        return { result: { skipped: 'plan' } };
      }
      // Chosen once and stored, so every retry of this slot writes the same type and styles.
      const planned = await planGeneration(
        deps,
        {
          source: 'schedule',
          slot,
          runId: job.id,
          plan: storedPlan(payload),
          planned: entry,
          keep: (plan) =>
            updateJob(deps.db, job.id, { payload: JSON.stringify({ ...payload, ...payloadOf(plan, entry) }) }),
        },
        ctx.log,
      );
      if (planned.plan.chosenBy === 'plan' && entry) {
        fromPlan = entry;
        ctx.log.info({ entry: entry.entryId, source: entry.source, topic: entry.topic }, 'writing the planned entry');
      }
      contentType = planned.plan.contentType;
      // The picture needs only the request: it is asked for alongside the variants.
      ahead = pictureAhead(deps, planned.input);
      const result = await generatePost(deps, providerFor(deps), planned.input, undefined, {
        ...planned.options,
        alongside: ahead?.start,
        onHeadline: ahead?.headline,
        priority: ahead?.arriving,
      });
      postId = result.postId;
      resumed = result.resumed;
    }
    // The post is saved: a failing image leaves it without one (the review can make it).
    const make = async (id: string, prompt?: string, cropped?: CroppedPhoto) =>
      (await import('../images/image-service.js')).makePostImage(deps, id, { prompt, cropped });
    const { imageId: image, failure } = await illustrateDraft(deps, postId, (id) =>
      ahead ? ahead.make(id, make) : make(id),
    );
    if (failure) {
      ctx.log.warn(
        { post: postId, err: failure.en },
        'image failed; the draft is kept without one (autoscale image <id>)',
      );
    }
    // The interactive Slack message, e-mail and webhook, each with the signed review link.
    const notifications = await announceDraft(deps, ctx.enqueue, postId, ctx.log);
    ctx.log.info({ post: postId, contentType, notifications: notifications.length }, 'draft ready for review');
    return {
      result: {
        postId,
        contentType: contentType ?? null,
        image,
        resumed,
        planned: fromPlan ? { entryId: fromPlan.entryId, source: fromPlan.source, topic: fromPlan.topic } : null,
        notifications: notifications.map((n) => n.channel),
      },
    };
  };
