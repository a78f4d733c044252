import type { ServiceDeps } from '../deps/service-deps.js';
import { l, type Localized } from '../i18n/localized.js';
import type { PostFact } from '../measure/facts.js';
import { platformPerformance, type PlatformPerformance } from '../store/platform-posts-repo.js';

/**
 * `report` per platform. Each platform's engagement rate has its own definition (docs/REPORTS.md):
 * - Facebook: (reactions + comments + shares) / unique viewers;
 * - Instagram: (likes + comments + shares + saves) / accounts reached;
 * - LinkedIn: (clicks + likes + comments + shares) / impressions (LinkedIn's own figure).
 * A platform's rate pools its posts (sum of interactions over sum of its denominator); the total
 * adds interactions and audience across platforms and says so, since the bases differ.
 */
export interface PlatformFigures {
  platform: string;
  posts: number;
  measured: number;
  /** The rate's denominator summed (unique viewers, accounts reached, impressions). */
  audience: number | null;
  interactions: number | null;
  rate: number | null;
  basis: string;
}

export interface PlatformBreakdown {
  label: Localized;
  basis: Localized;
  rows: PlatformFigures[];
  totals: {
    posts: number;
    measured: number;
    audience: number | null;
    interactions: number | null;
    rate: number | null;
  };
}

const BASIS: Record<string, string> = {
  facebook: '(reactions + comments + shares) / unique viewers',
  instagram: '(likes + comments + shares + saves) / accounts reached',
  linkedin: '(clicks + likes + comments + shares) / impressions',
};

/** The latest snapshot per platform post ('7d' over '24h'). */
const latest = (rows: PlatformPerformance[]) => {
  const byPost = new Map<string, PlatformPerformance>();
  for (const r of rows) {
    const key = `${r.postId}:${r.platform}`;
    const have = byPost.get(key);
    if (!have || (have.label !== '7d' && r.label === '7d') || (have.label === null && r.label !== null))
      byPost.set(key, r);
  }
  return [...byPost.values()];
};

export const platformBreakdown = async (
  deps: ServiceDeps,
  facebookFacts: PostFact[],
  period: { start: string; end: string },
  platforms: readonly string[],
): Promise<PlatformBreakdown> => {
  const rows: PlatformFigures[] = [];
  if (platforms.includes('facebook')) {
    const measured = facebookFacts.filter((f) => f.snapshot !== null);
    const rated = measured.filter((f) => f.rate !== null && f.engagements !== null && f.uniqueViewers);
    const audience = rated.reduce((s, f) => s + (f.uniqueViewers ?? 0), 0);
    const interactions = rated.reduce((s, f) => s + (f.engagements ?? 0), 0);
    rows.push({
      platform: 'facebook',
      posts: facebookFacts.length,
      measured: measured.length,
      audience: rated.length ? audience : null,
      interactions: rated.length ? interactions : null,
      rate: audience > 0 ? interactions / audience : null,
      basis: BASIS.facebook!,
    });
  }
  const perf = latest(await platformPerformance(deps.db, deps.brandSlug, period.start, period.end));
  for (const platform of platforms.filter((p) => p !== 'facebook')) {
    const list = perf.filter((r) => r.platform === platform);
    const measured = list.filter((r) => r.label !== null);
    const rated = measured.filter((r) => r.engagementRate !== null && r.interactions !== null);
    // The denominator each rate used: interactions / rate (reach for Instagram, impressions for LinkedIn).
    const audience = rated.reduce(
      (s, r) => s + (r.engagementRate! > 0 ? r.interactions! / r.engagementRate! : (r.reach ?? 0)),
      0,
    );
    const interactions = rated.reduce((s, r) => s + r.interactions!, 0);
    rows.push({
      platform,
      posts: list.length,
      measured: measured.length,
      audience: rated.length ? Math.round(audience) : null,
      interactions: rated.length ? interactions : null,
      rate: audience > 0 ? interactions / audience : null,
      basis: BASIS[platform] ?? 'interactions / audience',
    });
  }
  const withData = rows.filter((r) => r.audience !== null);
  const audience = withData.reduce((s, r) => s + r.audience!, 0);
  const interactions = withData.reduce((s, r) => s + r.interactions!, 0);
  return {
    label: l('By platform', 'Par plateforme'),
    basis: l(
      'Each platform’s rate uses its own definition; the total pools interactions over each platform’s audience (unique viewers, accounts reached, impressions).',
      'Le taux de chaque plateforme suit sa propre définition; le total regroupe les interactions sur l’auditoire de chaque plateforme (personnes uniques, comptes atteints, impressions).',
    ),
    rows,
    totals: {
      posts: rows.reduce((s, r) => s + r.posts, 0),
      measured: rows.reduce((s, r) => s + r.measured, 0),
      audience: withData.length ? audience : null,
      interactions: withData.length ? interactions : null,
      rate: audience > 0 ? interactions / audience : null,
    },
  };
};
