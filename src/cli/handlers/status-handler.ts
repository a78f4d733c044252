import { formatLocal } from '../../domain/time.js';
import { POST_STATES } from '../../domain/post-state.js';
import { l } from '../../i18n/localized.js';
import { statusReport } from '../../services/status-service.js';
import type { AppContext } from '../context.js';

export const runStatus = async (ctx: AppContext, opts: { allBrands: boolean }) => {
  const brand = opts.allBrands ? undefined : ctx.brand();
  const db = await ctx.database();
  const report = await statusReport(db, brand?.slug, ctx.clock.now());
  const tz = brand?.config.timezone ?? 'America/Toronto';
  ctx.out.data(report, () => {
    const s = ctx.out.style;
    const t = ctx.out.t;
    const lines = [
      s.bold(t(l(`Posts (${report.brand ?? 'all brands'})`, `Posts (${report.brand ?? 'toutes les marques'})`))),
    ];
    const counts = POST_STATES.filter((st) => report.counts[st]).map((st) => `${st} ${report.counts[st] ?? 0}`);
    lines.push(counts.length ? `  ${counts.join(' · ')}` : `  ${t(l('none yet', 'aucun pour l’instant'))}`);
    lines.push(s.bold(t(l('Next publications', 'Prochaines publications'))));
    if (report.next.length === 0) lines.push(`  ${t(l('none scheduled', 'aucune prévue'))}`);
    for (const n of report.next)
      lines.push(
        `  ${n.shortId}  ${formatLocal(new Date(n.scheduledAt), tz)}  ${n.state}${n.mode ? ` (${n.mode})` : ''}`,
      );
    if (report.attention.length) {
      lines.push(s.bold(s.red(t(l('Needs attention', 'À surveiller')))));
      for (const a of report.attention)
        lines.push(`  ${a.shortId}  ${a.state}${a.reason ? `: ${a.reason}` : ''} → ${a.resolve}`);
    }
    if (report.resumableRuns.length) {
      lines.push(
        s.bold(
          t(
            l(
              'Interrupted generations (re-run the same generate to resume)',
              'Générations interrompues (relancez le même generate pour reprendre)',
            ),
          ),
        ),
      );
      for (const r of report.resumableRuns)
        lines.push(`  ${r.contentType} ${r.targetDate} ${r.status}${r.error ? `: ${r.error}` : ''}`);
    }
    if (report.failedJobs.length) {
      lines.push(s.bold(s.red(t(l('Failed jobs', 'Tâches en échec')))));
      for (const j of report.failedJobs)
        lines.push(`  ${j.kind} ${j.subjectId ?? ''} ×${j.attempts}: ${j.lastError ?? ''}`);
    }
    lines.push(s.bold(t(l('Daemon', 'Démon'))));
    lines.push(...daemonLines(report.daemon?.heartbeat, tz, t));
    return lines.join('\n');
  });
};

type Beat = {
  pid?: number;
  mode?: string;
  startedAt?: string;
  lastTick?: string | null;
  stoppedAt?: string | null;
  nextJobs?: { kind: string; at: string }[];
};

/** "up since …, last tick …, next: generate 2026-11-26 10:00" from the daemon's heartbeat. */
const daemonLines = (heartbeat: unknown, tz: string, t: (x: ReturnType<typeof l>) => string): string[] => {
  const hb = heartbeat as Beat | undefined;
  if (!hb)
    return [`  ${t(l('no heartbeat (not running on this home)', 'aucun signal (ne tourne pas sur ce dossier)'))}`];
  const at = (iso: string | null | undefined) => (iso ? formatLocal(new Date(iso), tz) : '—');
  const head = hb.stoppedAt
    ? t(
        l(
          `stopped ${at(hb.stoppedAt)} (pid ${hb.pid ?? '?'}, ${hb.mode ?? 'daemon'})`,
          `arrêté ${at(hb.stoppedAt)} (pid ${hb.pid ?? '?'}, ${hb.mode ?? 'daemon'})`,
        ),
      )
    : t(
        l(
          `up since ${at(hb.startedAt)} (pid ${hb.pid ?? '?'})`,
          `actif depuis ${at(hb.startedAt)} (pid ${hb.pid ?? '?'})`,
        ),
      );
  const next = (hb.nextJobs ?? [])
    .slice(0, 3)
    .map((j) => `${j.kind} ${at(j.at)}`)
    .join(', ');
  return [
    `  ${head}, ${t(l('last tick', 'dernier battement'))} ${at(hb.lastTick)}`,
    `  ${t(l('next', 'prochaines'))}: ${next || '—'}`,
  ];
};
