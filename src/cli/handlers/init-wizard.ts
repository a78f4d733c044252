import { checkbox, confirm, input, number, select } from '@inquirer/prompts';
import { formatFor } from '../../i18n/format.js';
import { isTimeZone } from '../../config/brand-schema.js';
import type { BrandConfig, CaseStudy } from '../../config/schema.js';
import { AutoscaleError } from '../../errors/errors.js';
import { l, type Lang, type Localized } from '../../i18n/localized.js';
import type { InitAnswers } from '../../services/init-service.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The interactive path of `init`. Flags answer their question (it is not asked); the others are
 * prefilled from the answers of an interrupted run (`resume`), else the AutoScale AI defaults.
 * Each answer is checked at its prompt. `answers` is filled as the questions go, so the caller
 * keeps what was answered if the wizard is interrupted.
 */
export const askInitQuestions = async (
  given: InitAnswers,
  base: BrandConfig,
  lang: Lang,
  answers: InitAnswers = { ...given },
  resume: InitAnswers = {},
): Promise<InitAnswers> => {
  // French spacing too (« Écrire la configuration ? »), as every other screen.
  const t = formatFor(lang).t;
  const a = answers;
  const hhmm = (v: string) => HHMM.test(v.trim()) || t(l('Use HH:MM, e.g. 13:00', 'Utilisez HH:MM, p.\u00a0ex. 13:00'));
  const required = (v: string) => v.trim().length > 0 || t(l('An answer is needed.', 'Une réponse est nécessaire.'));
  const ask = async <K extends keyof InitAnswers>(key: K, prompt: () => Promise<InitAnswers[K]>) => {
    if (given[key] === undefined) a[key] = await prompt();
  };

  await ask('company', () =>
    input({
      message: t(l('Company name', 'Nom de l’entreprise')),
      default: resume.company ?? base.profile.company,
      validate: required,
    }),
  );
  await ask('product', () =>
    input({
      message: t(l('What you sell, in one line', 'Ce que vous vendez, en une ligne')),
      default: resume.product ?? base.profile.product,
      validate: required,
    }),
  );
  await ask('audience', () =>
    input({
      message: t(l('Audience', 'Public cible')),
      default: resume.audience ?? base.profile.audience,
      validate: required,
    }),
  );
  await ask('facts', () => askFacts(t, base, resume.facts));
  await ask('caseStudies', () => askCaseStudies(t, base, resume.caseStudies));
  await ask('timezone', () =>
    input({
      message: t(l('Time zone', 'Fuseau horaire')),
      default: resume.timezone ?? base.timezone,
      validate: (v) =>
        isTimeZone(v.trim()) ||
        t(
          l(
            `"${v}" is not a time zone: use an IANA name such as America/Toronto.`,
            `«\u00a0${v}\u00a0» n’est pas un fuseau horaire\u00a0: utilisez un nom IANA comme America/Toronto.`,
          ),
        ),
    }).then((v) => v.trim()),
  );
  await ask('pageId', async () => {
    const id = await input({
      message: t(l('Facebook Page id (blank to set later)', 'Identifiant de la Page Facebook (vide pour plus tard)')),
      default: resume.pageId ?? '',
      validate: (v) =>
        !v.trim() ||
        /^\d+$/.test(v.trim()) ||
        t(l('The Page id is a number (digits only).', 'L’identifiant de Page est un nombre (chiffres seulement).')),
    });
    return id.trim() || undefined;
  });
  await ask('platforms', () =>
    checkbox({
      message: t(l('Where to publish', 'Où publier')),
      choices: (['facebook', 'instagram', 'linkedin'] as const).map((p) => ({
        value: p,
        checked: (resume.platforms ?? base.platforms.map((x) => x.platform)).includes(p),
      })),
      required: true,
    }),
  );
  if ((a.platforms ?? given.platforms ?? []).includes('linkedin'))
    await ask('linkedinOrganization', async () => {
      const id = await input({
        message: t(
          l(
            'LinkedIn organization id (blank to set later)',
            'Identifiant de l’organisation LinkedIn (vide pour plus tard)',
          ),
        ),
        default: resume.linkedinOrganization ?? base.platforms.find((x) => x.platform === 'linkedin')?.account ?? '',
        validate: (v) =>
          !v.trim() ||
          /^(urn:li:organization:)?\d+$/.test(v.trim()) ||
          t(
            l(
              'The organization id is a number (digits only).',
              'L’identifiant d’organisation est un nombre (chiffres seulement).',
            ),
          ),
      });
      return id.trim() || undefined;
    });
  await ask('postingDays', () =>
    checkbox({
      message: t(l('Posting days', 'Jours de publication')),
      choices: DAYS.map((d) => ({ value: d, checked: (resume.postingDays ?? base.posting.days).includes(d) })),
      required: true,
    }),
  );
  await ask('windowStart', () =>
    input({
      message: t(l('Window opens at', 'Début de la fenêtre')),
      default: resume.windowStart ?? base.posting.windowStart,
      validate: hhmm,
    }).then((v) => v.trim()),
  );
  const start = a.windowStart ?? base.posting.windowStart;
  await ask('windowEnd', () =>
    input({
      message: t(l('Window closes at', 'Fin de la fenêtre')),
      default: resume.windowEnd && resume.windowEnd > start ? resume.windowEnd : base.posting.windowEnd,
      validate: (v) =>
        hhmm(v) === true
          ? v.trim() > start ||
            t(
              l(
                `The window must close after it opens (${start}).`,
                `La fenêtre doit se fermer après son ouverture (${start}).`,
              ),
            )
          : hhmm(v),
    }).then((v) => v.trim()),
  );
  await ask('jitterMinutes', () =>
    number({
      message: t(l('Jitter (minutes, 0–120)', 'Variation (minutes, 0 à 120)')),
      default: resume.jitterMinutes ?? base.posting.jitterMinutes,
      min: 0,
      max: 120,
      required: true,
    }),
  );
  await ask('generationTime', () =>
    input({
      message: t(l('Generation time', 'Heure de génération')),
      default: resume.generationTime ?? base.generation.time,
      validate: hhmm,
    }).then((v) => v.trim()),
  );
  await ask('textProvider', () =>
    select({
      message: t(l('Text provider', 'Fournisseur de texte')),
      default: resume.textProvider,
      choices: [
        {
          value: 'auto',
          name: t(
            l(
              'auto (Claude or OpenAI when a key is set, else offline)',
              'auto (Claude ou OpenAI si une clé est définie, sinon hors ligne)',
            ),
          ),
        },
        { value: 'anthropic', name: 'anthropic' },
        { value: 'openai', name: 'openai' },
        { value: 'offline', name: 'offline' },
      ],
    }),
  );
  await ask('threshold', () =>
    number({
      message: t(l('Quality threshold (0–100)', 'Seuil de qualité (0 à 100)')),
      default: resume.threshold ?? 75,
      min: 0,
      max: 100,
      required: true,
    }),
  );
  const ok = await confirm({
    message: t(l('Write the configuration?', 'Écrire la configuration ?')),
    default: true,
    // Inquirer says "Yes"/"No" and hints "Y/n": in French « Oui », « Non », « O/n » (« o » and « oui »
    // take the default, yes; « n » and « non » read as no, as Inquirer parses them).
    transformer: (yes: boolean) => t(yes ? l('Yes', 'Oui') : l('No', 'Non')),
    theme: { style: { defaultAnswer: (hint: string) => `(${lang === 'fr' ? hint.replace('Y', 'O') : hint})` } },
  });
  if (!ok) throw new AutoscaleError('interrupted', l('Nothing written.', 'Rien n’a été écrit.'));
  return a;
};

/** Facts the writers may cite: the owner's own, or the shipped samples kept (marked as samples). */
const askFacts = async (
  t: (s: Localized) => string,
  base: BrandConfig,
  resumed: string[] | undefined,
): Promise<string[] | undefined> => {
  const samples = base.profile.facts.length;
  const choice = await select({
    message: t(
      l(
        'Facts the posts may cite about what you sell (each one must be true)',
        'Faits que les publications peuvent citer sur ce que vous vendez (chacun doit être vrai)',
      ),
    ),
    default: resumed?.length ? 'own' : 'samples',
    choices: [
      { value: 'own', name: t(l('Write my own now', 'Écrire les miens maintenant')) },
      {
        value: 'samples',
        name: t(
          l(
            `Keep the ${samples} sample facts for now (marked as samples; doctor reminds me)`,
            `Garder les ${samples} faits d’exemple pour l’instant (marqués comme exemples; doctor me le rappelle)`,
          ),
        ),
      },
    ],
  });
  if (choice === 'samples') return undefined;
  const facts: string[] = [];
  for (;;) {
    const fact = await input({
      message: t(l(`Fact ${facts.length + 1} (empty to finish)`, `Fait ${facts.length + 1} (vide pour terminer)`)),
      default: resumed?.[facts.length],
      validate: (v) =>
        facts.length > 0 || v.trim().length > 0 || t(l('Give at least one fact.', 'Donnez au moins un fait.')),
    });
    if (!fact.trim()) return facts;
    facts.push(fact.trim());
  }
};

/** Client stories with a measurable result: the owner's own, none, or the shipped samples kept. */
const askCaseStudies = async (
  t: (s: Localized) => string,
  base: BrandConfig,
  resumed: CaseStudy[] | undefined,
): Promise<CaseStudy[] | undefined> => {
  const samples = base.profile.caseStudies.length;
  const choice = await select({
    message: t(
      l(
        'Client stories (case studies) the posts may tell; they must be real',
        'Histoires de clients (études de cas) que les publications peuvent raconter; elles doivent être réelles',
      ),
    ),
    default: resumed?.length ? 'own' : 'samples',
    choices: [
      { value: 'own', name: t(l('Write my own now', 'Écrire les miennes maintenant')) },
      {
        value: 'none',
        name: t(
          l('None yet (case studies stay general)', 'Aucune pour l’instant (les études de cas restent générales)'),
        ),
      },
      {
        value: 'samples',
        name: t(
          l(
            `Keep the ${samples} samples for now (a post citing one is not published until I confirm it)`,
            `Garder les ${samples} exemples pour l’instant (une publication qui en cite un n’est pas publiée avant ma confirmation)`,
          ),
        ),
      },
    ],
  });
  if (choice === 'samples') return undefined;
  if (choice === 'none') return [];
  const cases: CaseStudy[] = [];
  const required = (v: string) => v.trim().length > 0 || t(l('An answer is needed.', 'Une réponse est nécessaire.'));
  for (;;) {
    const before = resumed?.[cases.length];
    const title = await input({
      message: t(
        l(
          `Case ${cases.length + 1}: short title, e.g. "Plumber in Laval" (empty to finish)`,
          `Cas ${cases.length + 1}\u00a0: titre court, p.\u00a0ex. «\u00a0Plomberie à Laval\u00a0» (vide pour terminer)`,
        ),
      ),
      default: before?.title,
    });
    if (!title.trim()) return cases;
    const industry = await input({
      message: t(l('  Industry', '  Secteur')),
      default: before?.industry,
      validate: required,
    });
    const city = await input({ message: t(l('  City (optional)', '  Ville (facultatif)')), default: before?.city });
    const summary = await input({
      message: t(l('  The situation before', '  La situation avant')),
      default: before?.summary,
      validate: required,
    });
    const result = await input({
      message: t(l('  The measured result', '  Le résultat mesuré')),
      default: before?.result,
      validate: required,
    });
    cases.push({
      title: title.trim(),
      industry: industry.trim(),
      ...(city.trim() ? { city: city.trim() } : {}),
      summary: summary.trim(),
      result: result.trim(),
    });
  }
};
