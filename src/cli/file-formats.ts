import { extname } from 'node:path';
import type { ReportFormat } from '../report/weekly.js';

/** `report --format`; checked against the renderers' union at compile time. */
export const REPORT_FORMATS = ['table', 'md', 'json', 'csv', 'html'] as const satisfies readonly ReportFormat[];
type Unlisted = Exclude<ReportFormat, (typeof REPORT_FORMATS)[number]>;
// Fails to compile when the report gains a format this list does not offer.
export const everyReportFormatListed: [Unlisted] extends [never] ? true : never = true;

/** `export --format`. */
export const EXPORT_FORMATS = ['csv', 'json'] as const;

const BY_EXTENSION: Record<string, string> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'md',
  '.csv': 'csv',
  '.json': 'json',
  '.txt': 'table',
};

/** The format `--out`'s extension implies, when it is one of `allowed`. */
export const formatOfFile = <F extends string>(file: string | undefined, allowed: readonly F[]): F | undefined => {
  const implied = file === undefined ? undefined : BY_EXTENSION[extname(file).toLowerCase()];
  return allowed.find((f) => f === implied);
};
