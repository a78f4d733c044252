import { AutoscaleError, ExitCode } from '../errors/errors.js';
import { createRedactor } from '../domain/redact.js';
import { environmentErrorOf } from '../errors/environment.js';
import { neutralise } from '../present/terminal-text.js';
import { createFormat } from '../i18n/format.js';
import { l, type Lang } from '../i18n/localized.js';
import { createStyle } from '../present/style.js';
import type { Writable } from './output.js';

export interface RenderErrorOptions {
  lang: Lang;
  json: boolean;
  verbose: boolean;
  stdout: Writable;
  stderr: Writable;
  colour: boolean;
  secrets: readonly string[];
  /** The home folder, named when the machine is at fault (disk full). */
  home?: string | undefined;
}

const WORDS = {
  error: l('Error:', 'Erreur :'),
  fix: l('Fix:', 'Solution :'),
  causedBy: l('Caused by:', 'Causé par :'),
  internal: l('Internal error:', 'Erreur interne :'),
  report: l(
    'Re-run with --verbose and report the issue with that output.',
    'Relancez avec --verbose et signalez le problème avec cette sortie.',
  ),
};

/** One line: what went wrong and how to fix it. The stack only with --verbose. */
export const renderError = (thrown: unknown, o: RenderErrorOptions): number => {
  const style = createStyle(o.colour);
  const redact = createRedactor(o.secrets);
  // Messages quote user input and upstream answers: no secret, and no escape a terminal obeys.
  const clean = (s: string) => neutralise(redact(s));
  // A full or read-only disk is the machine's fault, whatever layer noticed it first.
  const error = (o.home !== undefined ? environmentErrorOf(thrown, o.home) : undefined) ?? thrown;
  const { t } = createFormat(o.lang);
  if (error instanceof AutoscaleError) {
    const message = clean(t(error.localized));
    const fix = error.fix ? clean(t(error.fix)) : undefined;
    if (o.json) {
      o.stdout.write(
        `${JSON.stringify({ error: { code: error.code, kind: error.kind, exitCode: error.exitCode, message, fix: fix ?? null, details: error.details ?? null } }, null, 2)}\n`,
      );
    }
    o.stderr.write(`${style.red(t(WORDS.error))} ${message}${fix ? ` ${style.bold(t(WORDS.fix))} ${fix}` : ''}\n`);
    if (o.verbose && error.stack) o.stderr.write(`${clean(error.stack)}\n`);
    if (o.verbose && error.cause instanceof Error && error.cause.stack)
      o.stderr.write(`${t(WORDS.causedBy)} ${clean(error.cause.stack)}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const message = clean(err.message);
  if (o.json) {
    o.stdout.write(
      `${JSON.stringify({ error: { code: 'internal', kind: 'internal', exitCode: 1, message, fix: null, details: null } }, null, 2)}\n`,
    );
  }
  o.stderr.write(`${style.red(t(WORDS.internal))} ${message} ${t(WORDS.report)}\n`);
  if (o.verbose && err.stack) o.stderr.write(`${clean(err.stack)}\n`);
  return ExitCode.internal;
};
