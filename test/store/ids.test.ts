import { describe, expect, it } from 'vitest';
import { newId, shortId } from '../../src/store/ids.js';

describe('ids', () => {
  it('are valid, unique, time-ordered UUIDv7', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
  it('encode the creation time', () => {
    const id = newId(Date.UTC(2030, 0, 1));
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
  });
  it('have an 8-character short form from the random tail', () => {
    const id = newId();
    expect(shortId(id)).toHaveLength(8);
    expect(id.endsWith(shortId(id))).toBe(true);
  });
});
