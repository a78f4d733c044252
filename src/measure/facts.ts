import { localParts } from '../domain/time.js';
import { textFeatures, type PostFeatures } from './features.js';
import { costsForPosts, publishedFacts, snapshotsForPosts } from '../store/analytics-repo.js';
import type { Db } from '../store/database.js';
import type { MetricSnapshot } from '../domain/metrics.js';

/** One published post, joined with its best snapshot and its cost: what every analysis reads. */
export interface PostFact {
  id: string;
  contentType: string;
  style: string | null;
  promptVersion: string | null;
  qualityScore: number | null;
  /** The judge's verdict on the published text (null for imported or unscored posts). */
  judge: { method: 'llm' | 'deterministic'; naturalness: number; clicheSpans: number } | null;
  text: string | null;
  publishedAt: string;
  weekday: number;
  hour: number;
  /** Which snapshot the numbers come from ('7d' preferred, else '24h'); null = not measured yet. */
  snapshot: '24h' | '7d' | null;
  uniqueViewers: number | null;
  views: number | null;
  engagements: number | null;
  /** Engagements per unique viewer; null when the denominator or the numerator is missing. */
  rate: number | null;
  /** Fields the metrics job could not read (from the snapshot's `missing`). */
  missing: string[];
  costText: number;
  costImage: number;
}

const parseMissing = (value: string | null): string[] => {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
};

const bestSnapshot = (rows: MetricSnapshot[] | undefined): MetricSnapshot | undefined =>
  rows?.find((r) => r.label === '7d') ?? rows?.find((r) => r.label === '24h');

export const engagementsOf = (s: MetricSnapshot): number | null =>
  s.reactions === null || s.comments === null ? null : s.reactions + s.comments + (s.shares ?? 0);

export const loadFacts = async (
  db: Db,
  brand: string,
  timeZone: string,
  from: string | null,
  to: string | null,
): Promise<PostFact[]> => {
  const rows = await publishedFacts(db, brand, from, to);
  const ids = rows.map((r) => r.id);
  const [snapshots, costs] = await Promise.all([snapshotsForPosts(db, ids), costsForPosts(db, ids)]);
  const byPost = new Map<string, MetricSnapshot[]>();
  for (const s of snapshots) {
    const list = byPost.get(s.postId) ?? [];
    list.push(s);
    byPost.set(s.postId, list);
  }
  return rows.map((r) => {
    const snap = bestSnapshot(byPost.get(r.id));
    const parts = localParts(new Date(r.publishedAt!), timeZone);
    const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
    const engagements = snap ? engagementsOf(snap) : null;
    const viewers = snap?.uniqueViewers ?? null;
    let rate = snap?.engagementRate ?? null;
    if (rate === null && engagements !== null && viewers) rate = engagements / viewers;
    if (viewers === 0) rate = null;
    const cost = costs.get(r.id);
    return {
      id: r.id,
      contentType: r.contentType,
      style: r.style,
      promptVersion: r.promptVersion,
      qualityScore: r.qualityScore,
      judge:
        (r.judgeMethod === 'llm' || r.judgeMethod === 'deterministic') && typeof r.judgeNaturalness === 'number'
          ? { method: r.judgeMethod, naturalness: r.judgeNaturalness, clicheSpans: r.judgeClicheSpans ?? 0 }
          : null,
      text: r.text,
      publishedAt: r.publishedAt!,
      weekday,
      hour: parts.hour,
      snapshot: snap ? (snap.label === '7d' ? '7d' : '24h') : null,
      uniqueViewers: viewers,
      views: snap?.views ?? null,
      engagements,
      rate,
      missing: snap ? parseMissing(snap.missing) : ['snapshot'],
      costText: cost?.text ?? 0,
      costImage: cost?.image ?? 0,
    };
  });
};

export const featuresOf = (f: PostFact): PostFeatures => ({
  ...textFeatures(f.text ?? ''),
  weekday: f.weekday,
  hour: f.hour,
  contentType: f.contentType,
  style: f.style,
});
