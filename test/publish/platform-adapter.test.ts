import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeLocalized } from '../../src/i18n/stored.js';
import { hashText } from '../../src/domain/random.js';
import { l } from '../../src/i18n/localized.js';
import type {
  FailureCategory,
  PlatformPublisher,
  PublishFailure,
  PublishPayload,
} from '../../src/platforms/platform-publisher.js';
import { pagePause } from '../../src/publish/lease.js';
import type { PublishEvent } from '../../src/publish/outcome.js';
import { publishDue, publishPost } from '../../src/publish/publish-service.js';
import { getPost } from '../../src/store/posts-repo.js';
import { publicationsForPost } from '../../src/store/publications-repo.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { testStore, type TestStore } from '../helpers/store.js';

// The exactly-once lifecycle against an adapter that is not Facebook: only the
// PlatformPublisher contract is used, so another platform plugs in the same way.

class PlatformFailure extends Error {
  constructor(
    readonly category: FailureCategory,
    readonly sent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(`platform said ${category}`);
  }
}

/** An account held in memory; `failNext` makes the next creations fail (after or before the write). */
const memoryPlatform = (accountId: string) => {
  const posts: { id: string; message: string; scheduled: boolean }[] = [];
  const failures: { error: PlatformFailure; applied: boolean }[] = [];
  let calls = 0;
  const publisher: PlatformPublisher = {
    accountId,
    policy: { settleMs: 0, maxAttempts: 3, retryMinMs: 1, cooldownMs: 60_000, policyPauseHours: 6 },
    create: async (payload: PublishPayload) => {
      calls += 1;
      const failure = failures.shift();
      if (!failure || failure.applied) {
        posts.push({
          id: `${accountId}_${posts.length + 1}`,
          message: payload.message,
          scheduled: !!payload.scheduledAt,
        });
      }
      if (failure) throw failure.error;
      return { postId: posts.at(-1)!.id, photoId: null };
    },
    find: async (textHash, _since, exclude) => {
      const hit = posts.find((p) => !exclude.has(p.id) && hashText(p.message) === textHash);
      return hit ? { postId: hit.id, scheduled: hit.scheduled } : undefined;
    },
    classify: (error): PublishFailure =>
      error instanceof PlatformFailure
        ? {
            category: error.category,
            sent: error.sent,
            retryAfterMs: error.retryAfterMs,
            alert: error.category === 'token' ? l('Reconnect the account.', 'Reconnectez le compte.') : undefined,
          }
        : { category: 'local', sent: false, retryAfterMs: undefined, alert: undefined },
    native: {
      publishNow: async () => undefined,
      reschedule: async () => undefined,
      cancel: async () => undefined,
      isPublished: async () => ({ published: true, permalink: null }),
    },
    close: () => undefined,
  };
  return {
    publisher,
    posts,
    calls: () => calls,
    failNext: (error: PlatformFailure, applied: boolean) => failures.push({ error, applied }),
  };
};

let store: TestStore;
let events: PublishEvent[];
beforeEach(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
  events = [];
});
afterEach(async () => store.close());

const rt = (publisher: PlatformPublisher) => ({
  publisher,
  sleep: async () => undefined,
  onEvent: (e: PublishEvent) => events.push(e),
});

describe('publish: any PlatformPublisher', () => {
  it('an unknown outcome after the write is reconciled through find(): on the account once', async () => {
    const platform = memoryPlatform('acct-1');
    platform.failNext(new PlatformFailure('unknown_outcome', true), true);
    const id = await approvedPost(store.deps, { text: 'Lost answer', at: '2026-11-24T14:00:00Z' });
    const out = await publishPost(store.deps, id, {}, rt(platform.publisher));
    expect(out).toMatchObject({ action: 'published', via: 'reconcile', fbPostId: 'acct-1_1' });
    expect(platform.posts).toHaveLength(1);
    expect(platform.calls()).toBe(1);
    const pubs = await publicationsForPost(store.deps.db, id);
    expect(pubs).toMatchObject([{ status: 'published', pageId: 'acct-1', fbPostId: 'acct-1_1' }]);
  });

  it('confirmed absent after an unknown outcome: a new attempt, still one post', async () => {
    const platform = memoryPlatform('acct-2');
    platform.failNext(new PlatformFailure('unknown_outcome', true), false);
    const id = await approvedPost(store.deps, { text: 'Never arrived', at: '2026-11-24T14:00:00Z' });
    const out = await publishPost(store.deps, id, {}, rt(platform.publisher));
    expect(out).toMatchObject({ action: 'published', via: 'call', attempt: 2 });
    expect(platform.posts).toHaveLength(1);
    const pubs = await publicationsForPost(store.deps.db, id);
    expect(pubs.map((p) => p.status)).toEqual(['absent', 'published']);
  });

  it('throttled: deferred until the wait the adapter gives, the account paused for every post', async () => {
    const platform = memoryPlatform('acct-3');
    platform.failNext(new PlatformFailure('throttled', true, 120_000), false);
    const a = await approvedPost(store.deps, { text: 'First', at: '2026-11-24T14:00:00Z' });
    await approvedPost(store.deps, { text: 'Second', at: '2026-11-24T14:30:00Z' });
    const report = await publishDue(store.deps, rt(platform.publisher));
    expect(report.outcomes.map((o) => o.action)).toEqual(['deferred', 'deferred']);
    expect(report.outcomes[0]!.retryAt).toBe('2026-11-24T15:02:00.000Z');
    expect(decodeLocalized(report.outcomes[1]!.reason!).en).toMatch(/^Page paused/);
    expect((await getPost(store.deps.db, a))!.state).toBe('approved');
    expect(await pagePause(store.deps.db, 'acct-3', store.clock.now())).toMatchObject({ category: 'throttled' });
    expect(platform.posts).toHaveLength(0);
  });

  it("a dead token fails the post and raises the adapter's alert", async () => {
    const platform = memoryPlatform('acct-4');
    platform.failNext(new PlatformFailure('token', true), false);
    const id = await approvedPost(store.deps, { text: 'Token gone', at: '2026-11-24T14:00:00Z' });
    const out = await publishPost(store.deps, id, {}, rt(platform.publisher));
    expect(out).toMatchObject({ action: 'failed', state: 'failed' });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'alert', message: l('Reconnect the account.', 'Reconnectez le compte.') }),
    );
  });
});
