import { UsageError } from '../../errors/errors.js';
import { l, type Lang } from '../../i18n/localized.js';
import { buildInitialConfig, initHome, type InitAnswers } from '../../services/init-service.js';
import { autoscaleBrand } from '../../config/defaults.js';
import type { AppContext } from '../context.js';
import { scalarText } from '../../domain/values.js';

const list = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : undefined;

const num = (value: unknown, flag: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) {
    throw new UsageError(
      l(`${flag} "${scalarText(value)}" is not a number.`, `${flag} « ${scalarText(value)} » n'est pas un nombre.`),
      {
        fix: l(`Give ${flag} a number.`, `Donnez un nombre à ${flag}.`),
      },
    );
  }
  return n;
};

export const answersFromFlags = (opts: Record<string, unknown>, lang: Lang | undefined): InitAnswers => {
  let windowStart: string | undefined;
  let windowEnd: string | undefined;
  if (typeof opts.window === 'string') {
    const m = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(opts.window);
    if (!m) {
      throw new UsageError(
        l(
          `--window "${opts.window}" is not HH:MM-HH:MM.`,
          `--window « ${opts.window} » n'est pas au format HH:MM-HH:MM.`,
        ),
        {
          fix: l('Example: --window 13:00-16:00', 'Exemple : --window 13:00-16:00'),
        },
      );
    }
    windowStart = m[1]!.padStart(5, '0');
    windowEnd = m[2]!.padStart(5, '0');
  }
  return {
    slug: opts.slug as string | undefined,
    company: opts.company as string | undefined,
    product: opts.product as string | undefined,
    audience: opts.audience as string | undefined,
    tone: opts.tone as string | undefined,
    timezone: opts.timezone as string | undefined,
    pageId: opts.pageId as string | undefined,
    postingDays: list(opts.postingDays),
    windowStart,
    windowEnd,
    jitterMinutes: num(opts.jitter, '--jitter'),
    generationDays: list(opts.generationDays),
    generationTime: opts.generationTime as string | undefined,
    threshold: num(opts.threshold, '--threshold'),
    textProvider: opts.textProvider as string | undefined,
    textModel: opts.textModel as string | undefined,
    imageProvider: opts.imageProvider as string | undefined,
    imageModel: opts.imageModel as string | undefined,
    lang,
  };
};

export const runInit = async (ctx: AppContext, opts: Record<string, unknown>) => {
  let answers = answersFromFlags(opts, ctx.options.lang ?? ctx.lang);
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
  const result = initHome(ctx.paths, answers, Boolean(opts.force));
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
