import { NotFoundError, StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import type { Db } from '../store/database.js';
import { shortId } from '../store/ids.js';
import {
  countJobsByState,
  findJobsByRef,
  getJob,
  jobsForSubject,
  listJobs,
  updateJob,
  type JobFilter,
} from '../store/jobs-repo.js';
import { getMeta } from '../store/meta-repo.js';
import { findPostsByRef, getPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { Job } from '../domain/jobs.js';

export interface JobView {
  id: string;
  shortId: string;
  kind: string;
  brand: string | null;
  subjectId: string | null;
  state: string;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  payload: unknown;
  result: unknown;
  createdAt: string;
  updatedAt: string;
  /**
   * A publish job due before its post's slot: the hand-off to Facebook's own scheduler, which
   * takes posts at most 30 days ahead, so the job runs at slot − 30 days and the post goes out at `slot`.
   */
  nativeHandOff?: { slot: string } | undefined;
}

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export const jobView = (j: Job): JobView => {
  const payload = parse(j.payload) as Record<string, unknown> | null;
  // A notification's rendered body is long and says nothing new in a listing.
  const shown =
    payload && typeof payload === 'object' && 'message' in payload ? { ...payload, message: undefined } : payload;
  return {
    id: j.id,
    shortId: shortId(j.id),
    kind: j.kind,
    brand: j.brand,
    subjectId: j.subjectId,
    state: j.state,
    runAt: j.runAt,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    leaseOwner: j.leaseOwner,
    leaseUntil: j.leaseUntil,
    lastError: j.lastError,
    payload: shown,
    result: parse(j.result),
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
  };
};

export interface JobsReport {
  counts: Record<string, number>;
  jobs: JobView[];
  daemon: unknown;
}

const withHandOff = async (db: Db, job: JobView): Promise<JobView> => {
  if (job.kind !== 'publish' || !job.subjectId) return job;
  const post = await getPost(db, job.subjectId);
  if (!post?.scheduledAt || post.publishMode !== 'native' || post.state !== 'approved') return job;
  return job.runAt < post.scheduledAt ? { ...job, nativeHandOff: { slot: post.scheduledAt } } : job;
};

export const jobsReport = async (db: Db, filter: JobFilter): Promise<JobsReport> => {
  const heartbeat = await getMeta(db, 'daemon_heartbeat');
  return {
    counts: await countJobsByState(db),
    jobs: await Promise.all((await listJobs(db, filter)).map((j) => withHandOff(db, jobView(j)))),
    daemon: heartbeat ? (JSON.parse(heartbeat) as unknown) : null,
  };
};

const RETRYABLE = ['failed', 'skipped'];

/**
 * `autoscale retry <job|post>`: a failed (or skipped) job goes back to the queue, due now, with
 * a fresh attempt budget; a post reference retries every failed job about that post.
 */
export const retryJobs = async (
  deps: ServiceDeps,
  ref: string,
): Promise<{ retried: JobView[]; via: 'job' | 'post' }> => {
  const { db } = deps;
  const trimmed = ref.trim();
  const byJob = await findJobsByRef(db, trimmed);
  let targets: Job[];
  let via: 'job' | 'post';
  if (byJob.length > 1) {
    throw new UsageError(
      l(`"${ref}" matches ${byJob.length} jobs.`, `« ${ref} » correspond à ${byJob.length} tâches.`),
      {
        code: 'ambiguous_id',
        fix: l(
          'Give more characters of the id (autoscale jobs).',
          'Donnez plus de caractères de l’identifiant (autoscale jobs).',
        ),
      },
    );
  }
  if (byJob.length === 1) {
    via = 'job';
    const job = byJob[0]!;
    if (!RETRYABLE.includes(job.state)) {
      throw new StateError(
        l(
          `Job ${shortId(job.id)} is ${job.state}; only failed or skipped jobs can be retried.`,
          `La tâche ${shortId(job.id)} est à l’état ${job.state}; seules les tâches en échec ou sautées peuvent être relancées.`,
        ),
        {
          code: 'job_not_retryable',
          fix: l('See `autoscale jobs --state failed`.', 'Voyez `autoscale jobs --state failed`.'),
        },
      );
    }
    targets = [job];
  } else {
    const posts = await findPostsByRef(db, trimmed);
    if (posts.length === 0) {
      throw new NotFoundError(
        l(`No job or post with id "${ref}".`, `Aucune tâche ni aucune publication avec l’identifiant « ${ref} ».`),
        {
          code: 'unknown_ref',
          fix: l(
            'List them with `autoscale jobs` or `autoscale list`.',
            'Listez-les avec `autoscale jobs` ou `autoscale list`.',
          ),
        },
      );
    }
    if (posts.length > 1) {
      throw new UsageError(
        l(`"${ref}" matches ${posts.length} posts.`, `« ${ref} » correspond à ${posts.length} posts.`),
        {
          code: 'ambiguous_id',
          fix: l('Give more characters of the id.', 'Donnez plus de caractères de l’identifiant.'),
        },
      );
    }
    via = 'post';
    targets = (await jobsForSubject(db, posts[0]!.id)).filter((j) => j.state === 'failed');
    if (targets.length === 0) {
      throw new StateError(
        l(
          `Post ${shortId(posts[0]!.id)} has no failed job to retry.`,
          `La publication ${shortId(posts[0]!.id)} n’a aucune tâche en échec à relancer.`,
        ),
        {
          code: 'nothing_to_retry',
          fix: l(
            `See \`autoscale show ${shortId(posts[0]!.id)}\` and \`autoscale jobs\`.`,
            `Voyez \`autoscale show ${shortId(posts[0]!.id)}\` et \`autoscale jobs\`.`,
          ),
        },
      );
    }
  }
  const retried = await immediate(db, async (trx) => {
    const out: JobView[] = [];
    const w = deps.writer();
    for (const job of targets) {
      const fresh = await getJob(trx, job.id);
      if (!fresh || !RETRYABLE.includes(fresh.state)) continue;
      await updateJob(trx, job.id, {
        state: 'queued',
        runAt: w.now,
        attempts: 0,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: w.now,
      });
      await recordAudit(trx, w, {
        entity: 'job',
        entityId: job.id,
        action: 'retry',
        from: fresh.state,
        to: 'queued',
        reason: fresh.lastError,
        data: { kind: job.kind, attempts: fresh.attempts },
      });
      out.push(jobView((await getJob(trx, job.id))!));
    }
    return out;
  });
  return { retried, via };
};
