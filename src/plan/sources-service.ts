import type { Source } from '../domain/plan-records.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { ExternalError, NotFoundError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { TextProvider } from '../providers/types.js';
import { shortId } from '../store/ids.js';
import {
  addSource,
  insertSourceItem,
  knownItemKeys,
  listSources,
  recordFetch,
  removeSource,
} from '../store/sources-repo.js';
import { immediate } from '../store/tx.js';
import { FeedError, fetchFeed, itemKey, titleKey, type FeedFetched } from './feeds.js';
import { judgeItems, keywordScore } from './relevance.js';

export interface FetchSummary {
  id: string;
  url: string;
  title: string | null;
  status: 'ok' | 'not_modified' | 'error';
  newItems: number;
  duplicates: number;
  judged: number;
  error: string | null;
}

export interface SourceRuntime {
  /** The text model for relevance judgements (none, or offline: keywords only). */
  provider?: TextProvider | undefined;
  fetch?: typeof fetch;
  warn?: (message: string, detail: object) => void;
}

/** A feed URL as typed: http(s) only, without credentials. */
export const feedUrl = (value: string): string => {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    throw badUrl(value);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password) throw badUrl(value);
  u.hash = '';
  return u.toString();
};

const badUrl = (value: string) =>
  new UsageError(l(`"${value}" is not a feed address.`, `« ${value} » n’est pas l’adresse d’un fil.`), {
    code: 'bad_feed_url',
    fix: l(
      'Give the http(s) address of an RSS or Atom feed, e.g. https://www.lesaffaires.com/rss/pme.',
      'Donnez l’adresse http(s) d’un fil RSS ou Atom, p. ex. https://www.lesaffaires.com/rss/pme.',
    ),
  });

const fetchOptions = (
  deps: ServiceDeps,
  source: Pick<Source, 'etag' | 'lastModified'> | undefined,
  rt: SourceRuntime,
) => {
  const s = deps.brand.plan.sources;
  return {
    etag: source?.etag,
    lastModified: source?.lastModified,
    timeoutMs: s.timeoutMs,
    maxBytes: s.maxBytes,
    maxItems: s.maxItems,
    now: deps.clock.now(),
    ...(rt.fetch ? { fetch: rt.fetch } : {}),
  };
};

/**
 * Adds a feed. With `check` (the default) the feed is read first and refused, with nothing
 * written, when it cannot be read; its items are kept at once.
 */
export const addFeedSource = async (
  deps: ServiceDeps,
  url: string,
  options: { check: boolean },
  rt: SourceRuntime = {},
): Promise<FetchSummary> => {
  const clean = feedUrl(url);
  let fetched: FeedFetched | undefined;
  if (options.check) {
    try {
      fetched = await fetchFeed(clean, fetchOptions(deps, undefined, rt));
    } catch (error) {
      throw unreadable(clean, error);
    }
  }
  const title = fetched?.status === 'ok' ? fetched.title : null;
  const w = deps.writer();
  const { id } = await immediate(deps.db, async (trx) => {
    const added = await addSource(trx, w, deps.brandSlug, clean, title);
    if (fetched?.status === 'ok')
      await recordFetch(trx, w, added.id, {
        status: 'ok',
        title,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
      });
    return added;
  });
  const stored = { id, url: clean, title };
  return fetched?.status === 'ok' ? keepItems(deps, stored, fetched, rt) : summary(stored, 'ok', 0, 0, 0, null);
};

const unreadable = (url: string, error: unknown) => {
  const detail = error instanceof FeedError ? error.message : (error as Error).message;
  return new ExternalError(
    'feed',
    l(`The feed ${url} could not be read: ${detail}.`, `Le fil ${url} n’a pas pu être lu : ${detail}.`),
    {
      code: error instanceof FeedError ? `feed_${error.problem}` : 'feed_error',
      fix: l(
        'Check the address in a browser (it must be an RSS or Atom feed), or add it with --no-check to try later.',
        'Vérifiez l’adresse dans un navigateur (ce doit être un fil RSS ou Atom), ou ajoutez-la avec --no-check pour réessayer plus tard.',
      ),
    },
  );
};

const summary = (
  s: { id: string; url: string; title: string | null },
  status: FetchSummary['status'],
  newItems: number,
  duplicates: number,
  judged: number,
  error: string | null,
): FetchSummary => ({ id: s.id, url: s.url, title: s.title, status, newItems, duplicates, judged, error });

/** Keeps a fetch's new items (duplicates by link, feed id or title are skipped), scored. */
const keepItems = async (
  deps: ServiceDeps,
  source: { id: string; url: string; title: string | null },
  fetched: Extract<FeedFetched, { status: 'ok' }>,
  rt: SourceRuntime,
): Promise<FetchSummary> => {
  const keywords = deps.brand.plan.news.keywords;
  const candidates = fetched.items.map((e) => ({ e, key: itemKey(e), title: titleKey(e.title) }));
  const known = await knownItemKeys(
    deps.db,
    deps.brandSlug,
    candidates.map((c) => c.key),
    candidates.map((c) => c.title),
  );
  const fresh: { id: string; title: string; summary: string | null; score: number }[] = [];
  let duplicates = 0;
  const w = deps.writer();
  await immediate(deps.db, async (trx) => {
    for (const c of candidates) {
      if (known.items.has(c.key) || (c.title && known.titles.has(c.title))) {
        duplicates += 1;
        continue;
      }
      known.items.add(c.key);
      if (c.title) known.titles.add(c.title);
      const score = keywordScore(keywords, c.e.title, c.e.summary);
      const id = await insertSourceItem(trx, w, {
        sourceId: source.id,
        brand: deps.brandSlug,
        itemKey: c.key,
        titleKey: c.title,
        title: c.e.title,
        url: c.e.url,
        publishedAt: c.e.publishedAt,
        summary: c.e.summary,
        score,
        scoreBasis: 'keywords',
        judgement: null,
      });
      fresh.push({ id, title: c.e.title, summary: c.e.summary, score });
    }
  });
  const top = deps.brand.plan.news.judgeTop;
  const toJudge = [...fresh]
    .sort((a, b) => b.score - a.score)
    .slice(0, top)
    .filter((f) => f.score > 0);
  const judged = rt.provider
    ? await judgeItems(
        deps,
        rt.provider,
        toJudge.map((f) => ({ ...f, source: source.title })),
        (item, error) => rt.warn?.('relevance judgement failed; the keyword score stays', { item, err: error.message }),
      )
    : [];
  return summary(source, 'ok', fresh.length, duplicates, judged.length, null);
};

/**
 * Reads every feed of the brand, each with its own conditional request; one failing feed is
 * recorded on its source (with a failure count) and never stops the others.
 */
export const fetchAllSources = async (deps: ServiceDeps, rt: SourceRuntime = {}): Promise<FetchSummary[]> => {
  const out: FetchSummary[] = [];
  for (const source of await listSources(deps.db, deps.brandSlug)) {
    let fetched: FeedFetched;
    try {
      fetched = await fetchFeed(source.url, fetchOptions(deps, source, rt));
    } catch (error) {
      const message = error instanceof FeedError ? error.message : (error as Error).message;
      await recordFetch(deps.db, deps.writer(), source.id, { status: 'error', error: message.slice(0, 300) });
      out.push(summary(source, 'error', 0, 0, 0, message));
      continue;
    }
    if (fetched.status === 'not_modified') {
      await recordFetch(deps.db, deps.writer(), source.id, { status: 'not_modified' });
      out.push(summary(source, 'not_modified', 0, 0, 0, null));
      continue;
    }
    await recordFetch(deps.db, deps.writer(), source.id, {
      status: 'ok',
      title: fetched.title,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
    });
    out.push(await keepItems(deps, { ...source, title: fetched.title ?? source.title }, fetched, rt));
  }
  return out;
};

export const feedSources = async (deps: ServiceDeps) =>
  (await listSources(deps.db, deps.brandSlug)).map((s) => ({
    id: s.id,
    shortId: shortId(s.id),
    url: s.url,
    title: s.title,
    lastFetchedAt: s.lastFetchedAt,
    lastStatus: s.lastStatus,
    lastError: s.lastError,
    failures: s.failures,
  }));

/** Removes a feed by its address or (short) id; the items already read stay. */
export const removeFeedSource = async (deps: ServiceDeps, ref: string) => {
  const all = await listSources(deps.db, deps.brandSlug);
  const norm = ref.replace(/-/g, '').toLowerCase();
  let byUrl: string | undefined;
  try {
    byUrl = feedUrl(ref);
  } catch {
    byUrl = undefined;
  }
  const found = all.filter(
    (s) => s.url === byUrl || s.id === ref || (norm.length >= 6 && s.id.replace(/-/g, '').endsWith(norm)),
  );
  if (found.length !== 1) {
    throw new NotFoundError(
      found.length
        ? l(`"${ref}" matches several feeds.`, `« ${ref} » correspond à plusieurs fils.`)
        : l(`No feed "${ref}".`, `Aucun fil « ${ref} ».`),
      {
        code: 'unknown_source',
        fix: l(
          'See `autoscale sources list` for the ids and addresses.',
          'Voyez `autoscale sources list` pour les identifiants et les adresses.',
        ),
      },
    );
  }
  await removeSource(deps.db, deps.writer(), found[0]!.id);
  return { id: found[0]!.id, url: found[0]!.url };
};
