import { UsageError } from '../../errors/errors.js';
import type { ContentType } from '../../domain/content.js';
import { l } from '../../i18n/localized.js';
import { generatePost } from '../../generate/generate-service.js';
import { validateRequestOptions } from '../../generate/generate-input.js';
import { planGeneration } from '../../generate/generation-plan.js';
import { illustrateDraft } from '../../generate/illustrate.js';
import { pictureAhead } from '../../generate/picture-ahead.js';
import type { CroppedPhoto } from '../../images/image-record.js';
import { whenIdle } from '../../generate/when-idle.js';
import { GENERATE } from '../messages/generate.js';
import { sampleCasesCited } from '../../content/samples.js';
import { localDate } from '../../domain/time.js';
import { postDetail, resolvePost } from '../../store/post-lookup.js';
import { selectTextProvider } from '../../providers/select.js';
import type { AppContext } from '../context.js';
import { renderPostDetail, postDetailJson } from '../../present/post-render.js';
import { serviceDeps } from './service-deps.js';

export interface GenerateOptions {
  type?: ContentType | undefined;
  topic?: string | undefined;
  date?: string | undefined;
  variants?: number | undefined;
  image: boolean;
}

export const runGenerate = async (ctx: AppContext, opts: GenerateOptions) => {
  const { variants, topic, type: fixedType } = opts;
  // The provider's client and the image step's code load while the store opens and the
  // optimizer decides: none of them is on the way to the first text call.
  const selected = selectTextProvider(ctx.config(), ctx.env);
  selected.provider.prepare?.();
  const imageStep = opts.image ? import('./image-handler.js') : undefined;
  imageStep?.catch(() => undefined);
  const deps = await serviceDeps(ctx);
  const today = localDate(deps.clock.now(), deps.brand.timezone);
  const date = opts.date ?? today;
  // Bad input fails before anything is announced or paid for (the flags are already parsed;
  // the date's range and the topic's length are the service's rules).
  validateRequestOptions({ topic, date, variants }, today);
  if (date < today) {
    // A post for a day already gone could only be published late, at the next free slot.
    throw new UsageError(
      l(
        `--date ${date} is in the past (today is ${today} in ${deps.brand.timezone}).`,
        `--date ${date} est dans le passé (nous sommes le ${today}, ${deps.brand.timezone}).`,
      ),
      {
        code: 'date_in_past',
        fix: l(
          `Give today or a later day, e.g. --date ${today}, or leave --date out.`,
          `Donnez aujourd’hui ou un jour suivant, p.\u00a0ex. --date ${today}, ou omettez --date.`,
        ),
      },
    );
  }
  ctx.out.note(l(`Text: ${selected.reason.en}`, `Texte : ${selected.reason.fr}`));
  const planned = await planGeneration(deps, {
    source: 'manual',
    provider: selected.provider,
    contentType: fixedType,
    topic,
    date,
    variants,
  });
  const { contentType, styles, explanation } = planned.plan;
  if (planned.origin === 'resumed') {
    ctx.out.note(GENERATE.resumingPlan(contentType, styles));
  } else if (!fixedType && explanation) {
    ctx.out.note(GENERATE.optimizerChose(contentType, explanation));
  }
  const guidance = planned.guidance;
  if (guidance?.versionId && guidance.text) {
    ctx.out.note(
      l(
        `Guidance v${guidance.versionNo ?? 0} from ${guidance.basedOnPosts ?? 0} measured posts is in the prompt.`,
        `Le guide v${guidance.versionNo ?? 0}, tiré de ${guidance.basedOnPosts ?? 0} publications mesurées, est dans le prompt.`,
      ),
    );
  }
  // The picture needs only the request: it is asked for alongside the variants.
  const ahead = opts.image ? pictureAhead(deps, planned.input) : undefined;
  // sharp and the font reader load while the providers write, not before the requests leave.
  void imageStep?.then(async (m) => {
    await whenIdle();
    m.warmImageStep(ahead ? { profile: deps.brand.profile, size: deps.config.providers.image.size } : undefined);
  });
  const progress = ctx.out.progress(ctx.out.t(l('Writing variants', 'Rédaction des variantes')));
  let result;
  try {
    result = await generatePost(
      deps,
      selected.provider,
      planned.input,
      (event) => progress.update(event.detail ?? event.step),
      { ...planned.options, alongside: ahead?.start, onHeadline: ahead?.headline, priority: ahead?.arriving },
    );
  } finally {
    progress.done();
  }
  for (const q of result.quality) {
    if (!q.passed) {
      ctx.out.warn(GENERATE.keptButMarked(q.style, q.score, q.flags, q.rounds));
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
    ctx.out.note(GENERATE.resumed(result.reusedSteps));
  }
  if (opts.image) {
    // The post is already saved: a failing image step warns and leaves it without an image.
    const { makeImageWithProgress } = await (imageStep ?? import('./image-handler.js'));
    const make = (id: string, prompt?: string, cropped?: CroppedPhoto) =>
      makeImageWithProgress(ctx, deps, id, { prompt, cropped });
    const { failure } = await illustrateDraft(deps, result.postId, (id) => (ahead ? ahead.make(id, make) : make(id)));
    if (failure) {
      ctx.out.warn(
        l(
          `The post was saved but its image failed: ${failure.en} Retry with: autoscale image ${result.postId}`,
          `La publication est enregistrée mais son image a échoué : ${failure.fr} Réessayez avec : autoscale image ${result.postId}`,
        ),
      );
    }
  }
  const detail = await postDetail(deps.db, await resolvePost(deps.db, result.postId));
  // Said now rather than at approval: a variant telling a sample client story cannot go out.
  for (const v of detail.variants) {
    const cited = sampleCasesCited(`${v.headline}\n${v.text}`, deps.brand.profile)[0];
    if (cited) {
      ctx.out.warn(
        l(
          `Variant ${v.idx} cites “${cited.title}”, a sample case study shipped with autoscale: it cannot be approved until you replace the story (autoscale init) or confirm it is real (autoscale doctor says how).`,
          `La variante ${v.idx} cite «\u00a0${cited.title}\u00a0», une étude de cas d’exemple fournie avec autoscale\u00a0: elle ne peut être approuvée avant que vous remplaciez l’histoire (autoscale init) ou confirmiez qu’elle est réelle (autoscale doctor explique comment).`,
        ),
      );
    }
  }
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
