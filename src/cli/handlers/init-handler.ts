import { command } from '../../i18n/commands.js';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { caseStudySchema } from '../../config/brand-schema.js';
import type { CaseStudy } from '../../config/schema.js';
import { AutoscaleError, UsageError } from '../../errors/errors.js';
import { l, type Lang, type Localized } from '../../i18n/localized.js';
import { ensureHome } from '../../services/home-service.js';
import { assertCanInit, buildInitialConfig, initHome, type InitAnswers } from '../../services/init-service.js';
import { ensureSigningSecret } from '../../config/signing-secret.js';
import { autoscaleBrand } from '../../config/defaults.js';
import type { AppContext } from '../context.js';

/** The init flags; `brand add` gives the profile subset. */
export type ProfileFlags = Omit<
  InitAnswers,
  'windowStart' | 'windowEnd' | 'jitterMinutes' | 'lang' | 'origin' | 'facts' | 'caseStudies'
> & {
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
  platforms: opts.platforms,
  instagramAccount: opts.instagramAccount,
  linkedinOrganization: opts.linkedinOrganization,
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

/** Facts from a file: one per line (blank lines and lines starting with # are skipped). */
const readFacts = (file: unknown): string[] | undefined => {
  if (typeof file !== 'string') return undefined;
  const facts = readAnswerFile(file, '--facts')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  if (facts.length === 0) throw badAnswerFile(file, '--facts', l('it has no fact', 'il ne contient aucun fait'));
  return facts;
};

/** Case studies from a JSON file: an array of {title, industry, city?, summary, result}. */
const readCaseStudies = (file: unknown): CaseStudy[] | undefined => {
  if (typeof file !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readAnswerFile(file, '--case-studies'));
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    throw badAnswerFile(file, '--case-studies', l('it is not JSON', 'ce n’est pas du JSON'));
  }
  const checked = z.array(caseStudySchema.omit({ sample: true }).strict()).safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const where = issue.path.join('.');
    throw badAnswerFile(file, '--case-studies', l(`${where}: ${issue.message}`, `${where}\u00a0: ${issue.message}`));
  }
  return checked.data;
};

const readAnswerFile = (file: string, flag: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw badAnswerFile(
      file,
      flag,
      l(
        `it cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`,
        `il est illisible (${(cause as NodeJS.ErrnoException).code ?? 'erreur'})`,
      ),
    );
  }
};

const badAnswerFile = (file: string, flag: string, why: Localized) =>
  new UsageError(l(`${flag} ${file}: ${why.en}.`, `${flag} ${file}\u00a0: ${why.fr}.`), {
    code: 'bad_answer_file',
    fix:
      flag === '--facts'
        ? l('Give a text file with one fact per line.', 'Donnez un fichier texte avec un fait par ligne.')
        : l(
            'Give a JSON array: [{"title", "industry", "city", "summary", "result"}] (docs/SETUP.md).',
            'Donnez un tableau JSON\u00a0: [{"title", "industry", "city", "summary", "result"}] (docs/SETUP.md).',
          ),
  });

/** Answers of an interrupted wizard, kept so the next `init` starts from them. */
const draftFile = (ctx: AppContext) => join(ctx.paths.root, '.init-answers.json');

const readDraft = (ctx: AppContext): InitAnswers | undefined => {
  try {
    return JSON.parse(readFileSync(draftFile(ctx), 'utf8')) as InitAnswers;
  } catch {
    return undefined;
  }
};

const saveDraft = (ctx: AppContext, answers: InitAnswers): boolean => {
  try {
    ensureHome(ctx.paths, { media: false });
    writeFileSync(draftFile(ctx), `${JSON.stringify(answers, null, 2)}\n`, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
};

export const runInit = async (
  ctx: AppContext,
  opts: ProfileFlags & { yes: boolean; force: boolean; facts?: string | undefined; caseStudies?: string | undefined },
) => {
  let answers: InitAnswers = {
    // Only an explicit --lang is saved; otherwise the wizard asks, and --yes leaves it to LANG and the brand.
    ...answersFromFlags(opts, ctx.options.lang),
    facts: readFacts(opts.facts),
    caseStudies: readCaseStudies(opts.caseStudies),
  };
  // An existing configuration is refused before any question, not after the last one.
  assertCanInit(ctx.paths, opts.force);
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
    const resume = readDraft(ctx);
    if (resume) {
      ctx.out.note(
        l(
          'Resuming the answers of the last, unfinished `init` (press Enter to keep each one).',
          'Reprise des réponses du dernier `init` inachevé (Entrée pour garder chacune).',
        ),
      );
    }
    const progress: InitAnswers = { ...answers };
    try {
      answers = await askInitQuestions(answers, autoscaleBrand(), ctx.lang, progress, resume);
      buildInitialConfig(answers);
    } catch (error) {
      // Never lose what was answered: the next `init` starts from it.
      const asked = { ...resume, ...progress };
      if (Object.entries(asked).some(([k, v]) => v !== undefined && k !== 'lang') && saveDraft(ctx, asked)) {
        ctx.out.note(
          l(
            `Your answers are kept in ${draftFile(ctx)}; run \`autoscale init\` again to continue.`,
            `Vos réponses sont gardées dans ${draftFile(ctx)}\u00a0; relancez \`autoscale init\` pour continuer.`,
          ),
        );
      }
      if ((error as Error).name === 'ExitPromptError') {
        throw new AutoscaleError(
          'interrupted',
          l('Interrupted: nothing written.', 'Interrompu\u00a0: rien n’a été écrit.'),
        );
      }
      throw error;
    }
  }
  buildInitialConfig(answers);
  // The store is created (and migrated) before the configuration is written: a database file that
  // is not autoscale's fails init with nothing written, and the home is ready for every command.
  await ctx.database();
  const result = initHome(ctx.paths, answers, opts.force);
  rmSync(draftFile(ctx), { force: true });
  // The key that signs review links and media URLs, kept across re-inits (replacing it voids links).
  ensureSigningSecret(ctx.paths.env, ctx.processEnv);
  ctx.out.data(
    { configPath: result.configPath, brand: result.brand, home: ctx.paths.root, database: ctx.paths.database },
    () =>
      [
        ctx.out.t(
          l(
            `Created ${result.configPath} (brand ${result.brand}).`,
            `${result.configPath} créé (marque ${result.brand}).`,
          ),
        ),
        ctx.out.t(l('Database ready:', 'Base de données prête\u00a0:')) + ` ${ctx.paths.database}`,
        ctx.out.t(l('Secrets go in the environment or in', 'Les secrets vont dans l’environnement ou dans')) +
          ` ${ctx.paths.env}`,
        ctx.out.t(
          l(
            `Next: ${command('generate', '--type', 'case_study')}`,
            `Ensuite : ${command('generate', '--type', 'case_study')}`,
          ),
        ),
      ].join('\n'),
  );
};
