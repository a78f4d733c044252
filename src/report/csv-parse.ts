import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/** A CSV the parser refuses, with the line where the problem starts and what it is. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: 'unterminated_quote' | 'bad_quote' | 'malformed',
    detail: string,
  ) {
    super(detail);
  }
}

const newlines = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * RFC 4180 through csv-parse (quotes, doubled quotes, CRLF, LF or CR, line breaks inside quotes,
 * a BOM tolerated), strict about quotes: a quote left open would otherwise swallow the rows
 * after it, so it is refused with the line where the unclosed field starts.
 */
export const parseCsv = (input: string): CsvRecord[] => {
  const records: CsvRecord[] = [];
  let lastEnd = 0;
  try {
    parse(input, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (fields: string[], context: { lines: number }) => {
        // `lines` is where the record ends; a field with line breaks started that many lines earlier.
        const inside = fields.reduce((n, f) => n + newlines(f), 0);
        records.push({ line: context.lines - inside, fields });
        lastEnd = context.lines;
        return null;
      },
    });
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      // The parser reports the end of the file; the open field starts at the first non-blank line
      // after the last complete record.
      const lines = input.split(/\r\n|\r|\n/);
      let line = lastEnd + 1;
      while (line <= lines.length && lines[line - 1]!.trim() === '') line += 1;
      throw new CsvSyntaxError(line, 'unterminated_quote', 'a quoted field is never closed');
    }
    if (e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE') {
      throw new CsvSyntaxError(
        e.lines ?? lastEnd + 1,
        'bad_quote',
        'a quote inside a field that is not quoted, or text after a closing quote',
      );
    }
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new CsvSyntaxError(e.lines ?? lastEnd + 1, 'malformed', e.message ?? e.code);
    throw error;
  }
  return records;
};

/**
 * Line on which each object of the first JSON array starts (a top-level array, or the first
 * array value such as `{"posts": [...]}`), so import errors can name lines.
 */
export const jsonElementLines = (text: string): number[] => {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let arrayLevel = -1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '\n') line += 1;
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      if (ch === '{' && depth === arrayLevel) lines.push(line);
      depth += 1;
      if (ch === '[' && arrayLevel < 0) arrayLevel = depth;
    } else if (ch === ']' || ch === '}') depth -= 1;
  }
  return lines;
};
