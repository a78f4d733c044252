import { STYLES, type Style } from '../../domain/content.js';
import { l } from '../../i18n/localized.js';
import {
  generatePost,
  planGeneration,
  validateContentType,
  validateRequestOptions,
} from '../../generate/generate-service.js';
import { localDate } from '../../domain/time.js';
import { postDetail, resolvePost } from '../../store/post-lookup.js';
import { selectEmbeddings, selectTextProvider } from '../../providers/select.js';
import type { AppContext } from '../context.js';
import { renderPostDetail, postDetailJson } from '../../present/post-render.js';
import { serviceDeps } from './service-deps.js';

export const runGenerate = async (ctx: AppContext, opts: Record<string, unknown>) => {
  let variants: number | undefined;
  if (opts.variants !== undefined) {
    variants = Number(opts.variants);
  }
  const deps = await serviceDeps(ctx);
  const today = localDate(deps.clock.now(), deps.brand.timezone);
  const date = (opts.date as string | undefined) ?? today;
  // Bad input fails before anything is announced or paid for.
  if (typeof opts.type === 'string') validateContentType(opts.type);
  validateRequestOptions({ topic: opts.topic as string | undefined, date, variants }, today);
  const learning = await import('../../optimize/learning-service.js');
  const selected = selectTextProvider(deps.config, ctx.env);
  ctx.out.note(l(`Text: ${selected.reason.en}`, `Texte : ${selected.reason.fr}`));
  // The optimizer decides for every post: its slot preference always, and the content type and
  // style order when --type is left to it. An explicit --type is a manual request: its variants
  // keep the standard style order, so a reviewer finds them where they expect, and the stored
  // decision records both as the user's. A re-run of a killed command gets the interrupted run's
  // plan back instead of a new draw.
  const fixedType = typeof opts.type === 'string' ? opts.type : undefined;
  const topic = opts.topic as string | undefined;
  // The optimizer and the guidance read the same measured history: load it once.
  const facts = await learning.measuredFacts(deps);
  const planned = await planGeneration(
    deps,
    { contentType: fixedType, topic, date, variants },
    selected.provider,
    async () => {
      const choice = await learning.chooseNext(deps, {
        date,
        facts,
        ...(fixedType ? { contentType: fixedType, styleOrder: [...STYLES] } : {}),
      });
      return {
        contentType: choice.contentType,
        styles: choice.styleOrder as Style[],
        decisionId: choice.decisionId,
        explanation: choice.explanation,
      };
    },
  );
  const { contentType, styles } = planned.plan;
  if (planned.resumed) {
    ctx.out.note(
      l(
        `Resuming an interrupted run of this command with its plan: ${contentType}, styles ${styles.join(' > ')}.`,
        `Reprise d’une génération interrompue de cette commande avec son plan : ${contentType}, styles ${styles.join(' > ')}.`,
      ),
    );
  } else if (!fixedType && planned.plan.explanation) {
    const why = planned.plan.explanation;
    ctx.out.note(l(`Optimizer chose ${contentType}: ${why.en}`, `L’optimiseur a choisi ${contentType} : ${why.fr}`));
  }
  const guidance = await learning.currentGuidance(deps, undefined, facts);
  if (guidance.versionId && guidance.text) {
    ctx.out.note(
      l(
        `Guidance v${guidance.versionNo ?? 0} from ${guidance.basedOnPosts ?? 0} measured posts is in the prompt.`,
        `Le guide v${guidance.versionNo ?? 0}, tiré de ${guidance.basedOnPosts ?? 0} publications mesurées, est dans le prompt.`,
      ),
    );
  }
  const { fittedEngagementModel } = await import('../../optimize/engagement-adapter.js');
  const engagement = await fittedEngagementModel(deps, date);
  const progress = ctx.out.progress(ctx.out.t(l('Writing variants', 'Rédaction des variantes')));
  let result;
  try {
    result = await generatePost(
      deps,
      selected.provider,
      { contentType, topic, date, variants, styles, plan: { key: planned.key, value: planned.plan } },
      (event) => progress.update(event.detail ?? event.step),
      {
        embeddings: selectEmbeddings(deps.config, ctx.env),
        engagement,
        decisionId: planned.plan.decisionId ?? undefined,
        guidance:
          guidance.versionId && guidance.text ? { text: guidance.text, versionId: guidance.versionId } : undefined,
      },
    );
  } finally {
    progress.done();
  }
  for (const q of result.quality) {
    if (!q.passed) {
      ctx.out.warn(
        l(
          `${q.style}: quality ${q.score} is kept but marked (${q.flags.join(', ')}) after ${q.rounds} round(s).`,
          `${q.style} : qualité ${q.score}, variante conservée mais signalée (${q.flags.join(', ')}) après ${q.rounds} essai(s).`,
        ),
      );
    }
  }
  if (result.offline)
    ctx.out.note(
      l(
        'Quality: deterministic rubric only (offline, no LLM judge).',
        'Qualité : grille déterministe seulement (hors ligne, sans juge LLM).',
      ),
    );
  if (result.resumed) {
    ctx.out.note(
      l(
        `Resumed an interrupted run; ${result.reusedSteps} paid step(s) reused.`,
        `Reprise d’une génération interrompue; ${result.reusedSteps} étape(s) payée(s) réutilisée(s).`,
      ),
    );
  }
  if (opts.image !== false) {
    // The post is already saved: a failing image step warns and leaves it without an image.
    try {
      const { makeImageWithProgress } = await import('./image-handler.js');
      await makeImageWithProgress(ctx, deps, result.postId, {});
    } catch (error) {
      const { isAutoscaleError } = await import('../../errors/errors.js');
      const reason = isAutoscaleError(error) ? error.localized : l((error as Error).message, (error as Error).message);
      ctx.out.warn(
        l(
          `The post was saved but its image failed: ${reason.en} Retry with: autoscale image ${result.postId}`,
          `Le post est enregistré mais son image a échoué : ${reason.fr} Réessayez avec : autoscale image ${result.postId}`,
        ),
      );
    }
  }
  const detail = await postDetail(deps.db, await resolvePost(deps.db, result.postId));
  ctx.out.data(
    {
      ...postDetailJson(detail, deps.paths.media),
      generation: {
        provider: result.provider,
        model: result.model,
        offline: result.offline,
        resumed: result.resumed,
        reusedSteps: result.reusedSteps,
        quality: result.quality,
      },
    },
    () => renderPostDetail(detail, ctx.out, deps.brand.timezone, deps.paths.media),
  );
};
