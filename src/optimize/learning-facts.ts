import { NotFoundError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { loadFacts, type PostFact } from '../measure/facts.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { Observation } from './bandit.js';

/** The brand the learning loop works on: the selected one unless another slug is named. */
export const brandOf = (deps: ServiceDeps, slug?: string) => {
  const s = slug ?? deps.brandSlug;
  const brand = deps.config.brands[s];
  if (!brand) {
    throw new NotFoundError(l(`Unknown brand "${s}".`, `Marque inconnue « ${s} ».`), {
      fix: l('See `autoscale brand list`.', 'Voyez `autoscale brand list`.'),
    });
  }
  return { slug: s, brand };
};

/** Every measured post of the brand (all history): what the learning loop learns from. */
export const measuredFacts = async (deps: ServiceDeps, slug?: string): Promise<PostFact[]> => {
  const { slug: s, brand } = brandOf(deps, slug);
  const facts = await loadFacts(deps.db, s, brand.timezone, null, deps.clock.now().toISOString());
  return facts.filter((f) => f.rate !== null);
};

export const observationsOf = (facts: PostFact[]): Observation[] =>
  facts.map((f) => ({ contentType: f.contentType, style: f.style, weekday: f.weekday, hour: f.hour, rate: f.rate! }));

/** An engagement rate as the explanations and recommendations write it (`1.25 %`, `1,25 %`). */
export const pctText = (x: number) => `${(x * 100).toFixed(2)} %`;
export const pctFr = (x: number) => pctText(x).replace('.', ',');
