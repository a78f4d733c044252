import { POST_STATES } from '../../domain/post-state.js';
import { decodeLocalized } from '../../i18n/stored.js';
import { JOB_KIND_LABELS, labelOf, stateLabel, typeLabel, modeLabel } from '../../present/labels.js';
import { fitLine } from '../../present/text.js';
import { statusReport } from '../../services/status-service.js';
import type { AppContext } from '../context.js';
import { RESOLVE_HINT, STATUS } from '../messages/status.js';
import { platformRowsForStatus } from '../../store/platform-posts-repo.js';
import { shortId } from '../../store/ids.js';
import { platformLabel, STATE_LABEL } from '../../present/platform-lines.js';
import { l } from '../../i18n/localized.js';

type Beat = {
  pid?: number;
  mode?: string;
  startedAt?: string;
  lastTick?: string | null;
  stoppedAt?: string | null;
  nextJobs?: { kind: string; at: string }[];
};

export const runStatus = async (ctx: AppContext, opts: { allBrands: boolean }) => {
  const brand = opts.allBrands ? undefined : ctx.brand();
  const db = await ctx.database();
  const base = await statusReport(db, brand?.slug, ctx.clock.now());
  const tz = brand?.config.timezone ?? 'America/Toronto';
  // Instagram and LinkedIn posts of the last 14 days and ahead, each with its own state and slot.
  const since = new Date(ctx.clock.now().getTime() - 14 * 86_400_000).toISOString();
  const platformRows = (await platformRowsForStatus(db, brand?.slug, since)).map((r) => ({
    postId: r.postId,
    shortId: shortId(r.postId),
    platform: r.platform,
    state: r.state,
    slotAt: r.state === 'scheduled' && r.nextAttemptAt ? r.nextAttemptAt : r.slotAt,
    attempts: r.attempts,
    reason: r.failureReason,
  }));
  const report = { ...base, platforms: platformRows };
  ctx.out.data(report, () => {
    const { style: s, t, fmt, width } = ctx.out;
    const lang = fmt.lang;
    const at = (iso: string | null | undefined) => (iso ? fmt.slot(new Date(iso), tz) : t(STATUS.never));
    const lines: string[] = [s.bold(t(STATUS.posts(report.brand, fmt.int(report.total))))];
    const states = POST_STATES.filter((st) => report.counts[st]);
    const labelWidth = Math.max(0, ...states.map((st) => stateLabel(st, lang).length));
    for (const st of states)
      lines.push(`  ${stateLabel(st, lang).padEnd(labelWidth)}  ${fmt.int(report.counts[st] ?? 0).padStart(4)}`);
    if (states.length === 0) lines.push(`  ${t(STATUS.noPosts)}`);
    lines.push(s.bold(t(STATUS.next)));
    if (report.next.length === 0) lines.push(`  ${t(STATUS.noneScheduled)}`);
    for (const n of report.next)
      lines.push(
        `  ${n.shortId}  ${fmt.slot(new Date(n.scheduledAt), tz)}  ${stateLabel(n.state, lang)}${n.mode ? ` (${modeLabel(n.mode, lang)})` : ''}`,
      );
    if (platformRows.length) {
      lines.push(s.bold(t(l('Instagram and LinkedIn', 'Instagram et LinkedIn'))));
      const nameWidth = Math.max(...platformRows.map((p) => platformLabel(p.platform).length));
      for (const p of platformRows) {
        const line = `  ${p.shortId}  ${platformLabel(p.platform).padEnd(nameWidth)}  ${fmt.slot(new Date(p.slotAt), tz)}  ${t(STATE_LABEL[p.state] ?? l(p.state, p.state))}`;
        lines.push(p.state === 'scheduled' || !p.reason ? line : `${line}: ${p.reason}`);
      }
    }
    if (report.attention.length) {
      lines.push(s.bold(s.red(t(STATUS.attention))));
      for (const a of report.attention) {
        const label = stateLabel(a.state, lang);
        lines.push(`  ${a.shortId}  ${a.reason ? t(STATUS.because(label, t(decodeLocalized(a.reason)))) : label}`);
        const hint = RESOLVE_HINT[a.state];
        lines.push(`            → \`${a.resolve}\`${hint ? ` (${t(hint(a.shortId))})` : ''}`);
      }
    }
    if (report.resumableRuns.length) {
      lines.push(s.bold(t(STATUS.resumable)));
      for (const r of report.resumableRuns)
        lines.push(
          `  ${r.error ? t(STATUS.because(`${typeLabel(r.contentType, lang)} ${r.targetDate}`, t(decodeLocalized(r.error)))) : `${typeLabel(r.contentType, lang)} ${r.targetDate}`}`,
        );
    }
    if (report.failedJobs.length) {
      lines.push(s.bold(s.red(t(STATUS.failedJobs))));
      for (const j of report.failedJobs) {
        const head = `${t(labelOf(JOB_KIND_LABELS, j.kind))}${j.subjectId ? ` ${j.subjectId.replace(/-/g, '').slice(-8)}` : ''} ×${j.attempts}`;
        lines.push(`  ${j.lastError ? t(STATUS.because(head, t(decodeLocalized(j.lastError)))) : head}`);
      }
    }
    lines.push(s.bold(t(STATUS.daemon)));
    const hb = report.daemon?.heartbeat as Beat | undefined;
    if (!hb) lines.push(`  ${t(STATUS.noHeartbeat)}`);
    else {
      const pid = String(hb.pid ?? '?');
      const head = hb.stoppedAt
        ? STATUS.stopped(at(hb.stoppedAt), pid, t(hb.mode === 'once' ? STATUS.onceMode : STATUS.daemonMode))
        : STATUS.up(at(hb.startedAt), pid);
      lines.push(`  ${t(head)}`, `  ${t(STATUS.lastTick(at(hb.lastTick)))}`);
      const next = (hb.nextJobs ?? []).slice(0, 3).map((j) => `${t(labelOf(JOB_KIND_LABELS, j.kind))} ${at(j.at)}`);
      lines.push(`  ${t(STATUS.nextJobs(next.length ? fmt.list(next) : '—'))}`);
    }
    return lines.map((line) => fitLine(line, width, 12)).join('\n');
  });
};
