import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertImage } from '../../src/store/images-repo.js';
import { newId } from '../../src/store/ids.js';
import {
  acquirePublisherLease,
  assertPublisher,
  holdsPublisherLease,
  releasePublisherLease,
} from '../../src/sync/lease.js';
import { sha256 as sha256Hex } from '../../src/images/media-store.js';
import { supabaseTransport } from '../../src/sync/supabase-transport.js';
import { runSync } from '../../src/sync/sync-service.js';
import { startSupabaseFake, type SupabaseFake } from '../fakes/supabase-fake.js';
import { createPost, movePost, outboxCount, snapshot } from '../helpers/sync-fixtures.js';
import { memoryReplica, pgliteHub, type Hub, type Replica } from '../helpers/sync.js';

let hub: Hub;
let fake: SupabaseFake;
let dir: string;
const open: Replica[] = [];

beforeAll(async () => {
  hub = await pgliteHub();
  fake = await startSupabaseFake(hub.pg);
  dir = mkdtempSync(join(tmpdir(), 'autoscale-sync-media-'));
});
afterAll(async () => {
  await fake.close();
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
  await hub.reset();
  fake.objects.clear();
  fake.buckets.clear();
});

const replica = async (name: string) => {
  const media = join(dir, `${name}-${newId()}`, 'media');
  mkdirSync(media, { recursive: true });
  const r = await memoryReplica(name, { media });
  open.push(r);
  return r;
};

const transport = (key = fake.serviceKey) =>
  supabaseTransport({ url: fake.url, serviceKey: key, bucket: 'autoscale-media', timeoutMs: 5000 });

describe('supabase-js transport (PostgREST rpc + Storage) against the loopback fake', () => {
  it('syncs rows and content-addressed media between two replicas', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { postId } = await createPost(a);
    const bytes = Buffer.from('fake png bytes for a card');
    const sha = sha256Hex(bytes);
    writeFileSync(join(a.deps.paths.media, `${sha}.png`), bytes);
    await insertImage(a.deps.db, a.deps.writer(), {
      id: newId(),
      postId: postId,
      variantId: null,
      kind: 'card',
      sha256: sha,
      path: `${sha}.png`,
      format: 'png',
      width: 1200,
      height: 630,
      bytes: bytes.length,
      originalSha256: null,
      originalPath: null,
      provider: 'offline',
      model: null,
      prompt: null,
      headline: 'h',
      costUsd: 0,
      createdAt: a.deps.writer().now,
    });
    const pushed = await runSync(a.deps, { transport: transport() });
    expect(pushed.ok).toBe(true);
    expect(pushed.push?.mediaUploaded).toBe(1);
    expect(fake.buckets.has('autoscale-media')).toBe(true);
    expect([...fake.objects.keys()]).toEqual([`autoscale-media/sha256/${sha.slice(0, 2)}/${sha}`]);
    expect(fake.requests.some((r) => r.path === '/rest/v1/rpc/apply_mutations')).toBe(true);

    const pulled = await runSync(b.deps, { transport: transport() });
    expect(pulled.pull?.mediaDownloaded).toBe(1);
    expect(readFileSync(join(b.deps.paths.media, `${sha}.png`)).equals(bytes)).toBe(true);
    await runSync(a.deps, { transport: transport() });
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });

  it('treats 503 and dropped connections as offline: nothing lost, resumes later', async () => {
    const a = await replica('a');
    await createPost(a);
    const before = await outboxCount(a);
    fake.inject('http503', { path: /apply_mutations/ });
    const offline = await runSync(a.deps, { transport: transport() });
    expect(offline.offline).toBe(true);
    expect(offline.error).toMatch(/unreachable/);
    expect(await outboxCount(a)).toBe(before);
    fake.inject('drop', { path: /pull_changes/ });
    const half = await runSync(a.deps, { transport: transport() });
    expect(half.offline).toBe(true);
    expect(await outboxCount(a)).toBe(0); // the push went through before the pull failed
    const ok = await runSync(a.deps, { transport: transport() });
    expect(ok.ok).toBe(true);
    expect(ok.pull?.applied).toBe(7);
  });

  it('replays a push whose response was lost after the hub applied it', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { postId } = await createPost(a);
    fake.inject('lost-response', { path: /apply_mutations/ });
    expect((await runSync(a.deps, { transport: transport() })).offline).toBe(true);
    await movePost(a, postId, 'approved');
    const again = await runSync(a.deps, { transport: transport() });
    expect(again.push?.duplicates).toBe(6); // variants and versions: already applied
    expect(again.push?.accepted).toBe(1); // the post changed since: a newer sequence
    await runSync(b.deps, { transport: transport() });
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });

  it('reports a wrong key as a hub error, not as offline', async () => {
    const a = await replica('a');
    await createPost(a);
    await expect(runSync(a.deps, { transport: transport('not-the-key') })).rejects.toMatchObject({
      code: 'sync_hub_error',
    });
  });

  it('rejects a malformed answer without losing the outbox', async () => {
    const a = await replica('a');
    await createPost(a);
    fake.inject('malformed', { path: /apply_mutations/ });
    await expect(runSync(a.deps, { transport: transport() })).rejects.toBeTruthy();
    expect(await outboxCount(a)).toBe(7);
  });

  it('hands the publisher lease to one replica and names the holder to the others', async () => {
    const server = await replica('server');
    const laptop = await replica('laptop');
    expect(await holdsPublisherLease(server.deps, { transport: transport() })).toBe(true);
    const refused = await acquirePublisherLease(laptop.deps, { transport: transport() });
    expect(refused).toMatchObject({ held: false, holder: 'replica-server', holderLabel: 'server@test', source: 'hub' });
    await expect(assertPublisher(laptop.deps, { transport: transport() })).rejects.toThrow(
      /server@test \(replica replica-server\) holds the publisher lease/,
    );
    // Renewal by the holder keeps it; expiry lets another replica take it.
    expect((await acquirePublisherLease(server.deps, { transport: transport() })).held).toBe(true);
    await hub.pg.exec(`update publisher_lease set expires_at = now() - interval '1 second'`);
    expect(await holdsPublisherLease(laptop.deps, { transport: transport() })).toBe(true);
    expect(await holdsPublisherLease(server.deps, { transport: transport() })).toBe(false);
    await releasePublisherLease(laptop.deps, { transport: transport() });
    expect(await holdsPublisherLease(server.deps, { transport: transport() })).toBe(true);
  });

  it('keeps publishing offline only until the lease it holds expires', async () => {
    const server = await replica('server');
    expect(await holdsPublisherLease(server.deps, { transport: transport() })).toBe(true);
    fake.inject('drop', { times: 2 });
    const cached = await acquirePublisherLease(server.deps, { transport: transport() });
    expect(cached).toMatchObject({ held: true, source: 'cached', offline: true });
    server.setNow('2099-01-01T00:00:00Z');
    expect(await holdsPublisherLease(server.deps, { transport: transport() })).toBe(false);
  });

  it('without a hub configured the local replica is the publisher', async () => {
    const solo = await replica('solo');
    expect(await acquirePublisherLease(solo.deps)).toMatchObject({
      held: true,
      source: 'local',
      holder: 'replica-solo',
    });
    expect(existsSync(solo.deps.paths.media)).toBe(true);
  });
});
