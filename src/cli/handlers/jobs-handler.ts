import { formatLocal } from '../../domain/time.js';
import { l } from '../../i18n/localized.js';
import { jobsReport, retryJobs } from '../../services/jobs-service.js';
import type { JobKind, JobState } from '../../domain/jobs.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

export const runJobs = async (
  ctx: AppContext,
  opts: { state?: JobState[] | undefined; kind?: JobKind[] | undefined; limit: number },
) => {
  const { state: states, kind: kinds, limit } = opts;
  const db = await ctx.database();
  const tz = ctx.brand().config.timezone;
  const report = await jobsReport(db, { ...(states ? { states } : {}), ...(kinds ? { kinds } : {}), limit });
  ctx.out.data(report, () => {
    const s = ctx.out.style;
    const t = ctx.out.t;
    const counts = Object.entries(report.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(' · ');
    const lines = [s.bold(t(l('Jobs', 'Tâches'))) + (counts ? `  ${counts}` : '')];
    if (report.jobs.length === 0) lines.push(`  ${t(l('none', 'aucune'))}`);
    for (const j of report.jobs) {
      const state = j.state === 'failed' ? s.red(j.state) : j.state === 'done' ? s.green(j.state) : j.state;
      const subject = j.subjectId ? ` post ${j.subjectId.replace(/-/g, '').slice(-8)}` : '';
      lines.push(
        `  ${j.shortId}  ${j.kind.padEnd(13)} ${state.padEnd(8)} ${formatLocal(new Date(j.runAt), tz)}  ×${j.attempts}/${j.maxAttempts}${subject}${j.lastError ? `  ${s.dim(j.lastError.slice(0, 100))}` : ''}`,
      );
      if (j.nativeHandOff) {
        const slot = formatLocal(new Date(j.nativeHandOff.slot), tz);
        lines.push(
          s.dim(
            t(
              l(
                `    hand-off to Facebook (its limit: 30 days ahead); out ${slot}`,
                `    remis à Facebook (limite\u00a0: 30\u00a0jours d’avance)\u00a0; sort le ${slot}`,
              ),
            ),
          ),
        );
      }
    }
    const hb = report.daemon as { pid?: number; lastTick?: string | null; stoppedAt?: string | null } | null;
    lines.push(
      hb
        ? t(
            l(
              `Daemon: pid ${hb.pid ?? '?'}, last tick ${hb.lastTick ? formatLocal(new Date(hb.lastTick), tz) : 'never'}${hb.stoppedAt ? ', stopped' : ''}`,
              `Démon : pid ${hb.pid ?? '?'}, dernier battement ${hb.lastTick ? formatLocal(new Date(hb.lastTick), tz) : 'jamais'}${hb.stoppedAt ? ', arrêté' : ''}`,
            ),
          )
        : t(l('Daemon: no heartbeat on this home', 'Démon : aucun signal sur ce dossier')),
    );
    return lines.join('\n');
  });
};

export const runRetry = async (ctx: AppContext, ref: string) => {
  const deps = await serviceDeps(ctx);
  const result = await retryJobs(deps, ref);
  ctx.out.data(result, () =>
    result.retried
      .map((j) =>
        ctx.out.t(
          l(
            `Job ${j.shortId} (${j.kind}) queued again; the daemon runs it at its next tick.`,
            `Tâche ${j.shortId} (${j.kind}) remise en file; le démon la lance à son prochain battement.`,
          ),
        ),
      )
      .join('\n'),
  );
};
