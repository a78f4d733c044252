import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackAppFake, type PostedMessage, type SlackAppFake } from '../fakes/slack-app-fake.js';
import type { SlackSocket } from '../../src/slack/socket.js';
import { getPost } from '../../src/store/posts-repo.js';
import { auditFor } from '../../src/store/audit-repo.js';
import { editVariant } from '../../src/review/review-service.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import type { TestStore } from '../helpers/store.js';
import { announceAndSend, approvalStore, connectSocket, draft, OWNER, STRANGER } from './fixtures.js';

let slack: SlackAppFake;
let store: TestStore;
let socket: SlackSocket | undefined;

const env = () => ({
  SLACK_BOT_TOKEN: slack.botToken,
  SLACK_APP_TOKEN: slack.appToken,
  SLACK_CHANNEL: slack.channel,
  SLACK_API_URL: slack.apiUrl,
});

const connect = async (timing: { clientPingTimeoutMs?: number; serverPingTimeoutMs?: number } = {}) => {
  socket = await connectSocket(store, slack, {
    clientPingTimeoutMs: timing.clientPingTimeoutMs ?? 200,
    serverPingTimeoutMs: timing.serverPingTimeoutMs ?? 30_000,
    retryStartMs: 100,
  });
};

/** Posts the review message of a fresh draft and returns it as Slack holds it. */
const reviewMessage = async (): Promise<{ postId: string; message: PostedMessage }> => {
  const postId = await draft(store);
  await announceAndSend(store, postId);
  const message = slack.messages.at(-1)!;
  return { postId, message };
};

const state = async (id: string) => (await getPost(store.deps.db, id))!.state;

beforeEach(async () => {
  slack = await startSlackAppFake({ pingMs: 200 });
  store = await approvalStore(env(), (c) => {
    c.quality.threshold = 0;
  });
});

afterEach(async () => {
  await socket?.stop();
  socket = undefined;
  await store.close();
  await slack.close();
});

describe('interactive Slack review over Socket Mode (real SDK clients, loopback Slack)', () => {
  it('posts the three variants, the slot and the buttons; a click approves that variant and updates the message', async () => {
    const { postId, message } = await reviewMessage();
    const actions = message.blocks.find((b) => b.type === 'actions')!;
    expect(actions.elements.map((e: { action_id: string }) => e.action_id)).toEqual([
      'approve_variant_1',
      'approve_variant_2',
      'approve_variant_3',
      'reject_post',
    ]);
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/créneau proposé/);
    expect(text).toMatch(/qualité \d+/);
    await connect();
    const ack = await slack.click({ user: OWNER, message, actionId: 'approve_variant_2' });
    expect(ack.ms).toBeLessThan(3000);
    await slack.waitFor(() => message.updates.length > 0);
    expect(await state(postId)).toBe('approved');
    const post = (await getPost(store.deps.db, postId))!;
    const variants = await variantsForPost(store.deps.db, postId);
    expect(post.chosenVariantId).toBe(variants.find((v) => v.idx === 2)!.id);
    expect(message.updates[0]!.text).toMatch(new RegExp(`Approuvé par <@${OWNER}> : variante 2`));
    expect(JSON.stringify(message.blocks)).not.toContain('approve_variant');
    const audit = (await auditFor(store.deps.db, [postId])).find((a) => a.action === 'approve')!;
    expect(audit.actor).toBe(`slack:${OWNER}`);
    expect(JSON.parse(audit.data!)).toMatchObject({ channel: 'slack', actorId: OWNER, variantIndex: 2 });
  });

  it('refuses a second click, a click on a stale version and a click from an unknown user', async () => {
    const { postId, message } = await reviewMessage();
    const before = structuredClone(message.blocks);
    await connect();
    // Unknown user: refused, nothing changes.
    await slack.click({ user: STRANGER, message, actionId: 'approve_variant_1' });
    await slack.waitFor(() => slack.ephemerals.find((e) => e.user === STRANGER));
    expect(slack.ephemerals.at(-1)!.text).toMatch(/approbateurs/);
    expect(await state(postId)).toBe('in_review');
    // Stale: the post was edited after the message went out.
    await editVariant(store.deps, {
      ref: postId,
      variant: 1,
      text: 'Un texte revu à la main, plus court et plus précis.',
    });
    const stale = { ...message, blocks: before };
    await slack.click({ user: OWNER, message: stale, actionId: 'approve_variant_1' });
    await slack.waitFor(() => slack.ephemerals.filter((e) => e.user === OWNER).length === 1);
    expect(slack.ephemerals.at(-1)!.text).toMatch(/a changé depuis/);
    expect(await state(postId)).toBe('in_review');
    // The stale message was replaced in place by the current version; a double click on it.
    await slack.waitFor(() => message.updates.length === 1);
    const shown = { ...message, blocks: structuredClone(message.blocks) };
    expect(JSON.stringify(shown.blocks)).toContain('Un texte revu à la main');
    await slack.click({ user: OWNER, message: shown, actionId: 'approve_variant_3' });
    await slack.waitFor(() => message.updates.length === 2);
    await slack.click({ user: OWNER, message: shown, actionId: 'approve_variant_1' });
    await slack.waitFor(() => slack.ephemerals.filter((e) => e.user === OWNER).length === 2);
    expect(slack.ephemerals.at(-1)!.text).toMatch(/déjà approuvé par slack:U0OWNER01/);
    const approvals = (await auditFor(store.deps.db, [postId])).filter((a) => a.action === 'approve');
    expect(approvals).toHaveLength(1);
    expect(JSON.parse(approvals[0]!.data!)).toMatchObject({ variantIndex: 3 });
  });

  it('rejects through the modal: empty reason refused in the ack, then the reason recorded and the message updated', async () => {
    const { postId, message } = await reviewMessage();
    await connect();
    await slack.click({ user: OWNER, message, actionId: 'reject_post' });
    const view = await slack.waitFor(() => slack.views[0]);
    expect(view.callback_id).toBe('reject_reason');
    const empty = await slack.submitView({
      user: OWNER,
      view,
      values: { reason: { reason_input: { type: 'plain_text_input', value: '  ' } } },
    });
    expect(empty.payload).toMatchObject({ response_action: 'errors', errors: { reason: expect.any(String) } });
    const stranger = await slack.submitView({
      user: STRANGER,
      view,
      values: { reason: { reason_input: { type: 'plain_text_input', value: 'non' } } },
    });
    expect(stranger.payload.response_action).toBe('errors');
    const ok = await slack.submitView({
      user: OWNER,
      view,
      values: { reason: { reason_input: { type: 'plain_text_input', value: 'Trop générique pour nous' } } },
    });
    expect(ok.payload).toEqual({});
    await slack.waitFor(() => message.updates.length > 0);
    expect(await state(postId)).toBe('rejected');
    expect(message.text).toMatch(/Rejeté par <@U0OWNER01> : Trop générique pour nous/);
    const reject = (await auditFor(store.deps.db, [postId])).find((a) => a.action === 'reject')!;
    expect(reject).toMatchObject({ actor: `slack:${OWNER}`, reason: 'Trop générique pour nous' });
  });

  it('a trigger id is single use: a second modal from the same click is refused by Slack', async () => {
    const { message } = await reviewMessage();
    const payload = slack.clickPayload({ user: OWNER, message, actionId: 'reject_post' });
    await connect();
    await slack.interactive(payload);
    await slack.waitFor(() => slack.views.length === 1);
    await slack.interactive(payload);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.views).toHaveLength(1);
  });

  it('a variant below the gate carries a confirmation naming the reasons; without it the click is refused', async () => {
    store.deps.config.quality.threshold = 101;
    const { postId, message } = await reviewMessage();
    const button = message.blocks.find((b) => b.type === 'actions')!.elements[0];
    expect(button.confirm.title.text).toMatch(/Approuver quand même/);
    expect(button.confirm.text.text).toMatch(/sous le seuil \(101\)/);
    await connect();
    // A forged value without the confirmed reasons is refused.
    const value = JSON.parse(button.value);
    delete value.o;
    await slack.click({ user: OWNER, message, actionId: 'approve_variant_1', value: JSON.stringify(value) });
    await slack.waitFor(() => slack.ephemerals.length === 1);
    expect(slack.ephemerals[0]!.text).toMatch(/ne passe pas le seuil de qualité/);
    expect(await state(postId)).toBe('in_review');
    await slack.click({ user: OWNER, message, actionId: 'approve_variant_1' });
    await slack.waitFor(() => message.updates.length > 0);
    const audit = (await auditFor(store.deps.db, [postId])).find((a) => a.action === 'gate_override')!;
    expect(JSON.parse(audit.data!).acknowledged).toEqual(['below-threshold']);
    expect(audit.reason).toBe('confirmed on slack');
    expect(message.text).toMatch(/approuvé quand même/);
  });

  it('reconnects after a disconnect envelope and after the socket drops, and keeps acting', async () => {
    const first = await reviewMessage();
    const second = await reviewMessage();
    await connect();
    expect(slack.connectionsOpened).toBe(1);
    slack.disconnect('refresh_requested');
    await slack.waitFor(() => slack.connectionsOpened === 2 && slack.openSockets() === 1);
    await slack.click({ user: OWNER, message: first.message, actionId: 'approve_variant_1' });
    await slack.waitFor(() => first.message.updates.length > 0);
    expect(await state(first.postId)).toBe('approved');
    slack.dropSockets();
    await slack.waitFor(() => slack.connectionsOpened === 3 && slack.openSockets() === 1, 15_000);
    await slack.click({ user: OWNER, message: second.message, actionId: 'approve_variant_2' });
    await slack.waitFor(() => second.message.updates.length > 0);
    expect(await state(second.postId)).toBe('approved');
  });

  it('retries a start that failed while Slack refused the connection', async () => {
    slack.faults.push({ method: 'apps.connections.open', kind: 'error', error: 'internal_error' });
    slack.faults.push({ method: 'apps.connections.open', kind: 'ratelimited', retryAfter: 0 });
    await connect();
    expect(slack.openSockets()).toBe(1);
  });
});
