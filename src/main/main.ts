import { Command, CommanderError, Option } from 'commander';
import { AutoscaleError, ExitCode, UsageError } from '../errors/errors.js';
import { isLang, l, resolveLang, type Lang } from '../i18n/localized.js';
import { EMBEDDED_BRAND_LANGUAGE } from '../config/embedded-brand.js';
import { resolveHome, type HomePaths } from '../config/home.js';
import type { CommandDef, Runner } from '../cli/command-def.js';
import type { AppContext, GlobalOptions, MainIO } from '../cli/context.js';
import { commanderMessage } from '../cli/commander-errors.js';
import { rewriteFormerSpellings } from '../cli/former-spellings.js';
import { GLOBAL_OPTIONS } from '../cli/global-options.js';
import { parseOptions, type OptionSpec, type RawOption, type RawValue } from '../cli/options.js';

import { colourEnabled } from '../present/style.js';
import { createFormat, type Fmt } from '../i18n/format.js';
import { configureHelp, examplesText, exitCodesText } from '../cli/help.js';
import { HELP, PROGRAM_EXAMPLES } from '../cli/messages/help.js';
import { layoutWidth } from '../cli/width.js';
import { commandDefs } from './commands.js';
import { renderError } from '../cli/render-error.js';
import { readFileSync, existsSync } from 'node:fs';

/** The value of a global option read from argv before commander runs (`--x v` or `--x=v`). */
const earlyFlag = (argv: string[], name: string): string | undefined => {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
};

/** The home the command means, or undefined when --home is unusable (the command refuses it). */
const pathsOf = (argv: string[], env: NodeJS.ProcessEnv): HomePaths | undefined => {
  try {
    return resolveHome(earlyFlag(argv, '--home'), env);
  } catch {
    return undefined;
  }
};

/**
 * The interface language before commander runs (its help and errors are in it too): `--lang`,
 * then config.json's `lang`, then LC_ALL/LC_MESSAGES/LANG, then the brand's locale.
 */
const earlyLang = (argv: string[], env: NodeJS.ProcessEnv): Lang => {
  const flag = earlyFlag(argv, '--lang');
  let config: Lang | undefined;
  // With no config yet, the embedded AutoScale AI brand is fr-CA.
  let brandLocale: string | undefined = EMBEDDED_BRAND_LANGUAGE;
  const paths = pathsOf(argv, env);
  // The config of an older autoscale may still sit in the data folder (moved on the next run).
  const configFile = paths && (existsSync(paths.config) ? paths.config : (paths.legacyConfig ?? paths.config));
  if (configFile !== undefined && existsSync(configFile)) {
    try {
      const raw = JSON.parse(readFileSync(configFile, 'utf8')) as {
        lang?: unknown;
        currentBrand?: unknown;
        brands?: Record<string, { profile?: { language?: unknown } }>;
      };
      if (isLang(raw.lang)) config = raw.lang;
      const slug = earlyFlag(argv, '--brand') ?? (typeof raw.currentBrand === 'string' ? raw.currentBrand : '');
      const language = raw.brands?.[slug]?.profile?.language;
      brandLocale = typeof language === 'string' ? language : brandLocale;
    } catch {
      // A broken config is reported by the command that needs it, with its own message.
    }
  }
  return resolveLang({ flag: isLang(flag) ? flag : undefined, config, env, brandLocale });
};

/** Commander's value for a flag, as the option parsers take it. */
const rawValue = (value: unknown): RawValue =>
  typeof value === 'string' || typeof value === 'boolean'
    ? value
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : undefined;

/** Adds the options of `specs` to `cmd`; returns how to read them back after parsing. */
const addOptions = (cmd: Command, specs: Readonly<Record<string, OptionSpec<unknown>>>, f: Fmt) => {
  const attributes = Object.entries(specs).map(([key, spec]) => {
    const option = new Option(spec.flags, f.t(spec.description));
    cmd.addOption(option);
    return [key, option.attributeName()] as const;
  });
  return (): Record<string, RawOption> =>
    Object.fromEntries(
      attributes.map(([key, attribute]) => [
        key,
        { value: rawValue(cmd.getOptionValue(attribute)), given: cmd.getOptionValueSource(attribute) === 'cli' },
      ]),
    );
};

const addCommand = (parent: Command, def: CommandDef, f: Fmt, invoke: (runner: () => Runner) => Promise<void>) => {
  const cmd = new Command(def.name)
    .copyInheritedSettings(parent)
    .description(f.t(def.description ?? def.summary))
    .summary(f.t(def.summary));
  for (const alias of def.aliases ?? []) cmd.alias(alias);
  for (const arg of def.args) cmd.argument(arg);
  const readOptions = addOptions(cmd, def.options, f);
  if (def.examples?.length) cmd.addHelpText('after', examplesText(def.examples, f));
  for (const sub of def.subcommands ?? []) addCommand(cmd, sub, f, invoke);
  const bind = def.bind;
  if (bind) {
    cmd.action(async (...received: unknown[]) => {
      const args = received.slice(0, def.args.length).map((a) => (typeof a === 'string' ? a : undefined));
      await invoke(() => bind(args, readOptions()));
    });
  }
  parent.addCommand(cmd);
};

/** The one exit point: every command returns here; errors become one line and an exit code. */
export const main = async (io: MainIO): Promise<number> => {
  const lang = earlyLang(io.argv, io.env);
  const jsonRequested = io.argv.includes('--json');
  const verboseRequested = io.argv.includes('--verbose');
  const colourErr = colourEnabled(io.stderr, io.env) && !io.argv.includes('--no-color');
  let ctx: AppContext | undefined;
  let captured = '';

  const f = createFormat(lang);
  const helpWidth = layoutWidth(io.stdout, io.env, io.argv.includes('--wide')) ?? 80;
  const program = new Command('autoscale')
    .description(f.t(HELP.description))
    .version('0.1.0', '-V, --version', f.t(HELP.version))
    .helpOption('-h, --help', f.t(HELP.helpOption))
    .helpCommand('help [command]', f.t(HELP.helpCommand))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => {
        captured += s;
      },
      outputError: (s) => {
        captured += s;
      },
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
    });
  configureHelp(program, f);
  program.addHelpText('after', `${examplesText(PROGRAM_EXAMPLES, f)}\n${exitCodesText(f)}`);

  const readGlobals = addOptions(program, GLOBAL_OPTIONS, f);
  const former = rewriteFormerSpellings(io.argv, commandDefs, GLOBAL_OPTIONS);

  let ran = false;
  const invoke = async (bind: () => Runner) => {
    ran = true;
    // Every flag is parsed before the context exists: a bad value writes nothing.
    const globals = parseOptions(GLOBAL_OPTIONS, readGlobals());
    const run = bind();
    const options: GlobalOptions = {
      json: globals.json,
      verbose: globals.verbose,
      home: globals.home,
      lang: globals.lang,
      brand: globals.brand,
      now: globals.now,
      wide: globals.wide,
    };
    const { buildContext } = await import('../cli/build-context.js');
    ctx = await buildContext({ options, lang, io, colour: globals.color });
    for (const note of former.notes) ctx.out.warn(note);
    await run(ctx);
  };

  for (const def of commandDefs) addCommand(program, def, f, invoke);

  let code: number = ExitCode.ok;
  try {
    await program.parseAsync(former.argv);
    if (ctx && ctx.exitCode) code = ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.help' && !ran) {
      // Bare `autoscale` (commander sends its implicit help to stderr, which is captured): the
      // commands and the first step on stdout, not silence.
      const home = resolveHome(program.opts<{ home?: string }>().home, io.env);
      const started = existsSync(home.config) || (home.legacyConfig !== undefined && existsSync(home.legacyConfig));
      io.stdout.write(
        `${program.helpInformation()}\n${
          started
            ? l('Next: autoscale status', 'Ensuite\u00a0: autoscale status')[lang]
            : l('Start with: autoscale init', 'Pour commencer\u00a0: autoscale init')[lang]
        }\n`,
      );
      code = ExitCode.ok;
    } else if (error instanceof CommanderError) {
      if (
        error.exitCode === 0 ||
        error.code === 'commander.help' ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
      ) {
        code = ExitCode.ok;
      } else {
        code = renderError(
          new UsageError(commanderMessage(error.code, captured || error.message), {
            code: error.code,
            fix: HELP.fix,
          }),
          {
            lang,
            json: jsonRequested,
            verbose: verboseRequested,
            stdout: io.stdout,
            stderr: io.stderr,
            colour: colourErr,
            secrets: [],
          },
        );
      }
    } else {
      code = renderError(error, {
        lang,
        json: jsonRequested,
        verbose: verboseRequested,
        stdout: io.stdout,
        stderr: io.stderr,
        colour: colourErr,
        secrets: ctx?.env.secretValues() ?? [],
        home: ctx?.paths.root ?? pathsOf(io.argv, io.env)?.root,
      });
    }
  } finally {
    await ctx?.close().catch(() => undefined);
  }
  return code;
};

export { AutoscaleError };
