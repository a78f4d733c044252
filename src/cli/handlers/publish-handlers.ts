import { formatLocal } from '../../domain/time.js';
import { ExitCode, UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
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
import { describePlatformOutcome, platformLabel } from '../../present/platform-lines.js';
import { platformRowsForStatus } from '../../store/platform-posts-repo.js';
import { shortId } from '../../store/ids.js';

const runtime = (ctx: AppContext): PublishRuntime => ({
  onEvent: (event: PublishEvent) => {
    if (event.type === 'alert') ctx.out.warn(event.message);
    else ctx.out.note(event.message);
  },
});

const describe = (ctx: AppContext, o: PublishOutcome, timeZone: string): string => {
  const t = ctx.out.t;
  const when = o.scheduledAt ? `${formatLocal(new Date(o.scheduledAt), timeZone)} ${timeZone}` : '';
  switch (o.action) {
    case 'published':
      return t(
        l(
          `${o.shortId}: published on Page ${o.pageId ?? ''} (post ${o.fbPostId ?? '?'}${o.fbPhotoId ? `, photo ${o.fbPhotoId}` : ''})${o.via === 'reconcile' ? ', confirmed by reconciliation' : ''}.`,
          `${o.shortId} : publié sur la Page ${o.pageId ?? ''} (post ${o.fbPostId ?? '?'}${o.fbPhotoId ? `, photo ${o.fbPhotoId}` : ''})${o.via === 'reconcile' ? ', confirmé par réconciliation' : ''}.`,
        ),
      );
    case 'scheduled':
      return t(
        l(
          `${o.shortId}: scheduled on Facebook for ${when} (post ${o.fbPostId ?? '?'}); Meta publishes it even if this machine is off.`,
          `${o.shortId} : programmé sur Facebook pour ${when} (post ${o.fbPostId ?? '?'}); Meta le publie même si cette machine est éteinte.`,
        ),
      );
    case 'dry_run':
      return t(
        l(
          `${o.shortId}: DRY RUN (${o.reason ?? ''}): nothing was sent to Facebook; what would be posted is in ${o.dryRunPath ?? '?'}.`,
          `${o.shortId} : SIMULATION (${o.reason ?? ''}) : rien n’a été envoyé à Facebook; ce qui serait publié est dans ${o.dryRunPath ?? '?'}.`,
        ),
      );
    case 'deferred': {
      const retry = o.retryAt ? `${formatLocal(new Date(o.retryAt), timeZone)} ${timeZone}` : '';
      if (o.heldBack)
        return t(
          l(
            `${o.shortId}: NOT PUBLISHED (${o.reason ?? ''}); it stays approved and is tried again${retry ? ` at ${retry}` : ''} (the daemon, or \`autoscale publish ${o.shortId}\` then).`,
            `${o.shortId} : PAS PUBLIÉ (${o.reason ?? ''}); il reste approuvé et sera réessayé${retry ? ` à ${retry}` : ''} (par le démon, ou \`autoscale publish ${o.shortId}\` à ce moment).`,
          ),
        );
      return t(
        l(
          `${o.shortId}: not published now (${o.reason ?? ''})${retry ? `; next try at ${retry}` : ''}.${o.reason === 'not due yet' ? ' Use --immediately to publish at once.' : ''}`,
          `${o.shortId} : pas publié maintenant (${o.reason ?? ''})${retry ? `; prochain essai à ${retry}` : ''}.${o.reason === 'not due yet' ? ' Utilisez --immediately pour publier tout de suite.' : ''}`,
        ),
      );
    }
    case 'unconfirmed':
      return t(
        l(
          `${o.shortId}: UNCONFIRMED: ${o.reason ?? ''}. Check the Page, then run \`autoscale publish ${o.shortId}\` again to reconcile (it never posts twice).`,
          `${o.shortId} : NON CONFIRMÉ : ${o.reason ?? ''}. Vérifiez la Page, puis relancez \`autoscale publish ${o.shortId}\` pour réconcilier (jamais de double publication).`,
        ),
      );
    case 'failed':
      return t(l(`${o.shortId}: FAILED: ${o.reason ?? ''}`, `${o.shortId} : ÉCHEC : ${o.reason ?? ''}`));
    default:
      return t(
        l(
          `${o.shortId}: nothing to do (${o.state}${o.fbPostId ? `, post ${o.fbPostId}` : ''}).`,
          `${o.shortId} : rien à faire (${o.state}${o.fbPostId ? `, post ${o.fbPostId}` : ''}).`,
        ),
      );
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
    if (id)
      throw new UsageError(l('Give an id or --due, not both.', 'Donnez un identifiant ou --due, pas les deux.'), {
        fix: l(
          '`autoscale publish <id>` or `autoscale publish --due`.',
          '`autoscale publish <id>` ou `autoscale publish --due`.',
        ),
      });
    const facebook = publishesToFacebook(deps.brand);
    const fbReport = facebook
      ? await publishDue(deps, runtime(ctx), { dryRun: opts.dryRun === true })
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
    ctx.out.data(report, () => {
      const lines = report.dryRun
        ? [
            ctx.out.t(
              l(
                `Dry run (${report.reason ?? ''}): nothing is sent to Facebook.`,
                `Simulation (${report.reason ?? ''}) : rien n’est envoyé à Facebook.`,
              ),
            ),
          ]
        : [];
      for (const o of all) lines.push(describe(ctx, o, deps.brand.timezone));
      for (const o of platforms.outcomes) lines.push(describePlatformOutcome(ctx.out.t, o, deps.brand.timezone));
      for (const b of platforms.blocked)
        lines.push(
          ctx.out.t(
            l(
              `${b.platform}: ${b.posts} post(s) waiting: ${b.reason}`,
              `${b.platform} : ${b.posts} post(s) en attente : ${b.reason}`,
            ),
          ),
        );
      if (all.length === 0 && platforms.outcomes.length === 0 && platforms.blocked.length === 0)
        lines.push(ctx.out.t(l('Nothing due.', 'Rien à publier.')));
      return lines.join('\n');
    });
    ctx.exitCode =
      exitFor(all) ||
      (platforms.outcomes.some((o) => o.action === 'failed' || o.action === 'unconfirmed') ? ExitCode.external : 0);
    return;
  }
  if (!id) {
    throw new UsageError(
      l(
        'Which post? Give its id, or --due for every due post.',
        'Quel post ? Donnez son identifiant, ou --due pour tous les posts dus.',
      ),
      {
        code: 'missing_id',
        fix: l(
          'See the ids with `autoscale schedule` or `autoscale list --state approved`.',
          'Voyez les identifiants avec `autoscale schedule` ou `autoscale list --state approved`.',
        ),
      },
    );
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
    ctx.out.data({ ...changed, cancelled: opts.cancel }, () =>
      opts.cancel
        ? ctx.out.t(
            l(
              `${changed.shortId}: withdrawn from Facebook's schedule; back in review. \`autoscale approve ${changed.shortId}\` draws a new slot.`,
              `${changed.shortId} : retiré de la programmation Facebook; de retour en révision. \`autoscale approve ${changed.shortId}\` tire un nouveau créneau.`,
            ),
          )
        : describe(ctx, changed, brandDeps.brand.timezone),
    );
    return;
  }
  const outcome = await publishPost(brandDeps, post.id, { now: opts.immediately, dryRun: opts.dryRun }, runtime(ctx));
  ctx.out.data(outcome, () => describe(ctx, outcome, brandDeps.brand.timezone));
  ctx.exitCode = exitFor([outcome]);
};

const HANDLING = {
  // The mode has its own column: these say what happens, without repeating it ("native native").
  meta_holds: l('Meta holds it', 'Meta le garde'),
  native_when_in_range: l(
    'handed to Meta once within 30 days of the slot (its limit)',
    'confié à Meta à 30\u00a0jours du créneau (sa limite)',
  ),
  queue: l('the daemon publishes at the slot', 'le démon publie au créneau'),
  queue_overdue: l('overdue, next pass publishes it', 'en retard, publié au prochain passage'),
  dry_run: l('dry run (no Facebook credentials)', 'simulation (pas d’identifiants Facebook)'),
  in_flight: l('being published', 'en cours de publication'),
  unconfirmed: l('unconfirmed: run `autoscale publish <id>`', 'non confirmé : lancez `autoscale publish <id>`'),
} as const;

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
      local: formatLocal(
        new Date(r.state === 'scheduled' && r.nextAttemptAt ? r.nextAttemptAt : r.slotAt),
        fbOverview.timeZone,
      ),
      brand: r.brand,
    }));
  const overview = { ...fbOverview, platforms: platformSlots };
  ctx.out.data(overview, () => {
    if (overview.entries.length === 0 && platformSlots.length === 0)
      return ctx.out.t(l('No approved post is waiting for its slot.', 'Aucun post approuvé n’attend son créneau.'));
    const lines = [
      ctx.out.style.bold(
        ctx.out.t(l(`Upcoming slots (${overview.timeZone})`, `Prochains créneaux (${overview.timeZone})`)),
      ),
    ];
    for (const e of overview.entries) {
      lines.push(
        `  ${e.shortId}  ${e.local}  ${e.state.padEnd(11)} ${(e.mode ?? '-').padEnd(6)} ${ctx.out.t(HANDLING[e.handling])}${e.fbPostId ? `  [${e.fbPostId}]` : ''}${opts.allBrands ? `  (${e.brand})` : ''}`,
      );
    }
    for (const p of platformSlots)
      lines.push(
        `  ${p.shortId}  ${p.local}  ${p.state.padEnd(11)} ${platformLabel(p.platform)}${opts.allBrands ? `  (${p.brand})` : ''}`,
      );
    return lines.join('\n');
  });
};
