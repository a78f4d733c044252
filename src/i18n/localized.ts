export type Lang = 'fr' | 'en';

/** A UI string in both languages. Every user-facing message is one of these. */
export interface Localized {
  en: string;
  fr: string;
}

export const l = (en: string, fr: string): Localized => ({ en, fr });

export const pick = (text: Localized, lang: Lang): string => text[lang];

/** `LANG=fr_CA.UTF-8` → fr; anything else → en. */
export const langFromLocale = (locale: string | undefined): Lang | undefined => {
  if (!locale) return undefined;
  const lower = locale.toLowerCase();
  if (lower.startsWith('fr')) return 'fr';
  if (lower.startsWith('en')) return 'en';
  return undefined;
};

export const isLang = (value: unknown): value is Lang => value === 'fr' || value === 'en';

/** The locale Intl formats with for a language. */
export const intlLocale = (lang: Lang): 'fr-CA' | 'en-CA' => (lang === 'fr' ? 'fr-CA' : 'en-CA');

/**
 * The language the environment asks for, as POSIX reads it: the first of LC_ALL, LC_MESSAGES,
 * LANG that is set decides; `C`, `POSIX` or another language say nothing (undefined).
 */
export const langFromEnvironment = (env: Record<string, string | undefined>): Lang | undefined => {
  const decisive = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return langFromLocale(decisive);
};

export interface LangSources {
  /** `--lang`. */
  flag?: Lang | undefined;
  /** `lang` in config.json: an explicit choice (init's wizard, `config set lang`). */
  config?: Lang | undefined;
  env: Record<string, string | undefined>;
  /** The brand's locale (`fr-CA`, `en-CA`). */
  brandLocale?: string | undefined;
}

/**
 * The interface language, in order: `--lang`, the config, LC_ALL/LC_MESSAGES/LANG, the brand's
 * locale; French when nothing says otherwise (the product is French first).
 */
export const resolveLang = (s: LangSources): Lang =>
  s.flag ?? s.config ?? langFromEnvironment(s.env) ?? langFromLocale(s.brandLocale) ?? 'fr';
