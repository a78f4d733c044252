import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, isContentFrozen, POST_STATES } from '../../src/domain/post-state.js';
import { StateError } from '../../src/errors/errors.js';

describe('post lifecycle', () => {
  it('follows the happy path draft → measured', () => {
    const path = ['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'measured'] as const;
    for (let i = 0; i < path.length - 1; i += 1) expect(canTransition(path[i]!, path[i + 1]!)).toBe(true);
  });

  it('refuses to skip review or to publish twice', () => {
    expect(canTransition('draft', 'approved')).toBe(false);
    expect(canTransition('draft', 'published')).toBe(false);
    expect(canTransition('published', 'publishing')).toBe(false);
    expect(canTransition('measured', 'published')).toBe(false);
    expect(canTransition('rejected', 'approved')).toBe(false);
  });

  it('throws a StateError naming the allowed next states', () => {
    try {
      assertTransition('abc', 'published', 'approved');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StateError);
      expect((error as StateError).localized.en).toContain('published');
      expect((error as StateError).fix?.en).toContain('measured');
      expect((error as StateError).exitCode).toBe(5);
    }
  });

  it('rejects unknown states', () => {
    expect(() => assertTransition('abc', 'bogus', 'approved')).toThrow(StateError);
  });

  it('freezes content once a publication exists', () => {
    const frozen = POST_STATES.filter(isContentFrozen);
    expect(frozen.sort()).toEqual(['measured', 'published', 'publishing', 'scheduled', 'unconfirmed']);
  });

  it('every non-terminal state can reach a terminal or review state', () => {
    for (const state of POST_STATES) {
      if (state === 'measured') continue;
      expect(POST_STATES.some((to) => canTransition(state, to))).toBe(true);
    }
  });
});
