import { saveConfigKeepingUnknown, validateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { applyBrandAnswers, platformsFromAnswers, type InitAnswers } from './init-service.js';

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

const unknownBrand = (slug: string, config: Config) =>
  new NotFoundError(
    l(
      `Unknown brand "${slug}" (known: ${Object.keys(config.brands).join(', ')}).`,
      `Marque inconnue « ${slug} » (connues : ${Object.keys(config.brands).join(', ')}).`,
    ),
    {
      code: 'unknown_brand',
      fix: l('See `autoscale brand list`.', 'Voyez `autoscale brand list`.'),
    },
  );

export const addBrand = (
  config: Config,
  file: string,
  slug: string,
  answers: InitAnswers,
  from: string | undefined,
  use: boolean,
): Config => {
  if (!SLUG.test(slug)) {
    throw new UsageError(l(`Brand name "${slug}" is not allowed.`, `Le nom de marque « ${slug} » n'est pas permis.`), {
      code: 'bad_slug',
      fix: l(
        'Use lowercase letters, digits and dashes, e.g. plomberie-roy.',
        'Utilisez des minuscules, des chiffres et des tirets, p. ex. plomberie-roy.',
      ),
    });
  }
  if (config.brands[slug]) {
    throw new UsageError(l(`Brand "${slug}" already exists.`, `La marque « ${slug} » existe déjà.`), {
      code: 'brand_exists',
      fix: l(
        `Change it with \`autoscale config set brands.${slug}.<key> <value>\`.`,
        `Modifiez-la avec \`autoscale config set brands.${slug}.<clé> <valeur>\`.`,
      ),
    });
  }
  const source = config.brands[from ?? config.currentBrand];
  if (!source) throw unknownBrand(from ?? config.currentBrand, config);
  const company = answers.company?.trim();
  const product = answers.product?.trim();
  if (!company || !product) {
    throw new UsageError(
      l(
        `A new brand needs its own ${company ? '--product' : '--company'}: nothing about what ${source.profile.company} sells is copied.`,
        `Une nouvelle marque a besoin de son propre ${company ? '--product' : '--company'}\u00a0: rien de ce que vend ${source.profile.company} n’est copié.`,
      ),
      {
        code: 'brand_needs_profile',
        fix: l(
          `Example: autoscale brand add ${slug} --company "Plomberie Roy" --product "Plomberie résidentielle à Laval, urgences 24/7"`,
          `Exemple\u00a0: autoscale brand add ${slug} --company "Plomberie Roy" --product "Plomberie résidentielle à Laval, urgences 24/7"`,
        ),
      },
    );
  }
  // A new brand shares the look, voice and schedule of its template, nothing it says: no Page, no
  // product, facts, client stories, calls to action or website (they would be another company's).
  const template = structuredClone(source);
  const base = {
    ...template,
    facebook: {},
    platforms: template.platforms.map(({ account: _account, ...rest }) => rest),
    profile: {
      ...template.profile,
      company,
      product,
      audience: answers.audience ?? 'Propriétaires et gestionnaires de PME québécoises',
      website: undefined,
      phone: undefined,
      facts: [],
      caseStudies: [],
      ctas: ['Écrivez-nous en message privé pour en savoir plus.'],
    },
  };
  const next = {
    ...config,
    brands: { ...config.brands, [slug]: applyBrandAnswers(base, answers) },
    currentBrand: use ? slug : config.currentBrand,
    origin: 'user' as const,
  };
  const validated = validateConfig(next, file);
  saveConfigKeepingUnknown(file, validated);
  return validated;
};

export const useBrand = (config: Config, file: string, slug: string): Config => {
  if (!config.brands[slug]) throw unknownBrand(slug, config);
  const next = validateConfig({ ...config, currentBrand: slug, origin: 'user' }, file);
  saveConfigKeepingUnknown(file, next);
  return next;
};

/**
 * `brand platforms`: where a brand publishes, in order. Platforms kept keep their settings; an
 * account given here (Instagram, LinkedIn) replaces the configured one.
 */
export const setBrandPlatforms = (
  config: Config,
  file: string,
  slug: string,
  answers: Pick<InitAnswers, 'platforms' | 'instagramAccount' | 'linkedinOrganization'>,
): Config => {
  const brand = config.brands[slug];
  if (!brand) throw unknownBrand(slug, config);
  const next = validateConfig(
    {
      ...config,
      brands: { ...config.brands, [slug]: { ...brand, platforms: platformsFromAnswers(brand, answers) } },
      origin: 'user',
    },
    file,
  );
  saveConfigKeepingUnknown(file, next);
  return next;
};
