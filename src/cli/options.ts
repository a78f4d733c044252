// Typed command-line options: each command declares its flags with a parser, and its handler
// receives the parsed values (numbers, unions, lists, dates) instead of commander's strings.
// This module is in the always-loaded entry chunk (every `--help` loads it), so it stays tiny:
// plain functions, no schema library.
import { UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { isValidDate, parseInstant, parseUserTime } from '../domain/time.js';

/** What commander holds for a flag: a string for `<value>`, true/false for switches. */
export type RawValue = string | boolean | string[] | undefined;

/** One flag as the user typed it: its value and whether it came from the command line. */
export interface RawOption {
  value: RawValue;
  given: boolean;
}

export interface OptionSpec<T> {
  /** Commander syntax: '-v, --variant <n>', '--dry-run', '--no-image'. */
  readonly flags: string;
  readonly description: Localized;
  /** Turns the raw value into T, or throws a one-line UsageError naming the flag and the fix. */
  readonly parse: (raw: RawValue, flag: string) => T;
  /** An older spelling still accepted, with a deprecation note (see `rewriteFormerSpellings`). */
  readonly formerly?: string;
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

/** The parsed options a handler receives: `{ variant: number | undefined, … }`. */
export type OptionsOf<O extends OptionSpecs> = { [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };

/** An option taking a value: absent is `undefined` unless it has a default or is required. */
export interface ValueOption<T> extends OptionSpec<T | undefined> {
  default(value: T): OptionSpec<T>;
  /** Absent is an error; `fix` says what to give. */
  required(fix: Localized): OptionSpec<T>;
}

/** The long name of a flag ('--variant' for '-v, --variant <n>'), used in messages. */
export const longFlag = (flags: string): string => /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0]!;

/** A refused value: `--limit "x" is not a whole number. Fix: …` (exit 2). */
export const refuse = (flag: string, value: string, problem: Localized, fix: Localized): never => {
  throw new UsageError(l(`${flag} "${value}" ${problem.en}.`, `${flag} « ${value} » ${problem.fr}.`), {
    code: 'bad_option',
    fix,
    details: { flag, value },
  });
};

const valueOption = <T>(
  flags: string,
  description: Localized,
  convert: (text: string, flag: string) => T,
): ValueOption<T> => ({
  flags,
  description,
  parse: (raw, flag) => (typeof raw === 'string' ? convert(raw, flag) : undefined),
  default: (value) => ({
    flags,
    description,
    parse: (raw, flag) => (typeof raw === 'string' ? convert(raw, flag) : value),
  }),
  required: (fix) => ({
    flags,
    description,
    parse: (raw, flag) => {
      if (typeof raw === 'string') return convert(raw, flag);
      throw new UsageError(l(`${flag} is required.`, `${flag} est obligatoire.`), {
        code: 'missing_option',
        fix,
        details: { flag },
      });
    },
  }),
});

/** A switch: `--dry-run` is true when given; `--no-image` is false when given. */
export const flag = (
  flags: string,
  description: Localized,
  extra: { formerly?: string } = {},
): OptionSpec<boolean> => ({
  flags,
  description,
  parse: flags.includes('--no-') ? (raw) => raw !== false : (raw) => raw === true,
  ...extra,
});

/** Free text; `nonEmpty` refuses a blank value. */
export const text = (flags: string, description: Localized, o: { nonEmpty?: Localized } = {}): ValueOption<string> =>
  valueOption(flags, description, (value, flag) =>
    o.nonEmpty && !value.trim() ? refuse(flag, value, l('is empty', 'est vide'), o.nonEmpty) : value,
  );

const bounds = (o: { min?: number; max?: number }): Localized => {
  if (o.min !== undefined && o.max !== undefined) return l(` from ${o.min} to ${o.max}`, ` de ${o.min} à ${o.max}`);
  if (o.min !== undefined) return l(` (${o.min} or more)`, ` (${o.min} ou plus)`);
  if (o.max !== undefined) return l(` (at most ${o.max})`, ` (au plus ${o.max})`);
  return l('', '');
};

const numeric =
  (whole: boolean) =>
  (flags: string, description: Localized, o: { min?: number; max?: number; fix?: Localized } = {}) =>
    valueOption(flags, description, (value, flag) => {
      const n = value.trim() === '' ? Number.NaN : Number(value);
      if (
        (whole ? Number.isInteger(n) : Number.isFinite(n)) &&
        !(n < (o.min ?? -Infinity)) &&
        !(n > (o.max ?? Infinity))
      )
        return n;
      const b = bounds(o);
      const kind = whole ? l('a whole number', 'un nombre entier') : l('a number', 'un nombre');
      return refuse(
        flag,
        value,
        l(`is not ${kind.en}${b.en}`, `n’est pas ${kind.fr}${b.fr}`),
        o.fix ?? l(`Give ${kind.en}${b.en}.`, `Donnez ${kind.fr}${b.fr}.`),
      );
    });

/** A whole number, optionally bounded. */
export const integer = numeric(true);
/** A finite number, optionally bounded. */
export const decimal = numeric(false);

const oneOfText = (values: readonly string[]) =>
  l(`Use one of: ${values.join(', ')}.`, `Utilisez l’une de ces valeurs : ${values.join(', ')}.`);

/** One of a fixed list of words. */
export const choice = <const V extends string>(
  flags: string,
  description: Localized,
  values: readonly V[],
): ValueOption<V> =>
  valueOption(flags, description, (value, flag) => {
    const found = values.find((v) => v === value);
    return found ?? refuse(flag, value, l('is not a valid value', 'n’est pas une valeur valide'), oneOfText(values));
  });

/** Comma-separated words (`tue,wed,thu`), each one of `values`. */
export const list = <const V extends string>(
  flags: string,
  description: Localized,
  values: readonly V[],
  o: { lowercase?: boolean } = {},
): ValueOption<V[]> =>
  valueOption(flags, description, (value, flag) => {
    const items = value
      .split(',')
      .map((s) => (o.lowercase ? s.trim().toLowerCase() : s.trim()))
      .filter(Boolean);
    if (items.length === 0) refuse(flag, value, l('is empty', 'est vide'), oneOfText(values));
    return items.map(
      (item) =>
        values.find((v) => v === item) ??
        refuse(flag, item, l('is not a valid value', 'n’est pas une valeur valide'), oneOfText(values)),
    );
  });

/** A calendar date `YYYY-MM-DD`. */
export const date = (flags: string, description: Localized): ValueOption<string> =>
  valueOption(flags, description, (value, flag) =>
    isValidDate(value)
      ? value
      : refuse(
          flag,
          value,
          l('is not a calendar date', 'n’est pas une date du calendrier'),
          l('Give it as YYYY-MM-DD, e.g. 2026-12-01.', 'Donnez-la au format AAAA-MM-JJ, p. ex. 2026-12-01.'),
        ),
  );

/** An ISO-8601 instant with its zone. */
export const instant = (flags: string, description: Localized): ValueOption<Date> =>
  valueOption(
    flags,
    description,
    (value, flag) =>
      parseInstant(value) ??
      refuse(
        flag,
        value,
        l('is not an ISO-8601 instant', 'n’est pas un instant ISO-8601'),
        l(
          'Use a form like 2026-11-24T15:00:00Z or 2026-11-24T10:00:00-05:00.',
          'Utilisez une forme comme 2026-11-24T15:00:00Z ou 2026-11-24T10:00:00-05:00.',
        ),
      ),
  );

/**
 * A time typed by a person: an ISO instant, or a local "YYYY-MM-DD HH:MM". Only its form is
 * checked here; the handler reads it in the brand's time zone.
 */
export const userTime = (flags: string, description: Localized): ValueOption<string> =>
  valueOption(flags, description, (value, flag) =>
    parseUserTime(value, 'UTC')
      ? value.trim()
      : refuse(
          flag,
          value,
          l('is not a time', 'n’est pas une heure'),
          l(
            'Use ISO-8601 (2026-12-01T14:30:00-05:00) or a local "YYYY-MM-DD HH:MM".',
            'Utilisez ISO-8601 (2026-12-01T14:30:00-05:00) ou l’heure locale « AAAA-MM-JJ HH:MM ».',
          ),
        ),
  );

/** Text of a given shape, turned into T by `convert` (undefined means the shape is wrong). */
export const shaped = <T>(
  flags: string,
  description: Localized,
  o: { convert: (value: string) => T | undefined; problem: Localized; fix: Localized },
): ValueOption<T> =>
  valueOption(flags, description, (value, flag) => o.convert(value) ?? refuse(flag, value, o.problem, o.fix));

/**
 * Parses a command's options. `exclusive` lists groups of which at most one may be given; a
 * conflict is refused with the flags named.
 */
export const parseOptions = <O extends OptionSpecs>(
  specs: O,
  raw: Readonly<Record<string, RawOption | undefined>>,
  exclusive: readonly (readonly string[])[] = [],
): OptionsOf<O> => {
  for (const group of exclusive) {
    const given = group.filter((key) => raw[key]?.given).map((key) => longFlag(specs[key]!.flags));
    if (given.length > 1) {
      const all = group.map((key) => longFlag(specs[key]!.flags));
      throw new UsageError(
        l(`${given.join(' and ')} cannot be used together.`, `${given.join(' et ')} ne se combinent pas.`),
        {
          code: 'conflicting_options',
          fix: l(`Give only one of ${all.join(', ')}.`, `Donnez une seule option parmi ${all.join(', ')}.`),
          details: { flags: given },
        },
      );
    }
  }
  const parsed: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) parsed[key] = spec.parse(raw[key]?.value, longFlag(spec.flags));
  // Each value came from its own spec's parser, so the record has exactly the declared types.
  return parsed as OptionsOf<O>;
};
