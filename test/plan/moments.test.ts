import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { easterSunday, loadMoments, momentsBetween, momentsOfYear } from '../../src/plan/moments.js';
import { tempHome } from '../helpers/cli.js';

const dates = (year: number) =>
  Object.fromEntries(momentsOfYear(loadMoments('/nonexistent'), year).map((m) => [m.id, m.start]));

describe('the Quebec calendar of moments', () => {
  const homes: { cleanup: () => void }[] = [];
  afterEach(() => homes.splice(0).forEach((h) => h.cleanup()));

  it('computes Easter for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('places the movable dates right, year after year', () => {
    const y2025 = dates(2025);
    // Published by the CCQ and the Quebec government for 2025.
    expect(y2025['good-friday']).toBe('2025-04-18');
    expect(y2025['easter-monday']).toBe('2025-04-21');
    expect(y2025['patriots-day']).toBe('2025-05-19');
    expect(y2025['construction-holiday']).toBe('2025-07-20');
    expect(y2025['labour-day']).toBe('2025-09-01');
    expect(y2025['thanksgiving']).toBe('2025-10-13');
    const y2026 = dates(2026);
    expect(y2026['patriots-day']).toBe('2026-05-18');
    expect(y2026['construction-holiday']).toBe('2026-07-19');
    expect(y2026['fete-nationale']).toBe('2026-06-24');
    expect(y2026['moving-day']).toBe('2026-07-01');
    expect(y2026['winter-tires']).toBe('2026-12-01');
    expect(y2026['black-friday']).toBe('2026-11-27');
    // Most school service centres open the last week of August (the last Thursday here).
    expect(y2026['back-to-school']).toBe('2026-08-27');
    expect(y2026['tax-deadline']).toBe('2026-04-30');
    // 2022 and 2023 construction holidays (CCQ): July 24 and July 23.
    expect(dates(2022)['construction-holiday']).toBe('2022-07-24');
    expect(dates(2023)['construction-holiday']).toBe('2023-07-23');
    // April 30, 2028 is a Sunday: the tax deadline moves to Monday May 1.
    expect(dates(2028)['tax-deadline']).toBe('2028-05-01');
    // June 15, 2030 is a Saturday: the self-employed deadline moves to Monday June 17.
    expect(dates(2030)['self-employed-tax-deadline']).toBe('2030-06-17');
  });

  it('gives periods their length and finds moments across a year end', () => {
    const y = momentsOfYear(loadMoments('/nonexistent'), 2026);
    const construction = y.find((m) => m.id === 'construction-holiday')!;
    expect(construction.end).toBe('2026-08-01');
    const around = momentsBetween(loadMoments('/nonexistent'), '2026-12-28', '2027-01-03').map((m) => m.id);
    expect(around).toEqual(expect.arrayContaining(['holiday-season', 'new-year']));
  });

  it('reads the home’s overrides: replace, add, disable; a bad file is a clear config error', () => {
    const home = tempHome('autoscale-moments-');
    homes.push(home);
    writeFileSync(
      join(home.dir, 'moments.json'),
      JSON.stringify({
        moments: [
          { id: 'black-friday', disabled: true },
          {
            id: 'salon-habitation',
            name: { fr: 'Salon national de l’habitation', en: 'Home show' },
            rule: { kind: 'nth-weekday', month: 3, weekday: 'fri', n: 2 },
            durationDays: 10,
            types: ['case_study'],
            angle: { fr: 'Les entrepreneurs reçoivent des appels du salon', en: 'Contractors get calls from the show' },
          },
        ],
      }),
    );
    const y = momentsOfYear(loadMoments(home.dir), 2026);
    expect(y.find((m) => m.id === 'black-friday')).toBeUndefined();
    expect(y.find((m) => m.id === 'salon-habitation')).toMatchObject({ start: '2026-03-13', end: '2026-03-22' });
    writeFileSync(
      join(home.dir, 'moments.json'),
      '{"moments":[{"id":"x","rule":{"kind":"fixed","month":13,"day":1}}]}',
    );
    expect(() => loadMoments(home.dir)).toThrow(/moments\.json is not a valid moments file/);
  });
});
