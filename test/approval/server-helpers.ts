import { createPageServer, type PageServer } from '../../src/server/page-server.js';
import { createSlackClient } from '../../src/notify/slack-api.js';
import { issueLink } from '../../src/approval/announce.js';
import { loadReview } from '../../src/approval/approval-service.js';
import type { TestStore } from '../helpers/store.js';
import { approvalStore, quietLog } from './fixtures.js';

export interface Served {
  url: string;
  server: PageServer;
  logs: { o: object; m: string }[];
}

/** The page server on an ephemeral loopback port, its request log captured. */
export const serve = async (
  store: TestStore,
  slack?: { apiUrl: string; botToken: string; signingSecret: string },
): Promise<Served> => {
  const logs: { o: object; m: string }[] = [];
  const log = {
    ...quietLog,
    info: (o: object, m: string) => logs.push({ o, m }),
    warn: (o: object, m: string) => logs.push({ o, m }),
    error: (o: object, m: string) => logs.push({ o, m }),
  };
  const server = createPageServer({
    deps: store.deps,
    log,
    slack: slack
      ? { client: await createSlackClient(slack.botToken, slack.apiUrl, 5000), signingSecret: slack.signingSecret }
      : undefined,
  });
  const { url } = await server.listen('127.0.0.1', 0);
  return { url, server, logs };
};

/** A review link for the post as it is now, pointing at the given server. */
export const linkFor = async (store: TestStore, served: Served, postId: string, expiresInMs?: number) => {
  store.deps.config.approval.publicUrl = served.url;
  const link = await issueLink(store.deps, await loadReview(store.deps, postId), {
    expiresInMs,
    createdBy: 'tester@test',
  });
  return link;
};

/** GET the page like a browser: the CSRF cookie and the form token. */
export const open = async (url: string) => {
  const r = await fetch(url);
  const html = await r.text();
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { r, html, cookie, csrf };
};

export const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

/**
 * The store and the page server most page tests run against: the gate at 0 (the tests choose
 * their texts) and no rate limit in the way.
 */
export const servedApprovalStore = async (): Promise<{ store: TestStore; served: Served }> => {
  const store = await approvalStore({}, (c) => {
    c.quality.threshold = 0;
    c.approval.rateLimitPerMinute = 1000;
  });
  return { store, served: await serve(store) };
};

export const closeServed = async ({ store, served }: { store: TestStore; served: Served }) => {
  await served.server.close();
  await store.close();
};
