import { labelPromptVersions } from './prompt-versions.js';
import { platformBreakdown } from './platform-breakdown.js';
import { brandPlatforms } from '../config/platforms.js';
import { l, type Localized } from '../i18n/localized.js';
import { recommendations } from '../optimize/insights-service.js';
import { learningView } from '../optimize/learning-view.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { loadFacts, queuedPostFacts } from '../measure/facts.js';
import { costsBetween } from '../store/analytics-repo.js';
import { chosenTexts, referenceStats } from '../store/facts-repo.js';
import { shortId } from '../store/ids.js';
import { aggregate, buildKpis, plannedPosts } from './kpis.js';
import { previousOf, resolvePeriod } from './period.js';
import { missingMetrics } from './report-messages.js';
import type { Breakdown, GroupRow, ReportData, ReportOptions } from './report-types.js';
import { referenceOf, standout } from './standouts.js';
import { cellOf, GROUP_KEYS, groupRows, loadTrailing } from './trailing.js';

export type * from './report-types.js';
export { promptVersionLabel } from './prompt-versions.js';
export { lastCompleteWeek, periodOf, resolvePeriod } from './period.js';

/**
 * The weekly report. Reads are bounded by what it shows: the period's own posts (and the previous
 * period's) from the per-post summaries, the 12 trend weeks as sums computed in SQL, and the
 * learning loop's stored beliefs and guidance (computed in memory only when new measurements
 * arrived since the last refresh). It never writes, so it never waits for the write lock.
 */
export const buildReport = async (deps: ServiceDeps, options: ReportOptions = {}): Promise<ReportData> => {
  const tz = deps.brand.timezone;
  const period = resolvePeriod({ from: options.from, to: options.to, now: deps.clock.now(), timeZone: tz });
  const previous = previousOf(period, tz);
  const queued = await queuedPostFacts(deps.db, deps.brandSlug, tz);
  const [rows, trailing, spendCur, spendPrev, learning] = await Promise.all([
    loadFacts(deps.db, deps.brandSlug, tz, previous.start, period.end),
    loadTrailing(deps, period, queued),
    costsBetween(deps.db, deps.brandSlug, period.start, period.end),
    costsBetween(deps.db, deps.brandSlug, previous.start, previous.end),
    learningView(deps),
  ]);
  const cur = rows.filter((f) => f.publishedAt >= period.start);
  const prev = rows.filter((f) => f.publishedAt < previous.end);
  const aggCur = aggregate(cur);
  const planned = plannedPosts(period, deps.brand.generation.days);
  const kpis = buildKpis(
    aggCur,
    aggregate(prev),
    { cur: planned, prev: plannedPosts(previous, deps.brand.generation.days) },
    { cur: spendCur.text + spendCur.image, prev: spendPrev.text + spendPrev.image },
  );

  const curCells = cur.map((f) => cellOf(f, trailing.weekStarts));
  const breakdown = (key: keyof typeof GROUP_KEYS, label: Localized): Breakdown => {
    const named = key === 'prompt_version' ? labelPromptVersions : (rows: GroupRow[]) => rows;
    return {
      key,
      label,
      period: named(groupRows(curCells, GROUP_KEYS[key])),
      trailing: named(groupRows(trailing.cells, GROUP_KEYS[key])),
    };
  };
  const breakdowns = [
    breakdown('content_type', l('By content type', 'Par type de contenu')),
    breakdown('style', l('By style', 'Par style')),
    breakdown('prompt_version', l('By prompt version', 'Par version de prompt')),
  ];

  const ranked = cur
    .filter((f) => f.rate !== null)
    .sort((a, b) => b.rate! - a.rate! || a.publishedAt.localeCompare(b.publishedAt));
  const bestN = Math.min(3, Math.ceil(ranked.length / 2));
  const bestFacts = ranked.slice(0, bestN);
  const worstFacts = ranked
    .slice(bestN)
    .slice(-Math.min(3, ranked.length - bestN))
    .reverse();
  const inTrailing = (f: { publishedAt: string }) => f.publishedAt >= trailing.start && f.publishedAt < trailing.end;
  const standouts = bestFacts.length + worstFacts.length;
  const [reference, texts] = await Promise.all([
    standouts === 0
      ? undefined
      : queued.some((f) => f.rate !== null && inTrailing(f))
        ? loadFacts(deps.db, deps.brandSlug, tz, trailing.start, trailing.end, { measuredOnly: true }).then(referenceOf)
        : referenceStats(deps.db, deps.brandSlug, trailing.start, trailing.end),
    chosenTexts(
      deps.db,
      [...bestFacts, ...worstFacts].map((f) => f.id),
    ),
  ]);
  // A "best post" beats the 12-week average: in a weak week the top of the period may not.
  const mean = reference && reference.measured > 0 ? reference.rateSum / reference.measured : null;
  const best = bestFacts
    .filter((f) => mean === null || f.rate! >= mean)
    .map((f) => standout(f, texts.get(f.id), reference!, true));
  const worst = worstFacts.map((f) => standout(f, texts.get(f.id), reference!, false));

  const missing: Localized[] = [];
  if (cur.length === 0)
    missing.push(
      l(
        'No post was published in this period: KPIs show "no data", not zero.',
        'Aucune publication dans cette période : les indicateurs affichent « aucune donnée », pas zéro.',
      ),
    );
  for (const f of cur) {
    if (!f.snapshot)
      missing.push(
        l(
          `Post ${shortId(f.id)} has no metrics yet (first snapshot 24 h after publication).`,
          `La publication ${shortId(f.id)} n’a pas encore de mesures (premier relevé 24 h après publication).`,
        ),
      );
    else if (f.missing.length) missing.push(missingMetrics(shortId(f.id), f.missing, f.snapshot));
  }
  const emptyWeeks = trailing.weeks.filter((w) => w.posts === 0).length;
  if (emptyWeeks)
    missing.push(
      l(
        `${emptyWeeks} of the 12 trend weeks had no published post (shown as gaps).`,
        `${emptyWeeks} des 12 semaines de tendance sans publication (montrées comme des trous).`,
      ),
    );

  return {
    kind: 'autoscale.report',
    schemaVersion: 1,
    brand: deps.brandSlug,
    brandName: deps.brand.name,
    timeZone: tz,
    generatedAt: deps.clock.now().toISOString(),
    period,
    previous,
    kpis,
    breakdowns,
    heatmap: {
      basis: l(
        'pooled engagement rate by local weekday and hour of publication, last 12 weeks',
        'taux d’engagement cumulé par jour et heure locale de publication, 12 dernières semaines',
      ),
      ...trailing.heatmap,
    },
    trend: {
      basis: l(
        'mean unique viewers per measured post, by 7-day week ending with the period (local dates), last 12 weeks',
        'moyenne des personnes atteintes par publication mesurée, par semaine de 7 jours se terminant avec la période (dates locales), 12 dernières semaines',
      ),
      weeks: trailing.weeks,
    },
    best,
    worst,
    recommendations: recommendations(learning.state, learning.guidance),
    missing,
    counts: {
      published: cur.length,
      planned,
      measured: aggCur.measured,
      withoutMetrics: cur.length - aggCur.rateBase,
    },
    platforms: await platformBreakdown(
      deps,
      cur,
      period,
      brandPlatforms(deps.brand).map((t) => t.platform),
    ),
  };
};
