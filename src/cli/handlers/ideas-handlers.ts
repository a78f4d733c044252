import { l } from '../../i18n/localized.js';
import { typeLabel } from '../../plan/calendar-grid.js';
import { addIdea, dropIdea, ideasList } from '../../plan/ideas-service.js';
import { refreshPlan } from '../../plan/plan-service.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

export const runIdeasAdd = async (
  ctx: AppContext,
  text: string,
  opts: { type?: string | undefined; link?: string | undefined },
) => {
  const deps = await serviceDeps(ctx);
  const idea = await addIdea(deps, { text, contentType: opts.type, link: opts.link, origin: 'cli' });
  ctx.out.data(idea, () =>
    ctx.out.t(
      l(
        `Idea ${idea.shortId} added; \`autoscale plan\` places it (at most ${deps.brand.plan.ideasPerWeek} a week).`,
        `Idée ${idea.shortId} ajoutée; \`autoscale plan\` la place (au plus ${deps.brand.plan.ideasPerWeek} par semaine).`,
      ),
    ),
  );
};

const STATUS = {
  open: l('waiting', 'en attente'),
  planned: l('planned', 'prévue'),
  used: l('written', 'rédigée'),
  dropped: l('dropped', 'retirée'),
} as const;

export const runIdeasList = async (ctx: AppContext, opts: { all: boolean }) => {
  const deps = await serviceDeps(ctx);
  const ideas = await ideasList(deps, opts.all);
  ctx.out.data({ ideas, count: ideas.length }, () => {
    if (ideas.length === 0)
      return ctx.out.t(
        l(
          'The inbox is empty. Add one: autoscale ideas add "…"',
          'La boîte est vide. Ajoutez-en une : autoscale ideas add "…"',
        ),
      );
    return ideas
      .map((i) => {
        const status = ctx.out.t(STATUS[i.status as keyof typeof STATUS] ?? l(i.status, i.status));
        const meta = [i.contentType ? typeLabel(i.contentType, ctx.lang) : '', status, i.origin]
          .filter(Boolean)
          .join(' · ');
        return `${i.shortId}  ${i.text}\n          ${ctx.out.style.dim(`${meta}${i.link ? ` · ${i.link}` : ''}`)}`;
      })
      .join('\n');
  });
};

export const runIdeasDrop = async (ctx: AppContext, id: string) => {
  const deps = await serviceDeps(ctx);
  const dropped = await dropIdea(deps, id);
  // A planned idea leaves the plan now, not at the next refresh.
  const replanned = dropped.status === 'dropped' ? await refreshPlan(deps).then(() => true) : false;
  ctx.out.data({ ...dropped, replanned }, () =>
    ctx.out.t(l(`Idea ${dropped.shortId} dropped.`, `Idée ${dropped.shortId} retirée.`)),
  );
};
