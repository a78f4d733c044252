import { extname } from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import type { ReportFormat } from '../../report/weekly.js';
import { scalarText } from '../../domain/values.js';

const EXT: Record<string, ReportFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'md',
  '.csv': 'csv',
  '.json': 'json',
  '.txt': 'table',
};

/**
 * `--format`, or the format `--out`'s extension implies. Its own module so `export` and `import`
 * do not load the report's renderers to read one option.
 */
export const parseFormat = (value: unknown, out: unknown, allowed: readonly string[]): string | undefined => {
  if (value === undefined) return typeof out === 'string' ? EXT[extname(out).toLowerCase()] : undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new UsageError(
      l(
        `--format "${scalarText(value)}" is not supported.`,
        `--format « ${scalarText(value)} » n'est pas pris en charge.`,
      ),
      {
        code: 'bad_format',
        fix: l(`Use one of: ${allowed.join(', ')}.`, `Utilisez l'un de : ${allowed.join(', ')}.`),
      },
    );
  }
  return value;
};
