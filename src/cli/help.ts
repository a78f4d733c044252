import { Help, type Command, type Option } from 'commander';
import { ExitCode } from '../errors/errors.js';
import type { Fmt } from '../i18n/format.js';
import { wrapText } from '../present/text.js';
import type { Example } from './command-def.js';
import { EXIT_CODE_MEANING, HEADINGS, HELP, PLACEHOLDERS } from './messages/help.js';

/** `<file>` → `<fichier>`, `[command]` → `[commande]`; anything unknown stays as written. */
const localizePlaceholders = (text: string, f: Fmt): string =>
  (f.lang === 'fr' ? text.replace(/YYYY-MM-DD/g, 'AAAA-MM-JJ') : text).replace(
    /([<[])([a-z][a-z-]*)(\.\.\.)?([>\]])/g,
    (m, open: string, word: string, dots = '', close: string) => {
      const known = PLACEHOLDERS[word];
      return known ? `${open}${f.t(known)}${dots}${close}` : m;
    },
  );

/**
 * commander's help in the interface language: headings, usage placeholders and descriptions,
 * wrapped to the width at ordinary spaces only (a no-break space stays unbroken).
 */
export class LocalizedHelp extends Help {
  constructor(private readonly f: Fmt) {
    super();
  }

  override styleTitle(str: string): string {
    const heading = HEADINGS[str];
    return heading ? this.f.t(heading) : str;
  }

  override commandUsage(cmd: Command): string {
    return localizePlaceholders(super.commandUsage(cmd), this.f);
  }

  override subcommandTerm(cmd: Command): string {
    return localizePlaceholders(super.subcommandTerm(cmd), this.f);
  }

  override optionTerm(option: Option): string {
    return localizePlaceholders(super.optionTerm(option), this.f);
  }

  override boxWrap(str: string, width: number): string {
    if (width < this.minWidthToWrap) return str;
    return str
      .split('\n')
      .map((line) => wrapText(line, width).join('\n'))
      .join('\n');
  }
}

/** Wires the localized help into a program (subcommands inherit it when added after). */
export const configureHelp = (program: Command, f: Fmt): void => {
  const help = new LocalizedHelp(f);
  // commander copies the configuration's own properties onto its Help: pass the methods bound.
  program.configureHelp({
    styleTitle: help.styleTitle.bind(help),
    commandUsage: help.commandUsage.bind(help),
    subcommandTerm: help.subcommandTerm.bind(help),
    optionTerm: help.optionTerm.bind(help),
    boxWrap: help.boxWrap.bind(help),
  });
};

/** The examples block after a command's options. */
export const examplesText = (examples: readonly Example[], f: Fmt): string =>
  `\n${f.t(HELP.examples)}\n${examples.map((e) => `  $ ${e.command}\n      ${f.t(e.description)}`).join('\n')}`;

/** The exit-code legend under the program's help, one code a line. */
export const exitCodesText = (f: Fmt): string => {
  const entries = Object.entries(ExitCode) as [keyof typeof ExitCode, number][];
  const width = Math.max(...entries.map(([, code]) => String(code).length));
  return `\n${f.t(HELP.exitCodes)}\n${entries
    .map(([kind, code]) => `  ${String(code).padStart(width)}  ${f.t(EXIT_CODE_MEANING[kind])}`)
    .join('\n')}`;
};
