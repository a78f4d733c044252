import { formatFor } from '../i18n/format.js';
import { NotFoundError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { loadMeasured, type MeasuredFact } from '../measure/facts.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { factsGeneration } from '../store/facts-repo.js';
import type { Observation } from './bandit.js';
import { currentMark } from './learning-marks.js';

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

/**
 * Measured facts with the summaries' generation they were read at (undefined when posts of the
 * brand were still queued for their summaries): what a refresh records as its mark.
 */
export type MeasuredFacts = MeasuredFact[] & { generation?: number | undefined };

/** Every measured post of the brand (all history): what the learning loop learns from. */
export const measuredFacts = async (deps: ServiceDeps, slug?: string): Promise<MeasuredFacts> => {
  const { slug: s, brand } = brandOf(deps, slug);
  const before = await factsGeneration(deps.db, s);
  const facts: MeasuredFacts = await loadMeasured(deps.db, s, brand.timezone);
  if (!before.queued) facts.generation = before.generation;
  return facts;
};

/**
 * What a generation's optimizer draw and guidance need: nothing when both are current (they come
 * from the store, and no history is read), else the measured history, read once for both.
 */
export const measuredIfStale = async (deps: ServiceDeps): Promise<MeasuredFacts | undefined> => {
  const marks = await Promise.all([
    currentMark(deps.db, 'beliefs', deps.brandSlug, deps.brand),
    currentMark(deps.db, 'guidance', deps.brandSlug, deps.brand),
  ]);
  return marks.every(Boolean) ? undefined : measuredFacts(deps);
};

/** The generation to record after computing from `facts` (none: the facts were not a clean read). */
export const generationOf = (facts: MeasuredFact[]): number | undefined => (facts as MeasuredFacts).generation;

export const observationsOf = (facts: MeasuredFact[]): Observation[] =>
  facts.map((f) => ({ contentType: f.contentType, style: f.style, weekday: f.weekday, hour: f.hour, rate: f.rate! }));

/** An engagement rate as the explanations and recommendations write it (`1.25 %`, `1,25 %`). */
export const pctText = (x: number) => formatFor('en').percent(x);
export const pctFr = (x: number) => formatFor('fr').percent(x);
