import { Command, CommanderError, Option } from 'commander';
import { AutoscaleError, ExitCode, UsageError } from '../errors/errors.js';
import { isLang, l, langFromLocale, type Lang } from '../i18n/localized.js';
import { resolveHome, type HomePaths } from '../config/home.js';
import type { CommandDef, Runner } from '../cli/command-def.js';
import type { AppContext, GlobalOptions, MainIO } from '../cli/context.js';
import { commanderMessage } from '../cli/commander-errors.js';
import { rewriteFormerSpellings } from '../cli/former-spellings.js';
import { GLOBAL_OPTIONS } from '../cli/global-options.js';
import { parseOptions, type OptionSpec, type RawOption, type RawValue } from '../cli/options.js';

import { colourEnabled } from '../present/style.js';
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

/** Language before commander runs: --lang, then config.json's `lang`, then LANG/LC_ALL. */
const earlyLang = (argv: string[], env: NodeJS.ProcessEnv): Lang => {
  const value = earlyFlag(argv, '--lang');
  if (isLang(value)) return value;
  const paths = pathsOf(argv, env);
  // The config of an older autoscale may still sit in the data folder (moved on the next run).
  const configFile = paths && (existsSync(paths.config) ? paths.config : (paths.legacyConfig ?? paths.config));
  if (configFile !== undefined && existsSync(configFile)) {
    try {
      const lang = (JSON.parse(readFileSync(configFile, 'utf8')) as { lang?: unknown }).lang;
      if (isLang(lang)) return lang;
    } catch {
      // A broken config is reported by the command that needs it, with its own message.
    }
  }
  return langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? 'en';
};

/** Commander's value for a flag, as the option parsers take it. */
const rawValue = (value: unknown): RawValue =>
  typeof value === 'string' || typeof value === 'boolean'
    ? value
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : undefined;

/** Adds the options of `specs` to `cmd`; returns how to read them back after parsing. */
const addOptions = (cmd: Command, specs: Readonly<Record<string, OptionSpec<unknown>>>, lang: Lang) => {
  const attributes = Object.entries(specs).map(([key, spec]) => {
    const option = new Option(spec.flags, spec.description[lang]);
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

const addCommand = (parent: Command, def: CommandDef, lang: Lang, invoke: (runner: () => Runner) => Promise<void>) => {
  const cmd = new Command(def.name)
    .copyInheritedSettings(parent)
    .description((def.description ?? def.summary)[lang])
    .summary(def.summary[lang]);
  for (const alias of def.aliases ?? []) cmd.alias(alias);
  for (const arg of def.args) cmd.argument(arg);
  const readOptions = addOptions(cmd, def.options, lang);
  if (def.examples?.length) {
    const title = lang === 'fr' ? 'Exemples :' : 'Examples:';
    const lines = def.examples.map((e) => `  $ ${e.command}\n      ${e.description[lang]}`).join('\n');
    cmd.addHelpText('after', `\n${title}\n${lines}`);
  }
  for (const sub of def.subcommands ?? []) addCommand(cmd, sub, lang, invoke);
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

  const program = new Command('autoscale')
    .description(
      l(
        'Write, illustrate, review, publish and measure Facebook posts in Quebec French.',
        'Rédiger, illustrer, réviser, publier et mesurer des publications Facebook en français québécois.',
      )[lang],
    )
    .version('0.1.0', '-V, --version', l('print the version', 'afficher la version')[lang])
    .helpOption('-h, --help', l('show this help', 'afficher cette aide')[lang])
    .helpCommand('help [command]', l('show the help of a command', 'afficher l’aide d’une commande')[lang])
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
    });
  program.addHelpText(
    'after',
    `\n${lang === 'fr' ? 'Exemples :' : 'Examples:'}\n  $ autoscale init --yes\n  $ autoscale generate --type case_study\n  $ autoscale review\n  $ autoscale list --state in_review --json\n\n${
      lang === 'fr' ? 'Codes de sortie' : 'Exit codes'
    }: 0 ok, 1 internal, 2 usage, 3 config, 4 not found, 5 state, 6 store, 7 external service, 8 busy, 130 interrupted.`,
  );

  const readGlobals = addOptions(program, GLOBAL_OPTIONS, lang);
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
    };
    const { buildContext } = await import('../cli/build-context.js');
    ctx = await buildContext({ options, lang, io, colour: globals.color });
    for (const note of former.notes) ctx.out.warn(note);
    await run(ctx);
  };

  for (const def of commandDefs) addCommand(program, def, lang, invoke);

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
            fix: l(
              'See `autoscale --help` or `autoscale <command> --help`.',
              'Voyez `autoscale --help` ou `autoscale <commande> --help`.',
            ),
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
