import { ExitCode, UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { decodeLocalized } from '../../i18n/stored.js';
import { modeLabel, stateLabel } from '../../present/labels.js';
import { renderTable, type Column } from '../../present/table.js';
import { fitLine } from '../../present/text.js';
import { unicodeFromEnv } from '../../report/charts.js';
import { REASONS } from '../../publish/messages.js';
import { HANDLING, PUBLISH, SCHEDULE } from '../messages/publish.js';
import { cancelNative, rescheduleNative } from '../../publish/native.js';
import type { PublishEvent, PublishOutcome, PublishRuntime } from '../../publish/outcome.js';
import { scheduleOverview } from '../../publish/overview.js';
import { publishDue, publishPost } from '../../publish/publish-service.js';
import { forBrand } from '../../publish/session.js';
import { resolvePost } from '../../store/post-lookup.js';
import { parseAt } from '../../review/review-service.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';
import { planPlatforms, publishDuePlatforms, type PlatformDueReport } from '../../publish/platform-due.js';
import { publishesToFacebook } from '../../publish/platform-plan.js';
import { withPublisherGate } from '../../daemon/publisher-gate.js';
import { pageServerMediaUrl } from '../../services/page-media-url.js';
import { describePlatformOutcome, platformLabel, STATE_LABEL } from '../../present/platform-lines.js';
import { platformRowsForStatus } from '../../store/platform-posts-repo.js';
import { shortId } from '../../store/ids.js';

const runtime = (ctx: AppContext): PublishRuntime => ({
  onEvent: (event: PublishEvent) => {
    if (event.type === 'alert') ctx.out.warn(event.message);
    else ctx.out.note(event.message);
  },
});

/** A reason as the reader's language has it (stored reasons keep both). */
const reasonText = (ctx: AppContext, reason: string | null): string =>
  reason ? ctx.out.t(decodeLocalized(reason)) : '';

/** An outcome as JSON: the same shape, its reason in the interface language. */
const outcomeJson = <T extends { reason: string | null }>(ctx: AppContext, o: T): T => ({
  ...o,
  reason: o.reason === null ? null : reasonText(ctx, o.reason),
});

const describe = (ctx: AppContext, o: PublishOutcome, timeZone: string): string => {
  const { t, fmt } = ctx.out;
  const reason = reasonText(ctx, o.reason);
  switch (o.action) {
    case 'published':
      return t(PUBLISH.published(o.shortId, o.pageId ?? '', o.fbPostId ?? '?', o.fbPhotoId, o.via === 'reconcile'));
    case 'scheduled':
      return t(
        PUBLISH.scheduled(
          o.shortId,
          o.scheduledAt ? `${fmt.slot(new Date(o.scheduledAt), timeZone)} (${timeZone})` : '',
          o.fbPostId ?? '?',
        ),
      );
    case 'dry_run':
      return t(PUBLISH.dryRun(o.shortId, reason, o.dryRunPath ?? '?'));
    case 'deferred': {
      if (o.heldBack) {
        const at = o.retryAt ? `${fmt.slot(new Date(o.retryAt), timeZone)} (${timeZone})` : '';
        return t(
          l(
            `${o.shortId}: NOT PUBLISHED (${reason}); it stays approved and is tried again${at ? ` at ${at}` : ''} (the daemon, or \`autoscale publish ${o.shortId}\` then).`,
            `${o.shortId} : PAS PUBLIÉE (${reason}); elle reste approuvée et sera réessayée${at ? ` à ${at}` : ''} (par le démon, ou \`autoscale publish ${o.shortId}\` à ce moment).`,
          ),
        );
      }
      const line = t(PUBLISH.deferred(o.shortId, reason, o.retryAt ? fmt.slot(new Date(o.retryAt), timeZone) : null));
      return decodeLocalized(o.reason ?? '').en === REASONS.notDue.en ? `${line} ${t(PUBLISH.notDueHint)}` : line;
    }
    case 'unconfirmed':
      return t(PUBLISH.unconfirmed(o.shortId, reason));
    case 'failed':
      return t(PUBLISH.failed(o.shortId, reason));
    default:
      return t(PUBLISH.unchanged(o.shortId, stateLabel(o.state, fmt.lang), o.fbPostId));
  }
};

/** Not on the Page when it should be: failed, unsure, or held back by the platform or the network. */
const exitFor = (outcomes: PublishOutcome[]) =>
  outcomes.some(
    (o) => o.action === 'failed' || o.action === 'unconfirmed' || (o.action === 'deferred' && o.heldBack === true),
  )
    ? ExitCode.external
    : 0;

export interface PublishOptions {
  immediately: boolean;
  dryRun: boolean;
  due: boolean;
  reschedule?: string | undefined;
  cancel: boolean;
}

export const runPublish = async (ctx: AppContext, id: string | undefined, opts: PublishOptions) => {
  const deps = await serviceDeps(ctx);
  if (opts.due) {
    if (id) throw new UsageError(PUBLISH.idOrDue, { fix: PUBLISH.idOrDueFix });
    const facebook = publishesToFacebook(deps.brand);
    const fbReport = facebook
      ? await publishDue(deps, runtime(ctx), { dryRun: opts.dryRun })
      : { dryRun: false, reason: null, reconciled: [], outcomes: [], verified: [] };
    // Instagram and LinkedIn: behind the same gate, each platform on its own.
    let platforms: PlatformDueReport = { outcomes: [], blocked: [] };
    if (opts.dryRun !== true) {
      const gated = await withPublisherGate(deps, deps.writer().actor, () =>
        publishDuePlatforms(deps, undefined, { mediaUrl: pageServerMediaUrl(deps) }),
      );
      if (gated.busy) ctx.out.warn(l(gated.reason, gated.reason));
      else platforms = gated.value;
    }
    const report = { ...fbReport, platforms };
    const all = [...report.reconciled, ...report.outcomes, ...report.verified];
    const json = {
      ...outcomeJson(ctx, report),
      reconciled: report.reconciled.map((o) => outcomeJson(ctx, o)),
      outcomes: report.outcomes.map((o) => outcomeJson(ctx, o)),
      verified: report.verified.map((o) => outcomeJson(ctx, o)),
    };
    ctx.out.data(json, () => {
      const lines = report.dryRun ? [ctx.out.t(PUBLISH.dueDryRun(reasonText(ctx, report.reason)))] : [];
      for (const o of all) lines.push(describe(ctx, o, deps.brand.timezone));
      for (const o of platforms.outcomes) lines.push(describePlatformOutcome(ctx.out.fmt, o, deps.brand.timezone));
      for (const b of platforms.blocked)
        lines.push(
          ctx.out.t(
            l(
              `${b.platform}: ${b.posts} post(s) waiting: ${b.reason}`,
              `${b.platform} : ${b.posts} publication(s) en attente : ${b.reason}`,
            ),
          ),
        );
      if (all.length === 0 && platforms.outcomes.length === 0 && platforms.blocked.length === 0)
        lines.push(ctx.out.t(PUBLISH.nothingDue));
      return lines.map((line) => fitLine(line, ctx.out.width)).join('\n');
    });
    ctx.exitCode =
      exitFor(all) ||
      (platforms.outcomes.some((o) => o.action === 'failed' || o.action === 'unconfirmed') ? ExitCode.external : 0);
    return;
  }
  if (!id) {
    throw new UsageError(PUBLISH.which, { code: 'missing_id', fix: PUBLISH.whichFix });
  }
  const post = await resolvePost(deps.db, id);
  const brandDeps = forBrand(deps, post.brand);
  // --cancel, --reschedule and --immediately exclude each other (commands/publish.ts).
  if (opts.cancel || opts.reschedule !== undefined) {
    const changed =
      opts.reschedule === undefined
        ? await cancelNative(brandDeps, post.id, runtime(ctx))
        : await rescheduleNative(
            brandDeps,
            post.id,
            parseAt(opts.reschedule, brandDeps.brand.timezone, brandDeps.clock.now(), '--reschedule'),
            runtime(ctx),
          );
    ctx.out.data({ ...outcomeJson(ctx, changed), cancelled: opts.cancel }, () =>
      fitLine(
        opts.cancel ? ctx.out.t(PUBLISH.withdrawn(changed.shortId)) : describe(ctx, changed, brandDeps.brand.timezone),
        ctx.out.width,
      ),
    );
    return;
  }
  const outcome = await publishPost(brandDeps, post.id, { now: opts.immediately, dryRun: opts.dryRun }, runtime(ctx));
  ctx.out.data(outcomeJson(ctx, outcome), () =>
    fitLine(describe(ctx, outcome, brandDeps.brand.timezone), ctx.out.width),
  );
  ctx.exitCode = exitFor([outcome]);
};

export const runSchedule = async (ctx: AppContext, opts: { allBrands: boolean }) => {
  const deps = await serviceDeps(ctx);
  const fbOverview = await scheduleOverview(deps, { allBrands: opts.allBrands });
  // Instagram and LinkedIn slots: rows made for approved posts, pending ones first.
  await planPlatforms(deps);
  const platformSlots = (
    await platformRowsForStatus(deps.db, opts.allBrands ? undefined : deps.brandSlug, deps.clock.now().toISOString())
  )
    .filter((r) => r.state !== 'failed')
    .map((r) => ({
      postId: r.postId,
      shortId: shortId(r.postId),
      platform: r.platform,
      state: r.state,
      slotAt: r.state === 'scheduled' && r.nextAttemptAt ? r.nextAttemptAt : r.slotAt,
      brand: r.brand,
    }));
  const overview = { ...fbOverview, platforms: platformSlots };
  ctx.out.data(overview, () => {
    const { t, fmt, style } = ctx.out;
    if (overview.entries.length === 0 && platformSlots.length === 0) return t(SCHEDULE.empty);
    const columns: Column[] = [
      { header: t(SCHEDULE.id), priority: 0 },
      { header: t(SCHEDULE.slot), priority: 1, min: 12, overflow: 'wrap' },
      { header: t(SCHEDULE.state), priority: 3, min: 9, overflow: 'wrap' },
      { header: t(SCHEDULE.mode), priority: 4, min: 6, overflow: 'wrap', optional: true },
      { header: t(SCHEDULE.handling), priority: 5, min: 20, overflow: 'wrap' },
      { header: t(SCHEDULE.facebook), priority: 6, min: 12, overflow: 'truncate', optional: true },
      ...(opts.allBrands
        ? [{ header: t(SCHEDULE.brand), priority: 7, optional: true, overflow: 'truncate' as const }]
        : []),
    ];
    const rows = overview.entries.map((e) => [
      e.shortId,
      fmt.dateTime(new Date(e.scheduledAt), ctx.config().brands[e.brand]?.timezone ?? overview.timeZone),
      stateLabel(e.state, fmt.lang),
      e.mode ? modeLabel(e.mode, fmt.lang) : '—',
      t(HANDLING[e.handling]),
      e.fbPostId ?? '',
      ...(opts.allBrands ? [e.brand] : []),
    ]);
    // Instagram and LinkedIn: the daemon publishes each at its own slot.
    for (const p of platformSlots)
      rows.push([
        p.shortId,
        fmt.dateTime(new Date(p.slotAt), ctx.config().brands[p.brand]?.timezone ?? overview.timeZone),
        t(STATE_LABEL[p.state] ?? l(p.state, p.state)),
        '—',
        `${platformLabel(p.platform)}: ${t(HANDLING.queue)}`,
        '',
        ...(opts.allBrands ? [p.brand] : []),
      ]);
    const anyFacebook = rows.some((r) => r[5]);
    const shown = anyFacebook ? columns : columns.filter((_, i) => i !== 5);
    const body = anyFacebook ? rows : rows.map((r) => r.filter((_, i) => i !== 5));
    return `${style.bold(t(SCHEDULE.title(overview.timeZone)))}\n${renderTable(shown, body, {
      width: ctx.out.width,
      style,
      unicode: unicodeFromEnv(ctx.processEnv),
    })}`;
  });
};
