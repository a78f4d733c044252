import type { ContentType, Style } from '../../src/domain/content.js';
import type { PostState } from '../../src/domain/post-state.js';
import type { ServiceDeps } from '../../src/deps/service-deps.js';
import { insertPublication, insertSnapshot, setImportedPostFields } from '../../src/store/analytics-repo.js';
import { newId } from '../../src/store/ids.js';
import { recordCall } from '../../src/store/llm-calls-repo.js';
import { insertPost } from '../../src/store/posts-repo.js';
import { insertVariant } from '../../src/store/variants-repo.js';
import type { WriteContext } from '../../src/store/write-context.js';

export interface FixturePost {
  contentType: ContentType;
  style: Style;
  promptVersion?: string;
  quality?: number | null;
  text: string;
  /** UTC instant of publication (null: never published, e.g. rejected). */
  publishedAt: string | null;
  state?: PostState;
  snapshots?: {
    label: '24h' | '7d';
    uniqueViewers: number | null;
    reactions: number | null;
    comments: number | null;
    shares: number | null;
    views?: number | null;
    clicks?: number | null;
    missing?: string[];
  }[];
  /** Calls billed to this post: [purpose, usd, created_at]. */
  costs?: [string, number, string][];
}

const w = (now: string): WriteContext => ({ now, actor: 'fixture@test', replica: 'replica-test' });

/** Inserts posts through the repositories, the way the pipeline and the daemon would. */
export const insertFixture = async (deps: ServiceDeps, posts: FixturePost[]): Promise<string[]> => {
  const ids: string[] = [];
  for (const p of posts) {
    const id = newId();
    const at = p.publishedAt ?? '2026-11-18T12:00:00.000Z';
    const ctx = w(at);
    await insertPost(deps.db, ctx, {
      id,
      brand: deps.brandSlug,
      contentType: p.contentType,
      topic: null,
      targetDate: at.slice(0, 10),
      state: 'draft',
    });
    const variantId = await insertVariant(deps.db, ctx, {
      postId: id,
      idx: 0,
      style: p.style,
      text: p.text,
      headline: 'h',
      promptVersion: p.promptVersion ?? 'v1',
      provider: 'offline',
      model: 'offline',
      qualityScore: p.quality ?? null,
    });
    let state = p.state ?? 'rejected';
    if (p.publishedAt) {
      const pubId = await insertPublication(deps.db, ctx, {
        postId: id,
        brand: deps.brandSlug,
        status: 'published',
        mode: 'native',
        textHash: 'x',
        slotAt: p.publishedAt,
        finishedAt: p.publishedAt,
        fbPostId: `1_${ids.length + 1}${Math.floor(Math.random() * 1e9)}`,
        permalink: null,
      });
      state = p.snapshots?.length ? 'measured' : 'published';
      for (const s of p.snapshots ?? []) {
        const eng = s.reactions === null || s.comments === null ? null : s.reactions + s.comments + (s.shares ?? 0);
        const rate = eng !== null && s.uniqueViewers ? eng / s.uniqueViewers : null;
        await insertSnapshot(deps.db, ctx, {
          postId: id,
          publicationId: pubId,
          label: s.label,
          takenAt: new Date(Date.parse(p.publishedAt) + (s.label === '24h' ? 1 : 7) * 86_400_000).toISOString(),
          views: s.views ?? null,
          uniqueViewers: s.uniqueViewers,
          reactions: s.reactions,
          comments: s.comments,
          shares: s.shares,
          clicks: s.clicks ?? null,
          engagementRate: rate,
          basis: rate === null ? null : 'engagement/unique_viewers',
          missing: s.missing ?? [],
        });
      }
    }
    await setImportedPostFields(deps.db, ctx, id, { state, chosenVariantId: variantId, scheduledAt: p.publishedAt });
    for (const [purpose, usd, created] of p.costs ?? []) {
      await recordCall(deps.db, w(created), {
        runId: null,
        postId: id,
        stepKey: `${purpose}-${usd}`,
        purpose,
        provider: 'x',
        model: 'x',
        status: 'succeeded',
        costUsd: usd,
        latencyMs: 1,
      });
    }
    ids.push(id);
  }
  return ids;
};

/**
 * The hand-computed data set (America/Toronto, EST = UTC−5 in November). The report's week is
 * Mon 2026-11-16 … Sun 2026-11-22 (--now Tue 2026-11-24); the previous week 2026-11-09 … 15.
 * See test/report/report-service.test.ts for the arithmetic.
 */
export const WEEK_FIXTURE: FixturePost[] = [
  {
    // P1 Tue 14:05 local. 7d: (15+3+2)/600 = 3.3333 %
    contentType: 'case_study',
    style: 'storytelling',
    quality: 90,
    text: 'Un client de Laval a récupéré 30 % de ses appels manqués en un mois. Et vous, combien d’appels perdez-vous chaque semaine?',
    publishedAt: '2026-11-17T19:05:00.000Z',
    snapshots: [
      { label: '24h', uniqueViewers: 400, reactions: 10, comments: 2, shares: 1 },
      { label: '7d', uniqueViewers: 600, reactions: 15, comments: 3, shares: 2, views: 900, clicks: 12 },
    ],
    costs: [
      ['variant', 0.05, '2026-11-16T15:00:00.000Z'],
      ['image', 0.04, '2026-11-16T15:01:00.000Z'],
    ],
  },
  {
    // P2 Wed 13:30 local. 24h only: 3/300 = 1 %
    contentType: 'tip',
    style: 'professional',
    quality: 80,
    text: 'Trois conseils pour ne plus rater d’appels pendant la période des fêtes. Configurez un message d’accueil clair et un renvoi.',
    publishedAt: '2026-11-18T18:30:00.000Z',
    snapshots: [{ label: '24h', uniqueViewers: 300, reactions: 3, comments: 0, shares: 0 }],
    costs: [
      ['variant', 0.03, '2026-11-17T15:00:00.000Z'],
      ['image', 0.04, '2026-11-17T15:01:00.000Z'],
    ],
  },
  {
    // P3 Thu 15:10 local, not measured yet
    contentType: 'faq',
    style: 'question',
    quality: 85,
    promptVersion: 'v2',
    text: 'Est-ce que la réceptionniste IA comprend l’accent de la Beauce? Oui, et elle s’adapte.',
    publishedAt: '2026-11-19T20:10:00.000Z',
    costs: [['variant', 0.02, '2026-11-18T15:00:00.000Z']],
  },
  {
    // P4 Fri 14:00 local: Facebook did not return the unique viewers → no rate
    contentType: 'tip',
    style: 'question',
    quality: 75,
    promptVersion: 'v2',
    text: 'Votre boîte vocale est pleine? Voici quoi faire.',
    publishedAt: '2026-11-20T19:00:00.000Z',
    snapshots: [
      { label: '24h', uniqueViewers: null, reactions: 5, comments: 1, shares: 0, missing: ['unique_viewers'] },
    ],
    costs: [
      ['variant', 0.02, '2026-11-19T15:00:00.000Z'],
      ['image', 0.04, '2026-11-19T15:01:00.000Z'],
    ],
  },
  {
    // Rejected draft: its cost counts in the period's spend, not in cost per post
    contentType: 'announcement',
    style: 'professional',
    text: 'Brouillon rejeté',
    publishedAt: null,
    costs: [['variant', 0.1, '2026-11-20T15:00:00.000Z']],
  },
  {
    // P5 previous week, Tue 14:00 local. 7d: 10/500 = 2 %
    contentType: 'case_study',
    style: 'storytelling',
    quality: 88,
    text: 'L’an dernier, une clinique de Québec perdait 40 appels par semaine. Aujourd’hui, zéro.',
    publishedAt: '2026-11-10T19:00:00.000Z',
    snapshots: [{ label: '7d', uniqueViewers: 500, reactions: 8, comments: 1, shares: 1 }],
    costs: [
      ['variant', 0.04, '2026-11-09T15:00:00.000Z'],
      ['image', 0.04, '2026-11-09T15:01:00.000Z'],
    ],
  },
  {
    // P6 previous week, Thu 13:00 local. 7d: 1/200 = 0.5 %
    contentType: 'myth_busting',
    style: 'professional',
    quality: 70,
    text: 'Mythe : l’IA coûte trop cher pour une PME.',
    publishedAt: '2026-11-12T18:00:00.000Z',
    snapshots: [{ label: '7d', uniqueViewers: 200, reactions: 1, comments: 0, shares: 0 }],
    costs: [['variant', 0.03, '2026-11-11T15:00:00.000Z']],
  },
];
