import { describe, expect, it } from 'vitest';
import { engagementOf } from '../../src/daemon/metrics.js';
import { publishedAt } from '../../src/daemon/publishing.js';

describe('engagement of a snapshot', () => {
  it('is (reactions + comments + shares) ÷ unique viewers, with its basis', () => {
    const e = engagementOf({ reactions: 12, comments: 5, shares: 3, uniqueViewers: 800, commentsBasis: 'summary' });
    expect(e.rate).toBe(20 / 800);
    expect(e.basis).toBe('(reactions+comments+shares)/unique_viewers (post_total_media_view_unique)');
  });

  it('is NULL without a denominator, never a division by zero', () => {
    expect(
      engagementOf({ reactions: 1, comments: 0, shares: 0, uniqueViewers: null, commentsBasis: 'summary' }).rate,
    ).toBeNull();
    expect(
      engagementOf({ reactions: 1, comments: 0, shares: 0, uniqueViewers: 0, commentsBasis: 'summary' }).rate,
    ).toBeNull();
  });

  it('a refused numerator keeps the others and is named in the basis', () => {
    const e = engagementOf({ reactions: 6, comments: null, shares: 2, uniqueViewers: 100, commentsBasis: null });
    expect(e.rate).toBe(0.08);
    expect(e.basis).toContain('(reactions+shares)');
    expect(e.basis).toContain('missing: comments');
    expect(
      engagementOf({ reactions: 6, comments: 2, shares: 0, uniqueViewers: 100, commentsBasis: 'activity' }).basis,
    ).toContain('post_activity_by_action_type');
  });
});

describe('publication time used for the +24 h / +7 d pulls', () => {
  it("a native post went out at Meta's slot, a queue post when our call ended", () => {
    expect(
      publishedAt({
        mode: 'native',
        scheduledAt: '2026-12-03T18:30:00.000Z',
        finishedAt: '2026-12-03T18:32:30.000Z',
      }).toISOString(),
    ).toBe('2026-12-03T18:30:00.000Z');
    expect(
      publishedAt({
        mode: 'queue',
        scheduledAt: '2026-12-01T19:00:00.000Z',
        finishedAt: '2026-12-01T19:00:30.000Z',
      }).toISOString(),
    ).toBe('2026-12-01T19:00:30.000Z');
  });
});
