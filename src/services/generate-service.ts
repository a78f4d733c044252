import { createHash } from 'node:crypto';
import { STYLES, isContentType, type ContentType, type Style, CONTENT_TYPES } from '../domain/content.js';
import { isValidDate, localDate } from '../domain/time.js';
import { UsageError, ExternalError } from '../errors.js';
import { l } from '../i18n/localized.js';
import { loadBundle } from '../prompts/library.js';
import type { TextProvider, TextResult } from '../providers/types.js';
import { recordAudit } from '../store/audit-repo.js';
import { newId } from '../store/ids.js';
import { attachRunCallsToPost, recordCall, succeededCall } from '../store/llm-calls-repo.js';
import { insertPost, transitionPost } from '../store/posts-repo.js';
import { findOpenRun, insertRun, updateRun } from '../store/runs-repo.js';
import { immediate } from '../store/tx.js';
import { insertVariant } from '../store/variants-repo.js';
import { textCost } from './cost.js';
import type { ProgressSink, ServiceDeps } from './deps.js';

export interface GenerateInput {
  contentType: string;
  topic?: string | undefined;
  date?: string | undefined;
  variants?: number | undefined;
  /** Style order (the optimizer may put the one it expects to win first). */
  styles?: Style[] | undefined;
  /** Id for a new run: the daemon passes its job's id so a retried job finds its own run. */
  runId?: string | undefined;
}

export interface GenerateResult {
  postId: string;
  runId: string;
  resumed: boolean;
  /** Steps reused from an interrupted run instead of being paid again. */
  reusedSteps: number;
  provider: string;
  model: string;
  offline: boolean;
}

export const validateGenerateInput = (input: GenerateInput, today: string) => {
  if (!isContentType(input.contentType)) {
    throw new UsageError(
      l(`Unknown content type "${input.contentType}".`, `Type de contenu inconnu « ${input.contentType} ».`),
      { code: 'unknown_content_type', fix: l(`Use one of: ${CONTENT_TYPES.join(', ')}.`, `Utilisez l'un de : ${CONTENT_TYPES.join(', ')}.`) },
    );
  }
  const date = input.date ?? today;
  if (!isValidDate(date)) {
    throw new UsageError(l(`Invalid date "${date}".`, `Date invalide « ${date} ».`), {
      code: 'bad_date',
      fix: l('Give a calendar date as YYYY-MM-DD, e.g. 2026-12-01.', 'Donnez une date du calendrier au format AAAA-MM-JJ, p. ex. 2026-12-01.'),
    });
  }
  const count = input.variants ?? STYLES.length;
  if (!Number.isInteger(count) || count < 1 || count > STYLES.length) {
    throw new UsageError(l(`--variants must be 1 to ${STYLES.length}, not ${String(input.variants)}.`, `--variants doit valoir de 1 à ${STYLES.length}, et non ${String(input.variants)}.`), {
      code: 'bad_variants',
      fix: l('One variant per style: professional, storytelling, question.', 'Une variante par style : professionnel, récit, question.'),
    });
  }
  const topic = input.topic?.trim() || null;
  if (topic && topic.length > 300) {
    throw new UsageError(l('--topic is longer than 300 characters.', '--topic dépasse 300 caractères.'), {
      code: 'bad_topic',
      fix: l('Give a short subject; the writer expands it.', 'Donnez un sujet court; le rédacteur le développe.'),
    });
  }
  const styles = (input.styles ?? [...STYLES]).slice(0, count);
  return { contentType: input.contentType as ContentType, date, topic, styles };
};

/**
 * Writes a post: one variant per style, through the selected text provider.
 *
 * Durable: every paid provider answer is recorded in the ledger under the run before the next
 * call, and the post with its variants is committed in one transaction at the end. A run
 * interrupted at any point is resumed by the next identical `generate`, reusing what was paid.
 */
export const generatePost = async (
  deps: ServiceDeps,
  provider: TextProvider,
  input: GenerateInput,
  progress: ProgressSink = () => undefined,
): Promise<GenerateResult> => {
  const { db } = deps;
  const today = localDate(deps.clock.now(), deps.brand.timezone);
  const v = validateGenerateInput(input, today);
  const bundle = loadBundle(v.contentType, v.styles);

  const requestKey = createHash('sha256')
    .update(JSON.stringify([deps.brandSlug, v.contentType, v.topic, v.date, v.styles, provider.id, provider.model]))
    .digest('hex');
  const open = await findOpenRun(db, requestKey);
  const runId = open?.id ?? input.runId ?? newId();
  if (!open) {
    const now = deps.writer().now;
    await insertRun(db, {
      id: runId,
      brand: deps.brandSlug,
      content_type: v.contentType,
      topic: v.topic,
      target_date: v.date,
      variant_count: v.styles.length,
      request_key: requestKey,
      status: 'running',
      post_id: null,
      error: null,
      created_at: now,
      updated_at: now,
    });
  } else {
    await updateRun(db, runId, { status: 'running', error: null, updated_at: deps.writer().now });
  }

  const seed = `${deps.brandSlug}:${v.contentType}:${v.date}:${v.topic ?? ''}`;
  let reused = 0;
  const drafts: { style: Style; result: TextResult }[] = [];

  const runStyle = async (style: Style) => {
    const stepKey = `variant:${style}`;
    const cached = await succeededCall(db, runId, stepKey);
    if (cached?.response) {
      reused += 1;
      return { style, result: JSON.parse(cached.response) as TextResult };
    }
    progress({ step: 'variant', detail: style });
    let result: TextResult;
    try {
      result = await provider.generate({
        brandSlug: deps.brandSlug,
        brand: deps.brand,
        contentType: v.contentType,
        topic: v.topic,
        date: v.date,
        style,
        prompts: bundle,
        seed,
      });
    } catch (error) {
      await updateRun(db, runId, { status: 'failed', error: (error as Error).message, updated_at: deps.writer().now });
      if (error instanceof ExternalError) throw error;
      throw new ExternalError(provider.id, l(`The ${provider.id} text provider failed: ${(error as Error).message}`, `Le fournisseur de texte ${provider.id} a échoué : ${(error as Error).message}`), {
        cause: error,
        fix: l(`Re-run the same command to resume (paid steps are kept), or check \`autoscale doctor\`.`, `Relancez la même commande pour reprendre (les étapes payées sont conservées), ou vérifiez \`autoscale doctor\`.`),
      });
    }
    if (!provider.offline) {
      await recordCall(db, deps.writer(), {
        runId,
        postId: null,
        stepKey,
        purpose: 'variant',
        provider: provider.id,
        model: result.model,
        status: 'succeeded',
        ...result.usage,
        costUsd: result.reportedCostUsd ?? textCost(result.usage, result.model, deps.config.prices.text),
        latencyMs: result.latencyMs,
        requestId: result.requestId ?? null,
        response: result,
      });
    }
    return { style, result };
  };

  // Concurrent: a post's wall time is about one provider round trip, not one per style.
  drafts.push(...(await Promise.all(v.styles.map(runStyle))));

  const postId = newId();
  await immediate(db, async (trx) => {
    const w = deps.writer();
    await insertPost(trx, w, { id: postId, brand: deps.brandSlug, contentType: v.contentType, topic: v.topic, targetDate: v.date, state: 'draft', generationRunId: runId });
    await recordAudit(trx, w, { entity: 'post', entityId: postId, action: 'create', to: 'draft', data: { provider: provider.id, model: provider.model, runId } });
    for (const [i, d] of drafts.entries()) {
      await insertVariant(trx, w, {
        postId,
        idx: i + 1,
        style: d.style,
        text: d.result.draft.text,
        headline: d.result.draft.headline,
        promptVersion: bundle.versionFor(d.style),
        provider: provider.id,
        model: d.result.model,
      });
    }
    await transitionPost(trx, w, postId, 'draft', 'in_review');
    await recordAudit(trx, w, { entity: 'post', entityId: postId, action: 'submit_for_review', from: 'draft', to: 'in_review' });
    await attachRunCallsToPost(trx, runId, postId);
    await updateRun(trx, runId, { status: 'completed', post_id: postId, updated_at: w.now });
  });

  return { postId, runId, resumed: Boolean(open), reusedSteps: reused, provider: provider.id, model: provider.model, offline: provider.offline };
};
