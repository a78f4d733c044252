import type { ServiceDeps } from '../deps/service-deps.js';
import type { MeasuredFact } from '../measure/facts.js';
import { listGuidanceLines } from '../store/learning-repo.js';
import { deriveFrom, linesAfter, planGuidance, toLine, type GuidanceLine } from './guidance-service.js';
import { currentMark } from './learning-marks.js';
import { beliefsFromFacts, storedBeliefs, type BeliefState } from './choose-next.js';
import { measuredFacts } from './learning-facts.js';

/**
 * The learning loop's current beliefs and guidance lines for a reader that must not write (the
 * report). When nothing was measured since the last refresh they are read as stored (a few rows);
 * otherwise they are computed in memory from the measured summaries, exactly as the next refresh
 * will store them, and nothing is written.
 */
export const learningView = async (deps: ServiceDeps): Promise<{ state: BeliefState; guidance: GuidanceLine[] }> => {
  const [beliefsMark, guidanceMark] = await Promise.all([
    currentMark(deps.db, 'beliefs', deps.brandSlug, deps.brand),
    currentMark(deps.db, 'guidance', deps.brandSlug, deps.brand),
  ]);
  let facts: MeasuredFact[] | undefined;
  const load = async () => (facts ??= await measuredFacts(deps));
  const state = (beliefsMark && (await storedBeliefs(deps, beliefsMark))) || beliefsFromFacts(deps, await load());
  const rows = await listGuidanceLines(deps.db, deps.brandSlug);
  const guidance = guidanceMark ? rows.map(toLine) : linesAfter(rows, planGuidance(rows, deriveFrom(await load())));
  return { state, guidance };
};
