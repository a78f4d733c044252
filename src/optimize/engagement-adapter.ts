import type { EngagementModel } from '../content/score.js';
import { WEEKDAYS } from '../domain/content.js';
import { weekdayOf } from '../domain/time.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { textFeatures } from '../measure/features.js';
import { loadPredictor, predictEngagement } from './learning-service.js';

/**
 * The content engine's engagement part, from the predictor fitted on this Page's own results.
 * Until there is a fit (fewer than MIN_FIT_SAMPLES measured posts) the content engine keeps
 * its benchmark prior, so undefined is returned.
 */
export const fittedEngagementModel = async (deps: ServiceDeps, date: string): Promise<EngagementModel | undefined> => {
  const model = await loadPredictor(deps);
  if (model.kind !== 'fitted') return undefined;
  const weekday = WEEKDAYS.indexOf(weekdayOf(date));
  return {
    id: `fitted-${model.samples}`,
    predict: ({ contentType, style, text }) =>
      predictEngagement({ ...textFeatures(text), contentType, style, weekday, hour: null }, model).score,
  };
};
