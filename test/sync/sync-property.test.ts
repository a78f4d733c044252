import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canTransition, isPostState, type PostState } from '../../src/domain/post-state.js';
import { pullChanges, pushChanges, runSync } from '../../src/sync/sync-service.js';
import type { SyncTransport } from '../../src/sync/transport.js';
import { createPost, editVariant, outboxCount, snapshot } from '../helpers/sync-fixtures.js';
import { memoryReplica, pgliteHub, type Hub, type Replica } from '../helpers/sync.js';
import { transitionPost } from '../../src/store/posts-repo.js';

/**
 * Randomised interleavings of edits on two or three replicas with pushes, pulls, and crashes
 * between push and acknowledgement and in the middle of a pull. Every run must converge to
 * identical content, drain every outbox, and never let a published post regress or change.
 */

const RANK: Record<string, number> = {
  draft: 0,
  in_review: 1,
  rejected: 1,
  approved: 2,
  failed: 2,
  scheduled: 3,
  publishing: 4,
  unconfirmed: 4,
  published: 5,
  measured: 6,
};
const TARGETS: PostState[] = [
  'in_review',
  'approved',
  'rejected',
  'draft',
  'scheduled',
  'publishing',
  'published',
  'measured',
  'failed',
  'unconfirmed',
];

type Command =
  | { kind: 'create'; r: number }
  | { kind: 'edit'; r: number; post: number; variant: number; text: string }
  | { kind: 'topic'; r: number; post: number; text: string }
  | { kind: 'move'; r: number; post: number; to: number }
  | { kind: 'publish'; post: number }
  | { kind: 'push' | 'pull' | 'sync' | 'crash-push'; r: number }
  | { kind: 'crash-pull'; r: number; at: number };

const command = (replicas: number): fc.Arbitrary<Command> => {
  const r = fc.integer({ min: 0, max: replicas - 1 });
  const idx = fc.nat({ max: 5 });
  const text = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'été', 'ça roule');
  return fc.oneof(
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), r }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('edit' as const), r, post: idx, variant: fc.nat({ max: 2 }), text }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('topic' as const), r, post: idx, text }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('move' as const),
        r,
        post: idx,
        to: fc.nat({ max: TARGETS.length - 1 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('publish' as const), post: idx }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom('push' as const, 'pull' as const, 'sync' as const, 'crash-push' as const),
        r,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('crash-pull' as const), r, at: fc.integer({ min: 1, max: 4 }) }),
    },
  );
};

const scenario = fc
  .integer({ min: 2, max: 3 })
  .chain((n) => fc.tuple(fc.constant(n), fc.array(command(n), { minLength: 4, maxLength: 18 })));

let hub: Hub;
let transport: SyncTransport;
/** How often the interesting paths were taken across all runs (the generator must reach them). */
const seen: Record<string, number> = {};
const count = (key: string, n = 1) => {
  seen[key] = (seen[key] ?? 0) + n;
};
const tally = (push?: { duplicates: number; rejected: { reason: string }[] }) => {
  if (!push) return;
  count('duplicates', push.duplicates);
  for (const r of push.rejected) count(r.reason.split(':')[0]!);
};

beforeAll(async () => {
  hub = await pgliteHub();
  transport = hub.transport();
});
afterAll(async () => {
  await hub.close();
});

const localPosts = async (r: Replica) =>
  r.deps.db.selectFrom('posts').select(['id', 'state']).orderBy('created_at').orderBy('id').execute();

/** What must never change once a post is published: its own content and its text. */
const publishedContent = async () => {
  const rows = (
    await hub.pg.query<{ id: string; state: string; content: unknown; texts: unknown }>(`
    select p.id, p.data->>'state' as state,
           p.data - 'version' - 'updated_at' - 'updated_by' - 'state' - 'failure_reason' as content,
           (select jsonb_agg(jsonb_build_array(vv.id, vv.data->>'text', vv.deleted_at) order by vv.id)
              from sync_rows v join sync_rows vv on vv.tbl = 'variant_versions' and vv.data->>'variant_id' = v.id
             where v.tbl = 'variants' and v.data->>'post_id' = p.id) as texts
      from sync_rows p where p.tbl = 'posts' and sync_post_rank(p.data->>'state') >= 5`)
  ).rows;
  return new Map(rows.map((r) => [r.id, { state: r.state, content: JSON.stringify([r.content, r.texts]) }]));
};

const run = async (n: number, commands: Command[]) => {
  await hub.reset();
  const replicas: Replica[] = [];
  for (let i = 0; i < n; i += 1) replicas.push(await memoryReplica(`r${i}`));
  const frozen = new Map<string, { state: string; content: string }>();
  const checkFrozen = async () => {
    for (const [id, now] of await publishedContent()) {
      const before = frozen.get(id);
      if (before) {
        expect(RANK[now.state]!, `post ${id} regressed`).toBeGreaterThanOrEqual(RANK[before.state]!);
        expect(now.content, `published post ${id} changed`).toBe(before.content);
      }
      frozen.set(id, now);
    }
  };
  try {
    // A shared starting point: one post created on replica 0 and seen by everyone.
    await createPost(replicas[0]!);
    for (const r of replicas) await runSync(r.deps, { transport });
    for (const c of commands) {
      const r = replicas['r' in c ? c.r : 0]!;
      const posts = await localPosts(r);
      const post = 'post' in c ? posts[c.post % Math.max(posts.length, 1)] : undefined;
      switch (c.kind) {
        case 'create':
          await createPost(r);
          break;
        case 'edit': {
          if (!post || !isPostState(post.state) || RANK[post.state]! >= 3) break; // the app freezes content from scheduled on
          const variants = await r.deps.db
            .selectFrom('variants')
            .select('id')
            .where('post_id', '=', post.id)
            .orderBy('idx')
            .execute();
          const v = variants[c.variant % variants.length];
          if (v) await editVariant(r, v.id, `${c.text} ${r.name}`);
          break;
        }
        case 'topic':
          if (!post || RANK[post.state]! >= 3) break;
          await r.deps.db
            .updateTable('posts')
            .set({ topic: `${c.text} ${r.name}`, version: sql`version + 1`, updated_by: r.deps.writer().replica })
            .where('id', '=', post.id)
            .execute();
          break;
        case 'move': {
          const to = TARGETS[c.to]!;
          // Only the publisher (replica 0) publishes and measures.
          if (!post || !isPostState(post.state) || !canTransition(post.state, to)) break;
          if (['publishing', 'published', 'measured', 'unconfirmed'].includes(to) && c.r !== 0) break;
          await transitionPost(r.deps.db, r.deps.writer(), post.id, post.state, to);
          break;
        }
        case 'publish': {
          // The publisher (replica 0) takes a post along the happy path to published.
          if (!post) break;
          let state = post.state;
          for (const to of ['in_review', 'approved', 'scheduled', 'published'] as PostState[]) {
            if (isPostState(state) && canTransition(state, to) && RANK[to]! > RANK[state]!) {
              await transitionPost(r.deps.db, r.deps.writer(), post.id, state, to);
              state = to;
            }
          }
          break;
        }
        case 'push':
          tally(await pushChanges(r.deps, transport));
          break;
        case 'pull':
          count('superseded', (await pullChanges(r.deps, transport)).superseded);
          break;
        case 'sync':
          tally((await runSync(r.deps, { transport })).push);
          break;
        case 'crash-push':
          await pushChanges(r.deps, transport, {
            hooks: {
              beforeAck: () => {
                throw new Error('crash between push and ack');
              },
            },
          }).catch(() => count('crash-push'));
          break;
        case 'crash-pull':
          await pullChanges(r.deps, transport, {
            hooks: {
              duringApply: (k) => {
                if (k >= c.at) throw new Error('crash mid-pull');
              },
            },
          }).catch(() => count('crash-pull'));
          break;
      }
      if (!['edit', 'topic', 'move', 'create', 'publish'].includes(c.kind)) await checkFrozen();
    }
    // Quiesce: everyone syncs until nothing is queued and every cursor has reached the hub's counter
    // (a pull can queue an audit row of its own, hence more than one round at times).
    for (let round = 0; round < 6; round += 1) {
      for (const r of replicas) tally((await runSync(r.deps, { transport })).push);
      const hi = Number((await hub.pg.query<{ v: string }>(`select value::text as v from sync_counter`)).rows[0]?.v);
      let settled = true;
      for (const r of replicas) {
        const cursor = Number(
          (await sql<{ value: string }>`SELECT value FROM _sync_state WHERE key = 'cursor'`.execute(r.deps.db)).rows[0]
            ?.value,
        );
        if ((await outboxCount(r)) > 0 || cursor !== hi) settled = false;
      }
      if (settled) break;
    }
    await checkFrozen();
    for (const r of replicas) expect(await outboxCount(r), `${r.name} outbox drained`).toBe(0);
    const first = await snapshot(replicas[0]!);
    for (const r of replicas.slice(1)) expect(await snapshot(r)).toEqual(first);
    const hubCount = Number((await hub.pg.query<{ n: number }>(`select count(*)::int as n from sync_rows`)).rows[0]?.n);
    const localCount = Object.values(first).reduce((s, rows) => s + rows.length, 0);
    expect(localCount).toBe(hubCount);
  } finally {
    for (const r of replicas) await r.close();
  }
};

describe('sync convergence (property)', () => {
  it('converges, drains outboxes and never regresses or changes a published post (1,000 seeded runs)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([n, commands]) => run(n, commands)),
      {
        numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 1000),
        seed: 20261125,
        endOnFailure: true,
      },
    );
    // The runs did reach every hard case, not only the happy path.
    for (const key of [
      'duplicates',
      'lifecycle_regression',
      'unique_conflict',
      'published_frozen',
      'crash-push',
      'crash-pull',
    ]) {
      expect(seen[key] ?? 0, `${key} never happened: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
    }
  }, 600_000);
});
