import { UsageError } from '../../errors.js';
import { l } from '../../i18n/localized.js';
import { generatePost, validateGenerateInput } from '../../services/generate-service.js';
import { localDate } from '../../domain/time.js';
import { postDetail, resolvePost } from '../../services/post-service.js';
import { selectEmbeddings, selectTextProvider } from '../../providers/select.js';
import type { AppContext } from '../context.js';
import { renderPostDetail, postDetailJson } from '../render/post-render.js';
import { serviceDeps } from './service-deps.js';

export const runGenerate = async (ctx: AppContext, opts: Record<string, unknown>) => {
  if (typeof opts.type !== 'string') {
    throw new UsageError(l('generate needs --type.', 'generate a besoin de --type.'), {
      code: 'missing_type',
      fix: l('Example: autoscale generate --type case_study', 'Exemple : autoscale generate --type case_study'),
    });
  }
  let variants: number | undefined;
  if (opts.variants !== undefined) {
    variants = Number(opts.variants);
  }
  const deps = await serviceDeps(ctx);
  // Bad input fails before anything is announced or paid for.
  validateGenerateInput({ contentType: opts.type, topic: opts.topic as string | undefined, date: opts.date as string | undefined, variants }, localDate(deps.clock.now(), deps.brand.timezone));
  const selected = selectTextProvider(deps.config, ctx.env);
  ctx.out.note(l(`Text: ${selected.reason.en}`, `Texte : ${selected.reason.fr}`));
  const progress = ctx.out.progress(ctx.out.t(l('Writing variants', 'Rédaction des variantes')));
  let result;
  try {
    result = await generatePost(
      deps,
      selected.provider,
      { contentType: opts.type, topic: opts.topic as string | undefined, date: opts.date as string | undefined, variants },
      (event) => progress.update(event.detail ?? event.step),
      { embeddings: selectEmbeddings(deps.config, ctx.env) },
    );
  } finally {
    progress.done();
  }
  for (const q of result.quality) {
    if (!q.passed) {
      ctx.out.warn(l(
        `${q.style}: quality ${q.score} is kept but marked (${q.flags.join(', ')}) after ${q.rounds} round(s).`,
        `${q.style} : qualité ${q.score}, variante conservée mais signalée (${q.flags.join(', ')}) après ${q.rounds} essai(s).`,
      ));
    }
  }
  if (result.offline) ctx.out.note(l('Quality: deterministic rubric only (offline, no LLM judge).', 'Qualité : grille déterministe seulement (hors ligne, sans juge LLM).'));
  if (result.resumed) {
    ctx.out.note(l(`Resumed an interrupted run; ${result.reusedSteps} paid step(s) reused.`, `Reprise d’une génération interrompue; ${result.reusedSteps} étape(s) payée(s) réutilisée(s).`));
  }
  if (opts.image !== false) {
    // The post is already saved: a failing image step warns and leaves it without an image.
    try {
      const { makeImageWithProgress } = await import('./image-handler.js');
      await makeImageWithProgress(ctx, deps, result.postId, {});
    } catch (error) {
      const { isAutoscaleError } = await import('../../errors.js');
      const reason = isAutoscaleError(error) ? error.localized : l((error as Error).message, (error as Error).message);
      ctx.out.warn(l(`The post was saved but its image failed: ${reason.en} Retry with: autoscale image ${result.postId}`, `Le post est enregistré mais son image a échoué : ${reason.fr} Réessayez avec : autoscale image ${result.postId}`));
    }
  }
  const detail = await postDetail(deps.db, await resolvePost(deps.db, result.postId));
  ctx.out.data(
    { ...postDetailJson(detail, deps.paths.media), generation: { provider: result.provider, model: result.model, offline: result.offline, resumed: result.resumed, reusedSteps: result.reusedSteps, quality: result.quality } },
    () => renderPostDetail(detail, ctx.out, deps.brand.timezone, deps.paths.media),
  );
};
