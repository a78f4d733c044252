import { saveConfigKeepingUnknown, validateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { applyBrandAnswers, type InitAnswers } from './init-service.js';

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
  // A new brand shares nothing Page-specific with its template.
  const base = { ...structuredClone(source), facebook: {} };
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
