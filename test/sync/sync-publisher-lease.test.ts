import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishPost } from '../../src/publish/publish-service.js';
import { getPost } from '../../src/store/posts-repo.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { startSupabaseFake, type SupabaseFake } from '../fakes/supabase-fake.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { pgliteHub, type Hub } from '../helpers/sync.js';

/** Publishing goes through the publisher lease as soon as a sync hub is configured. */
let hub: Hub;
let supabase: SupabaseFake;
let graph: GraphFake;
let store: TestStore;
const NOW = '2026-11-24T15:00:00Z';

beforeEach(async () => {
  hub = await pgliteHub();
  supabase = await startSupabaseFake(hub.pg);
  graph = await startGraphFake();
  const config = buildInitialConfig({});
  config.facebook = {
    ...config.facebook,
    timeoutMs: 400,
    uploadTimeoutMs: 400,
    retries: 2,
    retryMinMs: 1,
    settleMs: 10,
    maxAttempts: 3,
    breakerVolume: 50,
  };
  store = await testStore({
    now: NOW,
    config,
    env: {
      FACEBOOK_ACCESS_TOKEN: graph.token,
      FACEBOOK_PAGE_ID: graph.pageId,
      FACEBOOK_GRAPH_URL: graph.url,
      SUPABASE_URL: supabase.url,
      SUPABASE_SERVICE_KEY: supabase.serviceKey,
    },
  });
  graph.setNow(() => store.clock.now().getTime());
});
afterEach(async () => {
  await store.close();
  await graph.close();
  await supabase.close();
  await hub.close();
});

const rt = { sleep: async () => undefined };

describe('publisher lease in the publish path', () => {
  it('refuses to publish, naming the holder, while another replica holds the lease', async () => {
    await hub.pg.query(`select acquire_publisher_lease('replica-server', 300, 'daemon@hetzner')`);
    const id = await approvedPost(store.deps, { text: 'Lease test', at: '2026-11-24T14:59:00Z', image: true });
    await expect(publishPost(store.deps, id, {}, rt)).rejects.toMatchObject({
      code: 'not_publisher',
      message: expect.stringContaining('daemon@hetzner'),
    });
    expect(graph.countMessage('Lease test')).toBe(0);
    expect((await getPost(store.deps.db, id))!.state).toBe('approved');
  });

  it('publishes once it holds the lease (the previous holder released it)', async () => {
    await hub.pg.query(`select acquire_publisher_lease('replica-server', 300, 'daemon@hetzner')`);
    await hub.pg.query(`select release_publisher_lease('replica-server')`);
    const id = await approvedPost(store.deps, { text: 'Lease ok', at: '2026-11-24T14:59:00Z', image: true });
    const out = await publishPost(store.deps, id, {}, rt);
    expect(out.action).toBe('published');
    const lease = await hub.pg.query<{ holder: string }>(`select holder from publisher_lease`);
    expect(lease.rows[0]?.holder).toBe('replica-test');
  });
});

describe('the daemon publisher gate', () => {
  it('keeps the daemon off the Page (verify, metrics, publish) while another replica holds the hub lease', async () => {
    const { withPublisherGate } = await import('../../src/daemon/publisher-gate.js');
    await hub.pg.query(`select acquire_publisher_lease('replica-server', 300, 'daemon@hetzner')`);
    let ran = false;
    const held = await withPublisherGate(store.deps, 'daemon-test', async () => {
      ran = true;
    });
    expect(held).toMatchObject({ busy: true, reason: expect.stringContaining('daemon@hetzner') });
    expect(ran).toBe(false);
    await hub.pg.query(`select release_publisher_lease('replica-server')`);
    const free = await withPublisherGate(store.deps, 'daemon-test', async () => 'ok');
    expect(free).toEqual({ busy: false, value: 'ok' });
    const lease = await hub.pg.query<{ holder: string }>(`select holder from publisher_lease`);
    expect(lease.rows[0]?.holder).toBe('replica-test');
  });
});
