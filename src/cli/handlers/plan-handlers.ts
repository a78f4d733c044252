import { addDays, localDate, weekdayOf } from '../../domain/time.js';
import type { MixAdherence } from '../../domain/plan.js';
import { l, type Localized } from '../../i18n/localized.js';
import { shortDate, typeLabel } from '../../plan/calendar-grid.js';
import { adherence } from '../../plan/mix.js';
import { loadMoments, momentsFile, momentsOfYear } from '../../plan/moments.js';
import { releasePlanEntry, setPlanEntry, skipPlanEntry, swapPlanEntries } from '../../plan/plan-edits.js';
import { refreshPlan, type PlanEntryView } from '../../plan/plan-service.js';
import { platformLabel } from '../../present/platform-lines.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

type PlatformName = 'facebook' | 'instagram' | 'linkedin';

const SOURCE_LABEL: Record<string, Localized> = {
  owner: l('owner', 'vous'),
  moment: l('moment', 'moment'),
  idea: l('idea', 'idée'),
  news: l('news', 'actualité'),
  evergreen: l('evergreen', 'à revisiter'),
  optimizer: l('optimizer', 'optimiseur'),
  mix: l('mix', 'mélange'),
};

export const sourceLabel = (source: string, lang: 'en' | 'fr'): string => SOURCE_LABEL[source]?.[lang] ?? source;

/** One line per content type share against its target. */
export const mixLine = (ctx: AppContext, types: MixAdherence[]): string => {
  const t = ctx.out.t;
  const pct = (x: number) => ctx.out.fmt.percent(x, 0);
  const parts = types
    .filter((m) => m.count > 0 || m.min !== null || m.max !== null)
    .map((m) => {
      const bound = [m.min !== null ? `≥ ${pct(m.min)}` : '', m.max !== null ? `≤ ${pct(m.max)}` : '']
        .filter(Boolean)
        .join(' ');
      const mark = m.status === 'ok' ? '' : m.status === 'over' ? ctx.out.style.red(' ▲') : ctx.out.style.yellow(' ▼');
      return `${typeLabel(m.contentType, ctx.lang)} ${pct(m.share)}${bound ? ` (${bound})` : ''}${mark}`;
    });
  return t(l(`Mix: ${parts.join(', ')}`, `Mélange : ${parts.join(', ')}`));
};

/** The plan as a table: day, platform, type, topic with its reason, source. */
export const renderPlanTable = async (ctx: AppContext, entries: PlanEntryView[]): Promise<string> => {
  const t = ctx.out.t;
  const { default: Table } = await import('cli-table3');
  // Fits 80 columns (five borders included).
  const width = Math.max(60, Math.min(ctx.out.width ?? 80, 80));
  const f = ctx.out.fmt;
  const topicWidth = Math.max(20, width - 13 - 14 - 12 - 5);
  const table = new Table({
    head: [
      t(l('day', 'jour')),
      t(l('type', 'type')),
      t(l('topic · why', 'sujet · pourquoi')),
      t(l('source', 'source')),
    ],
    style: { head: ctx.out.style.enabled ? ['cyan'] : [], border: ctx.out.style.enabled ? ['grey'] : [] },
    wordWrap: true,
    colWidths: [13, 14, topicWidth, 12],
  });
  for (const e of entries) {
    // « mer. 9 déc. », "Wed Dec 9": the day as the reader's language writes it.
    const day = `${f.weekdayShort(weekdayOf(e.date))} ${f.dayMonth(e.date)}${entries.some((x) => x.platform !== e.platform) ? `\n${platformLabel(e.platform, ctx.lang)}` : ''}`;
    const topic = e.skipped
      ? t(l('(skipped)', '(sautée)'))
      : (e.topic ?? t(l('(the writer chooses)', '(au choix du rédacteur)')));
    const why = ctx.out.style.dim(`→ ${t(e.reason)}`);
    const mark = e.postId ? ' ✎' : e.fixed ? ' !' : '';
    table.push([
      day,
      `${typeLabel(e.contentType, ctx.lang)}${mark}`,
      `${topic}\n${why}`,
      sourceLabel(e.source, ctx.lang),
    ]);
  }
  return table.toString();
};

export const runPlan = async (ctx: AppContext, opts: { weeks?: number | undefined; seed?: string | undefined }) => {
  const deps = await serviceDeps(ctx);
  const result = await refreshPlan(deps, { weeks: opts.weeks, seed: opts.seed });
  const mix = adherence(
    result.entries.filter((e) => e.date <= addDays(result.from, 27) && e.platform === result.entries[0]?.platform),
    deps.brand.plan.targets,
  );
  const json = { ...result, mix };
  const text = ctx.out.json ? '' : await renderPlanTable(ctx, result.entries);
  ctx.out.data(json, () => {
    const head = ctx.out.t(
      l(
        `Plan ${result.from} → ${result.to}: ${result.written} entries planned, ${result.kept} kept as they were (fixed or written).`,
        `Plan du ${result.from} au ${result.to} : ${result.written} entrées planifiées, ${result.kept} laissées telles quelles (fixées ou rédigées).`,
      ),
    );
    const legend = ctx.out.style.dim(ctx.out.t(l('! fixed by you · ✎ written', '! fixé par vous · ✎ rédigé')));
    return [head, text, mixLine(ctx, mix.types), legend].join('\n');
  });
};

const entryLine = (ctx: AppContext, e: PlanEntryView) =>
  `${e.date} ${platformLabel(e.platform, ctx.lang)}: ${e.skipped ? ctx.out.t(l('skipped', 'sautée')) : `${typeLabel(e.contentType, ctx.lang)}${e.topic ? ` — ${e.topic}` : ''}`}`;

export const runPlanSet = async (
  ctx: AppContext,
  date: string,
  opts: {
    type?: string | undefined;
    topic?: string | undefined;
    angle?: string | undefined;
    platform?: PlatformName | undefined;
  },
) => {
  const deps = await serviceDeps(ctx);
  const entry = await setPlanEntry(deps, {
    date,
    platform: opts.platform,
    contentType: opts.type,
    topic: opts.topic,
    angle: opts.angle,
  });
  ctx.out.data(entry, () => ctx.out.t(l(`Fixed: ${entryLine(ctx, entry)}`, `Fixée : ${entryLine(ctx, entry)}`)));
};

export const runPlanSkip = async (ctx: AppContext, date: string, opts: { platform?: PlatformName | undefined }) => {
  const deps = await serviceDeps(ctx);
  const entry = await skipPlanEntry(deps, { date, platform: opts.platform });
  ctx.out.data(entry, () =>
    ctx.out.t(
      l(
        `Skipped: no post on ${date} (${platformLabel(entry.platform, 'en')}).`,
        `Sautée : aucune publication le ${date} (${platformLabel(entry.platform, 'fr')}).`,
      ),
    ),
  );
};

export const runPlanSwap = async (
  ctx: AppContext,
  a: string,
  b: string,
  opts: { platform?: PlatformName | undefined },
) => {
  const deps = await serviceDeps(ctx);
  const entries = await swapPlanEntries(deps, { first: a, second: b, platform: opts.platform });
  ctx.out.data({ entries }, () =>
    [
      ctx.out.t(l('Swapped (both days are now fixed):', 'Échangées (les deux journées sont maintenant fixées) :')),
      ...entries.map((e) => `  ${entryLine(ctx, e)}`),
    ].join('\n'),
  );
};

export const runPlanRelease = async (ctx: AppContext, date: string, opts: { platform?: PlatformName | undefined }) => {
  const deps = await serviceDeps(ctx);
  const entry = await releasePlanEntry(deps, { date, platform: opts.platform });
  ctx.out.data(entry, () =>
    ctx.out.t(
      l(
        `Released: ${date} goes back to the planner at the next \`autoscale plan\`.`,
        `Rendue : le ${date} revient au planificateur au prochain \`autoscale plan\`.`,
      ),
    ),
  );
};

export const runPlanMoments = async (ctx: AppContext, opts: { year?: number | undefined }) => {
  const brand = ctx.brand();
  const year = opts.year ?? Number(localDate(ctx.clock.now(), brand.config.timezone).slice(0, 4));
  const moments = momentsOfYear(loadMoments(ctx.paths.root), year);
  ctx.out.data({ year, timeZone: brand.config.timezone, file: momentsFile(ctx.paths.root), moments }, () =>
    [
      ctx.out.style.bold(ctx.out.t(l(`Moments of ${year}`, `Moments de ${year}`))),
      ...moments.map(
        (m) =>
          `  ${shortDate(m.start, ctx.lang).padEnd(9)}${m.end !== m.start ? `→ ${shortDate(m.end, ctx.lang).padEnd(9)}` : ' '.repeat(11)} ${m.name[ctx.lang]}${m.holiday ? ctx.out.style.dim(ctx.out.t(l(' (holiday)', ' (férié)'))) : ''}`,
      ),
      ctx.out.style.dim(
        ctx.out.t(
          l(
            `Edit or add moments in ${momentsFile(ctx.paths.root)}.`,
            `Modifiez ou ajoutez des moments dans ${momentsFile(ctx.paths.root)}.`,
          ),
        ),
      ),
    ].join('\n'),
  );
};
