import { WEEKDAYS } from '../domain/content.js';
import { countOf } from '../i18n/format.js';
import { addDays, localDate, weekdayOf, zonedToUtc } from '../domain/time.js';
import { UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { beliefsFromFacts } from '../optimize/choose-next.js';
import { refreshGuidance } from '../optimize/guidance-service.js';
import { recommendations } from '../optimize/insights-service.js';
import { textFeatures } from '../measure/features.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { costsBetween } from '../store/analytics-repo.js';
import { shortId } from '../store/ids.js';
import { isValidDate } from '../domain/time.js';
import { loadFacts, type PostFact } from '../measure/facts.js';
import { NATURAL_THRESHOLD } from '../content/judge.js';
import { TARGETS } from './targets.js';

export interface Period {
  /** Local dates in the brand's zone, both inclusive. */
  from: string;
  to: string;
  /** UTC instants: [start, end). */
  start: string;
  end: string;
  days: number;
}

export type KpiKey =
  | 'engagement_rate'
  | 'unique_viewers_per_post'
  | 'posts_published'
  | 'natural_share'
  | 'quality_score'
  | 'cost_per_post_text'
  | 'cost_per_post_image'
  | 'cost_per_post_total'
  | 'cost_period_total';

export interface Kpi {
  key: KpiKey;
  label: Localized;
  unit: 'rate' | 'count' | 'score' | 'usd';
  value: number | null;
  previous: number | null;
  /** value − previous (rate points for rates, dollars for costs); null when either is missing. */
  change: number | null;
  /** change ÷ previous; null when previous is missing or zero. */
  changeRelative: number | null;
  target: number | null;
  /** 'min': value should reach the target; 'max': stay under it (costs). */
  targetKind: 'min' | 'max' | null;
  status: 'met' | 'below' | 'over' | 'no_data' | 'info';
  basis: Localized;
  /** Why the value is missing or partial, when it is. */
  note: Localized | null;
}

export interface GroupRow {
  key: string;
  posts: number;
  measured: number;
  rate: number | null;
  viewersPerPost: number | null;
}

export interface Breakdown {
  key: 'content_type' | 'style' | 'prompt_version';
  label: Localized;
  period: GroupRow[];
  trailing: GroupRow[];
}

export interface HeatCell {
  weekday: string;
  hour: number;
  posts: number;
  rate: number | null;
}

export interface TrendWeek {
  from: string;
  to: string;
  posts: number;
  measured: number;
  viewersPerPost: number | null;
  rate: number | null;
}

export interface Standout {
  postId: string;
  shortId: string;
  contentType: string;
  style: string | null;
  publishedAt: string;
  rate: number;
  uniqueViewers: number | null;
  excerpt: string;
  reasons: Localized[];
}

export interface ReportData {
  kind: 'autoscale.report';
  schemaVersion: 1;
  brand: string;
  brandName: string;
  timeZone: string;
  generatedAt: string;
  period: Period;
  previous: Period;
  kpis: Kpi[];
  breakdowns: Breakdown[];
  heatmap: { basis: Localized; hours: number[]; weekdays: string[]; cells: HeatCell[] };
  trend: { basis: Localized; weeks: TrendWeek[] };
  best: Standout[];
  worst: Standout[];
  recommendations: Localized[];
  missing: Localized[];
  counts: { published: number; planned: number; measured: number; withoutMetrics: number };
}

// ---------------------------------------------------------------- periods

const dayStart = (date: string, tz: string) => zonedToUtc(date, 0, tz).toISOString();

export const periodOf = (from: string, to: string, tz: string): Period => {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from, to, start: dayStart(from, tz), end: dayStart(addDays(to, 1), tz), days };
};

/** The last complete Monday–Sunday week before `now`, in the brand's zone. */
export const lastCompleteWeek = (now: Date, tz: string): Period => {
  const today = localDate(now, tz);
  const monday = addDays(today, -((WEEKDAYS.indexOf(weekdayOf(today)) + 6) % 7));
  return periodOf(addDays(monday, -7), addDays(monday, -1), tz);
};

export const resolvePeriod = (input: {
  from?: string | undefined;
  to?: string | undefined;
  now: Date;
  timeZone: string;
}): Period => {
  for (const [name, value] of [
    ['--from', input.from],
    ['--to', input.to],
  ] as const) {
    if (value !== undefined && !isValidDate(value)) {
      throw new UsageError(
        l(`${name} "${value}" is not a date (YYYY-MM-DD).`, `${name} « ${value} » n'est pas une date (AAAA-MM-JJ).`),
        {
          fix: l('Use a local date such as 2026-11-16.', 'Utilisez une date locale comme 2026-11-16.'),
        },
      );
    }
  }
  if (input.from === undefined && input.to === undefined) return lastCompleteWeek(input.now, input.timeZone);
  const from = input.from ?? addDays(input.to!, -6);
  const to = input.to ?? addDays(from, 6);
  if (to < from) {
    throw new UsageError(l(`--to ${to} is before --from ${from}.`, `--to ${to} est avant --from ${from}.`), {
      fix: l('Swap the dates.', 'Inversez les dates.'),
    });
  }
  return periodOf(from, to, input.timeZone);
};

const previousOf = (p: Period, tz: string): Period => periodOf(addDays(p.from, -p.days), addDays(p.from, -1), tz);

// ---------------------------------------------------------------- aggregates

interface Agg {
  posts: number;
  measured: number;
  engagements: number;
  viewers: number;
  rateBase: number;
  viewerPosts: number;
  viewerSum: number;
  qualitySum: number;
  qualityN: number;
  /** Posts with a judge verdict; of them, natural (≥ 95, no cliché span); of them, judged by a model. */
  judgedN: number;
  naturalN: number;
  llmJudgedN: number;
  costText: number;
  costImage: number;
}

const aggregate = (facts: PostFact[]): Agg => {
  const a: Agg = {
    posts: 0,
    measured: 0,
    engagements: 0,
    viewers: 0,
    rateBase: 0,
    viewerPosts: 0,
    viewerSum: 0,
    qualitySum: 0,
    qualityN: 0,
    judgedN: 0,
    naturalN: 0,
    llmJudgedN: 0,
    costText: 0,
    costImage: 0,
  };
  for (const f of facts) {
    a.posts += 1;
    if (f.snapshot) a.measured += 1;
    if (f.rate !== null && f.engagements !== null && f.uniqueViewers) {
      a.engagements += f.engagements;
      a.viewers += f.uniqueViewers;
      a.rateBase += 1;
    }
    if (f.uniqueViewers !== null) {
      a.viewerPosts += 1;
      a.viewerSum += f.uniqueViewers;
    }
    if (f.qualityScore !== null) {
      a.qualitySum += f.qualityScore;
      a.qualityN += 1;
    }
    if (f.judge) {
      a.judgedN += 1;
      if (f.judge.method === 'llm') a.llmJudgedN += 1;
      if (f.judge.naturalness >= NATURAL_THRESHOLD && f.judge.clicheSpans === 0) a.naturalN += 1;
    }
    a.costText += f.costText;
    a.costImage += f.costImage;
  }
  return a;
};

const pooledRate = (a: Agg) => (a.viewers > 0 ? a.engagements / a.viewers : null);
const viewersPerPost = (a: Agg) => (a.viewerPosts > 0 ? a.viewerSum / a.viewerPosts : null);

const group = (facts: PostFact[], key: (f: PostFact) => string): GroupRow[] => {
  const groups = new Map<string, PostFact[]>();
  for (const f of facts) {
    const k = key(f);
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  return [...groups]
    .map(([k, list]) => {
      const a = aggregate(list);
      return { key: k, posts: a.posts, measured: a.measured, rate: pooledRate(a), viewersPerPost: viewersPerPost(a) };
    })
    .sort((x, y) => (y.rate ?? -1) - (x.rate ?? -1) || y.posts - x.posts || x.key.localeCompare(y.key));
};

const plannedPosts = (p: Period, days: readonly string[]): number => {
  let n = 0;
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) if (days.includes(weekdayOf(d))) n += 1;
  return n;
};

// ---------------------------------------------------------------- KPIs

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

const buildKpis = (
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
    ),
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
    ),
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

// ---------------------------------------------------------------- standouts

const excerpt = (text: string | null) => {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 220 ? `${flat.slice(0, 217)}…` : flat;
};

const reasonsFor = (f: PostFact, reference: PostFact[], best: boolean): Localized[] => {
  const rates = reference.map((r) => r.rate!).filter((r) => r !== null);
  const mean = rates.reduce((s, r) => s + r, 0) / (rates.length || 1);
  const reasons: Localized[] = [];
  if (mean > 0) {
    const ratio = f.rate! / mean;
    reasons.push(
      l(
        `${ratio.toFixed(1)}× the 12-week average engagement (${(mean * 100).toFixed(2)} %)`,
        `${ratio.toFixed(1).replace('.', ',')} × l’engagement moyen sur 12 semaines (${(mean * 100).toFixed(2).replace('.', ',')} %)`,
      ),
    );
  }
  const tf = textFeatures(f.text ?? '');
  const others = reference.map((r) => textFeatures(r.text ?? ''));
  const share = (p: (x: ReturnType<typeof textFeatures>) => boolean) => others.filter(p).length / (others.length || 1);
  const lengths = others.map((o) => o.length).sort((a, b) => a - b);
  const medLen = lengths[Math.floor(lengths.length / 2)] ?? 0;
  if (tf.questionEnd && share((x) => x.questionEnd) < 0.6)
    reasons.push(l('ends with a question', 'se termine par une question'));
  if (!tf.questionEnd && share((x) => x.questionEnd) >= 0.5)
    reasons.push(l('does not end with a question', 'ne se termine pas par une question'));
  if (tf.hasNumber && share((x) => x.hasNumber) < 0.6)
    reasons.push(l('gives a concrete figure', 'donne un chiffre concret'));
  if (tf.story && share((x) => x.story) < 0.6) reasons.push(l('tells a story', 'raconte une histoire'));
  if (medLen && Math.abs(tf.length - medLen) / medLen > 0.3) {
    reasons.push(
      tf.length < medLen
        ? l(`short: ${tf.length} characters (median ${medLen})`, `court : ${tf.length} caractères (médiane ${medLen})`)
        : l(`long: ${tf.length} characters (median ${medLen})`, `long : ${tf.length} caractères (médiane ${medLen})`),
    );
  }
  if (tf.emojis >= 3) reasons.push(l(`${tf.emojis} emojis`, `${tf.emojis} émojis`));
  reasons.push(
    l(
      `${f.contentType}${f.style ? `, ${f.style}` : ''}, ${WEEKDAYS[f.weekday] ?? ''} ${f.hour}:00`,
      `${f.contentType}${f.style ? `, ${f.style}` : ''}, ${WEEKDAYS[f.weekday] ?? ''} ${f.hour} h`,
    ),
  );
  if (!best && f.uniqueViewers !== null && f.uniqueViewers < TARGETS.uniqueViewersPerPost / 2) {
    reasons.push(l(`low reach: ${f.uniqueViewers} unique viewers`, `faible portée : ${f.uniqueViewers} personnes`));
  }
  return reasons;
};

const standout = (f: PostFact, reference: PostFact[], best: boolean): Standout => ({
  postId: f.id,
  shortId: shortId(f.id),
  contentType: f.contentType,
  style: f.style,
  publishedAt: f.publishedAt,
  rate: f.rate!,
  uniqueViewers: f.uniqueViewers,
  excerpt: excerpt(f.text),
  reasons: reasonsFor(f, reference, best),
});

// ---------------------------------------------------------------- the report

export interface ReportOptions {
  from?: string | undefined;
  to?: string | undefined;
  /** Skip the optimizer's guidance refresh (it writes a guidance version when lessons changed). */
  readOnly?: boolean;
}

export const buildReport = async (deps: ServiceDeps, options: ReportOptions = {}): Promise<ReportData> => {
  const tz = deps.brand.timezone;
  const period = resolvePeriod({ from: options.from, to: options.to, now: deps.clock.now(), timeZone: tz });
  const previous = previousOf(period, tz);
  const trendStart = addDays(period.to, -(12 * 7) + 1);
  // One read of the brand's history up to the period's end, split in memory: the period, the
  // previous one and the 12 trend weeks are ranges of it, and the recommendations use all of it.
  const all = await loadFacts(deps.db, deps.brandSlug, tz, null, period.end);
  const inRange = (p: { start: string; end: string }) =>
    all.filter((f) => f.publishedAt >= p.start && f.publishedAt < p.end);
  const cur = inRange(period);
  const prev = inRange(previous);
  const trailing = inRange({ start: dayStart(trendStart, tz), end: period.end });

  const [spendCur, spendPrev] = await Promise.all([
    costsBetween(deps.db, deps.brandSlug, period.start, period.end),
    costsBetween(deps.db, deps.brandSlug, previous.start, previous.end),
  ]);
  const aggCur = aggregate(cur);
  const aggPrev = aggregate(prev);
  const kpis = buildKpis(
    aggCur,
    aggPrev,
    { cur: plannedPosts(period, deps.brand.generation.days), prev: plannedPosts(previous, deps.brand.generation.days) },
    { cur: spendCur.text + spendCur.image, prev: spendPrev.text + spendPrev.image },
  );

  const breakdowns: Breakdown[] = [
    {
      key: 'content_type',
      label: l('By content type', 'Par type de contenu'),
      period: group(cur, (f) => f.contentType),
      trailing: group(trailing, (f) => f.contentType),
    },
    {
      key: 'style',
      label: l('By style', 'Par style'),
      period: group(cur, (f) => f.style ?? 'unknown'),
      trailing: group(trailing, (f) => f.style ?? 'unknown'),
    },
    {
      key: 'prompt_version',
      label: l('By prompt version', 'Par version de prompt'),
      period: group(cur, (f) => f.promptVersion ?? 'unknown'),
      trailing: group(trailing, (f) => f.promptVersion ?? 'unknown'),
    },
  ];

  const hoursSet = new Set<number>(trailing.map((f) => f.hour));
  const firstHour = Math.floor(Number(deps.brand.posting.windowStart.slice(0, 2)));
  const lastHour =
    Math.ceil(Number(deps.brand.posting.windowEnd.slice(0, 2)) + Number(deps.brand.posting.windowEnd.slice(3)) / 60) -
    1;
  for (let h = firstHour; h <= lastHour; h += 1) hoursSet.add(h);
  const hours = [...hoursSet].sort((a, b) => a - b);
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const cells: HeatCell[] = [];
  for (const wd of weekdays) {
    for (const hour of hours) {
      const list = trailing.filter((f) => WEEKDAYS[f.weekday] === wd && f.hour === hour);
      cells.push({ weekday: wd, hour, posts: list.length, rate: pooledRate(aggregate(list)) });
    }
  }

  const weeks: TrendWeek[] = [];
  for (let i = 11; i >= 0; i -= 1) {
    const to = addDays(period.to, -7 * i);
    const from = addDays(to, -6);
    const list = inRange({ start: dayStart(from, tz), end: dayStart(addDays(to, 1), tz) });
    const a = aggregate(list);
    weeks.push({
      from,
      to,
      posts: a.posts,
      measured: a.measured,
      viewersPerPost: viewersPerPost(a),
      rate: pooledRate(a),
    });
  }

  const ranked = cur
    .filter((f) => f.rate !== null)
    .sort((a, b) => b.rate! - a.rate! || a.publishedAt.localeCompare(b.publishedAt));
  const reference = trailing.filter((f) => f.rate !== null);
  const bestN = Math.min(3, Math.ceil(ranked.length / 2));
  const best = ranked.slice(0, bestN).map((f) => standout(f, reference, true));
  const worst = ranked
    .slice(bestN)
    .slice(-Math.min(3, ranked.length - bestN))
    .reverse()
    .map((f) => standout(f, reference, false));

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
    else if (f.missing.length)
      missing.push(
        l(
          `Post ${shortId(f.id)}: Facebook did not return ${f.missing.join(', ')} (${f.snapshot} snapshot).`,
          `Publication ${shortId(f.id)} : Facebook n’a pas fourni ${f.missing.join(', ')} (relevé ${f.snapshot}).`,
        ),
      );
  }
  const emptyWeeks = weeks.filter((w) => w.posts === 0).length;
  if (emptyWeeks)
    missing.push(
      l(
        `${emptyWeeks} of the 12 trend weeks had no published post (shown as gaps).`,
        `${emptyWeeks} des 12 semaines de tendance sans publication (montrées comme des trous).`,
      ),
    );

  // Recommendations use all measured history, not just 12 weeks.
  const history = all.filter((f) => f.rate !== null);
  const state = beliefsFromFacts(deps, history);
  const guidance = options.readOnly ? [] : (await refreshGuidance(deps, undefined, history)).lines;

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
      hours,
      weekdays,
      cells,
    },
    trend: {
      basis: l(
        'mean unique viewers per measured post, by 7-day week ending with the period (local dates), last 12 weeks',
        'moyenne des personnes atteintes par publication mesurée, par semaine de 7 jours se terminant avec la période (dates locales), 12 dernières semaines',
      ),
      weeks,
    },
    best,
    worst,
    recommendations: recommendations(state, guidance),
    missing,
    counts: {
      published: cur.length,
      planned: plannedPosts(period, deps.brand.generation.days),
      measured: aggCur.measured,
      withoutMetrics: cur.length - aggCur.rateBase,
    },
  };
};
