import { countOf } from '../i18n/format.js';
import type { PostFact } from '../measure/facts.js';
import { addDays, weekdayOf } from '../domain/time.js';
import { l, type Localized } from '../i18n/localized.js';
import type { FactSums } from '../store/facts-repo.js';
import { NATURAL_THRESHOLD } from '../content/judge.js';
import { TARGETS } from './targets.js';
import type { Kpi, Period } from './report-types.js';

/**
 * Sums behind every figure of the report: the same shape whether SQL added them up (the 12 trend
 * weeks) or this module did (the period's own posts), so a pooled rate means one thing.
 */
export type Agg = FactSums;

export const emptyAgg = (): Agg => ({
  posts: 0,
  measured: 0,
  rateBase: 0,
  engagements: 0,
  viewers: 0,
  viewerPosts: 0,
  viewerSum: 0,
  qualityN: 0,
  qualitySum: 0,
  judgedN: 0,
  naturalN: 0,
  llmJudgedN: 0,
  costText: 0,
  costImage: 0,
});

export const addTo = (a: Agg, b: FactSums): Agg => {
  for (const k of Object.keys(a) as (keyof Agg)[]) a[k] += b[k];
  return a;
};

/** One post's contribution. */
export const sumsOf = (f: PostFact): Agg => {
  const based = f.rate !== null && f.engagements !== null && Boolean(f.uniqueViewers);
  return {
    posts: 1,
    measured: f.snapshot ? 1 : 0,
    rateBase: based ? 1 : 0,
    engagements: based ? f.engagements! : 0,
    viewers: based ? f.uniqueViewers! : 0,
    viewerPosts: f.uniqueViewers !== null ? 1 : 0,
    viewerSum: f.uniqueViewers ?? 0,
    qualityN: f.qualityScore !== null ? 1 : 0,
    qualitySum: f.qualityScore ?? 0,
    judgedN: f.judge ? 1 : 0,
    naturalN: f.judge && f.judge.naturalness >= NATURAL_THRESHOLD && f.judge.clicheSpans === 0 ? 1 : 0,
    llmJudgedN: f.judge?.method === 'llm' ? 1 : 0,
    costText: f.costText,
    costImage: f.costImage,
  };
};

export const aggregate = (facts: PostFact[]): Agg => facts.reduce((a, f) => addTo(a, sumsOf(f)), emptyAgg());

export const pooledRate = (a: Agg) => (a.viewers > 0 ? a.engagements / a.viewers : null);
export const viewersPerPost = (a: Agg) => (a.viewerPosts > 0 ? a.viewerSum / a.viewerPosts : null);

export const plannedPosts = (p: Period, days: readonly string[]): number => {
  let n = 0;
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) if (days.includes(weekdayOf(d))) n += 1;
  return n;
};

const RATE_BASIS = l(
  '(reactions + comments + shares) ÷ unique viewers, pooled over the posts with both numbers; 7-day snapshot when taken, else 24 h',
  '(réactions + commentaires + partages) ÷ personnes uniques atteintes, cumulé sur les publications qui ont les deux; relevé à 7 jours s’il existe, sinon à 24 h',
);

const kpi = (base: Omit<Kpi, 'previous' | 'change' | 'changeRelative' | 'status'>, previous: number | null): Kpi => {
  const change = base.value !== null && previous !== null ? base.value - previous : null;
  const changeRelative = change !== null && previous ? change / previous : null;
  let status: Kpi['status'] = 'info';
  if (base.value === null) status = 'no_data';
  else if (base.target !== null && base.targetKind === 'min') status = base.value >= base.target ? 'met' : 'below';
  else if (base.target !== null && base.targetKind === 'max') status = base.value <= base.target ? 'met' : 'over';
  return { ...base, previous, change, changeRelative, status };
};

/** Content quality: the share of published posts the judge rates natural with no cliché. */
const naturalKpi = (cur: Agg, prev: Agg): Kpi =>
  kpi(
    {
      key: 'natural_share',
      label: l('Natural, cliché-free posts (judge)', 'Publications naturelles, sans cliché (juge)'),
      unit: 'rate',
      value: cur.judgedN ? cur.naturalN / cur.judgedN : null,
      target: TARGETS.naturalShare,
      targetKind: 'min',
      basis: l(
        `share of published posts the judge rates natural (naturalness ≥ ${NATURAL_THRESHOLD}) with zero cliché spans; ${cur.llmJudgedN} judged by the model judge, ${cur.judgedN - cur.llmJudgedN} by the deterministic rubric (no model)`,
        `part des publications que le juge trouve naturelles (naturel ≥ ${NATURAL_THRESHOLD}) sans aucun passage cliché; ${cur.llmJudgedN} jugées par le modèle juge, ${cur.judgedN - cur.llmJudgedN} par la grille déterministe (sans modèle)`,
      ),
      note:
        cur.judgedN > cur.llmJudgedN
          ? l(
              `${cur.judgedN - cur.llmJudgedN} posts were scored without a model: deterministic rubric, not an LLM judge`,
              `${cur.judgedN - cur.llmJudgedN} publications notées sans modèle : grille déterministe, pas un juge LLM`,
            )
          : cur.posts > cur.judgedN
            ? l(
                `${cur.posts - cur.judgedN} posts have no judge verdict (imported, or edited before judging existed)`,
                `${cur.posts - cur.judgedN} publications sans verdict du juge (importées, ou d’avant le juge)`,
              )
            : null,
    },
    prev.judgedN ? prev.naturalN / prev.judgedN : null,
  );

/** The composite score a draft must reach (the gate), shown for information: not the quality KPI. */
const qualityKpi = (cur: Agg, prev: Agg): Kpi =>
  kpi(
    {
      key: 'quality_score',
      label: l('Composite quality score', 'Score de qualité composite'),
      unit: 'score',
      value: cur.qualityN ? cur.qualitySum / cur.qualityN : null,
      target: null,
      targetKind: null,
      basis: l(
        `mean composite (0.35 lint + 0.45 judge + 0.20 predicted engagement, 0–100) of the published variant, ${cur.qualityN} posts; the gate a draft must pass, not the quality KPI`,
        `moyenne du score composite (0,35 correcteur + 0,45 juge + 0,20 engagement prévu, 0–100) de la variante publiée, ${cur.qualityN} publications; le seuil d’une ébauche, pas l’indicateur de qualité`,
      ),
      note:
        cur.posts > cur.qualityN
          ? l(
              `${cur.posts - cur.qualityN} posts have no score (imported or unscored)`,
              `${cur.posts - cur.qualityN} publications sans score (importées ou non notées)`,
            )
          : null,
    },
    prev.qualityN ? prev.qualitySum / prev.qualityN : null,
  );

export const buildKpis = (
  cur: Agg,
  prev: Agg,
  planned: { cur: number; prev: number },
  spend: { cur: number; prev: number },
): Kpi[] => {
  const noMetrics = (a: Agg): Localized | null =>
    a.posts === 0
      ? l('no post was published in this period', 'aucune publication dans cette période')
      : a.rateBase < a.posts
        ? l(
            `${a.posts - a.rateBase} of ${a.posts} posts have no usable metrics yet`,
            `${countOf(a.posts - a.rateBase, l('publication', 'publication'), l('publications', 'publications')).fr} sur ${a.posts} sans mesures utilisables pour l’instant`,
          )
        : null;
  const perPost = (a: Agg, v: number) => (a.posts > 0 ? v / a.posts : null);
  return [
    kpi(
      {
        key: 'engagement_rate',
        label: l('Engagement rate', 'Taux d’engagement'),
        unit: 'rate',
        value: pooledRate(cur),
        target: TARGETS.engagementRate,
        targetKind: 'min',
        basis: RATE_BASIS,
        note: noMetrics(cur),
      },
      pooledRate(prev),
    ),
    kpi(
      {
        key: 'unique_viewers_per_post',
        label: l('Unique viewers per post', 'Personnes atteintes par publication'),
        unit: 'count',
        value: viewersPerPost(cur),
        target: TARGETS.uniqueViewersPerPost,
        targetKind: 'min',
        basis: l(
          `mean of unique viewers (post_total_media_view_unique) over ${cur.viewerPosts} measured posts`,
          `moyenne des personnes uniques (post_total_media_view_unique) sur ${cur.viewerPosts} publications mesurées`,
        ),
        note: cur.viewerPosts < cur.posts ? noMetrics({ ...cur, rateBase: cur.viewerPosts }) : null,
      },
      viewersPerPost(prev),
    ),
    kpi(
      {
        key: 'posts_published',
        label: l('Posts published', 'Publications'),
        unit: 'count',
        value: cur.posts,
        target: planned.cur,
        targetKind: 'min',
        basis: l(
          `published in the period; planned = posting days in the generation schedule (${planned.cur})`,
          `publiées dans la période; prévu = jours de génération du calendrier (${planned.cur})`,
        ),
        note: null,
      },
      prev.posts,
    ),
    naturalKpi(cur, prev),
    qualityKpi(cur, prev),
    kpi(
      {
        key: 'cost_per_post_text',
        label: l('Text cost per post', 'Coût texte par publication'),
        unit: 'usd',
        value: perPost(cur, cur.costText),
        target: null,
        targetKind: null,
        basis: l(
          'AI text calls (generation, judge, repairs) of the published posts ÷ posts',
          'appels IA texte (génération, juge, reprises) des publications ÷ publications',
        ),
        note: null,
      },
      perPost(prev, prev.costText),
    ),
    kpi(
      {
        key: 'cost_per_post_image',
        label: l('Image cost per post', 'Coût image par publication'),
        unit: 'usd',
        value: perPost(cur, cur.costImage),
        target: null,
        targetKind: null,
        basis: l(
          'image generation calls of the published posts ÷ posts',
          'appels de génération d’image des publications ÷ publications',
        ),
        note: null,
      },
      perPost(prev, prev.costImage),
    ),
    kpi(
      {
        key: 'cost_per_post_total',
        label: l('Total cost per post', 'Coût total par publication'),
        unit: 'usd',
        value: perPost(cur, cur.costText + cur.costImage),
        target: TARGETS.costPerPostBudget,
        targetKind: 'max',
        basis: l(
          'text + image; budget ≈ $116 a month ÷ 12 posts',
          'texte + image; budget ≈ 116 $ par mois ÷ 12 publications',
        ),
        note: null,
      },
      perPost(prev, prev.costText + prev.costImage),
    ),
    kpi(
      {
        key: 'cost_period_total',
        label: l('AI spend in the period', 'Dépenses IA de la période'),
        unit: 'usd',
        value: spend.cur,
        target: null,
        targetKind: null,
        basis: l(
          'every AI call made in the period, including drafts that were rejected',
          'tous les appels IA de la période, y compris les brouillons rejetés',
        ),
        note: null,
      },
      spend.prev,
    ),
  ];
};
