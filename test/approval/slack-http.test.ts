import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackAppFake, type SlackAppFake } from '../fakes/slack-app-fake.js';
import { getPost } from '../../src/store/posts-repo.js';
import type { TestStore } from '../helpers/store.js';
import { announceAndSend, approvalStore, draft, OWNER } from './fixtures.js';
import { serve, type Served } from './server-helpers.js';

const SIGNING = 'fake-signing-secret-0123456789abcdef';
let slack: SlackAppFake;
let store: TestStore;
let served: Served;

const sign = (body: string, ts: number, secret = SIGNING) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

const post = (body: string, headers: Record<string, string>) =>
  fetch(`${served.url}/slack/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

beforeEach(async () => {
  slack = await startSlackAppFake();
  store = await approvalStore(
    { SLACK_BOT_TOKEN: slack.botToken, SLACK_CHANNEL: slack.channel, SLACK_API_URL: slack.apiUrl },
    (c) => {
      c.quality.threshold = 0;
    },
  );
  served = await serve(store, { apiUrl: slack.apiUrl, botToken: slack.botToken, signingSecret: SIGNING });
});

afterEach(async () => {
  await served.server.close();
  await store.close();
  await slack.close();
});

describe('Slack HTTP interactivity (v0 signatures)', () => {
  it('acts on a good signature, and refuses bad, old, missing and replayed ones', async () => {
    const postId = await draft(store);
    await announceAndSend(store, postId);
    const message = slack.messages.at(-1)!;
    const payload = slack.clickPayload({ user: OWNER, message, actionId: 'approve_variant_2' });
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const now = Math.floor(store.deps.clock.now().getTime() / 1000);

    const bad = await post(body, {
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': sign(body, now, 'wrong-secret'),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ ok: false, error: 'signature_bad_signature' });
    const tampered = await post(body.replace('approve_variant_2', 'approve_variant_1'), {
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': sign(body, now),
    });
    expect(tampered.status).toBe(401);
    const old = await post(body, {
      'x-slack-request-timestamp': String(now - 301),
      'x-slack-signature': sign(body, now - 301),
    });
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual({ ok: false, error: 'signature_stale' });
    const missing = await post(body, {});
    expect(missing.status).toBe(401);
    expect((await getPost(store.deps.db, postId))!.state).toBe('in_review');

    const headers = { 'x-slack-request-timestamp': String(now - 200), 'x-slack-signature': sign(body, now - 200) };
    const good = await post(body, headers);
    expect(good.status).toBe(200);
    await slack.waitFor(() => message.updates.length > 0);
    expect((await getPost(store.deps.db, postId))!.state).toBe('approved');
    const replayed = await post(body, headers);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual({ ok: false, error: 'signature_replayed' });
    // The log names the signature verdicts, never the body or the signature.
    const logged = JSON.stringify(served.logs);
    expect(logged).toContain('"signature":"bad_signature"');
    expect(logged).toContain('"signature":"replayed"');
    expect(logged).not.toContain(headers['x-slack-signature']);
  });

  it('answers a view submission with the errors in the response body', async () => {
    const view = { type: 'modal', callback_id: 'reject_reason', private_metadata: JSON.stringify({ p: 'x', v: 'y' }) };
    const payload = {
      type: 'view_submission',
      user: { id: OWNER },
      view: { ...view, state: { values: { reason: { reason_input: { type: 'plain_text_input', value: '' } } } } },
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const now = Math.floor(store.deps.clock.now().getTime() / 1000);
    const r = await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now) });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ response_action: 'errors' });
  });
});
