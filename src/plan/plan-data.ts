import { chosenTexts } from '../store/facts-repo.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { isContentType, type ContentType } from '../domain/content.js';
import { addDays, localDate, zonedToUtc } from '../domain/time.js';
import { loadFacts } from '../measure/facts.js';
import { beliefsFromFacts } from '../optimize/choose-next.js';
import { explorationScaleFor } from '../optimize/bandit.js';
import { measuredFacts } from '../optimize/learning-facts.js';
import { listIdeas } from '../store/ideas-repo.js';
import { postsForCalendar } from '../store/plan-repo.js';
import { offerableItems } from '../store/sources-repo.js';
import type { EvergreenCandidate, IdeaCandidate, NewsCandidate, TypePreference } from './plan-inputs.js';

/** Reads for a plan build and the calendar: each one a repository call shaped for the builder. */

/** The brand's posts by local day, [from, to]; a post goes on its slot's day once it has one. */
export const postsByDay = async (deps: ServiceDeps, from: string, to: string) => {
  const tz = deps.brand.timezone;
  const rows = await postsForCalendar(deps.db, deps.brandSlug, {
    from,
    to,
    fromIso: zonedToUtc(from, 0, tz).toISOString(),
    toIso: zonedToUtc(addDays(to, 1), 0, tz).toISOString(),
  });
  return rows
    .map((r) => ({ ...r, day: r.scheduledAt ? localDate(new Date(r.scheduledAt), tz) : r.targetDate }))
    .filter((r) => r.day >= from && r.day <= to);
};

export const openIdeas = async (deps: ServiceDeps): Promise<IdeaCandidate[]> =>
  (await listIdeas(deps.db, deps.brandSlug, ['open', 'planned'])).map((i) => ({
    id: i.id,
    text: i.text,
    contentType: i.contentType && isContentType(i.contentType) ? i.contentType : null,
    link: i.link,
  }));

/** News items fresh enough for a plan starting on `from`, best first. */
export const offeredNews = async (deps: ServiceDeps, from: string): Promise<NewsCandidate[]> => {
  const n = deps.brand.plan.news;
  const since = zonedToUtc(addDays(from, -n.maxAgeDays), 0, deps.brand.timezone).toISOString();
  const rows = await offerableItems(deps.db, deps.brandSlug, since, n.minScore);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    url: r.url,
    publisher: r.sourceTitle,
    date: localDate(new Date(r.publishedAt ?? r.fetchedAt), deps.brand.timezone),
    score: r.score,
    judgement: r.judgement,
  }));
};

const headlineOf = (text: string | null): string => {
  const first = (text ?? '').split('\n').find((line) => line.trim()) ?? '';
  const sentence = first.split(/(?<=[.!?])\s/)[0] ?? first;
  return sentence.length > 110 ? `${sentence.slice(0, 109).replace(/\s+\S*$/, '')}…` : sentence;
};

/** The best measured posts by engagement rate: candidates for a fresh rewrite. */
export const evergreenCandidates = async (deps: ServiceDeps): Promise<EvergreenCandidate[]> => {
  const facts = await loadFacts(deps.db, deps.brandSlug, deps.brand.timezone, null, deps.clock.now().toISOString());
  const best = facts
    .filter(
      (f): f is typeof f & { rate: number; contentType: ContentType } =>
        f.rate !== null && isContentType(f.contentType),
    )
    .sort((a, b) => b.rate - a.rate || a.id.localeCompare(b.id))
    .slice(0, deps.brand.plan.evergreen.top);
  // The summaries keep no text: only the few chosen posts' texts are read.
  const texts = await chosenTexts(
    deps.db,
    best.map((f) => f.id),
  );
  return best.map((f) => ({
    postId: f.id,
    contentType: f.contentType,
    headline: headlineOf(texts.get(f.id) ?? ''),
    rate: f.rate,
    date: localDate(new Date(f.publishedAt), deps.brand.timezone),
  }));
};

/** The optimizer's beliefs about content types, read without recording a decision. */
export const typePreference = async (deps: ServiceDeps): Promise<TypePreference | null> => {
  try {
    const state = beliefsFromFacts(deps, await measuredFacts(deps));
    return {
      beliefs: state.beliefs
        .filter((b) => b.space === 'type')
        .map((b) => ({ type: b.arm, mean: b.mean, sd: b.sd, posts: b.posts })),
      scale: explorationScaleFor(state.posts),
    };
  } catch {
    return null;
  }
};
