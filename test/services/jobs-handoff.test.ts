import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncPostWork } from '../../src/daemon/publishing.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { approvePost } from '../../src/review/review-service.js';
import { jobsReport } from '../../src/services/jobs-service.js';
import { enqueuerAt } from '../../src/store/jobs-repo.js';
import { testStore, type TestStore } from '../helpers/store.js';

let store: TestStore;
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
});
afterEach(async () => store.close());

describe('jobs: the native hand-off', () => {
  it('says why a native post’s publish job runs 30 days before its slot', async () => {
    const offline = createOfflineTextProvider();
    const native = (await generatePost(store.deps, offline, { contentType: 'tip', date: '2026-12-01' })).postId;
    const queued = (await generatePost(store.deps, offline, { contentType: 'faq', date: '2026-11-26' })).postId;
    const slot = await approvePost(store.deps, { ref: native, at: '2026-12-01 14:00', mode: 'native' });
    expect(slot.mode).toBe('native');
    await approvePost(store.deps, { ref: queued, at: '2026-11-26 14:00', mode: 'queue' });
    await syncPostWork(
      store.deps,
      enqueuerAt(store.deps.db, () => store.clock.now().toISOString()),
    );
    const report = await jobsReport(store.deps.db, { kinds: ['publish'], limit: 10 });
    const nativeJob = report.jobs.find((j) => j.subjectId === native)!;
    const queuedJob = report.jobs.find((j) => j.subjectId === queued)!;
    // Due as soon as the slot is within Facebook's 30 days: here already, so the date is in the past.
    expect(nativeJob.runAt).toBe('2026-11-01T19:00:00.000Z');
    expect(nativeJob.nativeHandOff).toEqual({ slot: slot.scheduledAt });
    expect(queuedJob.nativeHandOff).toBeUndefined();
  });
});
