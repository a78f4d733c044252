import { existsSync, readFileSync } from 'node:fs';
import { migrateLegacyConfig, type HomePaths } from '../config/home.js';
import { autoscaleBrand, DEFAULT_BRAND_SLUG } from '../config/defaults.js';
import { saveConfig, validateConfig } from '../config/load.js';
import type { BrandConfig, CaseStudy, Config } from '../config/schema.js';
import { ConfigError } from '../errors/errors.js';
import { l, type Lang } from '../i18n/localized.js';
import { ensureHome } from './home-service.js';

export interface InitAnswers {
  slug?: string | undefined;
  company?: string | undefined;
  product?: string | undefined;
  audience?: string | undefined;
  tone?: string | undefined;
  timezone?: string | undefined;
  pageId?: string | undefined;
  /** `brand.platforms` by name (facebook, instagram, linkedin), in order. */
  platforms?: string[] | undefined;
  instagramAccount?: string | undefined;
  linkedinOrganization?: string | undefined;
  postingDays?: string[] | undefined;
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
  jitterMinutes?: number | undefined;
  generationDays?: string[] | undefined;
  generationTime?: string | undefined;
  threshold?: number | undefined;
  textProvider?: string | undefined;
  textModel?: string | undefined;
  imageProvider?: string | undefined;
  imageModel?: string | undefined;
  lang?: Lang | undefined;
  origin?: 'defaults' | 'user' | undefined;
  /** The owner's facts and client stories (replace the shipped samples). */
  facts?: string[] | undefined;
  caseStudies?: CaseStudy[] | undefined;
}

/** The platform list from answers: named platforms in order, keeping each one's existing settings. */
export const platformsFromAnswers = (base: BrandConfig, a: InitAnswers): BrandConfig['platforms'] => {
  const names = a.platforms ?? base.platforms.map((t) => t.platform);
  return names.map((name) => {
    const existing = base.platforms.find((t) => t.platform === name) ?? {
      platform: name as BrandConfig['platforms'][number]['platform'],
    };
    const account =
      name === 'instagram'
        ? a.instagramAccount
        : name === 'linkedin'
          ? a.linkedinOrganization?.replace(/^urn:li:organization:/, '')
          : undefined;
    return account ? { ...existing, account } : existing;
  });
};

/** Applies answers over a brand; undefined answers keep the brand's value. */
export const applyBrandAnswers = (base: BrandConfig, a: InitAnswers): BrandConfig => ({
  ...base,
  name: a.company ?? base.name,
  timezone: a.timezone ?? base.timezone,
  facebook: { ...base.facebook, ...(a.pageId ? { pageId: a.pageId } : {}) },
  platforms: platformsFromAnswers(base, a),
  profile: {
    ...base.profile,
    company: a.company ?? base.profile.company,
    product: a.product ?? base.profile.product,
    audience: a.audience ?? base.profile.audience,
    tone: a.tone ?? base.profile.tone,
    facts: a.facts ?? base.profile.facts,
    caseStudies: a.caseStudies ?? base.profile.caseStudies,
  },
  posting: {
    ...base.posting,
    days: (a.postingDays as BrandConfig['posting']['days'] | undefined) ?? base.posting.days,
    windowStart: a.windowStart ?? base.posting.windowStart,
    windowEnd: a.windowEnd ?? base.posting.windowEnd,
    jitterMinutes: a.jitterMinutes ?? base.posting.jitterMinutes,
  },
  generation: {
    ...base.generation,
    days: (a.generationDays as BrandConfig['generation']['days'] | undefined) ?? base.generation.days,
    time: a.generationTime ?? base.generation.time,
  },
});

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const buildInitialConfig = (a: InitAnswers): Config => {
  const slug = a.slug ?? DEFAULT_BRAND_SLUG;
  const raw = {
    version: 1,
    origin: a.origin ?? 'user',
    // Saved only when chosen (the wizard, --lang): otherwise LANG and the brand decide.
    ...(a.lang ? { lang: a.lang } : {}),
    currentBrand: slug,
    brands: { [slug]: applyBrandAnswers(autoscaleBrand(), a) },
    // Only what was answered: the schema holds every default (src/config/schema.ts).
    providers: {
      text: defined({ provider: a.textProvider, model: a.textModel }),
      image: defined({ provider: a.imageProvider, model: a.imageModel }),
    },
    quality: defined({ threshold: a.threshold }),
  };
  // Validation through the same schema as loading: a bad flag names its key and value.
  return validateConfig(raw, 'init');
};

export interface InitResult {
  configPath: string;
  brand: string;
  created: boolean;
}

/** Refuses to overwrite a configuration a person wrote; checked before any question is asked. */
export const assertCanInit = (paths: HomePaths, force: boolean): void => {
  migrateLegacyConfig(paths);
  if (existsSync(paths.config) && !force && !isUntouchedDefault(paths.config)) {
    throw new ConfigError(l(`${paths.config} already exists.`, `${paths.config} existe déjà.`), {
      code: 'already_initialised',
      fix: l(
        'Edit it with `autoscale config set`, add a brand with `autoscale brand add`, or re-run with --force to overwrite.',
        'Modifiez-le avec `autoscale config set`, ajoutez une marque avec `autoscale brand add`, ou relancez avec --force pour l’écraser.',
      ),
    });
  }
};

export const initHome = (paths: HomePaths, answers: InitAnswers, force: boolean): InitResult => {
  assertCanInit(paths, force);
  const config = buildInitialConfig(answers);
  ensureHome(paths);
  saveConfig(paths.config, config);
  return { configPath: paths.config, brand: config.currentBrand, created: true };
};

/** A config written automatically on first use, never changed by a person since. */
const isUntouchedDefault = (file: string): boolean => {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { origin?: string }).origin === 'defaults';
  } catch {
    return false;
  }
};

/** The embedded defaults, written on first use; the language is left to LANG and the brand. */
export const createDefaultConfig = (paths: HomePaths): Config => {
  const config = buildInitialConfig({ origin: 'defaults' });
  saveConfig(paths.config, config);
  return config;
};
