import { l } from '../../i18n/localized.js';
import { costReport, type CostPeriod } from '../../services/costs-service.js';
import { shortId } from '../../store/ids.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

const usd = (x: number) => `$${x.toFixed(4)}`;
const n = (x: number) => x.toLocaleString('en-US');

export const runCosts = async (ctx: AppContext, opts: { week: boolean; all: boolean }) => {
  // --week, --month and --all exclude each other (commands/costs.ts); --month is the default.
  const period: CostPeriod = opts.week ? 'week' : opts.all ? 'all' : 'month';
  const deps = await serviceDeps(ctx);
  const r = await costReport(deps, period);
  ctx.out.data(r, () => {
    const s = ctx.out.style;
    const t = ctx.out.t;
    const label =
      period === 'week'
        ? t(l('last 7 days', '7 derniers jours'))
        : period === 'month'
          ? t(l('last 30 days', '30 derniers jours'))
          : t(l('all time', 'depuis le début'));
    const lines = [
      s.bold(`${t(l('AI costs', 'Coûts d’IA'))} · ${label}`),
      `${t(l('Total', 'Total'))}: ${s.bold(usd(r.total.costUsd))} · ${r.total.calls} ${t(l('calls', 'appels'))} · ${t(l('tokens', 'jetons'))} in ${n(r.total.inputTokens)}, out ${n(r.total.outputTokens)}, cache write ${n(r.total.cacheWriteTokens)}, cache read ${n(r.total.cacheReadTokens)}`,
      `${t(l('Posts', 'Posts'))}: ${r.posts.length} · ${t(l('average per post', 'moyenne par post'))} ${usd(r.averagePerPostUsd)}`,
    ];
    if (r.byPurpose.length) {
      lines.push('', s.bold(t(l('By purpose', 'Par usage'))));
      for (const p of r.byPurpose)
        lines.push(`  ${p.purpose.padEnd(12)} ${usd(p.costUsd).padStart(10)}  ${p.calls} ${t(l('calls', 'appels'))}`);
      lines.push('', s.bold(t(l('By model', 'Par modèle'))));
      for (const m of r.byModel)
        lines.push(
          `  ${`${m.provider}/${m.model}`.padEnd(32)} ${usd(m.costUsd).padStart(10)}  ${m.calls} ${t(l('calls', 'appels'))}`,
        );
    }
    if (r.posts.length) {
      lines.push('', s.bold(t(l('Per post', 'Par post'))));
      for (const p of r.posts)
        lines.push(
          `  ${shortId(p.postId)}  ${p.targetDate}  ${p.contentType.padEnd(18)} ${p.state.padEnd(10)} ${usd(p.costUsd).padStart(10)}`,
        );
    }
    if (r.unattached.calls)
      lines.push(
        '',
        s.yellow(
          `${t(l('Interrupted generations (resumable, no post yet)', 'Générations interrompues (à reprendre, sans post)'))}: ${usd(r.unattached.costUsd)} · ${r.unattached.calls} ${t(l('calls', 'appels'))}`,
        ),
      );
    if (!r.total.calls)
      lines.push(
        '',
        s.dim(
          t(
            l(
              'No paid call in this period (the offline writer costs nothing).',
              'Aucun appel payant sur la période (le rédacteur hors ligne ne coûte rien).',
            ),
          ),
        ),
      );
    return lines.join('\n');
  });
};
