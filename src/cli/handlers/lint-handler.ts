import { existsSync, readFileSync } from 'node:fs';
import { lintText, type LintFinding, type LintResult } from '../../content/lint/engine.js';
import type { Style } from '../../domain/content.js';
import { ExitCode, UsageError, NotFoundError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import type { AppContext } from '../context.js';
import { readStdin } from '../read-stdin.js';

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
    return readStdin(ctx.stdin);
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
  const result = lintText(text, { style, lang, accept });
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
  const mark = { error: s.red('error  '), warning: s.yellow('warning'), info: s.cyan('info   ') };
  const lines = result.findings.map((f) => {
    const p = position(text, f.start);
    return `${String(p.line).padStart(3)}:${String(p.column).padEnd(3)} ${mark[f.severity]} ${s.bold(f.rule)}  « ${f.excerpt.replace(/\n/g, ' ').slice(0, 40)} »\n          ${ctx.out.t(f.message)} → ${f.suggestion}`;
  });
  const { error, warning, info } = result.counts;
  lines.push(
    ctx.out.t(
      l(
        `${error} error(s), ${warning} warning(s), ${info} note(s); lint score ${result.score}/100, cliché score ${result.cliche.score}/100 (${result.lang})`,
        `${error} erreur(s), ${warning} avertissement(s), ${info} note(s); score ${result.score}/100, score de clichés ${result.cliche.score}/100 (${result.lang})`,
      ),
    ),
  );
  if (failed) {
    lines.push(
      s.red(
        ctx.out.t(
          error > 0
            ? l('Not passed: fix the errors (exit 9).', 'Refusé : corrigez les erreurs (code 9).')
            : l(
                `Not passed: more than ${maxWarnings ?? 0} warning(s) (exit 9).`,
                `Refusé : plus de ${maxWarnings ?? 0} avertissement(s) (code 9).`,
              ),
        ),
      ),
    );
  }
  return lines.join('\n');
};
