import { brandSchema, type BrandConfig } from './schema.js';
import { autoscaleProfile } from './embedded-brand.js';

export { SAMPLE_CASE_STUDIES, SAMPLE_FACTS } from './embedded-brand.js';

export const autoscaleBrand = (): BrandConfig => brandSchema.parse(autoscaleProfile);

export const DEFAULT_BRAND_SLUG = 'autoscale-ai';
