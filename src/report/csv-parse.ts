export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/** RFC 4180 parser (quotes, doubled quotes, CRLF or LF, line breaks inside quotes), with a BOM tolerated. */
export const parseCsv = (input: string): CsvRecord[] => {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let sawAny = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      sawAny = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      fields.push(field);
      if (sawAny || fields.some((f) => f !== '')) records.push({ line: start, fields });
      fields = [];
      field = '';
      sawAny = false;
      line += 1;
      start = line;
    } else {
      field += ch;
      sawAny = true;
    }
  }
  if (sawAny || field !== '' || fields.length) {
    fields.push(field);
    if (fields.some((f) => f !== '')) records.push({ line: start, fields });
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
