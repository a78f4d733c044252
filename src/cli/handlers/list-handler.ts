import { forBrand } from '../../publish/session.js';
import { platformOverview } from '../../publish/platform-overview.js';
import { renderPlatformViews } from '../../present/platform-lines.js';
import { serviceDeps } from './service-deps.js';
import { neutralise } from '../../present/terminal-text.js';
import { POST_STATES, type PostState } from '../../domain/post-state.js';
import { formatLocal } from '../../domain/time.js';
import { l } from '../../i18n/localized.js';
import { shortId } from '../../store/ids.js';
import { countPostsByState, listPostSummaries } from '../../store/posts-repo.js';
import { postDetail, resolvePost } from '../../store/post-lookup.js';
import type { AppContext } from '../context.js';
import { postDetailJson, renderPostDetail } from '../../present/post-render.js';

export const runList = async (
  ctx: AppContext,
  opts: { state?: PostState[] | undefined; allBrands: boolean; limit: number },
) => {
  const { state: states, limit } = opts;
  const brand = opts.allBrands ? undefined : ctx.brand();
  const db = await ctx.database();
  // Rejected posts are done with: hidden unless asked for by state, and counted so none seems lost.
  const shown = states ?? POST_STATES.filter((s) => s !== 'rejected');
  const hiddenRejected = states ? 0 : ((await countPostsByState(db, brand?.slug)).rejected ?? 0);
  const summaries = await listPostSummaries(db, {
    brand: brand?.slug,
    states: shown,
    limit: limit === 0 ? undefined : limit,
  });
  const tz = brand?.config.timezone ?? ctx.config().brands[ctx.config().currentBrand]?.timezone ?? 'America/Toronto';
  const rows = summaries.map((p) => ({
    id: p.id,
    shortId: shortId(p.id),
    brand: p.brand,
    state: p.state,
    contentType: p.contentType,
    targetDate: p.targetDate,
    scheduledAt: p.scheduledAt,
    variants: Number(p.variantCount),
    bestQuality: p.bestQuality,
    headline: p.headline,
    createdAt: p.createdAt,
  }));
  // cli-table3 is only loaded for the human view.
  const render = async () => {
    const hiddenNote =
      hiddenRejected > 0
        ? ctx.out.t(
            l(
              `${hiddenRejected} rejected post${hiddenRejected === 1 ? '' : 's'} hidden: autoscale list --state rejected`,
              `${hiddenRejected} post${hiddenRejected === 1 ? '' : 's'} rejeté${hiddenRejected === 1 ? '' : 's'} masqué${hiddenRejected === 1 ? '' : 's'}\u00a0: autoscale list --state rejected`,
            ),
          )
        : '';
    if (rows.length === 0 && hiddenNote) return hiddenNote;
    if (rows.length === 0)
      return ctx.out.t(
        l(
          'No posts yet. Start with: autoscale generate --type case_study',
          'Aucun post pour l’instant. Commencez par : autoscale generate --type case_study',
        ),
      );
    const t = ctx.out.t;
    const { default: Table } = await import('cli-table3');
    const table = new Table({
      head: [
        t(l('id', 'id')),
        t(l('state', 'état')),
        t(l('type', 'type')),
        t(l('date', 'date')),
        t(l('slot', 'créneau')),
        t(l('quality', 'qualité')),
        t(l('headline', 'titre')),
      ],
      style: { head: ctx.out.style.enabled ? ['cyan'] : [], border: ctx.out.style.enabled ? ['grey'] : [] },
      wordWrap: true,
      colWidths: [10, 12, 18, 12, 18, 9, Math.max(20, ctx.out.columns - 95)],
    });
    for (const r of rows) {
      table.push([
        r.shortId,
        r.state,
        r.contentType,
        r.targetDate,
        r.scheduledAt ? formatLocal(new Date(r.scheduledAt), tz) : '',
        r.bestQuality === null ? '' : String(Math.round(r.bestQuality)),
        neutralise(r.headline ?? ''),
      ]);
    }
    return hiddenNote ? `${table.toString()}\n${hiddenNote}` : table.toString();
  };
  const text = ctx.out.json ? '' : await render();
  ctx.out.data({ posts: rows, count: rows.length, hidden: { rejected: hiddenRejected } }, () => text);
};

export const runShow = async (ctx: AppContext, id: string) => {
  const db = await ctx.database();
  const post = await resolvePost(db, id);
  const detail = await postDetail(db, post);
  const tz = ctx.config().brands[post.brand]?.timezone ?? 'America/Toronto';
  const deps = forBrand(await serviceDeps(ctx), post.brand);
  const platforms = await platformOverview(deps, post);
  ctx.out.data({ ...postDetailJson(detail, ctx.paths.media), platforms }, () =>
    [renderPostDetail(detail, ctx.out, tz, ctx.paths.media), renderPlatformViews(ctx.out.t, platforms, tz)]
      .filter(Boolean)
      .join('\n\n'),
  );
};
