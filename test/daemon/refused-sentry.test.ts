import { afterEach, describe, expect, it } from 'vitest';
import { PublishRefusedError } from '../../src/daemon/publishing.js';
import type { ErrorReporter } from '../../src/daemon/sentry.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { approvedPost } from '../helpers/publish-fixtures.js';
import { confirmSamples } from '../helpers/profile.js';
import { onceDaemon } from '../helpers/daemon.js';
import { testStore, type TestStore } from '../helpers/store.js';

describe('a post Facebook refuses reaches error monitoring too', () => {
  let store: TestStore | undefined;
  let fake: GraphFake | undefined;
  afterEach(async () => {
    await store?.close();
    await fake?.close();
  });

  it('captures a PublishRefusedError with the post and the reason (the publish job itself succeeds)', async () => {
    fake = await startGraphFake();
    const config = confirmSamples(buildInitialConfig({}));
    config.facebook = { ...config.facebook, settleMs: 10, retries: 1, retryMinMs: 10 };
    store = await testStore({
      now: '2026-12-01T19:01:00Z',
      config,
      env: {
        FACEBOOK_ACCESS_TOKEN: fake.token,
        FACEBOOK_PAGE_ID: fake.pageId,
        FACEBOOK_GRAPH_URL: fake.url,
      },
    });
    const s = store;
    fake.setNow(() => s.clock.now().getTime());
    const id = await approvedPost(s.deps, { text: 'Un texte que Meta refuse', at: '2026-12-01T19:00:00Z' });
    fake.inject({ fault: { kind: 'error', code: 100, message: '(#100) Invalid parameter' }, path: '/feed' });
    const captured: { error: unknown; context: Record<string, unknown> | undefined }[] = [];
    const reporter: ErrorReporter = {
      capture: (error, context) => captured.push({ error, context }),
      flush: async () => undefined,
    };
    const summary = await onceDaemon(s, { reporter }).runOnce();
    expect(summary.jobs.failed).toBe(0);
    const refused = captured.filter((c) => c.error instanceof PublishRefusedError);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.context).toMatchObject({ post: id, brand: s.deps.brandSlug });
    expect(String(refused[0]!.context!.reason)).toMatch(/#100/);
  });
});
