import { existsSync, readFileSync } from 'node:fs';
import { lintText, type LintFinding, type LintResult } from '../../content/lint/engine.js';
import type { Style } from '../../domain/content.js';
import { ExitCode, UsageError, NotFoundError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { SEVERITY_LABELS } from '../../present/labels.js';
import { suggestionText } from '../../content/lint/suggestion-text.js';
import type { AppContext } from '../context.js';
import { LINT } from '../messages/lint.js';
import { readStdinBytes } from '../read-stdin.js';

const position = (text: string, offset: number) => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};

const readInput = async (ctx: AppContext, file: string | undefined): Promise<string> => {
  if (file === undefined || file === '-') {
    if (file === undefined && ctx.stdin.isTTY) {
      throw new UsageError(
        l(
          'Give a file to lint, or - to read standard input.',
          'Donnez un fichier à vérifier, ou - pour lire l’entrée standard.',
        ),
        { code: 'missing_input', fix: l('Example: autoscale lint post.txt', 'Exemple : autoscale lint post.txt') },
      );
    }
    // Decoded leniently on purpose: bytes that are not UTF-8 become U+FFFD, which the
    // invalid-utf8 rule then reports where they are (edit and import refuse them instead).
    return (await readStdinBytes(ctx.stdin)).toString('utf8');
  }
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new NotFoundError(l(`Cannot read ${file}.`, `Impossible de lire ${file}.`), {
      code: 'file_not_found',
      fix: l('Check the path.', 'Vérifiez le chemin.'),
    });
  }
};

/** The brand's accepted words when a home exists (lint never creates one). */
const brandAccepted = (ctx: AppContext): string[] =>
  existsSync(ctx.paths.config) ? ctx.brand().config.profile.acceptedWords : [];

export interface LintOptions {
  style?: Style | undefined;
  textLang: 'fr' | 'en' | 'auto';
  /** Exit 9 past this many warnings (ESLint's --max-warnings). */
  maxWarnings?: number | undefined;
  /** Comma-separated words to accept besides the brand's. */
  accept?: string | undefined;
}

export const runLint = async (ctx: AppContext, file: string | undefined, opts: LintOptions) => {
  const { style, textLang: lang, maxWarnings } = opts;
  const accept = [
    ...brandAccepted(ctx),
    ...(opts.accept ?? '')
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean),
  ];
  const text = await readInput(ctx, file);
  const allowInvisible = existsSync(ctx.paths.config) ? ctx.config().quality.allowedInvisible : [];
  const result = lintText(text, { style, lang, accept, allowInvisible });
  const failed = result.counts.error > 0 || (maxWarnings !== undefined && result.counts.warning > maxWarnings);
  ctx.out.data(toJson(ctx, text, result, failed), () => render(ctx, text, result, failed, maxWarnings));
  if (failed) ctx.exitCode = ExitCode.quality;
};

const toJson = (ctx: AppContext, text: string, result: LintResult, failed: boolean) => ({
  lang: result.lang,
  passed: !failed,
  score: result.score,
  cliche: {
    score: result.cliche.score,
    cliched: result.cliche.cliched,
    signals: result.cliche.signals.map((s) => ({ ...s, excerpt: text.slice(s.start, s.end) })),
  },
  counts: result.counts,
  findings: result.findings.map((f: LintFinding) => ({
    rule: f.rule,
    severity: f.severity,
    category: f.category,
    start: f.start,
    end: f.end,
    ...position(text, f.start),
    excerpt: f.excerpt,
    message: ctx.out.t(f.message),
    suggestion: f.suggestion,
    ...(f.ref ? { ref: f.ref } : {}),
  })),
});

const render = (
  ctx: AppContext,
  text: string,
  result: LintResult,
  failed: boolean,
  maxWarnings: number | undefined,
): string => {
  const s = ctx.out.style;
  const word = (severity: keyof typeof SEVERITY_LABELS) => ctx.out.t(SEVERITY_LABELS[severity]);
  const width = Math.max(...(['error', 'warning', 'info'] as const).map((v) => word(v).length));
  const mark = {
    error: s.red(word('error').padEnd(width)),
    warning: s.yellow(word('warning').padEnd(width)),
    info: s.cyan(word('info').padEnd(width)),
  };
  const lines = result.findings.map((f) => {
    const p = position(text, f.start);
    return `${String(p.line).padStart(3)}:${String(p.column).padEnd(3)} ${mark[f.severity]} ${s.bold(f.rule)}  «\u00a0${f.excerpt.replace(/\n/g, ' ').slice(0, 40)}\u00a0»\n          ${ctx.out.t(f.message)} → ${ctx.out.t(suggestionText(f.rule, f.suggestion))}`;
  });
  lines.push(ctx.out.t(LINT.summary(ctx.out.fmt, result.counts, result.score, result.cliche.score, result.lang)));
  if (failed) {
    lines.push(
      s.red(
        ctx.out.t(
          result.counts.error > 0
            ? l('Not passed: fix the errors (exit 9).', 'Refusé : corrigez les erreurs (code 9).')
            : LINT.tooManyWarnings(maxWarnings ?? 0),
        ),
      ),
    );
  }
  return lines.join('\n');
};
