import type { PlatformSlotSample } from '../domain/platform-post.js';
import { seededRandom } from '../domain/random.js';
import { localParts, minutesOf } from '../domain/time.js';

/**
 * Where in its own window a platform's next post should go, learned from that platform's own
 * results only (a good Facebook slot says nothing about LinkedIn). Thompson sampling over the
 * window's hours: each hour's engagement rates (latest snapshot per post) shrink toward the
 * platform's mean with a prior worth two posts; one draw per hour from the posterior, the best
 * hour wins, and the slot is drawn around its middle (jitter still applies). With fewer than
 * `minPosts` measured posts the window stays uniform (undefined), so early posts explore.
 */
export type SlotHistory = PlatformSlotSample;

export interface PlatformSlotChoice {
  preferredMinute: number | undefined;
  /** Measured posts the choice rests on, per hour of the window. */
  evidence: Record<number, { posts: number; mean: number | null }>;
  basis: 'uniform' | 'thompson';
}

const PRIOR_WEIGHT = 2;

export const choosePlatformSlot = (
  history: readonly SlotHistory[],
  window: { windowStart: string; windowEnd: string },
  timeZone: string,
  seed: string,
  minPosts = 4,
): PlatformSlotChoice => {
  const start = minutesOf(window.windowStart);
  const end = minutesOf(window.windowEnd);
  const firstHour = Math.floor(start / 60);
  const lastHour = Math.ceil(end / 60) - 1;
  // The latest snapshot per post: '7d' over '24h'.
  const perPost = new Map<string, SlotHistory>();
  for (const row of history) {
    if (row.engagementRate === null) continue;
    const have = perPost.get(row.publishedAt);
    if (!have || (have.label !== '7d' && row.label === '7d')) perPost.set(row.publishedAt, row);
  }
  const byHour = new Map<number, number[]>();
  for (const row of perPost.values()) {
    const hour = localParts(new Date(row.publishedAt), timeZone).hour;
    if (hour < firstHour || hour > lastHour) continue;
    byHour.set(hour, [...(byHour.get(hour) ?? []), row.engagementRate!]);
  }
  const all = [...byHour.values()].flat();
  const evidence: PlatformSlotChoice['evidence'] = {};
  for (let h = firstHour; h <= lastHour; h += 1) {
    const rates = byHour.get(h) ?? [];
    evidence[h] = { posts: rates.length, mean: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null };
  }
  if (all.length < minPosts) return { preferredMinute: undefined, evidence, basis: 'uniform' };
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const sd = Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, all.length - 1)) || mean / 2 || 0.01;
  const random = seededRandom(seed);
  const gaussian = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  let best = { hour: firstHour, draw: -Infinity };
  for (let h = firstHour; h <= lastHour; h += 1) {
    const rates = byHour.get(h) ?? [];
    const n = rates.length;
    const posterior = (mean * PRIOR_WEIGHT + rates.reduce((a, b) => a + b, 0)) / (PRIOR_WEIGHT + n);
    const draw = posterior + (sd / Math.sqrt(PRIOR_WEIGHT + n)) * gaussian();
    if (draw > best.draw) best = { hour: h, draw };
  }
  const from = Math.max(start, best.hour * 60);
  const to = Math.min(end, best.hour * 60 + 60);
  return { preferredMinute: Math.floor((from + to) / 2), evidence, basis: 'thompson' };
};
