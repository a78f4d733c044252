import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { postDetail, resolvePost } from '../../src/store/post-lookup.js';
import { auditFor } from '../../src/store/audit-repo.js';
import { setVariantQuality } from '../../src/store/variants-repo.js';
import { createServiceActions } from '../../src/tui/service-actions.js';
import { testStore, type TestStore } from '../helpers/store.js';

describe('studio actions on the real services and store', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await testStore({ now: '2026-11-24T15:00:00Z' });
  });
  afterEach(async () => store.close());

  const make = () =>
    createServiceActions(store.deps, { brand: store.deps.brandSlug, provider: createOfflineTextProvider() });
  const twoPosts = async () => {
    const provider = createOfflineTextProvider();
    const a = await generatePost(store.deps, provider, { contentType: 'case_study', date: '2026-11-25' });
    store.clock.set('2026-11-24T15:01:00Z');
    const b = await generatePost(store.deps, provider, { contentType: 'tip', date: '2026-11-26' });
    return [a.postId, b.postId] as const;
  };

  it('loads the queue oldest first and a post with its parsed quality', async () => {
    const [a, b] = await twoPosts();
    const actions = make();
    expect(await actions.loadQueue()).toEqual([a, b]);
    const detail = await postDetail(store.deps.db, await resolvePost(store.deps.db, a));
    const v1 = detail.variants[0]!;
    await setVariantQuality(store.deps.db, store.deps.writer(), v1.id, 81, {
      lint: { findings: [{ ruleId: 'r', severity: 'error', start: 0, end: 3, message: 'm' }] },
      judge: { reasons: ['ok'] },
    });
    const model = await actions.loadPost(a);
    expect(model.timeZone).toBe('America/Toronto');
    expect(model.variants[0]!.score).toBe(81);
    expect(model.variants[0]!.findings).toHaveLength(1);
    expect(model.variants[0]!.reasons).toEqual(['ok']);
  });

  it('approves at exactly the slot it proposed (same seed), with an audit row', async () => {
    const [a] = await twoPosts();
    const actions = make();
    const proposal = await actions.proposeSlot(a, 'fixed-seed');
    const again = await actions.proposeSlot(a, 'fixed-seed');
    expect(again.at).toBe(proposal.at);
    const approved = await actions.approve(a, 2, { seed: proposal.seed });
    expect(approved.at).toBe(proposal.at);
    expect(approved.drawn).toBe(true);
    const post = await resolvePost(store.deps.db, a);
    expect(post.state).toBe('approved');
    expect(post.scheduledAt).toBe(proposal.at);
    const audit = await auditFor(store.deps.db, [a]);
    expect(audit.map((x) => x.action)).toContain('approve');
  });

  it('approves at a typed local time, and a bad time leaves the post in review', async () => {
    const [a] = await twoPosts();
    const actions = make();
    await expect(actions.approve(a, 1, { at: 'demain' })).rejects.toMatchObject({ code: 'bad_time' });
    expect((await resolvePost(store.deps.db, a)).state).toBe('in_review');
    const r = await actions.approve(a, 1, { at: '2026-12-01 14:30' });
    expect(r.at).toBe('2026-12-01T19:30:00.000Z');
    expect(r.local).toBe('2026-12-01 14:30');
    expect(r.mode).toBe('native');
  });

  it('edits, regenerates and restores as new versions; rejects with a reason; writes settle', async () => {
    const [a, b] = await twoPosts();
    const actions = make();
    const edited = await actions.edit(a, 2, 'Un texte revu.\n\nDeux.\n\nTrois.\n\nQuatre.');
    expect(edited).toMatchObject({ versionNo: 2, changed: true });
    const progress: string[] = [];
    const regen = await actions.regenerate(a, 2, 'plus court', (d) => progress.push(d));
    expect(regen).toMatchObject({ versionNo: 3, changed: true });
    expect(progress).toEqual(['offline']);
    const restored = await actions.restore(a, 2, 1);
    expect(restored.versionNo).toBe(4);
    const model = await actions.loadPost(a);
    expect(model.variants[1]!.versions.map((v) => v.source)).toEqual(['generated', 'edit', 'regenerate', 'restore']);
    await expect(actions.reject(b, '  ')).rejects.toMatchObject({ code: 'missing_reason' });
    await actions.reject(b, 'Trop générique');
    await actions.settle();
    expect((await resolvePost(store.deps.db, b)).state).toBe('rejected');
    expect(await actions.loadQueue()).toEqual([a]);
  });
});
