import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackAppFake, type SlackAppFake } from '../fakes/slack-app-fake.js';
import type { SlackSocket } from '../../src/slack/socket.js';
import { ideasList } from '../../src/plan/ideas-service.js';
import { getPost } from '../../src/store/posts-repo.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import type { TestStore } from '../helpers/store.js';
import { announceAndSend, approvalStore, connectSocket, draft, OWNER } from '../approval/fixtures.js';

let slack: SlackAppFake;
let store: TestStore;
let socket: SlackSocket | undefined;

beforeEach(async () => {
  slack = await startSlackAppFake({ pingMs: 200 });
  store = await approvalStore(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_CHANNEL: slack.channel,
      SLACK_API_URL: slack.apiUrl,
    },
    (c) => {
      c.quality.threshold = 0;
    },
  );
});

afterEach(async () => {
  await socket?.stop();
  socket = undefined;
  await store.close();
  await slack.close();
});

const reason = (text: string) => ({ reason: { reason_input: { type: 'plain_text_input', value: text } } });

describe('an idea from Slack’s reject modal (Socket Mode, loopback Slack)', () => {
  it('offers each variant’s angle; the chosen one lands in the ideas inbox, none when left empty', async () => {
    const first = await draft(store);
    await announceAndSend(store, first);
    const second = await draft(store, '2026-12-02');
    await announceAndSend(store, second);
    const [m1, m2] = slack.messages.slice(-2);
    socket = await connectSocket(store, slack, { clientPingTimeoutMs: 200, retryStartMs: 100 });

    await slack.click({ user: OWNER, message: m1!, actionId: 'reject_post' });
    const view = await slack.waitFor(() => slack.views[0]);
    const select = view.blocks.find((b: { block_id: string }) => b.block_id === 'idea');
    expect(select).toMatchObject({ optional: true, element: { type: 'static_select', action_id: 'idea_variant' } });
    expect(select.element.options.map((o: { value: string }) => o.value)).toEqual(['1', '2', '3']);
    await slack.submitView({
      user: OWNER,
      view,
      values: {
        ...reason('Trop technique'),
        idea: {
          idea_variant: {
            type: 'static_select',
            selected_option: { text: select.element.options[1].text, value: '2' },
          },
        },
      },
    });
    await slack.waitFor(() => m1!.updates.length > 0);
    expect((await getPost(store.deps.db, first))?.state).toBe('rejected');
    const v2 = (await variantsForPost(store.deps.db, first)).find((v) => v.idx === 2)!;
    const ideas = await ideasList(store.deps, true);
    expect(ideas).toHaveLength(1);
    expect(ideas[0]).toMatchObject({ origin: 'slack', contentType: 'case_study' });
    expect(ideas[0]!.text.startsWith(v2.headline)).toBe(true);

    await slack.click({ user: OWNER, message: m2!, actionId: 'reject_post' });
    const view2 = await slack.waitFor(() => slack.views[1]);
    await slack.submitView({
      user: OWNER,
      view: view2,
      values: {
        ...reason('Pas cette semaine'),
        idea: { idea_variant: { type: 'static_select', selected_option: null } },
      },
    });
    await slack.waitFor(() => m2!.updates.length > 0);
    expect((await getPost(store.deps.db, second))?.state).toBe('rejected');
    expect(await ideasList(store.deps, true)).toHaveLength(1);
  });
});
