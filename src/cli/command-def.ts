import type { Localized } from '../i18n/localized.js';
import type { AppContext } from './context.js';
import { parseOptions, type OptionSpec, type OptionSpecs, type OptionsOf, type RawOption } from './options.js';

export interface Example {
  command: string;
  description: Localized;
}

/** A positional argument's value: `<id>` is a string, `[file]` may be missing. */
type ArgValue<S extends string> = S extends `<${string}>` ? string : string | undefined;

/** `['<key>', '[value]']` → `[string, string | undefined]`. */
export type ArgsOf<A extends readonly string[]> = { -readonly [I in keyof A]: ArgValue<A[I]> };

/** What `main` builds commander from: the command as data, its action bound after parsing. */
export interface CommandDef {
  name: string;
  aliases?: readonly string[];
  /** Positional arguments in commander syntax: '<id>', '[file]'. */
  args: readonly string[];
  summary: Localized;
  description?: Localized;
  options: Readonly<Record<string, OptionSpec<unknown>>>;
  examples?: readonly Example[];
  subcommands?: readonly CommandDef[];
  /**
   * Parses the arguments and options (a bad value throws a UsageError before anything is opened
   * or written) and returns the action to run. Absent for a group such as `config`.
   */
  bind?: (args: readonly (string | undefined)[], options: Record<string, RawOption>) => Runner;
}

export type Runner = (ctx: AppContext) => Promise<void>;

export interface CommandSpec<A extends readonly string[], O extends OptionSpecs> {
  name: string;
  aliases?: readonly string[];
  args?: A;
  summary: Localized;
  description?: Localized;
  options?: O;
  /** Groups of options of which at most one may be given. */
  exclusive?: readonly (readonly (keyof O & string)[])[];
  examples?: readonly Example[];
  subcommands?: readonly CommandDef[];
  /**
   * Receives typed arguments and options. Loaded only when the command runs (a dynamic import
   * of its handler), so `--help` and other commands do not pay for its dependencies.
   */
  run?: (ctx: AppContext, args: ArgsOf<A>, options: OptionsOf<O>) => Promise<void>;
}

/**
 * Declares a command: its flags with their parsers, and a `run` that receives the parsed values.
 * Commander enforces the presence of `<required>` arguments before the action is bound.
 */
export const defineCommand = <const A extends readonly string[] = [], O extends OptionSpecs = Record<never, never>>(
  spec: CommandSpec<A, O>,
): CommandDef => {
  const { run, exclusive, options, args, ...rest } = spec;
  const specs = options ?? ({} as O);
  return {
    ...rest,
    args: args ?? [],
    options: specs,
    ...(run && {
      bind: (values, raw) => {
        const parsed = parseOptions(specs, raw, exclusive);
        // Commander has checked the arity of `args`: required ones are present.
        const typedArgs = values as ArgsOf<A>;
        return (ctx) => run(ctx, typedArgs, parsed);
      },
    }),
  };
};
