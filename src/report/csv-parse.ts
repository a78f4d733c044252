export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/** A CSV the reader refuses, with the line where the problem starts and what it is. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: 'unterminated_quote' | 'bad_quote',
    detail: string,
  ) {
    super(detail);
  }
}

const badQuote = (line: number) =>
  new CsvSyntaxError(line, 'bad_quote', 'a quote inside a field that is not quoted, or text after a closing quote');

/**
 * RFC 4180 parser (quotes, doubled quotes, CRLF or LF, line breaks inside quotes), with a BOM
 * tolerated, fed chunk by chunk: memory holds one record, whatever the size of the file.
 */
export const csvReader = () => {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  /** A quote seen inside a quoted field: either the closing quote or the first of a doubled one. */
  let quotePending = false;
  let crPending = false;
  let line = 1;
  let start = 1;
  let sawAny = false;
  let first = true;

  const finishRecord = (out: CsvRecord[]) => {
    fields.push(field);
    if (sawAny || fields.some((f) => f !== '')) out.push({ line: start, fields });
    fields = [];
    field = '';
    sawAny = false;
  };

  const push = (chunk: string): CsvRecord[] => {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      if (text.length) first = false;
    }
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i]!;
      if (crPending) {
        crPending = false;
        if (ch === '\n') continue;
      }
      if (quotePending) {
        quotePending = false;
        if (ch === '"') {
          field += '"';
          continue;
        }
        quoted = false;
        // After a closing quote only a separator or the end of the line may follow.
        if (ch !== ',' && ch !== '\n' && ch !== '\r') throw badQuote(line);
      }
      if (quoted) {
        if (ch === '"') quotePending = true;
        else {
          if (ch === '\n') line += 1;
          field += ch;
        }
        continue;
      }
      if (ch === '"' && field === '') {
        quoted = true;
        sawAny = true;
      } else if (ch === '"') {
        throw badQuote(line);
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        sawAny = true;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') crPending = true;
        finishRecord(out);
        line += 1;
        start = line;
      } else {
        field += ch;
        sawAny = true;
      }
    }
    return out;
  };

  const end = (): CsvRecord[] => {
    // A quote left open would swallow every row after it: refused, with the line it opens on.
    if (quoted && !quotePending)
      throw new CsvSyntaxError(start, 'unterminated_quote', 'a quoted field is never closed');
    const out: CsvRecord[] = [];
    if (sawAny || field !== '' || fields.length) {
      fields.push(field);
      if (fields.some((f) => f !== '')) out.push({ line: start, fields });
    }
    return out;
  };
  return { push, end };
};

/** The whole text at once (small inputs, tests). */
export const parseCsv = (input: string): CsvRecord[] => {
  const reader = csvReader();
  return [...reader.push(input), ...reader.end()];
};

export interface JsonElement {
  /** 1-based line where the element starts. */
  line: number;
  value: unknown;
}

export class JsonShapeError extends Error {}

/**
 * Streams the elements of a JSON array of posts: a top-level array, or the `posts` array of a
 * top-level object (the file `export --format json` writes). Everything around the array (the
 * export's header) is kept and parsed at the end, so a malformed or truncated file is still an
 * error; each element is parsed as soon as it is complete, with the line it starts on.
 */
export const jsonArrayReader = () => {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  /** Depth of the posts array's content (-1 until found). */
  let arrayDepth = -1;
  let arrayClosed = false;
  let top: '{' | '[' | undefined;
  let skeleton = '';
  let element = '';
  let elementLine = 0;
  let elementKind: 'container' | 'scalar' | undefined;
  let stringBuf = '';
  let lastString = '';
  let key = '';
  // Inside a string only a quote or a backslash matters: jump to the next one.
  const STRING_STOP = /["\\]/g;

  const finishElement = (out: JsonElement[]) => {
    let value: unknown;
    try {
      value = JSON.parse(element);
    } catch (cause) {
      throw new JsonShapeError(`line ${elementLine}: ${(cause as Error).message}`);
    }
    out.push({ line: elementLine, value });
    element = '';
    elementKind = undefined;
  };

  const push = (chunk: string): JsonElement[] => {
    const out: JsonElement[] = [];
    const n = chunk.length;
    // Where the text kept for the current element, and for the skeleton, starts in this chunk.
    let elementFrom = elementKind ? 0 : -1;
    let skeletonFrom = arrayDepth < 0 || arrayClosed ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i += 1;
          continue;
        }
        STRING_STOP.lastIndex = i;
        const stop = STRING_STOP.exec(chunk);
        const j = stop ? stop.index : n;
        const keyText = !elementKind && depth === 1;
        if (keyText) stringBuf += chunk.slice(i, j);
        if (!stop) break;
        if (chunk.charCodeAt(j) === 92) {
          escaped = true;
          if (keyText) stringBuf += '\\';
        } else {
          inString = false;
          if (keyText) lastString = stringBuf;
        }
        i = j + 1;
        continue;
      }
      const ch = chunk[i]!;
      if (ch === '\n') line += 1;
      if (arrayDepth >= 0 && !arrayClosed && depth === arrayDepth) {
        if (elementKind === 'scalar' && (ch === ',' || ch === ']')) {
          element += chunk.slice(elementFrom, i);
          finishElement(out);
          elementFrom = -1;
        }
        if (!elementKind) {
          if (ch === ']') {
            arrayClosed = true;
            depth -= 1;
            skeletonFrom = i;
            i += 1;
            continue;
          }
          if (ch === ',' || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') {
            i += 1;
            continue;
          }
          elementKind = ch === '{' || ch === '[' ? 'container' : 'scalar';
          elementLine = line;
          elementFrom = i;
        }
      }
      if (!top && ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t' && ch !== '\uFEFF')
        top = ch === '[' ? '[' : '{';
      if (ch === '"') {
        inString = true;
        stringBuf = '';
      } else if (ch === ':' && depth === 1 && !elementKind) key = lastString;
      else if (ch === '[' || ch === '{') {
        const isPosts =
          ch === '[' &&
          arrayDepth < 0 &&
          !elementKind &&
          (depth === 0 || (depth === 1 && top === '{' && key === 'posts'));
        depth += 1;
        if (isPosts) {
          arrayDepth = depth;
          skeleton += chunk.slice(skeletonFrom, i + 1);
          skeletonFrom = -1;
        }
      } else if (ch === ']' || ch === '}') {
        depth -= 1;
        if (elementKind === 'container' && depth === arrayDepth) {
          element += chunk.slice(elementFrom, i + 1);
          finishElement(out);
          elementFrom = -1;
        }
      }
      i += 1;
    }
    if (elementKind && elementFrom >= 0) element += chunk.slice(elementFrom);
    if (skeletonFrom >= 0) skeleton += chunk.slice(skeletonFrom);
    return out;
  };

  /** Parses what surrounds the array; returns the header (the object's other fields), if any. */
  const end = (): Record<string, unknown> | null => {
    if (elementKind || (arrayDepth >= 0 && !arrayClosed))
      throw new JsonShapeError(`line ${elementKind ? elementLine : line}: the file ends inside the list of posts`);
    if (arrayDepth < 0) throw new JsonShapeError('expected an array of posts (or {"posts": [...]})');
    let parsed: unknown;
    try {
      parsed = JSON.parse(skeleton.replace(/^\uFEFF/, ''));
    } catch (cause) {
      throw new JsonShapeError((cause as Error).message);
    }
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  };
  return { push, end };
};
