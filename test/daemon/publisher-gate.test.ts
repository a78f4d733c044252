import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../src/jobs/log.js';
import { withPublisherGate } from '../../src/daemon/publisher-gate.js';
import { metricsHandler } from '../../src/daemon/metrics.js';
import { publishHandler } from '../../src/daemon/publishing.js';
import type { JobContext } from '../../src/jobs/registry.js';
import { getMeta, setMeta } from '../../src/store/meta-repo.js';
import { transitionPost } from '../../src/store/posts-repo.js';
import type { JobKind } from '../../src/domain/jobs.js';
import type { JobPayloads } from '../../src/store/job-payloads.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { testStore, type TestStore } from '../helpers/store.js';
import type { Job } from '../../src/domain/jobs.js';

const ctxFor = <K extends JobKind>(store: TestStore, kind: K, payload: JobPayloads[K]): JobContext<JobPayloads[K]> => ({
  job: { id: 'job-1', kind, leaseOwner: 'daemon:test' } as Job,
  payload,
  attempt: 1,
  deps: store.deps,
  signal: new AbortController().signal,
  log: silentLog(),
  enqueue: async () => ({ id: 'x', created: true }),
});

describe('publisher gate', () => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('is free → runs and releases; held by a live process → busy, nothing runs', async () => {
    store = await testStore({ now: '2026-12-01T19:00:00Z' });
    const { deps } = store;
    const free = await withPublisherGate(deps, 'me', async () => 42);
    expect(free).toEqual({ busy: false, value: 42 });
    expect(await getMeta(deps.db, `publish_lease:${deps.brandSlug}`)).toBeUndefined();

    // Another live process on this host holds the brand's lease (the parent of this test).
    await setMeta(
      deps.db,
      `publish_lease:${deps.brandSlug}`,
      JSON.stringify({ pid: process.ppid, host: hostname(), until: Date.now() + 60_000, owner: 'cli' }),
    );
    let ran = false;
    const held = await withPublisherGate(deps, 'me', async () => (ran = true));
    expect(held.busy).toBe(true);
    expect(ran).toBe(false);
  });

  it('a publish job waits (reschedule, no attempt spent) while the gate is held elsewhere; metrics of an unpublished post fail for good', async () => {
    store = await testStore({
      now: '2026-12-01T19:00:00Z',
      env: { FACEBOOK_ACCESS_TOKEN: 'tok', FACEBOOK_PAGE_ID: '123', FACEBOOK_GRAPH_URL: 'http://127.0.0.1:9' },
    });
    const { deps } = store;
    const postId = await approvedPost(deps, { text: 'Bonjour', at: '2026-12-01T18:59:00Z' });
    await setMeta(
      deps.db,
      `publish_lease:${deps.brandSlug}`,
      JSON.stringify({ pid: process.ppid, host: hostname(), until: Date.now() + 60_000, owner: 'cli' }),
    );
    const out = await publishHandler(ctxFor(store, 'publish', { postId }));
    expect(out && out.rescheduleAt?.toISOString()).toBe('2026-12-01T19:01:00.000Z');
    // Nothing was attempted: no publication row, the post is still approved.
    const pubs = await deps.db.selectFrom('publications').selectAll().where('post_id', '=', postId).execute();
    expect(pubs).toHaveLength(0);
    await expect(metricsHandler(ctxFor(store, 'metrics', { postId, label: '24h' }))).rejects.toThrow(
      /no published Facebook post/,
    );
  });

  it('a post sent back to review after its job was queued: the job ends without touching the Page', async () => {
    store = await testStore({
      now: '2026-12-01T19:00:00Z',
      env: { FACEBOOK_ACCESS_TOKEN: 'tok', FACEBOOK_PAGE_ID: '123', FACEBOOK_GRAPH_URL: 'http://127.0.0.1:9' },
    });
    const { deps } = store;
    const postId = await approvedPost(deps, { text: 'Bonjour', at: '2026-12-01T18:59:00Z' });
    expect(await transitionPost(deps.db, deps.writer(), postId, 'approved', 'in_review', { scheduledAt: null })).toBe(
      true,
    );
    const out = await publishHandler(ctxFor(store, 'publish', { postId }));
    expect(out).toEqual({ result: { post: postId, skipped: 'post is in_review' } });
  });
});
