import Table from 'cli-table3';
import { l } from '../../i18n/localized.js';
import { armLabel, GUIDANCE_STATUS_LABELS, labelOf } from '../../present/labels.js';
import { fitLine } from '../../present/text.js';
import { MIN_GUIDANCE_POSTS } from '../../optimize/guidance.js';
import { currentGuidance, setGuidanceStatus, type GuidanceBlock } from '../../optimize/guidance-service.js';
import { insights } from '../../optimize/insights-service.js';
import { shortId } from '../../store/ids.js';
import { unicodeFromEnv, toAscii } from '../../report/charts.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

export const runInsights = async (ctx: AppContext) => {
  const deps = await serviceDeps(ctx);
  const data = await insights(deps);
  const f = ctx.out.fmt;
  const pct = (x: number) => f.percent(x);
  const tz = deps.brand.timezone;
  /** A decision's slot as stored (`tue 14h`) in words. */
  const slotText = (slot: string) => {
    const m = /^([a-z]{3}) (\d{1,2})h$/.exec(slot);
    return m ? t(armLabel('slot', `${m[1]!}-${m[2]!}`)) : slot;
  };
  const t = ctx.out.t;
  const unicode = unicodeFromEnv(ctx.processEnv);
  ctx.out.data(data, () => {
    const s = ctx.out.style;
    const lines: string[] = [];
    lines.push(
      s.bold(
        t(
          l(
            `What the optimizer believes (${data.measuredPosts} measured posts)`,
            `Ce que l’optimiseur croit (${data.measuredPosts} publications mesurées)`,
          ),
        ),
      ),
    );
    if (data.measuredPosts === 0)
      lines.push(
        t(
          l(
            'No measured post yet: these are the B2B benchmark priors (0.5–1 % engagement).',
            'Aucune publication mesurée : ce sont les a priori des références B2B (0,5–1 % d’engagement).',
          ),
        ),
      );
    const titles = {
      type: l('Content type', 'Type de contenu'),
      style: l('Style', 'Style'),
      slot: l('Day × hour', 'Jour × heure'),
    };
    for (const space of ['type', 'style', 'slot'] as const) {
      const table = new Table({
        head: [
          t(titles[space]),
          t(l('estimate', 'estimation')),
          t(l('90 % interval', 'intervalle 90 %')),
          t(l('posts', 'publ.')),
          t(l('P(best)', 'P(meilleur)')),
        ],
        style: { head: [], border: [] },
      });
      for (const a of data.spaces[space])
        table.push([
          t(armLabel(space, a.arm)),
          pct(a.mean),
          `${pct(a.low)} – ${pct(a.high)}`,
          f.int(a.posts),
          f.percent(a.probabilityBest, 0),
        ]);
      lines.push(table.toString());
    }
    lines.push(
      s.dim(
        t(
          l(
            `How it chooses: each option starts from the B2B benchmark, as if it had 2 posts, and moves with every measured post (one post's result varies by about ±${pct(data.noiseSd)}). It usually picks the best estimate and sometimes an option still uncertain, to learn; more often in the first ${data.exploration.posts} measured posts${data.measuredPosts < data.exploration.posts ? ' (now)' : ''}, less after${data.measuredPosts >= data.exploration.posts ? ' (now)' : ''}.`,
            `Comment il choisit\u00a0: chaque option part de la référence B2B, comme si elle avait 2 publications, et bouge avec chaque publication mesurée (le résultat d’une publication varie d’environ ±${pct(data.noiseSd)}). Il prend le plus souvent la meilleure estimation, et parfois une option encore incertaine, pour apprendre\u00a0; plus souvent durant les ${data.exploration.posts} premières publications mesurées${data.measuredPosts < data.exploration.posts ? ' (en ce moment)' : ''}, moins ensuite${data.measuredPosts >= data.exploration.posts ? ' (en ce moment)' : ''}.`,
          ),
        ),
      ),
    );
    lines.push(s.bold(t(l('Last decisions', 'Dernières décisions'))));
    if (data.decisions.length === 0)
      lines.push(
        `  ${t(l('none yet (made when a post is generated)', 'aucune (prises à la génération d’une publication)'))}`,
      );
    for (const d of data.decisions)
      lines.push(
        `  ${f.dateTime(new Date(d.decidedAt), tz)}  ${t(armLabel('type', d.contentType))} · ${d.styleOrder.map((x) => t(armLabel('style', x))).join(' > ')} · ${d.slot ? slotText(d.slot) : ''}\n    ${s.dim(t(d.explanation))}`,
      );
    lines.push(s.bold(t(l('Engagement predictor', 'Prédicteur d’engagement'))));
    const p = data.predictor;
    lines.push(
      p.kind === 'fitted'
        ? `  ${t(l(`ridge regression on ${p.samples} posts; cross-validated error ±${pct(p.mae!)} (mean-only baseline ±${pct(p.baselineMae!)})`, `régression ridge sur ${p.samples} publications; erreur en validation croisée ±${pct(p.mae!)} (référence moyenne seule ±${pct(p.baselineMae!)})`))}`
        : `  ${t(l(`benchmark prior (needs ${p.minSamples} measured posts to fit; has ${p.samples})`, `a priori des références (il faut ${p.minSamples} publications mesurées; il y en a ${p.samples})`))}`,
    );
    lines.push(renderGuidance(ctx, data.guidance, data.minGuidancePosts));
    // Prose wraps at the terminal's width; continuation lines keep their indent.
    const text = lines
      .join('\n')
      .split('\n')
      .map((line) => {
        // A decision's heading (indent 2) continues under its explanation (indent 4).
        const lead = /^ */.exec(line)![0].length;
        return fitLine(line, ctx.out.width, lead === 2 ? 4 : lead);
      })
      .join('\n');
    return unicode ? text : toAscii(text);
  });
};

const renderGuidance = (ctx: AppContext, g: GuidanceBlock, minPosts: number): string => {
  const s = ctx.out.style;
  const t = ctx.out.t;
  const lines = [
    s.bold(
      t(
        l(
          `Prompt guidance${g.versionNo ? ` (v${g.versionNo})` : ''}`,
          `Guide des prompts${g.versionNo ? ` (v${g.versionNo})` : ''}`,
        ),
      ),
    ),
  ];
  if (g.lines.length === 0)
    lines.push(
      `  ${t(l(`no lesson yet (needs ${minPosts} measured posts with a clear difference)`, `aucune leçon pour l’instant (il faut ${minPosts} publications mesurées avec un écart net)`))}`,
    );
  for (const line of g.lines) {
    const mark = { active: '+', pinned: '*', rejected: 'x', stale: '-' }[line.status];
    lines.push(
      `  ${mark} ${shortId(line.id)} ${s.dim(`[${t(labelOf(GUIDANCE_STATUS_LABELS, line.status))}${line.forPrompt ? '' : t(l(', not in prompt', ', hors prompt'))}]`)} ${t(line.text)}`,
    );
  }
  lines.push(
    s.dim(
      t(
        l(
          '+ active · * pinned · x rejected · - no longer supported by the data',
          '+ active · * épinglée · x rejetée · - plus appuyée par les données',
        ),
      ),
    ),
  );
  return lines.join('\n');
};

export const runGuidance = async (
  ctx: AppContext,
  opts: { pin?: string | undefined; reject?: string | undefined; reset?: string | undefined },
) => {
  // At most one of them is given (commands/insights.ts).
  const action =
    opts.pin !== undefined
      ? { id: opts.pin, status: 'pinned' as const }
      : opts.reject !== undefined
        ? { id: opts.reject, status: 'rejected' as const }
        : opts.reset !== undefined
          ? { id: opts.reset, status: 'active' as const }
          : undefined;
  const deps = await serviceDeps(ctx);
  let block: GuidanceBlock;
  if (action) {
    block = await setGuidanceStatus(deps, action.id, action.status);
    ctx.out.note(
      l(
        `Guidance line ${action.id} is now ${labelOf(GUIDANCE_STATUS_LABELS, action.status).en}.`,
        `La ligne ${action.id} est maintenant ${labelOf(GUIDANCE_STATUS_LABELS, action.status).fr}.`,
      ),
    );
  } else {
    block = await currentGuidance(deps);
  }
  ctx.out.data(block, () => {
    const text = `${renderGuidance(ctx, block, MIN_GUIDANCE_POSTS)}${block.text ? `\n\n${ctx.out.style.bold(ctx.out.t(l('Injected into prompts:', 'Injecté dans les prompts :')))}\n${block.text}` : ''}`;
    return unicodeFromEnv(ctx.processEnv) ? text : toAscii(text);
  });
};
