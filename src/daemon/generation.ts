import { CONTENT_TYPES, type ContentType } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { localDate } from '../domain/time.js';
import { queueNotification } from '../notify/notify-service.js';
import type { TextProvider } from '../providers/types.js';
import { generatePost } from '../services/generate-service.js';
import type { ServiceDeps } from '../services/deps.js';
import { completedRun, lastContentType } from '../store/daemon-repo.js';
import { updateJob } from '../store/jobs-repo.js';
import type { JobHandler } from './registry.js';

/**
 * Weighted draw from the editorial mix, reproducible from the seed (the slot), never the same
 * type twice in a row when the mix offers another one.
 */
export const chooseContentType = (mix: Partial<Record<ContentType, number>>, seed: string, last?: string): ContentType => {
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
}

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
    let resumed = false;
    const done = await completedRun(deps.db, job.id);
    if (done?.status === 'completed' && done.post_id) {
      postId = done.post_id;
      resumed = true;
    } else {
      if (!contentType) {
        // Chosen once and stored, so every retry of this slot writes the same type.
        contentType = chooseContentType(deps.brand.generation.mix, `${deps.brandSlug}:${slot.toISOString()}`, await lastContentType(deps.db, deps.brandSlug));
        await updateJob(deps.db, job.id, { payload: JSON.stringify({ ...payload, contentType }) });
      }
      const result = await generatePost(deps, providerFor(deps), { contentType, date: localDate(slot, deps.brand.timezone), runId: job.id });
      postId = result.postId;
      resumed = result.resumed;
    }
    const notifications = await queueNotification(deps, ctx.enqueue, { type: 'draft_ready', brand: deps.brandSlug, postId });
    ctx.log.info({ post: postId, contentType, notifications: notifications.length }, 'draft ready for review');
    return { result: { postId, contentType: contentType ?? null, resumed, notifications: notifications.map((n) => n.channel) } };
  };
