import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../src/domain/content.js';
import { movedReason, weekdayName } from '../../src/present/dates.js';
import { ROOT } from '../helpers/cli.js';

describe('present/dates: weekdays come from the shared formatter (Intl), not a table of its own', () => {
  it('has no weekday names of its own', () => {
    const source = readFileSync(join(ROOT, 'src', 'present', 'dates.ts'), 'utf8');
    expect(source).not.toMatch(/lundi|mardi|Monday|Tuesday|'lun\.'|'Mon'/);
  });

  it('abbreviates as Intl does in fr-CA and en-CA', () => {
    expect(WEEKDAYS.map((d) => weekdayName(d, 'fr'))).toEqual(['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.']);
    expect(WEEKDAYS.map((d) => weekdayName(d, 'en'))).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
  });

  it('names the weekday in full in the moved-slot reason', () => {
    const r = movedReason('2026-12-05', 'not_posting_day');
    expect(r.fr).toContain('tombe un samedi, qui n’est pas un jour de publication');
    expect(r.en).toContain('is a Saturday, not a posting day');
  });
});
