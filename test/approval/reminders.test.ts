import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewReminders } from '../../src/approval/reminders.js';
import { enqueuerAt, listJobs } from '../../src/store/jobs-repo.js';
import { getPost } from '../../src/store/posts-repo.js';
import { auditFor } from '../../src/store/audit-repo.js';
import type { TestStore } from '../helpers/store.js';
import { approvalStore, draft, quietLog } from './fixtures.js';

let store: TestStore;

beforeEach(async () => {
  store = await approvalStore({ SLACK_WEBHOOK_URL: 'http://127.0.0.1:9/services/T/B/X' }, (c) => {
    c.approval.publicUrl = 'https://review.example.test';
  });
});
afterEach(() => store.close());

const pass = async (iso: string) => {
  store.clock.set(iso);
  return reviewReminders(
    store.deps,
    enqueuerAt(store.deps.db, () => iso),
    quietLog,
  );
};
const notices = async (event: string) =>
  (await listJobs(store.deps.db, { kinds: ['notify'] })).filter((j) => JSON.parse(j.payload!).event === event);

describe('review reminders', () => {
  it('reminds once before the window, then moves an unreviewed draft to the next posting day and says so', async () => {
    const id = await draft(store); // Tuesday 10:00, window 13:00–16:00 Toronto
    expect(await pass('2026-12-01T15:30:00Z')).toEqual({ reminded: 0, moved: 0 }); // 10:30
    expect(await pass('2026-12-01T16:05:00Z')).toEqual({ reminded: 1, moved: 0 }); // 11:05, 2 h before
    expect(await pass('2026-12-01T17:00:00Z')).toEqual({ reminded: 0, moved: 0 }); // one reminder only
    const reminders = await notices('review_reminder');
    expect(reminders).toHaveLength(1);
    const text = JSON.parse(reminders[0]!.payload!).message.text as string;
    expect(text).toMatch(/attend toujours une révision/);
    expect(text).toMatch(/https:\/\/review\.example\.test\/r\//);
    // In the e-mail the page link is clickable.
    expect(JSON.parse(reminders[0]!.payload!).message.html).toMatch(
      /<a href="https:\/\/review\.example\.test\/r\/[^"]+">/,
    );
    expect(await pass('2026-12-01T21:01:00Z')).toEqual({ reminded: 0, moved: 1 }); // 16:01: the window closed
    expect((await getPost(store.deps.db, id))!.targetDate).toBe('2026-12-02');
    expect(await pass('2026-12-01T21:30:00Z')).toEqual({ reminded: 0, moved: 0 });
    const moved = await notices('review_moved');
    expect(moved).toHaveLength(1);
    expect(JSON.parse(moved[0]!.payload!).message.text).toMatch(/reportée au 2026-12-02/);
    const audit = (await auditFor(store.deps.db, [id])).find((a) => a.action === 'review_moved')!;
    expect(audit).toMatchObject({ fromState: '2026-12-01', toState: '2026-12-02', actor: 'daemon' });
    // Wednesday gets its own reminder.
    expect(await pass('2026-12-02T16:05:00Z')).toEqual({ reminded: 1, moved: 0 });
  });

  it('leaves approved drafts and drafts written after the reminder time alone', async () => {
    store.clock.set('2026-12-01T17:30:00Z'); // 12:30, after the 11:00 reminder time
    await draft(store);
    expect(await pass('2026-12-01T17:45:00Z')).toEqual({ reminded: 0, moved: 0 });
  });
});
