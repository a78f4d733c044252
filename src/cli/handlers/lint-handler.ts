import { readFileSync } from 'node:fs';
import { lintText, type LintFinding } from '../../content/lint/engine.js';
import type { Style } from '../../domain/content.js';
import { UsageError, NotFoundError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import type { AppContext } from '../context.js';
import { readStdinBytes } from '../read-stdin.js';

const position = (text: string, offset: number) => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};

export const runLint = async (
  ctx: AppContext,
  file: string | undefined,
  opts: { style?: Style | undefined; textLang: 'fr' | 'en' | 'auto' },
) => {
  const { style, textLang: lang } = opts;
  let text: string;
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
    text = (await readStdinBytes(ctx.stdin)).toString('utf8');
  } else {
    try {
      text = readFileSync(file).toString('utf8');
    } catch {
      throw new NotFoundError(l(`Cannot read ${file}.`, `Impossible de lire ${file}.`), {
        code: 'file_not_found',
        fix: l('Check the path.', 'Vérifiez le chemin.'),
      });
    }
  }
  const result = lintText(text, { style, lang });
  const json = (f: LintFinding) => ({
    rule: f.rule,
    severity: f.severity,
    category: f.category,
    start: f.start,
    end: f.end,
    ...position(text, f.start),
    excerpt: f.excerpt,
    message: ctx.out.t(f.message),
    suggestion: f.suggestion,
  });
  ctx.out.data(
    { lang: result.lang, score: result.score, counts: result.counts, findings: result.findings.map(json) },
    () => {
      const s = ctx.out.style;
      const mark = { error: s.red('error  '), warning: s.yellow('warning'), info: s.cyan('info   ') };
      const lines = result.findings.map((f) => {
        const p = position(text, f.start);
        return `${String(p.line).padStart(3)}:${String(p.column).padEnd(3)} ${mark[f.severity]} ${s.bold(f.rule)}  « ${f.excerpt.replace(/\n/g, ' ').slice(0, 50)} »\n          ${ctx.out.t(f.message)} → ${f.suggestion}`;
      });
      const summary = ctx.out.t(
        l(
          `${result.counts.error} error(s), ${result.counts.warning} warning(s), ${result.counts.info} note(s); lint score ${result.score}/100 (${result.lang})`,
          `${result.counts.error} erreur(s), ${result.counts.warning} avertissement(s), ${result.counts.info} note(s); score ${result.score}/100 (${result.lang})`,
        ),
      );
      return [...lines, summary].join('\n');
    },
  );
};
