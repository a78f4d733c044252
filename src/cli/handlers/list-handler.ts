import { forBrand } from '../../publish/session.js';
import { platformOverview } from '../../publish/platform-overview.js';
import { renderPlatformViews } from '../../present/platform-lines.js';
import { serviceDeps } from './service-deps.js';
import { neutralise } from '../../present/terminal-text.js';
import { POST_STATES, type PostState } from '../../domain/post-state.js';
import { l } from '../../i18n/localized.js';
import { shortId } from '../../store/ids.js';
import { countPostsByState, listPostSummaries } from '../../store/posts-repo.js';
import { postDetail, resolvePost } from '../../store/post-lookup.js';
import type { AppContext } from '../context.js';
import { postDetailJson, renderPostDetail } from '../../present/post-render.js';
import { stateLabel, typeLabel } from '../../present/labels.js';
import { renderTable, type Column } from '../../present/table.js';
import { unicodeFromEnv } from '../../report/charts.js';
import { command } from '../../i18n/commands.js';
import { LIST } from '../messages/posts.js';

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
  ctx.out.data({ posts: rows, count: rows.length, hidden: { rejected: hiddenRejected } }, () => {
    const { fmt, t, style } = ctx.out;
    const s = hiddenRejected === 1 ? '' : 's';
    const hiddenNote =
      hiddenRejected > 0
        ? t(
            l(
              `${hiddenRejected} rejected post${s} hidden: autoscale list --state rejected`,
              `${hiddenRejected} publication${s} rejetée${s} masquée${s}\u00a0: autoscale list --state rejected`,
            ),
          )
        : '';
    if (rows.length === 0) return hiddenNote || t(LIST.empty(command('generate', '--type case_study')));
    const columns: Column[] = [
      { header: t(LIST.id), priority: 0 },
      { header: t(LIST.state), priority: 3, min: 9, overflow: 'truncate' },
      { header: t(LIST.type), priority: 4, min: 10, overflow: 'truncate' },
      { header: t(LIST.date), priority: 5, min: 10, overflow: 'wrap' },
      { header: t(LIST.quality), priority: 1, align: 'right' },
      { header: t(LIST.headline), priority: 6, min: 24, overflow: 'truncate' },
      ...(opts.allBrands
        ? [{ header: t(LIST.brand), priority: 7, optional: true, overflow: 'truncate' as const }]
        : []),
    ];
    const table = rows.map((r) => [
      r.shortId,
      stateLabel(r.state, fmt.lang),
      typeLabel(r.contentType, fmt.lang),
      r.scheduledAt ? fmt.dateTime(new Date(r.scheduledAt), tz) : r.targetDate,
      r.bestQuality === null ? '' : fmt.int(r.bestQuality),
      neutralise(r.headline ?? ''),
      ...(opts.allBrands ? [r.brand] : []),
    ]);
    const text = renderTable(columns, table, { width: ctx.out.width, style, unicode: unicodeFromEnv(ctx.processEnv) });
    return hiddenNote ? `${text}\n${hiddenNote}` : text;
  });
};

export const runShow = async (ctx: AppContext, id: string) => {
  const db = await ctx.database();
  const post = await resolvePost(db, id);
  const detail = await postDetail(db, post);
  const tz = ctx.config().brands[post.brand]?.timezone ?? 'America/Toronto';
  const deps = forBrand(await serviceDeps(ctx), post.brand);
  const platforms = await platformOverview(deps, post);
  ctx.out.data({ ...postDetailJson(detail, ctx.paths.media), platforms }, () =>
    [renderPostDetail(detail, ctx.out, tz, ctx.paths.media), renderPlatformViews(ctx.out.fmt, platforms, tz)]
      .filter(Boolean)
      .join('\n\n'),
  );
};
