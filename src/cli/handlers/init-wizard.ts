import { checkbox, confirm, input, number, select } from '@inquirer/prompts';
import type { BrandConfig } from '../../config/schema.js';
import { AutoscaleError } from '../../errors/errors.js';
import { l, type Lang, type Localized } from '../../i18n/localized.js';
import type { InitAnswers } from '../../services/init-service.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The interactive path of `init`: each question prefilled from flags or the AutoScale AI defaults. */
export const askInitQuestions = async (given: InitAnswers, base: BrandConfig, lang: Lang): Promise<InitAnswers> => {
  const t = (s: Localized) => s[lang];
  const hhmm = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v) || t(l('Use HH:MM', 'Utilisez HH:MM'));
  const company =
    given.company ??
    (await input({ message: t(l('Company name', 'Nom de l’entreprise')), default: base.profile.company }));
  const product =
    given.product ??
    (await input({
      message: t(l('What you sell, in one line', 'Ce que vous vendez, en une ligne')),
      default: base.profile.product,
    }));
  const audience =
    given.audience ?? (await input({ message: t(l('Audience', 'Public cible')), default: base.profile.audience }));
  const timezone =
    given.timezone ?? (await input({ message: t(l('Time zone', 'Fuseau horaire')), default: base.timezone }));
  const pageId =
    given.pageId ??
    ((await input({
      message: t(l('Facebook Page id (blank to set later)', 'Identifiant de la Page Facebook (vide pour plus tard)')),
      default: '',
    })) ||
      undefined);
  const platforms =
    given.platforms ??
    (await checkbox({
      message: t(l('Where to publish', 'Où publier')),
      choices: (['facebook', 'instagram', 'linkedin'] as const).map((p) => ({
        value: p,
        checked: base.platforms.some((x) => x.platform === p),
      })),
      required: true,
    }));
  const linkedinOrganization =
    given.linkedinOrganization ??
    (platforms.includes('linkedin')
      ? (await input({
          message: t(
            l(
              'LinkedIn organization id (blank to set later)',
              'Identifiant de l’organisation LinkedIn (vide pour plus tard)',
            ),
          ),
          default: base.platforms.find((x) => x.platform === 'linkedin')?.account ?? '',
        })) || undefined
      : undefined);
  const postingDays =
    given.postingDays ??
    (await checkbox({
      message: t(l('Posting days', 'Jours de publication')),
      choices: DAYS.map((d) => ({ value: d, checked: base.posting.days.includes(d) })),
      required: true,
    }));
  const windowStart =
    given.windowStart ??
    (await input({
      message: t(l('Window opens at', 'Début de la fenêtre')),
      default: base.posting.windowStart,
      validate: hhmm,
    }));
  const windowEnd =
    given.windowEnd ??
    (await input({
      message: t(l('Window closes at', 'Fin de la fenêtre')),
      default: base.posting.windowEnd,
      validate: hhmm,
    }));
  const jitterMinutes =
    given.jitterMinutes ??
    (await number({
      message: t(l('Jitter (minutes)', 'Variation (minutes)')),
      default: base.posting.jitterMinutes,
      min: 0,
      max: 120,
    }));
  const generationTime =
    given.generationTime ??
    (await input({
      message: t(l('Generation time', 'Heure de génération')),
      default: base.generation.time,
      validate: hhmm,
    }));
  const textProvider =
    given.textProvider ??
    (await select({
      message: t(l('Text provider', 'Fournisseur de texte')),
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
    }));
  const threshold =
    given.threshold ??
    (await number({
      message: t(l('Quality threshold (0-100)', 'Seuil de qualité (0-100)')),
      default: 75,
      min: 0,
      max: 100,
    }));
  const ok = await confirm({ message: t(l('Write the configuration?', 'Écrire la configuration ?')), default: true });
  if (!ok) throw new AutoscaleError('interrupted', l('Nothing written.', 'Rien n’a été écrit.'));
  return {
    ...given,
    company,
    product,
    audience,
    timezone,
    pageId,
    platforms,
    linkedinOrganization,
    postingDays,
    windowStart,
    windowEnd,
    jitterMinutes,
    generationTime,
    textProvider,
    threshold,
  };
};
