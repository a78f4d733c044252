import { Command, CommanderError, Option } from 'commander';
import { AutoscaleError, ExitCode, UsageError } from '../errors/errors.js';
import { isLang, l, langFromLocale, type Lang } from '../i18n/localized.js';
import { resolveHome } from '../config/home.js';
import type { CommandDef } from '../cli/command-def.js';
import type { AppContext, GlobalOptions, MainIO } from '../cli/context.js';

import { colourEnabled } from '../present/style.js';
import { commandDefs } from './commands.js';
import { renderError } from '../cli/render-error.js';
import { readFileSync, existsSync } from 'node:fs';

/** Language before commander runs: --lang, then config.json's `lang`, then LANG/LC_ALL. */
const earlyLang = (argv: string[], env: NodeJS.ProcessEnv): Lang => {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i >= 0) {
    const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
    if (isLang(value)) return value;
  }
  const homeIdx = argv.findIndex((a) => a === '--home' || a.startsWith('--home='));
  const homeFlag =
    homeIdx >= 0 ? (argv[homeIdx]!.includes('=') ? argv[homeIdx]!.split('=')[1] : argv[homeIdx + 1]) : undefined;
  const paths = resolveHome(homeFlag, env);
  const configFile = existsSync(paths.config) ? paths.config : (paths.legacyConfig ?? paths.config);
  if (existsSync(configFile)) {
    try {
      const lang = (JSON.parse(readFileSync(configFile, 'utf8')) as { lang?: unknown }).lang;
      if (isLang(lang)) return lang;
    } catch {
      // A broken config is reported by the command that needs it, with its own message.
    }
  }
  return langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? 'en';
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

const addCommand = (
  parent: Command,
  def: CommandDef,
  lang: Lang,
  invoke: (def: CommandDef, args: string[], opts: Record<string, unknown>, cmd: Command) => Promise<void>,
) => {
  const cmd = new Command(def.name)
    .copyInheritedSettings(parent)
    .description((def.description ?? def.summary)[lang])
    .summary(def.summary[lang]);
  for (const alias of def.aliases ?? []) cmd.alias(alias);
  for (const arg of def.args ?? []) cmd.argument(arg);
  for (const opt of def.options ?? []) {
    const option = new Option(opt.flags, opt.description[lang]);
    if (opt.repeatable) option.argParser(collect);
    if (opt.defaultValue !== undefined) option.default(opt.defaultValue);
    cmd.addOption(option);
  }
  if (def.examples?.length) {
    const title = lang === 'fr' ? 'Exemples :' : 'Examples:';
    const lines = def.examples.map((e) => `  $ ${e.command}\n      ${e.description[lang]}`).join('\n');
    cmd.addHelpText('after', `\n${title}\n${lines}`);
  }
  for (const sub of def.subcommands ?? []) addCommand(cmd, sub, lang, invoke);
  if (def.run) {
    cmd.action(async (...received: unknown[]) => {
      const command = received[received.length - 1] as Command;
      const opts = received[received.length - 2] as Record<string, unknown>;
      const args = received.slice(0, -2).map((a) => (Array.isArray(a) ? a.join(' ') : (a as string)));
      await invoke(def, args, opts, command);
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
    .version('0.1.0', '-V, --version')
    .option(
      '--json',
      l(
        'print data as JSON on stdout (logs stay on stderr)',
        'afficher les données en JSON sur stdout (journaux sur stderr)',
      )[lang],
    )
    .option('--verbose', l('show details and stack traces', 'afficher les détails et les traces de pile')[lang])
    .option(
      '--home <dir>',
      l(
        'home folder for config, database and media (env AUTOSCALE_HOME)',
        'dossier de travail : configuration, base et médias (env AUTOSCALE_HOME)',
      )[lang],
    )
    .option('--lang <lang>', l('UI language: fr or en', 'langue de l’interface : fr ou en')[lang])
    .option(
      '--brand <name>',
      l('brand to work on (default: the current one)', 'marque visée (par défaut : la marque courante)')[lang],
    )
    .option(
      '--now [iso]',
      l(
        'act as if it were this instant (ISO-8601 with zone); bare `--now` on publish: publish at once',
        'agir comme s’il était cet instant (ISO-8601 avec fuseau); `--now` seul avec publish : publier tout de suite',
      )[lang],
    )
    .option('--no-color', l('disable colours (also NO_COLOR=1)', 'désactiver les couleurs (aussi NO_COLOR=1)')[lang])
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

  let ran = false;
  const invoke = async (def: CommandDef, args: string[], opts: Record<string, unknown>, command: Command) => {
    ran = true;
    const globals = command.optsWithGlobals<Record<string, unknown>>();
    // A bare `--now` (no instant) is the publish command's "at once" flag; commander keeps only
    // the last --now, so an instant given as well is read back from argv.
    if (globals.now === true) {
      if (!def.bareNow) {
        throw new UsageError(
          l('--now needs an instant (ISO-8601 with zone).', '--now demande un instant (ISO-8601 avec fuseau).'),
          {
            fix: l(
              'Use a form like --now 2026-11-24T15:00:00Z.',
              'Utilisez une forme comme --now 2026-11-24T15:00:00Z.',
            ),
          },
        );
      }
      opts = { ...opts, now: true };
      const i = io.argv.findIndex(
        (a, k) =>
          (a === '--now' && io.argv[k + 1] !== undefined && !io.argv[k + 1]!.startsWith('-')) || a.startsWith('--now='),
      );
      globals.now = i < 0 ? undefined : io.argv[i]!.startsWith('--now=') ? io.argv[i]!.slice(6) : io.argv[i + 1];
    }
    const options: GlobalOptions = {
      json: Boolean(globals.json),
      verbose: Boolean(globals.verbose),
      home: globals.home as string | undefined,
      lang: globals.lang as Lang | undefined,
      brand: globals.brand as string | undefined,
      now: globals.now as string | undefined,
    };
    if (options.lang !== undefined && !isLang(options.lang)) {
      throw new UsageError(
        l(
          `--lang "${String(options.lang)}" is not supported.`,
          `--lang « ${String(options.lang)} » n'est pas pris en charge.`,
        ),
        {
          fix: l('Use --lang fr or --lang en.', 'Utilisez --lang fr ou --lang en.'),
        },
      );
    }
    const { buildContext } = await import('../cli/build-context.js');
    ctx = await buildContext({ options, lang, io, colour: globals.color !== false });
    await def.run!(ctx, args, opts);
  };

  for (const def of commandDefs) addCommand(program, def, lang, invoke);

  let code: number = ExitCode.ok;
  try {
    await program.parseAsync(io.argv);
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
        const message =
          captured
            .replace(/^error:\s*/i, '')
            .trim()
            .split('\n')[0] ?? error.message;
        code = renderError(
          new UsageError(l(message, message), {
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
      });
    }
  } finally {
    await ctx?.close().catch(() => undefined);
  }
  return code;
};

export { AutoscaleError };
