import type { PlanEntry } from '../domain/plan-records.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { parseReason, type PlanSourceKind } from '../domain/plan.js';
import { addDays, localDate } from '../domain/time.js';
import type { Localized } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { setIdeaStatus, listIdeas } from '../store/ideas-repo.js';
import { listPlanEntries, planRefsInUse, putPlanEntry, withdrawPlanEntries } from '../store/plan-repo.js';
import { setItemStatus } from '../store/sources-repo.js';
import { immediate } from '../store/tx.js';
import { buildPlan } from './build-plan.js';
import { momentsBetween, loadMoments } from './moments.js';
import { evergreenCandidates, offeredNews, openIdeas, postsByDay, typePreference } from './plan-data.js';
import type { KeptEntry, PlanInputs } from './plan-inputs.js';
import { planPlatforms, postingSlots } from './platforms.js';

/** An entry as commands, the calendar and the report show it. */
export interface PlanEntryView {
  id: string;
  date: string;
  platform: string;
  contentType: string | null;
  topic: string | null;
  angle: string | null;
  source: PlanSourceKind;
  sourceRef: string | null;
  citation: { title: string | null; url: string | null } | null;
  reason: Localized;
  fixed: boolean;
  skipped: boolean;
  postId: string | null;
}

export const entryView = (r: PlanEntry): PlanEntryView => ({
  id: r.id,
  date: r.date,
  platform: r.platform,
  contentType: r.contentType,
  topic: r.topic,
  angle: r.angle,
  source: r.sourceKind as PlanSourceKind,
  sourceRef: r.sourceRef,
  citation: r.sourceTitle || r.sourceUrl ? { title: r.sourceTitle, url: r.sourceUrl } : null,
  reason: parseReason(r.reason),
  fixed: r.fixed === 1,
  skipped: r.skipped === 1,
  postId: r.postId,
});

/** Today in the brand's zone, and the last day of an N-week plan starting today. */
export const planRange = (deps: ServiceDeps, weeks: number): { from: string; to: string } => {
  const from = localDate(deps.clock.now(), deps.brand.timezone);
  return { from, to: addDays(from, weeks * 7 - 1) };
};

export interface RefreshResult {
  from: string;
  to: string;
  seed: string;
  entries: PlanEntryView[];
  /** Entries the refresh left as they were (fixed by the owner or already written). */
  kept: number;
  written: number;
}

/**
 * Builds or refreshes the plan for the coming weeks. What the owner fixed and what was already
 * written stay as they are; every other open posting day gets the builder's entry. Ideas and
 * news items follow the plan: `planned` while an entry holds them, back to `open`/`new` when a
 * refresh lets them go. One transaction: a crash leaves the old plan or the new one.
 */
export const refreshPlan = async (
  deps: ServiceDeps,
  options: { weeks?: number | undefined; seed?: string | undefined } = {},
): Promise<RefreshResult> => {
  const cfg = deps.brand.plan;
  const { from, to } = planRange(deps, options.weeks ?? cfg.weeks);
  const seed = options.seed ?? deps.brandSlug;
  const platforms = planPlatforms(deps.brand);
  const inputs = await planInputs(deps, from, to, seed);
  const planned = buildPlan(inputs.inputs);
  const existing = inputs.existing;
  const kept = new Set(inputs.inputs.kept.map((k) => `${k.platform}|${k.date}`));
  const slotKeys = new Set(postingSlots(platforms, from, to).map((s) => `${s.platform}|${s.date}`));
  const w = deps.writer();
  await immediate(deps.db, async (trx) => {
    for (const e of planned) {
      await putPlanEntry(
        trx,
        w,
        { brand: deps.brandSlug, platform: e.platform, date: e.date },
        {
          contentType: e.contentType,
          topic: e.topic,
          angle: e.angle,
          sourceKind: e.sourceKind,
          sourceRef: e.sourceRef,
          sourceTitle: e.citation?.publisher ?? e.citation?.title ?? null,
          sourceUrl: e.citation?.url ?? null,
          reason: JSON.stringify(e.reason),
          fixed: 0,
          skipped: 0,
          seed: e.seed,
        },
      );
    }
    // Entries of days that are no longer posting days (the schedule changed) are withdrawn.
    await withdrawPlanEntries(
      trx,
      w,
      existing
        .filter((e) => !kept.has(`${e.platform}|${e.date}`) && !slotKeys.has(`${e.platform}|${e.date}`))
        .map((e) => e.id),
    );
    await syncSourceStatuses(deps, trx, w, from);
    await recordAudit(trx, w, {
      entity: 'plan',
      entityId: deps.brandSlug,
      action: 'refresh',
      data: { from, to, seed, written: planned.length, kept: kept.size },
    });
  });
  const entries = (await listPlanEntries(deps.db, deps.brandSlug, from, to)).map(entryView);
  return { from, to, seed, entries, kept: kept.size, written: planned.length };
};

/** Ideas and news items are `planned` exactly while a live, unwritten entry holds them. */
const syncSourceStatuses = async (
  deps: ServiceDeps,
  trx: ServiceDeps['db'],
  w: ReturnType<ServiceDeps['writer']>,
  from: string,
) => {
  const held = async (kind: string) =>
    new Set((await planRefsInUse(trx, deps.brandSlug, kind, { from, unwritten: true })).map((r) => r.ref));
  const ideas = await held('idea');
  const all = await listIdeas(trx, deps.brandSlug, ['open', 'planned']);
  await setIdeaStatus(
    trx,
    w,
    all.filter((i) => ideas.has(i.id)).map((i) => i.id),
    'planned',
  );
  await setIdeaStatus(
    trx,
    w,
    all.filter((i) => i.status === 'planned' && !ideas.has(i.id)).map((i) => i.id),
    'open',
  );
  const news = await held('news');
  const offered = await offeredNews({ ...deps, db: trx }, addDays(from, -60));
  await setItemStatus(
    trx,
    w,
    offered.filter((n) => news.has(n.id)).map((n) => n.id),
    'planned',
  );
  await setItemStatus(
    trx,
    w,
    offered.filter((n) => !news.has(n.id)).map((n) => n.id),
    'new',
  );
};

/** Everything the builder reads for [from, to], and the entries already there. */
export const planInputs = async (
  deps: ServiceDeps,
  from: string,
  to: string,
  seed: string,
): Promise<{ inputs: PlanInputs; existing: PlanEntry[] }> => {
  const cfg = deps.brand.plan;
  const platforms = planPlatforms(deps.brand);
  const slots = postingSlots(platforms, from, to);
  const existing = await listPlanEntries(deps.db, deps.brandSlug, from, to);
  const posts = await postsByDay(deps, addDays(from, -27), to);
  const keptRows = existing.filter((e) => e.fixed === 1 || e.postId !== null);
  const keptPostIds = new Set(keptRows.map((e) => e.postId).filter(Boolean));
  const kept: KeptEntry[] = keptRows.map((e) => ({
    platform: e.platform,
    date: e.date,
    contentType: e.contentType,
    topic: e.topic,
    angle: e.angle,
    sourceKind: e.sourceKind,
    sourceRef: e.sourceRef,
  }));
  // A day that already has a post (written by hand or before any plan) is taken as it is.
  const lead = platforms[0]!.platform;
  for (const p of posts) {
    if (p.day < from || keptPostIds.has(p.id)) continue;
    if (kept.some((k) => k.platform === lead && k.date === p.day)) continue;
    kept.push({
      platform: lead,
      date: p.day,
      contentType: p.contentType,
      topic: p.topic,
      angle: null,
      sourceKind: 'owner',
      sourceRef: null,
    });
  }
  const live = posts.filter((p) => !['rejected', 'failed'].includes(p.state));
  const revisited = (await planRefsInUse(deps.db, deps.brandSlug, 'evergreen')).filter((r) => r.date < from);
  return {
    existing,
    inputs: {
      slots,
      kept,
      history: live.filter((p) => p.day < from).map((p) => ({ date: p.day, contentType: p.contentType })),
      moments: momentsBetween(loadMoments(deps.paths.root), from, to, { withLead: true }),
      ideas: await openIdeas(deps),
      news: await offeredNews(deps, from),
      evergreen: await evergreenCandidates(deps),
      revisited: revisited.map((r) => ({ postId: r.ref, date: r.date })),
      preference: await typePreference(deps),
      mix: deps.brand.generation.mix,
      targets: cfg.targets,
      config: cfg,
      profile: deps.brand.profile,
      seed,
      windowSlots: platforms[0]!.posting.days.length * 4,
    },
  };
};
