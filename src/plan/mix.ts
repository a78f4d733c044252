import { CONTENT_TYPES, type ContentType } from '../domain/content.js';
import type { MixAdherence, MixTarget } from '../domain/plan.js';
import { addDays } from '../domain/time.js';

export type MixTargets = Partial<Record<ContentType, MixTarget>>;

const EPS = 1e-9;

/** The most posts of a type any four weeks may hold: `max` × the posting slots of four weeks. */
export const maxCount = (target: MixTarget | undefined, windowSlots: number): number =>
  target?.max === undefined ? Number.POSITIVE_INFINITY : Math.floor(target.max * windowSlots + EPS);

/** The fewest posts of a type a block of `slots` posting days must hold. */
export const minCount = (target: MixTarget | undefined, slots: number): number =>
  target?.min === undefined ? 0 : Math.ceil(target.min * slots - EPS);

/** Dated content types (posts and entries), the unit the mix is counted in. */
export interface Dated {
  date: string;
  contentType: string | null;
}

/**
 * Whether one more post of `type` on `date` keeps every four-week window that contains the
 * date within the type's maximum share.
 */
export const fitsMax = (
  type: string,
  date: string,
  known: Dated[],
  targets: MixTargets,
  windowSlots: number,
): boolean => {
  const cap = maxCount(targets[type as ContentType], windowSlots);
  if (!Number.isFinite(cap)) return true;
  if (cap < 1) return false;
  const same = known.filter((k) => k.contentType === type).map((k) => k.date);
  for (let start = addDays(date, -27); start <= date; start = addDays(start, 1)) {
    const end = addDays(start, 27);
    if (same.filter((d) => d >= start && d <= end).length + 1 > cap) return false;
  }
  return true;
};

/** Shares of each type among `items` against the targets (types with a post or a target). */
export const adherence = (items: Dated[], targets: MixTargets): { total: number; types: MixAdherence[] } => {
  const counted = items.filter((i) => i.contentType !== null);
  const total = counted.length;
  const counts = new Map<string, number>();
  for (const i of counted) counts.set(i.contentType!, (counts.get(i.contentType!) ?? 0) + 1);
  const types = CONTENT_TYPES.filter((t) => counts.has(t) || targets[t]).map((t) => {
    const count = counts.get(t) ?? 0;
    const share = total ? count / total : 0;
    const min = targets[t]?.min ?? null;
    const max = targets[t]?.max ?? null;
    const status: MixAdherence['status'] =
      total === 0
        ? 'ok'
        : max !== null && share > max + EPS
          ? 'over'
          : min !== null && share < min - EPS
            ? 'under'
            : 'ok';
    return { contentType: t, count, share, min, max, status };
  });
  return { total, types };
};
