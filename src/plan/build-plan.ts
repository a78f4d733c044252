import { CONTENT_TYPES, type ContentType } from '../domain/content.js';
import { seededRandom } from '../domain/random.js';
import { addDays } from '../domain/time.js';
import { l } from '../i18n/localized.js';
import { gaussian } from '../optimize/bandit.js';
import { typeLabel } from './calendar-grid.js';
import { fitsMax, minCount, type Dated } from './mix.js';
import type { MomentOccurrence } from './moments.js';
import type { PlanInputs, PlannedEntry } from './plan-inputs.js';
import { mondayOf } from './platforms.js';
import { profileTopic } from './topics.js';

const pct = (x: number) => `${Math.round(x * 100)} %`;
const pct2 = (x: number, lang: 'en' | 'fr') => {
  const s = `${(x * 100).toFixed(2)} %`;
  return lang === 'fr' ? s.replace('.', ',') : s;
};
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The moment reference an entry records: the moment and the date it falls on that year. */
export const momentRef = (m: Pick<MomentOccurrence, 'id' | 'start'>) => `${m.id}@${m.start}`;

/** What a day's choice decides: an entry without its slot and seed. */
type Choice = Omit<PlannedEntry, 'platform' | 'date' | 'seed'>;

/**
 * Builds the plan for every open posting day. Pure and deterministic: the same inputs and seed
 * give the same plan (each day draws from its own seeded stream, so one day's change does not
 * reshuffle the others). Kept entries (fixed by the owner, or already written) are never
 * replaced; they count towards the mix like any post.
 *
 * Per day, in order: a seasonal moment due that day; an idea from the inbox; a news item; a past
 * winner to rewrite; else the optimizer's preference. Every choice must keep each content type
 * under its maximum share in every four-week window (history included), and when a four-week
 * block would otherwise end under a type's minimum share, the remaining days go to that type.
 * When several platforms post the same day, the first one's entry is the day's post and the
 * others carry the same content.
 */
export const buildPlan = (inputs: PlanInputs): PlannedEntry[] => {
  const lang = inputs.profile.language === 'en-CA' ? 'en' : 'fr';
  const dates = [...new Set(inputs.slots.map((s) => s.date))];
  if (dates.length === 0) return [];
  const leadPlatform = new Map<string, string>();
  for (const s of inputs.slots) if (!leadPlatform.has(s.date)) leadPlatform.set(s.date, s.platform);
  const keptAt = new Map(inputs.kept.map((k) => [`${k.platform}|${k.date}`, k]));
  const leadKept = (date: string) => keptAt.get(`${leadPlatform.get(date) ?? ''}|${date}`);

  const known: Dated[] = [...inputs.history];
  for (const d of dates) {
    const k = leadKept(d);
    if (k?.contentType) known.push({ date: d, contentType: k.contentType });
  }
  const keptRefs = (kind: string) =>
    new Set(inputs.kept.filter((k) => k.sourceKind === kind && k.sourceRef).map((k) => k.sourceRef!));
  const usedIdeas = keptRefs('idea');
  const usedNews = keptRefs('news');
  const usedMoments = keptRefs('moment');
  const revisits = [
    ...inputs.revisited,
    ...inputs.kept
      .filter((k) => k.sourceKind === 'evergreen' && k.sourceRef)
      .map((k) => ({ postId: k.sourceRef!, date: k.date })),
  ];
  const evergreenDates = inputs.kept.filter((k) => k.sourceKind === 'evergreen').map((k) => k.date);
  const weekCount = new Map<string, number>();
  const bump = (key: string) => weekCount.set(key, (weekCount.get(key) ?? 0) + 1);
  for (const k of inputs.kept) {
    if (k.sourceKind === 'idea' || k.sourceKind === 'news') bump(`${k.sourceKind}:${mondayOf(k.date)}`);
  }

  const momentAt = assignMoments(
    inputs.moments.filter((m) => !usedMoments.has(momentRef(m))),
    dates.filter((d) => !leadKept(d)),
  );

  // Four-week blocks from the first planned day: each must reach the types' minimum shares.
  const first = dates[0]!;
  const blockOf = (d: string) => Math.floor(daysBetween(first, d) / 28);
  const slotsInBlock = new Map<number, number>();
  for (const d of dates) slotsInBlock.set(blockOf(d), (slotsInBlock.get(blockOf(d)) ?? 0) + 1);

  const out: PlannedEntry[] = [];
  let previous: string | null = null;
  for (const date of dates) {
    const kept = leadKept(date);
    let choice: Choice | undefined;
    if (kept) {
      previous = kept.contentType ?? previous;
    } else {
      const random = seededRandom(`${inputs.seed}:${date}`);
      const block = blockOf(date);
      const inBlock = known.filter((k) => k.date >= first && blockOf(k.date) === block);
      const forced = deficitTypes(inputs, inBlock, slotsInBlock.get(block)!, dates, date, block, blockOf, leadKept);
      const accept = (t: ContentType) =>
        fitsMax(t, date, known, inputs.targets, inputs.windowSlots) && (!forced || forced.has(t));
      const week = mondayOf(date);
      const ctx: Ctx = { inputs, date, random, accept, lang, previous, forced };
      choice =
        fromMoment(ctx, momentAt.get(date)) ??
        ((weekCount.get(`idea:${week}`) ?? 0) < inputs.config.ideasPerWeek ? fromIdea(ctx, usedIdeas) : undefined) ??
        ((weekCount.get(`news:${week}`) ?? 0) < inputs.config.news.perWeek ? fromNews(ctx, usedNews) : undefined) ??
        fromEvergreen(ctx, revisits, evergreenDates) ??
        fromPreference(ctx);
      if (choice.sourceKind === 'idea') usedIdeas.add(choice.sourceRef!);
      if (choice.sourceKind === 'news') usedNews.add(choice.sourceRef!);
      if (choice.sourceKind === 'idea' || choice.sourceKind === 'news') bump(`${choice.sourceKind}:${week}`);
      if (choice.sourceKind === 'evergreen') {
        revisits.push({ postId: choice.sourceRef!, date });
        evergreenDates.push(date);
      }
      known.push({ date, contentType: choice.contentType });
      previous = choice.contentType;
    }
    for (const slot of inputs.slots.filter((s) => s.date === date)) {
      if (keptAt.has(`${slot.platform}|${date}`)) continue;
      const lead = slot.platform === leadPlatform.get(date);
      const base: Choice | undefined = lead ? choice : (choice ?? copyOfKept(kept));
      if (!base) continue;
      out.push({
        platform: slot.platform,
        date,
        ...base,
        reason: lead
          ? base.reason
          : l(`Same post as ${leadPlatform.get(date)!}`, `Même publication que ${leadPlatform.get(date)!}`),
        seed: `${inputs.seed}:${date}`,
      });
    }
  }
  return out;
};

/** A kept lead entry, as the other platforms of its day carry it. */
const copyOfKept = (kept: ReturnType<Map<string, PlanInputs['kept'][number]>['get']>): Choice | undefined =>
  kept?.contentType
    ? {
        contentType: kept.contentType as ContentType,
        topic: kept.topic,
        angle: kept.angle,
        sourceKind: 'owner',
        sourceRef: null,
        citation: null,
        reason: l('', ''),
      }
    : undefined;

/**
 * Each moment goes to one posting day: the latest one on or before it within its lead time,
 * else the first one during it (a two-week holiday). The moment with the fewest days to choose
 * from goes first (Canada Day can only be July 1; moving day, with ten days of lead, can move).
 */
const assignMoments = (moments: MomentOccurrence[], free: string[]): Map<string, MomentOccurrence> => {
  const at = new Map<string, MomentOccurrence>();
  const eligible = (m: MomentOccurrence) => {
    const opens = addDays(m.start, -m.leadDays);
    return free.filter((d) => d >= opens && d <= m.end && !at.has(d));
  };
  const order = [...moments].sort(
    (a, b) => eligible(a).length - eligible(b).length || a.start.localeCompare(b.start) || a.id.localeCompare(b.id),
  );
  for (const m of order) {
    const days = eligible(m);
    const pick = days.filter((d) => d <= m.start).pop() ?? days.find((d) => d > m.start);
    if (pick) at.set(pick, m);
  }
  return at;
};

/** Types that must take the remaining days of a block to reach their minimum, if any. */
const deficitTypes = (
  inputs: PlanInputs,
  inBlock: Dated[],
  blockSlots: number,
  dates: string[],
  date: string,
  block: number,
  blockOf: (d: string) => number,
  leadKept: (d: string) => unknown,
): Set<ContentType> | undefined => {
  const deficits = new Map<ContentType, number>();
  for (const t of CONTENT_TYPES) {
    const need = minCount(inputs.targets[t], blockSlots) - inBlock.filter((k) => k.contentType === t).length;
    if (need > 0) deficits.set(t, need);
  }
  const total = [...deficits.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const remaining = dates.filter((d) => d >= date && blockOf(d) === block && !leadKept(d)).length;
  return total >= remaining ? new Set(deficits.keys()) : undefined;
};

interface Ctx {
  inputs: PlanInputs;
  date: string;
  random: () => number;
  accept: (t: ContentType) => boolean;
  lang: 'en' | 'fr';
  previous: string | null;
  forced: Set<ContentType> | undefined;
}

const fromMoment = (ctx: Ctx, m: MomentOccurrence | undefined): Choice | undefined => {
  if (!m) return undefined;
  const type = m.types.find(ctx.accept) ?? preferenceOrder(ctx, m.types).find(ctx.accept);
  if (!type) return undefined;
  return {
    contentType: type,
    topic: m.name[ctx.lang],
    angle: m.angle[ctx.lang],
    sourceKind: 'moment',
    sourceRef: momentRef(m),
    citation: null,
    reason: l(
      `Seasonal moment: ${m.name.en} (${m.start}${m.end !== m.start ? ` to ${m.end}` : ''})`,
      `Moment de l’année : ${m.name.fr} (${m.start}${m.end !== m.start ? ` au ${m.end}` : ''})`,
    ),
  };
};

const fromIdea = (ctx: Ctx, used: Set<string>): Choice | undefined => {
  for (const idea of ctx.inputs.ideas) {
    if (used.has(idea.id)) continue;
    const type = idea.contentType
      ? ctx.accept(idea.contentType)
        ? idea.contentType
        : undefined
      : preferenceOrder(ctx).find(ctx.accept);
    if (!type) continue;
    return {
      contentType: type,
      topic: idea.text,
      angle: null,
      sourceKind: 'idea',
      sourceRef: idea.id,
      citation: idea.link ? { title: idea.text, url: idea.link, publisher: null } : null,
      reason: l('From the ideas inbox', 'Tirée de la boîte à idées'),
    };
  }
  return undefined;
};

const fromNews = (ctx: Ctx, used: Set<string>): Choice | undefined => {
  if (!ctx.accept('industry_news')) return undefined;
  const maxAge = ctx.inputs.config.news.maxAgeDays;
  const item = ctx.inputs.news.find(
    (n) => !used.has(n.id) && n.date <= ctx.date && daysBetween(n.date, ctx.date) <= maxAge,
  );
  if (!item) return undefined;
  const by = item.publisher ? ` (${item.publisher})` : '';
  return {
    contentType: 'industry_news',
    topic: item.title,
    angle:
      ctx.lang === 'fr'
        ? `Ce que cette nouvelle change pour les PME québécoises${item.judgement ? ` : ${item.judgement}` : ''}`
        : `What this news changes for Quebec small businesses${item.judgement ? `: ${item.judgement}` : ''}`,
    sourceKind: 'news',
    sourceRef: item.id,
    citation: { title: item.title, url: item.url, publisher: item.publisher },
    reason: l(
      `News: “${item.title}”${by}, relevance ${pct(item.score)}`,
      `Actualité : « ${item.title} »${by}, pertinence ${pct(item.score)}`,
    ),
  };
};

const fromEvergreen = (
  ctx: Ctx,
  revisits: { postId: string; date: string }[],
  evergreenDates: string[],
): Choice | undefined => {
  const e = ctx.inputs.config.evergreen;
  const recent = evergreenDates.filter((d) => d >= addDays(ctx.date, -27) && d <= addDays(ctx.date, 27)).length;
  if (recent >= e.perFourWeeks) return undefined;
  const candidate = ctx.inputs.evergreen.find(
    (c) =>
      daysBetween(c.date, ctx.date) >= e.restDays &&
      !revisits.some((r) => r.postId === c.postId && Math.abs(daysBetween(r.date, ctx.date)) < e.restDays) &&
      ctx.accept(c.contentType),
  );
  if (!candidate) return undefined;
  const rested = daysBetween(candidate.date, ctx.date);
  return {
    contentType: candidate.contentType,
    topic: candidate.headline,
    angle:
      ctx.lang === 'fr'
        ? 'Réécriture complète d’une publication qui a bien marché : nouvelle accroche, nouvel exemple, jamais le même texte'
        : 'A full rewrite of a post that did well: new hook, new example, never the same text',
    sourceKind: 'evergreen',
    sourceRef: candidate.postId,
    citation: null,
    reason: l(
      `Past winner to revisit: ${pct2(candidate.rate, 'en')} engagement on ${candidate.date}, rested ${rested} days`,
      `Succès à revisiter : ${pct2(candidate.rate, 'fr')} d’engagement le ${candidate.date}, au repos depuis ${rested} jours`,
    ),
  };
};

/** The fallback: the optimizer's draw among the allowed types (or the mix when nothing is learned). */
const fromPreference = (ctx: Ctx): Choice => {
  const { inputs } = ctx;
  const weighted = CONTENT_TYPES.filter((t) => (inputs.mix[t] ?? 0) > 0);
  const pool = ctx.forced ? [...ctx.forced] : weighted.length ? weighted : [...CONTENT_TYPES];
  let order = preferenceOrder(ctx, pool).filter(ctx.accept);
  // Every type is at its cap: relax the caps rather than leave a posting day empty.
  if (order.length === 0) order = preferenceOrder(ctx, pool);
  if (order.length > 1 && order[0] === ctx.previous) order = [...order.slice(1), order[0]];
  const type = order[0]!;
  const topic = profileTopic(type, inputs.profile, ctx.random);
  const min = inputs.targets[type]?.min;
  const belief = inputs.preference?.beliefs.find((b) => b.type === type);
  const en = typeLabel(type, 'en');
  const fr = typeLabel(type, 'fr');
  const reason = ctx.forced
    ? l(
        `Content-mix target: ${en} needs at least ${pct(min ?? 0)} of these four weeks`,
        `Cible du mélange de contenus : ${fr} doit faire au moins ${pct(min ?? 0)} de ces quatre semaines`,
      )
    : belief
      ? l(
          `Optimizer’s preference: ${en}, believed ${pct2(belief.mean, 'en')} ± ${pct2(belief.sd, 'en')} from ${belief.posts} post${belief.posts === 1 ? '' : 's'}`,
          `Préférence de l’optimiseur : ${fr}, estimé ${pct2(belief.mean, 'fr')} ± ${pct2(belief.sd, 'fr')} sur ${belief.posts} publication${belief.posts > 1 ? 's' : ''}`,
        )
      : l(
          `Editorial mix: ${en} (weight ${inputs.mix[type] ?? 0})`,
          `Mélange éditorial : ${fr} (poids ${inputs.mix[type] ?? 0})`,
        );
  return {
    contentType: type,
    ...topic,
    sourceKind: ctx.forced ? 'mix' : belief ? 'optimizer' : 'mix',
    sourceRef: null,
    citation: null,
    reason,
  };
};

/**
 * Types in the order the optimizer would pick them today: one draw per type from its belief
 * (mean + scale × sd × noise), best first; without beliefs, a weighted draw from the mix.
 */
const preferenceOrder = (ctx: Ctx, pool: readonly ContentType[] = CONTENT_TYPES): ContentType[] => {
  const pref = ctx.inputs.preference;
  if (pref) {
    const means = new Map(pref.beliefs.map((b) => [b.type, b]));
    return pool
      .map((t) => {
        const b = means.get(t);
        return { t, v: b ? b.mean + pref.scale * b.sd * gaussian(ctx.random) : Number.NEGATIVE_INFINITY };
      })
      .sort((a, b) => b.v - a.v || a.t.localeCompare(b.t))
      .map((x) => x.t);
  }
  const weights = pool.map((t) => ({ t, w: Math.max(ctx.inputs.mix[t] ?? 0, 0.01) }));
  const order: ContentType[] = [];
  while (weights.length) {
    const total = weights.reduce((s, w) => s + w.w, 0);
    let draw = ctx.random() * total;
    let i = 0;
    for (; i < weights.length - 1; i += 1) {
      draw -= weights[i]!.w;
      if (draw < 0) break;
    }
    order.push(weights.splice(i, 1)[0]!.t);
  }
  return order;
};
