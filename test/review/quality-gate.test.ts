import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode, QualityError } from '../../src/errors/errors.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { approvePost, editVariant } from '../../src/review/review-service.js';
import { auditFor } from '../../src/store/audit-repo.js';
import { resolvePost } from '../../src/store/post-lookup.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
const offline = createOfflineTextProvider();
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

const refusal = async (p: Promise<unknown>): Promise<QualityError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(QualityError);
    return e as QualityError;
  }
  throw new Error('expected the gate to refuse');
};

const CLICHE =
  'Dans un monde en constante évolution, notre solution innovante, intuitive et performante révolutionne vos appels. N’hésitez pas à nous contacter !';

describe('the quality gate at approval', () => {
  it('approves a variant that passes, and records the gate in the approval', async () => {
    const { postId } = await generatePost(store.deps, offline, { contentType: 'case_study' });
    const r = await approvePost(store.deps, { ref: postId, variant: 1 });
    expect(r.gateStatus).toMatchObject({ passed: true, flags: [], overridden: false });
    const audit = await auditFor(store.deps.db, [postId]);
    expect(audit.map((a) => a.action)).not.toContain('gate_override');
    expect(JSON.parse(audit.find((a) => a.action === 'approve')!.data!)).toMatchObject({
      gate: { passed: true, overridden: false },
    });
  });

  it('refuses a clichéd variant without an override, naming the reasons; exit code 9; nothing written', async () => {
    const { postId } = await generatePost(store.deps, offline, { contentType: 'tip' });
    await editVariant(store.deps, { ref: postId, variant: 2, text: CLICHE });
    const e = await refusal(approvePost(store.deps, { ref: postId, variant: 2 }));
    expect(e.exitCode).toBe(ExitCode.quality);
    expect(e.code).toBe('quality_gate');
    expect(e.localized.en).toMatch(/does not pass the quality gate: AI clichés found/);
    expect(e.fix?.en).toMatch(/--force/);
    expect((await resolvePost(store.deps.db, postId)).state).toBe('in_review');
  });

  it('an override must name every flag it accepts; the override and its reasons go to the audit log', async () => {
    const { postId } = await generatePost(store.deps, offline, { contentType: 'tip' });
    await editVariant(store.deps, { ref: postId, variant: 2, text: 'Trop court.' });
    const partial = await refusal(
      approvePost(store.deps, { ref: postId, variant: 2, gateOverride: { acknowledge: ['below-threshold'] } }),
    );
    expect(partial.details).toMatchObject({ missing: expect.arrayContaining(['too-short']) });
    const r = await approvePost(store.deps, {
      ref: postId,
      variant: 2,
      gateOverride: { acknowledge: 'all', reason: 'message court voulu pour une annonce' },
    });
    expect(r.gateStatus).toMatchObject({ passed: false, overridden: true });
    expect(r.gateStatus.flags).toContain('too-short');
    const audit = await auditFor(store.deps.db, [postId]);
    const row = audit.find((a) => a.action === 'gate_override')!;
    expect(row).toMatchObject({
      reason: 'message court voulu pour une annonce',
      fromState: 'in_review',
      toState: 'approved',
    });
    expect(JSON.parse(row.data!)).toMatchObject({ flags: expect.arrayContaining(['too-short']), acknowledged: 'all' });
  });

  it('an empty-looking or tiny text cannot pass, even with a high composite', async () => {
    const { postId } = await generatePost(store.deps, offline, { contentType: 'faq' });
    await editVariant(store.deps, { ref: postId, variant: 1, text: 'Appelez-nous au 514 555-0199 dès maintenant.' });
    const e = await refusal(approvePost(store.deps, { ref: postId, variant: 1 }));
    expect(e.localized.fr).toMatch(/trop court/);
  });

  it('a variant too similar to a past post needs an override; an edit keeps the flag honest', async () => {
    const first = await generatePost(store.deps, offline, { contentType: 'case_study' });
    const firstText = (await import('../../src/store/variants-repo.js')).variantsForPost;
    const original = (await firstText(store.deps.db, first.postId))[0]!.text;
    const { postId } = await generatePost(store.deps, offline, { contentType: 'tip' });
    await editVariant(store.deps, { ref: postId, variant: 1, text: original });
    const e = await refusal(approvePost(store.deps, { ref: postId, variant: 1 }));
    expect(e.details).toMatchObject({ flags: ['too-similar'] });
    const r = await approvePost(store.deps, {
      ref: postId,
      variant: 1,
      gateOverride: { acknowledge: ['too-similar'] },
    });
    expect(r.gateStatus.similarity?.max).toBeGreaterThan(0.9);
  });

  it('without --variant, the best variant that passes is chosen', async () => {
    const { postId } = await generatePost(store.deps, offline, { contentType: 'myth_busting' });
    await editVariant(store.deps, { ref: postId, variant: 1, text: CLICHE });
    const r = await approvePost(store.deps, { ref: postId });
    expect(r.variant.idx).not.toBe(1);
    expect(r.gateStatus.passed).toBe(true);
  });
});
