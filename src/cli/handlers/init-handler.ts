import { UsageError } from '../../errors/errors.js';
import { l, type Lang } from '../../i18n/localized.js';
import { buildInitialConfig, initHome, type InitAnswers } from '../../services/init-service.js';
import { ensureSigningSecret } from '../../config/signing-secret.js';
import { autoscaleBrand } from '../../config/defaults.js';
import type { AppContext } from '../context.js';

/** The init flags; `brand add` gives the profile subset. */
export type ProfileFlags = Omit<InitAnswers, 'windowStart' | 'windowEnd' | 'jitterMinutes' | 'lang' | 'origin'> & {
  window?: { start: string; end: string } | undefined;
  jitter?: number | undefined;
};

export const answersFromFlags = (opts: ProfileFlags, lang: Lang | undefined): InitAnswers => ({
  slug: opts.slug,
  company: opts.company,
  product: opts.product,
  audience: opts.audience,
  tone: opts.tone,
  timezone: opts.timezone,
  pageId: opts.pageId,
  postingDays: opts.postingDays,
  windowStart: opts.window?.start,
  windowEnd: opts.window?.end,
  jitterMinutes: opts.jitter,
  generationDays: opts.generationDays,
  generationTime: opts.generationTime,
  threshold: opts.threshold,
  textProvider: opts.textProvider,
  textModel: opts.textModel,
  imageProvider: opts.imageProvider,
  imageModel: opts.imageModel,
  lang,
});

export const runInit = async (ctx: AppContext, opts: ProfileFlags & { yes: boolean; force: boolean }) => {
  // Only an explicit --lang is saved; otherwise the wizard asks, and --yes leaves it to LANG and the brand.
  let answers = answersFromFlags(opts, ctx.options.lang);
  if (!opts.yes) {
    if (!ctx.stdin.isTTY) {
      throw new UsageError(
        l('`init` needs a terminal for its questions.', '`init` a besoin d’un terminal pour ses questions.'),
        {
          code: 'no_tty',
          fix: l(
            'Add --yes (defaults) and give answers as flags, e.g. `autoscale init --yes --company "…"`.',
            'Ajoutez --yes (valeurs par défaut) et donnez les réponses en options, p. ex. `autoscale init --yes --company "…"`.',
          ),
        },
      );
    }
    const { askInitQuestions } = await import('./init-wizard.js');
    answers = await askInitQuestions(answers, autoscaleBrand(), ctx.lang);
  }
  buildInitialConfig(answers);
  const result = initHome(ctx.paths, answers, opts.force);
  // The key that signs review links and media URLs, kept across re-inits (replacing it voids links).
  ensureSigningSecret(ctx.paths.env, ctx.processEnv);
  ctx.out.data({ configPath: result.configPath, brand: result.brand, home: ctx.paths.root }, () =>
    [
      ctx.out.t(
        l(
          `Created ${result.configPath} (brand ${result.brand}).`,
          `${result.configPath} créé (marque ${result.brand}).`,
        ),
      ),
      ctx.out.t(l('Secrets go in the environment or in', 'Les secrets vont dans l’environnement ou dans')) +
        ` ${ctx.paths.env}`,
      ctx.out.t(l('Next: autoscale generate --type case_study', 'Ensuite : autoscale generate --type case_study')),
    ].join('\n'),
  );
};
