import { describe, expect, it } from 'vitest';
import { csvReader, jsonArrayReader, parseCsv } from '../../src/report/csv-parse.js';

const chunked = (text: string, size: number) => {
  const r = jsonArrayReader();
  const out: { line: number; value: unknown }[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
  return { out, header: r.end() };
};

describe('streaming readers', () => {
  it('JSON: elements of a top-level array with their lines, whatever the chunk size', () => {
    const text = '[\n  {"content_type": "tip", "text": "ok"},\n  {"content_type": "tip",\n   "text": "a\\"]}"}\n]\n';
    for (const size of [1, 3, 7, 1000]) {
      const { out, header } = chunked(text, size);
      expect(out).toEqual([
        { line: 2, value: { content_type: 'tip', text: 'ok' } },
        { line: 3, value: { content_type: 'tip', text: 'a"]}' } },
      ]);
      expect(header).toBeNull();
    }
  });

  it('JSON: the posts array of an export, the header kept, scalars and nested arrays as elements', () => {
    const text = '{"kind":"x","tags":["a"],"posts":[\n{"a":[1,{"b":2}]},\n1,"s",null,[1,2]\n],"n":{"posts":[1]}}';
    for (const size of [1, 5, 1000]) {
      const { out, header } = chunked(text, size);
      expect(out.map((e) => e.value)).toEqual([{ a: [1, { b: 2 }] }, 1, 's', null, [1, 2]]);
      expect(out[0]!.line).toBe(2);
      expect(header).toEqual({ kind: 'x', tags: ['a'], posts: [], n: { posts: [1] } });
    }
  });

  it('JSON: a truncated or malformed file is an error that names the line', () => {
    expect(() => chunked('[{"a":1},{"b":', 4)).toThrow(/ends inside the list of posts/);
    expect(() => chunked('{"x":1}', 4)).toThrow(/expected an array of posts/);
    expect(() => chunked('[{"a":1},\n{"b":2,}]', 4)).toThrow(/^line 2: /);
    expect(() => chunked('{"posts":[]', 4)).toThrow();
  });

  it('CSV: quotes, doubled quotes, CRLF split across chunks, BOM, blank lines', () => {
    const text = '\uFEFFa,b\r\n"x\r\ny","q""r"\r\n\r\n1,2';
    const whole = parseCsv(text);
    expect(whole).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\r\ny', 'q"r'] },
      { line: 5, fields: ['1', '2'] },
    ]);
    for (const size of [1, 2, 3]) {
      const r = csvReader();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
      out.push(...r.end());
      expect(out).toEqual(whole);
    }
  });
});
