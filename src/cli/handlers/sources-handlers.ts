import { l } from '../../i18n/localized.js';
import {
  feedSources,
  addFeedSource,
  fetchAllSources,
  removeFeedSource,
  type FetchSummary,
  type SourceRuntime,
} from '../../plan/sources-service.js';
import { selectTextProvider } from '../../providers/select.js';
import { recentSourceItems } from '../../store/sources-repo.js';
import type { ServiceDeps } from '../../deps/service-deps.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

/** The text model judges relevance when one is configured; offline, keywords alone decide. */
const runtime = (ctx: AppContext, deps: ServiceDeps): SourceRuntime => {
  const selected = selectTextProvider(deps.config, deps.env);
  if (selected.provider.offline)
    ctx.out.note(
      l(
        'Relevance by keywords (no text model configured).',
        'Pertinence par mots-clés (aucun modèle de texte configuré).',
      ),
    );
  return {
    provider: selected.provider.offline ? undefined : selected.provider,
    warn: (message, detail) =>
      ctx.out.warn(l(`${message} ${JSON.stringify(detail)}`, `${message} ${JSON.stringify(detail)}`)),
  };
};

const describe = (ctx: AppContext, s: FetchSummary): string => {
  const name = s.title ?? s.url;
  switch (s.status) {
    case 'not_modified':
      return ctx.out.t(
        l(`${name}: unchanged since the last read (304).`, `${name} : inchangé depuis la dernière lecture (304).`),
      );
    case 'error':
      return ctx.out.t(l(`${name}: could not be read (${s.error ?? ''}).`, `${name} : illisible (${s.error ?? ''}).`));
    default:
      return ctx.out.t(
        l(
          `${name}: ${s.newItems} new item${s.newItems === 1 ? '' : 's'}, ${s.duplicates} already known${s.judged ? `, ${s.judged} judged by the model` : ''}.`,
          `${name} : ${s.newItems} nouvel${s.newItems > 1 ? 's' : ''} article${s.newItems > 1 ? 's' : ''}, ${s.duplicates} déjà connu${s.duplicates > 1 ? 's' : ''}${s.judged ? `, ${s.judged} jugé${s.judged > 1 ? 's' : ''} par le modèle` : ''}.`,
        ),
      );
  }
};

export const runSourcesAdd = async (ctx: AppContext, url: string, opts: { check: boolean }) => {
  const deps = await serviceDeps(ctx);
  const check = opts.check;
  const result = await addFeedSource(deps, url, { check }, check ? runtime(ctx, deps) : {});
  ctx.out.data(result, () =>
    check
      ? describe(ctx, result)
      : ctx.out.t(l(`Feed added (not read yet): ${result.url}`, `Fil ajouté (pas encore lu) : ${result.url}`)),
  );
};

export const runSourcesFetch = async (ctx: AppContext) => {
  const deps = await serviceDeps(ctx);
  const results = await fetchAllSources(deps, runtime(ctx, deps));
  ctx.out.data({ sources: results }, () =>
    results.length
      ? results.map((r) => describe(ctx, r)).join('\n')
      : ctx.out.t(
          l(
            'No feed yet. Add one: autoscale sources add <url>',
            'Aucun fil. Ajoutez-en un : autoscale sources add <url>',
          ),
        ),
  );
  if (results.some((r) => r.status === 'error')) ctx.exitCode = 7;
};

export const runSourcesList = async (ctx: AppContext, opts: { items: boolean }) => {
  const deps = await serviceDeps(ctx);
  const sources = await feedSources(deps);
  const items = opts.items ? await recentSourceItems(deps.db, deps.brandSlug, 20) : [];
  ctx.out.data({ sources, ...(opts.items ? { items } : {}) }, () => {
    if (sources.length === 0)
      return ctx.out.t(
        l(
          'No feed yet. Add one: autoscale sources add <url>',
          'Aucun fil. Ajoutez-en un : autoscale sources add <url>',
        ),
      );
    const lines = sources.map((s) => {
      const last = s.lastFetchedAt
        ? `${s.lastStatus ?? ''} ${ctx.out.fmt.dateTime(new Date(s.lastFetchedAt), deps.brand.timezone)}${s.lastError ? ` — ${s.lastError}` : ''}`
        : ctx.out.t(l('never read', 'jamais lu'));
      return `${s.shortId}  ${s.title ?? s.url}\n          ${ctx.out.style.dim(`${s.url} · ${last}`)}`;
    });
    for (const i of items)
      lines.push(`  ${Math.round(i.score * 100)} %  ${i.title}${ctx.out.style.dim(` (${i.status})`)}`);
    return lines.join('\n');
  });
};

export const runSourcesRemove = async (ctx: AppContext, ref: string) => {
  const deps = await serviceDeps(ctx);
  const removed = await removeFeedSource(deps, ref);
  ctx.out.data(removed, () => ctx.out.t(l(`Feed removed: ${removed.url}`, `Fil retiré : ${removed.url}`)));
};
