import { AutoscaleError, ExitCode } from '../errors/errors.js';
import { redact } from '../config/secrets.js';
import type { Lang } from '../i18n/localized.js';
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
}

/** One line: what went wrong and how to fix it. The stack only with --verbose. */
export const renderError = (error: unknown, o: RenderErrorOptions): number => {
  const style = createStyle(o.colour);
  const clean = (s: string) => redact(s, o.secrets);
  if (error instanceof AutoscaleError) {
    const message = clean(error.localized[o.lang]);
    const fix = error.fix ? clean(error.fix[o.lang]) : undefined;
    if (o.json) {
      o.stdout.write(
        `${JSON.stringify({ error: { code: error.code, kind: error.kind, exitCode: error.exitCode, message, fix: fix ?? null, details: error.details ?? null } }, null, 2)}\n`,
      );
    }
    const label = o.lang === 'fr' ? 'Erreur :' : 'Error:';
    const fixLabel = o.lang === 'fr' ? 'Solution :' : 'Fix:';
    o.stderr.write(`${style.red(label)} ${message}${fix ? ` ${style.bold(fixLabel)} ${fix}` : ''}\n`);
    if (o.verbose && error.stack) o.stderr.write(`${clean(error.stack)}\n`);
    if (o.verbose && error.cause instanceof Error && error.cause.stack)
      o.stderr.write(`Caused by: ${clean(error.cause.stack)}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const message = clean(err.message);
  if (o.json) {
    o.stdout.write(
      `${JSON.stringify({ error: { code: 'internal', kind: 'internal', exitCode: 1, message, fix: null, details: null } }, null, 2)}\n`,
    );
  }
  const label = o.lang === 'fr' ? 'Erreur interne :' : 'Internal error:';
  const hint =
    o.lang === 'fr'
      ? 'Relancez avec --verbose et signalez le problème avec cette sortie.'
      : 'Re-run with --verbose and report the issue with that output.';
  o.stderr.write(`${style.red(label)} ${message} ${hint}\n`);
  if (o.verbose && err.stack) o.stderr.write(`${clean(err.stack)}\n`);
  return ExitCode.internal;
};
