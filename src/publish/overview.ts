import type { ServiceDeps } from '../deps/service-deps.js';
import { NATIVE_MARGIN_MS, NATIVE_MAX_MS, NATIVE_MIN_MS } from '../domain/publish-mode.js';
import { formatLocal } from '../domain/time.js';
import { facebookCredentials } from '../platforms/facebook/credentials.js';
import { shortId } from '../store/ids.js';
import { scheduledPosts } from '../store/posts-repo.js';
import { livePublication } from '../store/publications-repo.js';
import { pagePause } from './lease.js';
import { forBrand } from './session.js';

/**
 * The earliest moment this brand has publishing work (the daemon sleeps until then). It can be
 * in the past (overdue work); a paused Page moves it to the end of the pause. `unconfirmed`
 * posts are not counted: every pass retries them, the daemon's regular tick is enough.
 */
export const nextDueAt = async (deps: ServiceDeps): Promise<Date | undefined> => {
  const rows = await scheduledPosts(deps.db, { brand: deps.brandSlug, limit: 200 });
  let best: number | undefined;
  for (const p of rows) {
    if (!p.scheduledAt || p.state === 'unconfirmed') continue;
    const at = new Date(p.scheduledAt).getTime();
    // Native posts are due when they enter Meta's range (30 days ahead), queue posts at the slot.
    const due =
      p.state === 'approved'
        ? p.publishMode === 'native'
          ? Math.min(at, Math.max(at - NATIVE_MAX_MS, 0))
          : at
        : p.state === 'scheduled'
          ? at
          : 0;
    best = best === undefined ? due : Math.min(best, due);
  }
  if (best === undefined) return undefined;
  const found = facebookCredentials(deps);
  if (found.ok) {
    const pause = await pagePause(deps.db, found.credentials.pageId, deps.clock.now());
    if (pause) best = Math.max(best, new Date(pause.until).getTime());
  }
  return new Date(best);
};

export interface ScheduleEntry {
  id: string;
  shortId: string;
  brand: string;
  state: string;
  scheduledAt: string;
  local: string;
  /** `native` or `queue` (a PublishMode), null before approval. */
  mode: string | null;
  /** What will happen: Meta holds it, the queue publishes it, or a dry-run file is written. */
  handling: 'meta_holds' | 'native_when_in_range' | 'queue' | 'queue_overdue' | 'dry_run' | 'in_flight' | 'unconfirmed';
  fbPostId: string | null;
}

/** `autoscale schedule`: upcoming and overdue slots with their mode and state. */
export const scheduleOverview = async (
  deps: ServiceDeps,
  options: { allBrands?: boolean } = {},
): Promise<{ timeZone: string; dryRun: boolean; entries: ScheduleEntry[] }> => {
  const now = deps.clock.now();
  const rows = await scheduledPosts(deps.db, { brand: options.allBrands ? undefined : deps.brandSlug, limit: 200 });
  const entries: ScheduleEntry[] = [];
  const dryByBrand = new Map<string, boolean>();
  for (const p of rows) {
    const bd = forBrand(deps, p.brand);
    if (!dryByBrand.has(p.brand)) dryByBrand.set(p.brand, !facebookCredentials(bd).ok);
    const at = new Date(p.scheduledAt!);
    const live = p.state === 'scheduled' ? await livePublication(deps.db, p.id) : undefined;
    let handling: ScheduleEntry['handling'];
    if (p.state === 'scheduled') handling = 'meta_holds';
    else if (p.state === 'publishing') handling = 'in_flight';
    else if (p.state === 'unconfirmed') handling = 'unconfirmed';
    else if (dryByBrand.get(p.brand)) handling = 'dry_run';
    else if (p.publishMode === 'native' && at.getTime() - now.getTime() >= NATIVE_MIN_MS + NATIVE_MARGIN_MS)
      handling = 'native_when_in_range';
    else handling = at.getTime() <= now.getTime() ? 'queue_overdue' : 'queue';
    entries.push({
      id: p.id,
      shortId: shortId(p.id),
      brand: p.brand,
      state: p.state,
      scheduledAt: p.scheduledAt!,
      local: formatLocal(at, bd.brand.timezone),
      mode: p.publishMode,
      handling,
      fbPostId: live?.fbPostId ?? null,
    });
  }
  return {
    timeZone: deps.brand.timezone,
    dryRun: dryByBrand.get(deps.brandSlug) ?? !facebookCredentials(deps).ok,
    entries,
  };
};
