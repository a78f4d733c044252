import { langFromLocale, type Lang } from '../i18n/localized.js';
import type { BrandConfig } from './schema.js';

/**
 * The brand's language (`fr-CA` → fr): what runs without a terminal speaks it (notifications,
 * Slack and e-mail, the review page by default, the daemon's reports and job messages).
 */
export const brandLang = (brand: Pick<BrandConfig, 'profile'>): Lang => langFromLocale(brand.profile.language) ?? 'fr';
