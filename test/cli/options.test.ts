import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCommand, type ArgsOf } from '../../src/cli/command-def.js';
import { timeWindow, timeZoneOption, variantOption } from '../../src/cli/common-options.js';
import { rewriteFormerSpellings } from '../../src/cli/former-spellings.js';
import { GLOBAL_OPTIONS } from '../../src/cli/global-options.js';
import {
  choice,
  date,
  decimal,
  flag,
  instant,
  integer,
  list,
  parseOptions,
  text,
  userTime,
  type OptionsOf,
  type RawOption,
} from '../../src/cli/options.js';
import { UsageError } from '../../src/errors/errors.js';
import { l } from '../../src/i18n/localized.js';
import { commandDefs } from '../../src/main/commands.js';

const d = l('help', 'aide');
const given = (value: RawOption['value']): RawOption => ({ value, given: true });

/** The UsageError a parse throws, for its message, fix and details. */
const refusal = (run: () => unknown): UsageError => {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
};

describe('option parsers', () => {
  it('switches: given or not; --no-x is true unless given', () => {
    expect(flag('--dry-run', d).parse(true, '--dry-run')).toBe(true);
    expect(flag('--dry-run', d).parse(undefined, '--dry-run')).toBe(false);
    expect(flag('--no-image', d).parse(true, '--no-image')).toBe(true);
    expect(flag('--no-image', d).parse(false, '--no-image')).toBe(false);
  });

  it('numbers: whole or decimal, bounded, with the flag, the value and the fix in both languages', () => {
    const limit = integer('-n, --limit <n>', d, { min: 0 });
    expect(limit.parse('20', '--limit')).toBe(20);
    expect(limit.parse(undefined, '--limit')).toBeUndefined();
    expect(limit.default(50).parse(undefined, '--limit')).toBe(50);
    for (const bad of ['-3', 'x', '', '2.5', '1e400']) {
      const e = refusal(() => limit.parse(bad, '--limit'));
      expect(e.code).toBe('bad_option');
      expect(e.exitCode).toBe(2);
      expect(e.details).toEqual({ flag: '--limit', value: bad });
      expect(e.localized.en).toBe(`--limit "${bad}" is not a whole number (0 or more).`);
      expect(e.localized.fr).toBe(`--limit « ${bad} » n’est pas un nombre entier (0 ou plus).`);
      expect(e.fix?.en).toBe('Give a whole number (0 or more).');
    }
    expect(decimal('--threshold <n>', d, { min: 0, max: 100 }).parse('72.5', '--threshold')).toBe(72.5);
    expect(refusal(() => decimal('--threshold <n>', d, { min: 0, max: 100 }).parse('150', '--threshold')).message).toBe(
      '--threshold "150" is not a number from 0 to 100.',
    );
  });

  it('choices and lists keep their unions; an unknown word is refused with the list of valid ones', () => {
    const mode = choice('--mode <m>', d, ['native', 'queue']);
    expect(mode.parse('queue', '--mode')).toBe('queue');
    const e = refusal(() => mode.parse('fast', '--mode'));
    expect(e.message).toBe('--mode "fast" is not a valid value.');
    expect(e.fix?.en).toBe('Use one of: native, queue.');
    const days = list('--days <d>', d, ['mon', 'tue', 'wed'], { lowercase: true });
    expect(days.parse(' TUE, wed ,', '--days')).toEqual(['tue', 'wed']);
    expect(refusal(() => days.parse('tue,fri', '--days')).details).toEqual({ flag: '--days', value: 'fri' });
    expect(refusal(() => days.parse(',', '--days')).message).toBe('--days "," is empty.');
  });

  it('dates, instants and typed times', () => {
    expect(date('--date <d>', d).parse('2026-12-01', '--date')).toBe('2026-12-01');
    expect(refusal(() => date('--date <d>', d).parse('2026-02-30', '--date')).message).toMatch(/not a calendar date/);
    expect(instant('--now <iso>', d).parse('2026-11-24T15:00:00Z', '--now')).toEqual(new Date('2026-11-24T15:00:00Z'));
    expect(refusal(() => instant('--now <iso>', d).parse('tomorrow', '--now')).fix?.en).toMatch(/2026-11-24T15:00:00Z/);
    const at = userTime('--at <t>', d);
    expect(at.parse(' 2026-12-01 14:10 ', '--at')).toBe('2026-12-01 14:10');
    expect(at.parse('2026-12-01T14:10:00-05:00', '--at')).toBe('2026-12-01T14:10:00-05:00');
    expect(refusal(() => at.parse('2026-12-01 25:10', '--at')).message).toBe('--at "2026-12-01 25:10" is not a time.');
  });

  it('shaped values: windows, time zones, variants', () => {
    const w = timeWindow('--window <w>', d);
    expect(w.parse('9:30-16:00', '--window')).toEqual({ start: '09:30', end: '16:00' });
    for (const bad of ['16:00-13:00', '9-5', '13:00-14:00-15:00', '13:00-24:00']) {
      expect(refusal(() => w.parse(bad, '--window')).details).toEqual({ flag: '--window', value: bad });
    }
    expect(timeZoneOption(d).parse('America/Toronto', '--timezone')).toBe('America/Toronto');
    expect(refusal(() => timeZoneOption(d).parse('Mars/Olympus', '--timezone')).message).toMatch(/IANA/);
    expect(refusal(() => variantOption().parse('4', '--variant')).message).toBe(
      '--variant "4" is not a whole number from 1 to 3.',
    );
  });

  it('required options and empty text say what to give', () => {
    const variant = variantOption().required(l('Add --variant 1.', 'Ajoutez --variant 1.'));
    const e = refusal(() => variant.parse(undefined, '--variant'));
    expect(e).toMatchObject({ code: 'missing_option', message: '--variant is required.' });
    expect(e.fix?.fr).toBe('Ajoutez --variant 1.');
    const prompt = text('--prompt <t>', d, { nonEmpty: l('Describe it.', 'Décrivez-la.') });
    expect(refusal(() => prompt.parse('  ', '--prompt')).message).toBe('--prompt "  " is empty.');
  });
});

describe('parseOptions', () => {
  const specs = {
    week: flag('--week', d),
    month: flag('--month', d),
    limit: integer('--limit <n>', d).default(30),
    state: list('--state <s>', d, ['queued', 'done']),
  };

  it('returns typed values: defaults applied, switches false when absent', () => {
    const parsed = parseOptions(specs, { limit: given('5'), state: given('done') });
    expect(parsed).toEqual({ week: false, month: false, limit: 5, state: ['done'] });
    expectTypeOf(parsed).toEqualTypeOf<OptionsOf<typeof specs>>();
    expectTypeOf(parsed.limit).toEqualTypeOf<number>();
    expectTypeOf(parsed.state).toEqualTypeOf<('queued' | 'done')[] | undefined>();
    expectTypeOf(parsed.week).toEqualTypeOf<boolean>();
  });

  it('refuses two options of an exclusive group when both were given', () => {
    const e = refusal(() => parseOptions(specs, { week: given(true), month: given(true) }, [['week', 'month']]));
    expect(e).toMatchObject({ code: 'conflicting_options', message: '--week and --month cannot be used together.' });
    expect(e.fix?.en).toBe('Give only one of --week, --month.');
    expect(parseOptions(specs, { week: given(true) }, [['week', 'month']]).week).toBe(true);
  });

  it('defineCommand types the arguments from their syntax and parses before binding', async () => {
    expectTypeOf<ArgsOf<readonly ['<key>', '[value]']>>().toEqualTypeOf<[string, string | undefined]>();
    let received: unknown;
    const def = defineCommand({
      name: 'demo',
      args: ['<id>'],
      summary: d,
      options: { variant: variantOption() },
      run: async (_ctx, [id], opts) => {
        expectTypeOf(id).toEqualTypeOf<string>();
        expectTypeOf(opts.variant).toEqualTypeOf<number | undefined>();
        received = { id, variant: opts.variant };
      },
    });
    expect(() => def.bind!(['abc'], { variant: given('9') })).toThrow(UsageError);
    const run = def.bind!(['abc'], { variant: given('2') });
    await run({} as Parameters<typeof run>[0]);
    expect(received).toEqual({ id: 'abc', variant: 2 });
  });
});

describe('former spellings', () => {
  const argv = (...args: string[]) => ['node', 'autoscale', ...args];
  const rewrite = (...args: string[]) => rewriteFormerSpellings(argv(...args), commandDefs, GLOBAL_OPTIONS);

  it('a bare --now on publish is --immediately, wherever it stands, with a note', () => {
    for (const args of [
      ['publish', 'abc', '--now'],
      ['publish', '--now', 'abc'],
      ['publish', 'abc', '--now', '--json'],
      ['--home', '/tmp/h', 'publish', '--now', 'abc'],
    ]) {
      const r = rewrite(...args);
      expect(r.argv.slice(2)).toEqual(args.map((a) => (a === '--now' ? '--immediately' : a)));
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0]!.en).toBe(
        '`autoscale publish --now` is deprecated and will be removed: use `autoscale publish --immediately`.',
      );
    }
  });

  it('--now followed by an instant stays the global clock; other commands are untouched', () => {
    for (const args of [
      ['publish', 'abc', '--now', '2026-11-24T15:00:00Z'],
      ['--now', '2026-11-24T15:00:00Z', 'publish', 'abc'],
      ['list', '--now'],
      ['--now', 'publish', 'abc'],
      ['approve', 'publish', '--now'],
    ]) {
      expect(rewrite(...args)).toEqual({ argv: argv(...args), notes: [] });
    }
  });
});
