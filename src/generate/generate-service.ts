import type { Style } from '../domain/content.js';
import { localDate } from '../domain/time.js';
import { ExternalError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { loadBundle } from '../prompts/library.js';
import type { TextProvider } from '../providers/types.js';
import { recentPostTexts, variantsForPost } from '../store/variants-repo.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import { validateGenerateInput, type GenerateInput, type GenerateOptions } from './generate-input.js';
import { failRun, openRun, type DraftChecks, type RunContext } from './generation-run.js';
import { runLedger } from './ledger.js';
import { persistPost } from './persist-post.js';
import { embedPast } from './past-embeddings.js';
import { whenIdle } from './when-idle.js';
import { writeVariants, type Drafted } from './write-variants.js';

export interface GenerateResult {
  postId: string;
  runId: string;
  resumed: boolean;
  /** Steps reused from an interrupted run instead of being paid again. */
  reusedSteps: number;
  provider: string;
  model: string;
  offline: boolean;
  quality: {
    style: Style;
    score: number;
    passed: boolean;
    flags: string[];
    rounds: number;
    judge: 'llm' | 'deterministic';
  }[];
}

/**
 * Writes a post: one variant per style, through the selected text provider.
 *
 * The steps: check the request; open its run (or resume the interrupted one); write the variants
 * concurrently, each assessed by the quality gate (lint + judge + predicted engagement +
 * similarity) and rewritten while it fails; commit the post in one transaction. The image is the
 * caller's next step (`illustrateDraft`), once the post exists.
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
  options: GenerateOptions = {},
): Promise<GenerateResult> => {
  const request = validateGenerateInput(input, localDate(deps.clock.now(), deps.brand.timezone));
  const bundle = loadBundle(request.contentType, request.styles);
  const run = await openRun(deps, provider, request, input);
  const ledger = runLedger(deps, run.runId);
  // Everything that does not need the text starts now, alongside the first text call: the
  // picture, and the embeddings of the recent posts the similarity check compares with.
  const alongside = options.alongside?.(ledger).catch(() => undefined);
  const past = pastTexts(deps, input.revisitPostId);
  const embeddings = options.embeddings;
  // While the provider writes, the quality gate compiles its rules (a few hundred milliseconds
  // of CPU), so assessing the answers starts as soon as they arrive. Only once every writer's
  // request is with the HTTP client and the thread is idle, and in short slices: compiled any
  // earlier, it held the requests back by up to 200 ms (the SDK still building them).
  let checks: Promise<DraftChecks> | undefined;
  const loadChecks = () => (checks ??= import('./assess-draft.js'));
  // Checking a draft holds the thread for tens of milliseconds; the picture's answer, when it
  // arrives with the texts, is read and handed to sharp first, so that its crop runs on sharp's
  // thread during the checks instead of after them.
  const checksWhenFree = () => {
    const first = options.priority?.();
    return first ? first.then(loadChecks, loadChecks) : loadChecks();
  };
  let warm = provider.offline;
  let sent = 0;
  const startWarm = () => {
    if (warm) return;
    warm = true;
    const lang = deps.brand.profile.language.startsWith('en') ? 'en' : 'fr';
    void whenIdle()
      .then(loadChecks)
      .then(async (m) => {
        await whenIdle();
        await m.warmDraftChecks(lang);
      })
      .catch(() => undefined);
  };
  const tracked: ProgressSink = (event) => {
    if (event.step === 'tokens') startWarm();
    progress(event);
  };
  const ctx: RunContext = {
    deps,
    provider,
    request,
    bundle,
    options,
    ledger,
    past,
    pastVectors: embeddings
      ? past
          .then((texts) => (texts.length > 0 ? embedPast(deps, embeddings, texts, run.runId) : undefined))
          .catch(() => undefined)
      : undefined,
    progress: tracked,
    sent: () => {
      if ((sent += 1) === request.styles.length) startWarm();
    },
    checks: checksWhenFree,
  };
  let drafts: Drafted[];
  try {
    drafts = await writeVariants(ctx);
  } catch (error) {
    await alongside;
    await failRun(deps, run.runId, error as Error);
    throw providerFailure(provider, error as Error);
  }
  await alongside;
  const postId = await persistPost(ctx, run.runId, drafts, input.planEntryId ?? null);
  return {
    postId,
    runId: run.runId,
    resumed: run.resumed,
    reusedSteps: ledger.reused(),
    provider: provider.id,
    model: provider.model,
    offline: provider.offline,
    quality: drafts.map((d) => ({
      style: d.style,
      score: d.report.score,
      passed: d.report.passed,
      flags: d.report.flags,
      rounds: d.rounds,
      judge: d.report.judge.method,
    })),
  };
};

/**
 * The texts a new post must not repeat: the brand's recent posts, and the post an evergreen
 * entry rewrites (older than the window, so it is added by hand: never reposted verbatim).
 */
const pastTexts = async (deps: ServiceDeps, revisitPostId: string | null | undefined) => {
  const recent = await recentPostTexts(deps.db, deps.brandSlug, similaritySince(deps));
  if (!revisitPostId || recent.some((p) => p.postId === revisitPostId)) return recent;
  const original = await variantsForPost(deps.db, revisitPostId);
  return [...recent, ...original.map((v) => ({ postId: revisitPostId, text: v.text }))];
};

/** The start of the window of past posts a new text is compared with. */
const similaritySince = (deps: ServiceDeps): string =>
  new Date(deps.clock.now().getTime() - deps.config.quality.similarityDays * 86_400_000).toISOString();

/** A failed write as the user sees it: the provider's own error, or one saying the run can resume. */
const providerFailure = (provider: TextProvider, error: Error): ExternalError => {
  if (error instanceof ExternalError) return error;
  return new ExternalError(
    provider.id,
    l(
      `The ${provider.id} text provider failed: ${error.message}`,
      `Le fournisseur de texte ${provider.id} a échoué : ${error.message}`,
    ),
    {
      cause: error,
      fix: l(
        `Re-run the same command to resume (paid steps are kept), or check \`autoscale doctor\`.`,
        `Relancez la même commande pour reprendre (les étapes payées sont conservées), ou vérifiez \`autoscale doctor\`.`,
      ),
    },
  );
};
