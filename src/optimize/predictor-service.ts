import type { EngagementModel } from '../content/score.js';
import { WEEKDAYS } from '../domain/content.js';
import { weekdayOf } from '../domain/time.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { featuresOf, type MeasuredFact } from '../measure/facts.js';
import { textFeatures, type PostFeatures } from '../measure/features.js';
import { insertPredictorFit, latestPredictorFit } from '../store/learning-repo.js';
import { immediate } from '../store/tx.js';
import { configKey, currentMark, writeMark } from './learning-marks.js';
import { generationOf, measuredFacts } from './learning-facts.js';
import { fitPredictor, predictRate, priorModel, type PredictorModel } from './predictor.js';

// The glue between the pure ridge predictor (predictor.ts) and the store and the content engine.

/** Refits the engagement predictor; incremental like the beliefs (nothing new measured: the stored fit). */
export const refitPredictor = async (deps: ServiceDeps, facts?: MeasuredFact[]): Promise<PredictorModel> => {
  const mark = await currentMark(deps.db, 'predictor', deps.brandSlug, deps.brand);
  if (mark && (!facts || generationOf(facts) === mark.generation))
    return mark.fitted ? loadPredictor(deps) : priorModel();
  const measured = facts ?? (await measuredFacts(deps));
  const model = fitPredictor(measured.map((f) => ({ features: featuresOf(f), rate: f.rate! })));
  const latest = await latestPredictorFit(deps.db, deps.brandSlug);
  const unchanged = latest !== undefined && latest.samples === model.samples && latest.model === JSON.stringify(model);
  const generation = generationOf(measured);
  const w = deps.writer();
  await immediate(deps.db, async (trx) => {
    if (model.kind === 'fitted' && !unchanged) {
      await insertPredictorFit(trx, w, {
        brand: deps.brandSlug,
        samples: model.samples,
        model,
        mae: model.mae,
        baselineMae: model.baselineMae,
      });
    }
    if (generation !== undefined) {
      await writeMark(trx, 'predictor', deps.brandSlug, {
        generation,
        key: configKey(deps.brand),
        posts: measured.length,
        fitted: model.kind === 'fitted',
      });
    }
  });
  return model;
};

/** The latest fitted model of the brand, or the benchmark prior when history is too short. */
export const loadPredictor = async (deps: ServiceDeps, brand?: string): Promise<PredictorModel> => {
  const row = await latestPredictorFit(deps.db, brand ?? deps.brandSlug);
  return row ? (JSON.parse(row.model) as PredictorModel) : priorModel();
};

export interface EngagementPrediction {
  rate: number;
  /** 0–100 against the 2 % target (2 % and above = 100), for the content engine's composite score. */
  score: number;
  model: 'fitted' | 'prior';
  mae: number | null;
}

/** Predicted engagement rate of a text in a slot. Pass the model from `loadPredictor`; defaults to the prior. */
export const predictEngagement = (
  features: PostFeatures,
  model: PredictorModel = priorModel(),
): EngagementPrediction => {
  const rate = predictRate(model, features);
  return { rate, score: Math.round(Math.min(1, rate / 0.02) * 100), model: model.kind, mae: model.mae };
};

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
