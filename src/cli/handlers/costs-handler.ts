import { COST_PURPOSE_LABELS, labelOf, stateLabel, typeLabel } from '../../present/labels.js';
import { renderTable, type Column } from '../../present/table.js';
import { fitLine } from '../../present/text.js';
import { unicodeFromEnv } from '../../report/charts.js';
import { costReport, type CostPeriod } from '../../services/costs-service.js';
import { shortId } from '../../store/ids.js';
import type { AppContext } from '../context.js';
import { COSTS } from '../messages/costs.js';
import { serviceDeps } from './service-deps.js';

export const runCosts = async (ctx: AppContext, opts: { week: boolean; all: boolean }) => {
  // --week, --month and --all exclude each other (commands/costs.ts); --month is the default.
  const period: CostPeriod = opts.week ? 'week' : opts.all ? 'all' : 'month';
  const deps = await serviceDeps(ctx);
  const r = await costReport(deps, period);
  ctx.out.data(r, () => {
    const { style: s, t, fmt, width } = ctx.out;
    const lang = fmt.lang;
    const table = (columns: Column[], rows: string[][]) =>
      renderTable(columns, rows, { width, style: s, unicode: unicodeFromEnv(ctx.processEnv), indent: 2 });
    const calls = (n: number) => fmt.count(n, COSTS.call, COSTS.calls);
    const cost = (x: number) => fmt.money(x);
    const lines = [
      s.bold(t(COSTS.title(t(period === 'week' ? COSTS.week : period === 'month' ? COSTS.month : COSTS.all)))),
      t(COSTS.total(s.bold(cost(r.total.costUsd)), calls(r.total.calls))),
      t(
        COSTS.tokens(
          fmt.int(r.total.inputTokens),
          fmt.int(r.total.outputTokens),
          fmt.int(r.total.cacheWriteTokens),
          fmt.int(r.total.cacheReadTokens),
        ),
      ),
      t(COSTS.posts(fmt.count(r.posts.length, COSTS.post, COSTS.postsNoun), cost(r.averagePerPostUsd))),
    ];
    if (r.byPurpose.length) {
      lines.push('', s.bold(t(COSTS.byPurpose)));
      lines.push(
        table(
          [
            { header: t(COSTS.purpose), priority: 1, min: 10, overflow: 'wrap' },
            { header: t(COSTS.cost), priority: 0, align: 'right' },
            { header: t(COSTS.callsHeader), priority: 0, align: 'right' },
          ],
          r.byPurpose.map((p) => [t(labelOf(COST_PURPOSE_LABELS, p.purpose)), cost(p.costUsd), fmt.int(p.calls)]),
        ),
      );
      lines.push('', s.bold(t(COSTS.byModel)));
      lines.push(
        table(
          [
            { header: t(COSTS.model), priority: 1, min: 16, overflow: 'truncate' },
            { header: t(COSTS.cost), priority: 0, align: 'right' },
            { header: t(COSTS.callsHeader), priority: 0, align: 'right' },
          ],
          r.byModel.map((m) => [`${m.provider}/${m.model}`, cost(m.costUsd), fmt.int(m.calls)]),
        ),
      );
    }
    if (r.posts.length) {
      lines.push('', s.bold(t(COSTS.perPost)));
      lines.push(
        table(
          [
            { header: t(COSTS.id), priority: 0 },
            { header: t(COSTS.date), priority: 1 },
            { header: t(COSTS.type), priority: 3, min: 8, overflow: 'truncate' },
            { header: t(COSTS.state), priority: 2, min: 8, overflow: 'truncate' },
            { header: t(COSTS.cost), priority: 0, align: 'right' },
          ],
          r.posts.map((p) => [
            shortId(p.postId),
            p.targetDate,
            typeLabel(p.contentType, lang),
            stateLabel(p.state, lang),
            cost(p.costUsd),
          ]),
        ),
      );
    }
    if (r.unattached.calls)
      lines.push('', s.yellow(t(COSTS.unattached(cost(r.unattached.costUsd), calls(r.unattached.calls)))));
    if (!r.total.calls) lines.push('', s.dim(t(COSTS.free)));
    return lines.map((line) => (line.includes('\n') ? line : fitLine(line, width, 2))).join('\n');
  });
};
