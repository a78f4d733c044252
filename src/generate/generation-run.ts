import { createHash } from 'node:crypto';
import { StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { PastText } from '../content/similarity.js';
import type { PromptBundle } from '../prompts/library.js';
import type { TextProvider } from '../providers/types.js';
import { newId } from '../store/ids.js';
import { findOpenRun, getRun, insertRun, updateRun } from '../store/runs-repo.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import type { GenerateInput, GenerateOptions, ValidRequest } from './generate-input.js';
import type { RunLedger } from './ledger.js';
import type * as DraftChecksModule from './assess-draft.js';

/** What every step of one run works from. */
export interface RunContext {
  deps: ServiceDeps;
  provider: TextProvider;
  request: ValidRequest;
  bundle: PromptBundle;
  options: GenerateOptions;
  ledger: RunLedger;
  /**
   * The brand's posts of the last `quality.similarityDays`, which a new text must not repeat
   * (read while the first text is being written: nothing needs them before it arrives).
   */
  past: Promise<PastText[]>;
  /** Their embeddings, fetched alongside the writing (undefined: embed with each candidate). */
  pastVectors?: Promise<number[][] | undefined> | undefined;
  progress: ProgressSink;
  /** A writer's call was handed to the HTTP client. */
  sent?: (() => void) | undefined;
  /**
   * The draft checks (linter, judge, gate). Loaded once, on first need or as soon as the
   * writers' requests are sent: the linter's catalogue is not on the way to the first request.
   */
  checks: () => Promise<DraftChecks>;
}

export type DraftChecks = typeof DraftChecksModule;

/** The run a generation writes under, and whether it picks up an interrupted one. */
export interface OpenedRun {
  runId: string;
  resumed: boolean;
}

/**
 * Opens the run of a request. A caller that names its run (a daemon job) resumes only that run:
 * adopting another open run with the same request would let two jobs end on one post. Otherwise
 * an identical request resumes the interrupted run and reuses what it paid for; failing that, a
 * new run is recorded before anything is paid.
 */
export const openRun = async (
  deps: ServiceDeps,
  provider: { id: string; model: string },
  request: ValidRequest,
  input: Pick<GenerateInput, 'runId' | 'plan'>,
): Promise<OpenedRun> => {
  const { db } = deps;
  const requestKey = createHash('sha256')
    .update(
      JSON.stringify([
        deps.brandSlug,
        request.contentType,
        request.topic,
        request.date,
        request.styles,
        provider.id,
        provider.model,
      ]),
    )
    .digest('hex');
  const named = input.runId ? await getRun(db, input.runId) : undefined;
  if (named?.status === 'completed') {
    throw new StateError(
      l(
        `Generation run ${input.runId ?? ''} already produced post ${named.postId ?? '?'}.`,
        `La génération ${input.runId ?? ''} a déjà produit la publication ${named.postId ?? '?'}.`,
      ),
      {
        code: 'run_completed',
        fix: l(
          'Use the existing post (autoscale show), or start a new run.',
          'Utilisez la publication existante (`autoscale show`), ou lancez une nouvelle génération.',
        ),
      },
    );
  }
  const open = input.runId ? named : await findOpenRun(db, requestKey);
  const runId = open?.id ?? input.runId ?? newId();
  const now = deps.writer().now;
  if (open) {
    await updateRun(db, runId, { status: 'running', error: null, updatedAt: now });
    return { runId, resumed: true };
  }
  await insertRun(db, {
    id: runId,
    brand: deps.brandSlug,
    contentType: request.contentType,
    topic: request.topic,
    targetDate: request.date,
    variantCount: request.styles.length,
    requestKey: requestKey,
    status: 'running',
    postId: null,
    error: null,
    createdAt: now,
    updatedAt: now,
    planKey: input.plan?.key ?? null,
    plan: input.plan ? JSON.stringify(input.plan.value) : null,
  });
  return { runId, resumed: false };
};

/** Marks a run failed; the next identical request (or retry of its job) resumes it. */
export const failRun = async (deps: ServiceDeps, runId: string, error: Error): Promise<void> =>
  updateRun(deps.db, runId, { status: 'failed', error: error.message, updatedAt: deps.writer().now });
