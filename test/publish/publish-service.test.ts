import { existsSync, readFileSync } from 'node:fs';
import { decodeLocalized } from '../../src/i18n/stored.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { statusReport } from '../../src/services/status-service.js';
import { approvePost } from '../../src/review/review-service.js';
import { publishDue, publishPost, reconcileInFlight } from '../../src/publish/publish-service.js';
import { cancelNative, rescheduleNative } from '../../src/publish/native.js';
import { nextDueAt, scheduleOverview } from '../../src/publish/overview.js';
import type { PublishEvent } from '../../src/publish/outcome.js';
import { acquirePublishLease } from '../../src/publish/lease.js';
import { hashText } from '../../src/domain/random.js';
import { getPost, transitionPost } from '../../src/store/posts-repo.js';
import { insertPublication, publicationsForPost } from '../../src/store/publications-repo.js';
import { setMeta, getMeta } from '../../src/store/meta-repo.js';
import { isAutoscaleError } from '../../src/errors/errors.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { confirmSamples } from '../helpers/profile.js';

let fake: GraphFake;
let store: TestStore;
let events: PublishEvent[];
const NOW = '2026-11-24T15:00:00Z';

const config = () => {
  const c = confirmSamples(buildInitialConfig({}));
  c.facebook = {
    ...c.facebook,
    timeoutMs: 400,
    uploadTimeoutMs: 400,
    retries: 2,
    retryMinMs: 1,
    settleMs: 10,
    maxAttempts: 3,
    breakerVolume: 50,
  };
  return c;
};

const rt = () => ({ sleep: async () => undefined, onEvent: (e: PublishEvent) => events.push(e) });

beforeEach(async () => {
  fake = await startGraphFake();
  store = await testStore({
    now: NOW,
    config: config(),
    env: { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url },
  });
  fake.setNow(() => store.clock.now().getTime());
  events = [];
});
afterEach(async () => {
  await store.close();
  await fake.close();
});

const state = async (id: string) => (await getPost(store.deps.db, id))!.state;
const pubs = (id: string) => publicationsForPost(store.deps.db, id);

describe('publish: queue mode', () => {
  it('publishes a due photo post once and stores the post id and the photo id', async () => {
    const id = await approvedPost(store.deps, { text: 'Photo due', at: '2026-11-24T14:59:00Z', image: true });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out).toMatchObject({ action: 'published', state: 'published', via: 'call', attempt: 1 });
    expect(fake.countMessage('Photo due')).toBe(1);
    const req = fake.requests.find((r) => r.path.endsWith('/photos'))!;
    expect(req.file?.field).toBe('source');
    expect(req.fields.caption).toBe('Photo due');
    const [pub] = await pubs(id);
    expect(pub).toMatchObject({
      status: 'published',
      fbPostId: out.fbPostId,
      fbPhotoId: out.fbPhotoId,
      textHash: hashText('Photo due'),
      attemptNo: 1,
    });
    expect(pub!.fbPhotoId).toBeTruthy();
    // Publishing again is a no-op, never a second post.
    expect((await publishPost(store.deps, id, { now: true }, rt())).action).toBe('unchanged');
    expect(fake.countMessage('Photo due')).toBe(1);
  });

  it('uses /feed when the post has no image; a post not yet due waits', async () => {
    const due = await approvedPost(store.deps, { text: 'Texte seul', at: '2026-11-24T14:00:00Z' });
    const later = await approvedPost(store.deps, { text: 'Plus tard', at: '2026-11-24T18:00:00Z' });
    expect((await publishPost(store.deps, due, {}, rt())).action).toBe('published');
    expect(fake.requests.some((r) => r.path.endsWith('/feed'))).toBe(true);
    const wait = await publishPost(store.deps, later, {}, rt());
    expect(wait).toMatchObject({ action: 'deferred', state: 'approved' });
    // Reasons are kept in both languages (src/i18n/stored.ts).
    expect(decodeLocalized(wait.reason!)).toEqual({ en: 'not due yet', fr: 'pas encore due' });
    expect(fake.countMessage('Plus tard')).toBe(0);
    expect((await publishPost(store.deps, later, { now: true }, rt())).action).toBe('published');
  });

  it('publishDue publishes every due post of the brand, in slot order, and skips the rest', async () => {
    const a = await approvedPost(store.deps, { text: 'A', at: '2026-11-24T13:00:00Z' });
    const b = await approvedPost(store.deps, { text: 'B', at: '2026-11-24T14:00:00Z' });
    const c = await approvedPost(store.deps, { text: 'C', at: '2026-11-25T14:00:00Z' });
    const report = await publishDue(store.deps, rt());
    expect(report.outcomes.map((o) => o.postId)).toEqual([a, b]);
    expect(await state(c)).toBe('approved');
    expect(await nextDueAt(store.deps)).toEqual(new Date('2026-11-25T14:00:00Z'));
  });
});

describe('publish: native mode', () => {
  it('hands a post 10 min–30 days ahead to Meta, then verifies it once the time passed', async () => {
    const id = await approvedPost(store.deps, {
      text: 'Natif',
      at: '2026-11-24T18:00:00Z',
      mode: 'native',
      image: true,
    });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out).toMatchObject({ action: 'scheduled', state: 'scheduled' });
    const posted = fake.posts.find((p) => p.message === 'Natif')!;
    expect(posted.published).toBe(false);
    expect(posted.scheduledPublishTime).toBe(Date.parse('2026-11-24T18:00:00Z') / 1000);
    expect((await scheduleOverview(store.deps)).entries[0]).toMatchObject({
      handling: 'meta_holds',
      fbPostId: out.fbPostId,
    });
    store.clock.set('2026-11-24T18:05:00Z');
    const report = await publishDue(store.deps, rt());
    expect(report.verified.map((v) => v.action)).toEqual(['published']);
    expect(await state(id)).toBe('published');
    expect(fake.countMessage('Natif')).toBe(1);
  });

  it('falls back to the queue when the slot is closer than 10 minutes', async () => {
    const id = await approvedPost(store.deps, { text: 'Trop près', at: '2026-11-24T15:05:00Z', mode: 'native' });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out).toMatchObject({ action: 'deferred', mode: 'queue' });
    store.clock.set('2026-11-24T15:05:30Z');
    expect((await publishDue(store.deps, rt())).outcomes[0]).toMatchObject({ action: 'published' });
  });

  it('publishes a scheduled post now, reschedules and cancels', async () => {
    const a = await approvedPost(store.deps, { text: 'Maintenant', at: '2026-11-25T18:00:00Z', mode: 'native' });
    const b = await approvedPost(store.deps, { text: 'Déplacé', at: '2026-11-25T19:00:00Z', mode: 'native' });
    await publishDue(store.deps, rt());
    expect([await state(a), await state(b)]).toEqual(['scheduled', 'scheduled']);
    expect((await publishPost(store.deps, a, { now: true }, rt())).action).toBe('published');
    expect(fake.posts.find((p) => p.message === 'Maintenant')!.published).toBe(true);
    await rescheduleNative(store.deps, b, new Date('2026-11-26T19:30:00Z'), rt());
    expect(fake.posts.find((p) => p.message === 'Déplacé')!.scheduledPublishTime).toBe(
      Date.parse('2026-11-26T19:30:00Z') / 1000,
    );
    await expect(approvePost(store.deps, { ref: b })).rejects.toMatchObject({ code: 'publication_exists' });
    await cancelNative(store.deps, b, rt());
    expect(await state(b)).toBe('in_review');
    expect((await getPost(store.deps.db, b))!.scheduledAt).toBeNull();
    expect(fake.countMessage('Déplacé')).toBe(0);
  });
});

describe('publish: exactly once under unknown outcomes', () => {
  it('response lost after Meta created the post: found by reconciliation, not posted again', async () => {
    const id = await approvedPost(store.deps, { text: 'Réponse perdue', at: '2026-11-24T14:00:00Z', image: true });
    fake.inject({ fault: { kind: 'response_lost' }, path: '/photos' });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out).toMatchObject({ action: 'published', via: 'reconcile' });
    expect(fake.countMessage('Réponse perdue')).toBe(1);
    expect(out.fbPostId).toBe(fake.posts[0]!.id);
  });

  it.each(['apply_and_hang', 'apply_then_500'] as const)('%s: reconciled, exactly one post', async (kind) => {
    const id = await approvedPost(store.deps, { text: `Fault ${kind}`, at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind }, path: '/feed' });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out.action).toBe('published');
    expect(fake.countMessage(`Fault ${kind}`)).toBe(1);
  });

  it('connection reset before Meta applied it: confirmed absent, retried once, posted once', async () => {
    const id = await approvedPost(store.deps, { text: 'Reset', at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind: 'reset_before' }, path: '/feed' });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out).toMatchObject({ action: 'published', attempt: 2 });
    expect((await pubs(id)).map((p) => p.status)).toEqual(['absent', 'published']);
    expect(fake.countMessage('Reset')).toBe(1);
  });

  it('transient 5xx errors (code 2) are reconciled, then retried; after maxAttempts the post fails', async () => {
    const ok = await approvedPost(store.deps, { text: 'Transitoire', at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 500 }, path: '/feed' });
    expect((await publishPost(store.deps, ok, {}, rt())).action).toBe('published');
    const ko = await approvedPost(store.deps, { text: 'Toujours en panne', at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind: 'error', code: 1, httpStatus: 400 }, path: '/feed', times: 3 });
    const out = await publishPost(store.deps, ko, {}, rt());
    expect(out.action).toBe('failed');
    expect(out.reason).toMatch(/gave up after 3 attempts/);
    expect(fake.countMessage('Toujours en panne')).toBe(0);
  });

  it('unknown and the Page cannot be listed → unconfirmed, shown in status with the resolve command; publish resolves it', async () => {
    const id = await approvedPost(store.deps, { text: 'Incertain', at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind: 'response_lost' }, path: '/feed' });
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 503 }, path: '/scheduled_posts', times: 10 });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out.action).toBe('unconfirmed');
    expect(events.some((e) => e.type === 'alert')).toBe(true);
    const status = await statusReport(store.deps.db, store.deps.brandSlug, store.clock.now());
    const row = status.attention.find((a) => a.id === id)!;
    expect(row.state).toBe('unconfirmed');
    expect(row.resolve).toMatch(/^autoscale publish [0-9a-f]{8}/);
    fake.clearFaults();
    const resolved = await publishPost(store.deps, id, {}, rt());
    expect(resolved).toMatchObject({ action: 'published', via: 'reconcile' });
    expect(fake.countMessage('Incertain')).toBe(1);
  });

  it('startup reconciliation settles rows a crash left in publishing', async () => {
    const onPage = await approvedPost(store.deps, { text: 'Déjà en ligne', at: '2026-11-24T14:00:00Z' });
    const lost = await approvedPost(store.deps, { text: 'Jamais parti', at: '2026-11-24T14:00:00Z' });
    // Simulate two crashes right after the intent: one after Meta created the post, one before.
    for (const [id, text] of [
      [onPage, 'Déjà en ligne'],
      [lost, 'Jamais parti'],
    ] as const) {
      const w = store.deps.writer();
      await transitionPost(store.deps.db, w, id, 'approved', 'publishing');
      await insertPublication(store.deps.db, w, {
        postId: id,
        brand: store.deps.brandSlug,
        pageId: fake.pageId,
        mode: 'queue',
        status: 'pending',
        textHash: hashText(text),
        slotAt: null,
      });
    }
    fake.posts.push({
      id: `${fake.pageId}_1`,
      pageId: fake.pageId,
      message: 'Déjà en ligne',
      createdTime: store.clock.now().getTime(),
      published: true,
      scheduledPublishTime: null,
      photoId: null,
      image: null,
      shares: 0,
      comments: 0,
      deleted: false,
    });
    const settled = await reconcileInFlight(store.deps, rt());
    expect(settled.map((s) => [s.postId, s.action])).toEqual([
      [onPage, 'published'],
      [lost, 'deferred'],
    ]);
    expect(await state(lost)).toBe('approved');
    await publishDue(store.deps, rt());
    expect(fake.countMessage('Déjà en ligne')).toBe(1);
    expect(fake.countMessage('Jamais parti')).toBe(1);
  });

  it('an unconfirmed post cannot be re-approved (that would skip reconciliation)', async () => {
    const id = await approvedPost(store.deps, { text: 'Pas de raccourci', at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind: 'response_lost' }, path: '/feed' });
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 503 }, path: '/scheduled_posts', times: 10 });
    expect((await publishPost(store.deps, id, {}, rt())).action).toBe('unconfirmed');
    await expect(approvePost(store.deps, { ref: id })).rejects.toMatchObject({ code: 'publication_exists' });
  });

  it('another live publisher holds the lease: busy, nothing published', async () => {
    const id = await approvedPost(store.deps, { text: 'Verrou', at: '2026-11-24T14:00:00Z' });
    await setMeta(
      store.deps.db,
      `publish_lease:${store.deps.brandSlug}`,
      JSON.stringify({
        pid: process.ppid,
        host: (await import('node:os')).hostname(),
        until: Date.now() + 60_000,
        owner: 'daemon',
      }),
    );
    await expect(publishPost(store.deps, id, {}, rt())).rejects.toMatchObject({ code: 'publish_busy' });
    expect(fake.countMessage('Verrou')).toBe(0);
    // A lease whose process is gone is stale.
    await setMeta(
      store.deps.db,
      `publish_lease:${store.deps.brandSlug}`,
      JSON.stringify({
        pid: 2 ** 22 + 17,
        host: (await import('node:os')).hostname(),
        until: Date.now() + 60_000,
        owner: 'dead',
      }),
    );
    expect((await publishPost(store.deps, id, {}, rt())).action).toBe('published');
    const release = await acquirePublishLease(store.deps.db, 'other', 'me');
    await release();
    expect(await getMeta(store.deps.db, 'publish_lease:other')).toBeUndefined();
  });
});

describe('publish: refusals', () => {
  it('duplicate 506: failed, never retried', async () => {
    const id = await approvedPost(store.deps, { text: 'Doublon', at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind: 'error', code: 506 }, path: '/feed' });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out).toMatchObject({ action: 'failed', state: 'failed' });
    expect(fake.requests.filter((r) => r.path.endsWith('/feed'))).toHaveLength(1);
  });

  it.each([
    [190, 'token'],
    [10, 'permission'],
    [100, 'invalid'],
  ] as const)('error %i (%s): failed with the reason, alert for token/permission', async (code, category) => {
    const id = await approvedPost(store.deps, { text: `Refus ${code}`, at: '2026-11-24T14:00:00Z' });
    fake.inject({ fault: { kind: 'error', code, subcode: code === 190 ? 460 : undefined }, path: '/feed' });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out.action).toBe('failed');
    expect((await getPost(store.deps.db, id))!.failureReason).toMatch(new RegExp(`#${code}`));
    expect(events.some((e) => e.type === 'alert')).toBe(category !== 'invalid');
    const status = await statusReport(store.deps.db, store.deps.brandSlug, store.clock.now());
    expect(status.attention.find((a) => a.id === id)!.resolve).toMatch(/autoscale show/);
  });

  it('throttled: deferred, the Page paused for every process, no call until then', async () => {
    const a = await approvedPost(store.deps, { text: 'Limite', at: '2026-11-24T14:00:00Z' });
    const b = await approvedPost(store.deps, { text: 'Limite 2', at: '2026-11-24T14:10:00Z' });
    fake.inject({ fault: { kind: 'error', code: 80001, regainMinutes: 30 }, path: '/feed' });
    const report = await publishDue(store.deps, rt());
    expect(report.outcomes.map((o) => o.action)).toEqual(['deferred', 'deferred']);
    expect(report.outcomes[0]!.retryAt).toBe('2026-11-24T15:30:00.000Z');
    expect(await nextDueAt(store.deps)).toEqual(new Date('2026-11-24T15:30:00.000Z'));
    expect(await state(a)).toBe('approved');
    expect(fake.requests.filter((r) => r.path.endsWith('/feed'))).toHaveLength(1);
    store.clock.set('2026-11-24T15:31:00Z');
    fake.usage.regainMinutes = 0;
    // A new process (new client) after the pause publishes both once.
    const later = await publishDue(store.deps, rt());
    expect(later.outcomes.map((o) => o.action)).toEqual(['published', 'published']);
    expect([fake.countMessage('Limite'), fake.countMessage('Limite 2')]).toEqual([1, 1]);
    expect(await state(b)).toBe('published');
  });

  it('policy 368: failed and the Page paused for hours', async () => {
    const a = await approvedPost(store.deps, { text: 'Bloqué', at: '2026-11-24T14:00:00Z' });
    const b = await approvedPost(store.deps, { text: 'Suivant', at: '2026-11-24T14:30:00Z' });
    fake.inject({ fault: { kind: 'error', code: 368 }, path: '/feed' });
    const report = await publishDue(store.deps, rt());
    expect(report.outcomes.map((o) => [o.postId, o.action])).toEqual([
      [a, 'failed'],
      [b, 'deferred'],
    ]);
    expect(report.outcomes[1]!.retryAt).toBe('2026-11-25T03:00:00.000Z');
  });
});

describe('publish: circuit breaker', () => {
  it('a Page in outage: the first post ends unconfirmed, the breaker opens, the next post is deferred without a call', async () => {
    await store.close();
    const c = config();
    c.facebook = { ...c.facebook, breakerVolume: 2, breakerCooldownMs: 60_000, retries: 0 };
    store = await testStore({
      now: NOW,
      config: c,
      env: { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url },
    });
    const a = await approvedPost(store.deps, { text: 'Panne A', at: '2026-11-24T14:00:00Z' });
    const b = await approvedPost(store.deps, { text: 'Panne B', at: '2026-11-24T14:30:00Z' });
    fake.inject({ fault: { kind: 'error', code: 2, httpStatus: 503 }, times: Infinity });
    const report = await publishDue(store.deps, rt());
    expect(report.outcomes.map((o) => [o.postId, o.action])).toEqual([
      [a, 'unconfirmed'],
      [b, 'deferred'],
    ]);
    expect(report.outcomes[1]!.reason).toMatch(/too many failures/);
    expect(fake.requests.filter((r) => r.fields.message === 'Panne B')).toHaveLength(0);
    expect(await state(b)).toBe('approved');
  });
});

describe('publish: dry run', () => {
  it('without credentials writes what it would post and keeps the post approved', async () => {
    await store.close();
    store = await testStore({ now: NOW, config: config(), env: {} });
    const id = await approvedPost(store.deps, { text: 'Simulation', at: '2026-11-24T14:00:00Z', image: true });
    const out = await publishPost(store.deps, id, {}, rt());
    expect(out).toMatchObject({ action: 'dry_run', state: 'approved' });
    expect(out.dryRunPath!.startsWith(store.deps.paths.outbox)).toBe(true);
    const record = JSON.parse(readFileSync(out.dryRunPath!, 'utf8'));
    expect(record).toMatchObject({
      dryRun: true,
      text: 'Simulation',
      page: null,
      publishAt: '2026-11-24T14:00:00.000Z',
    });
    expect(record.image.path).toMatch(/cards\/.*\.png$/);
    expect((await pubs(id))[0]).toMatchObject({ status: 'dry_run', dryRunPath: out.dryRunPath });
    const first = await publishDue(store.deps, rt());
    expect(first.dryRun).toBe(true);
    expect(first.outcomes).toHaveLength(0);
  });

  it('--dry-run with credentials never calls Facebook', async () => {
    const id = await approvedPost(store.deps, { text: 'Essai', at: '2026-11-24T14:00:00Z' });
    const out = await publishPost(store.deps, id, { dryRun: true }, rt());
    expect(out).toMatchObject({ action: 'dry_run', pageId: fake.pageId });
    expect(existsSync(out.dryRunPath!)).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it('a missing image fails the post with a clear reason, others still go out', async () => {
    const bad = await approvedPost(store.deps, { text: 'Sans image', at: '2026-11-24T13:00:00Z', image: true });
    const good = await approvedPost(store.deps, { text: 'Avec texte', at: '2026-11-24T13:30:00Z' });
    const { rmSync } = await import('node:fs');
    rmSync(store.deps.paths.media, { recursive: true, force: true });
    const report = await publishDue(store.deps, rt());
    expect(report.outcomes.map((o) => [o.postId, o.action])).toEqual([
      [bad, 'failed'],
      [good, 'published'],
    ]);
    try {
      await publishPost(store.deps, bad, {}, rt());
    } catch (error) {
      expect(isAutoscaleError(error)).toBe(true);
    }
  });
});
