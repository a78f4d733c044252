import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// Numbers, percentages, money and times a person reads go through the one Intl formatter
// (src/i18n/format.ts): « 1,12 % », « 9,67 $ », « 13 h 05 ». Hand formatting in the layers that
// render (toFixed, swapping '.' for ',', toLocaleString, « ${h}h ») drifts from it.
const LAYERS = ['present', 'cli', 'report', 'tui', 'notify', 'server', 'slack'];
const HAND = [
  { re: /\.toFixed\(/, what: 'toFixed (use fmt.num / fmt.percent / fmt.money)' },
  { re: /replace\('\.', ','\)/, what: "replace('.', ',') (the formatter writes French decimals)" },
  { re: /\.toLocaleString\(/, what: 'toLocaleString (use fmt.int / fmt.num)' },
  { re: /\$\{[a-zA-Z.]*(?:hour|\bh)\}h\b/, what: '« ${h}h » (use fmt.hour)' },
];

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('no hand formatting where output is rendered', () => {
  it('src/present, cli, report, tui, notify, server and slack format through src/i18n/format.ts', () => {
    const found: string[] = [];
    for (const layer of LAYERS)
      for (const file of files(join(ROOT, 'src', layer))) {
        // The export and the SQL readers write machine values (CSV, JSON), not screens.
        if (/report\/(?:export|.*-query)/.test(relative(ROOT, file))) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/^\s*(?:\/\/|\*)/.test(line)) return;
            for (const h of HAND) if (h.re.test(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${h.what}`);
          });
      }
    expect(found).toEqual([]);
  });
});
