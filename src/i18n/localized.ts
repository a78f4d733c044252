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
