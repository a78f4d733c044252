import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

describe('bad flag values (same path as the binary)', () => {
  const home = tempHome();
  afterAll(() => home.cleanup());

  // Each case: the arguments, the flag the message must name, and a piece of the fix.
  const cases: [string[], string, RegExp][] = [
    [['approve', 'abc', '--mode', 'fast'], '--mode', /Use one of: native, queue/],
    [['approve', 'abc', '--at', 'demain 14h'], '--at', /YYYY-MM-DD HH:MM/],
    [['edit', 'abc', '--variant', '1', '--restore', 'x'], '--restore', /autoscale show <id>/],
    [['edit', 'abc'], '--variant', /Add --variant 1, 2 or 3/],
    [['image', 'abc', '--variant', '7'], '--variant', /Use 1, 2 or 3/],
    [['image', 'abc', '--prompt', ' '], '--prompt', /Describe the picture/],
    [['generate', '--type', 'essay'], '--type', /case_study, tip, faq/],
    [['generate', '--date', '2026-13-01'], '--date', /YYYY-MM-DD/],
    [['generate', '--variants', '0'], '--variants', /One variant per style/],
    [['list', '--state', 'in_review,lost'], '--state', /draft, in_review, approved/],
    [['list', '--limit', 'all'], '--limit', /--limit 20/],
    [['jobs', '--limit', '0'], '--limit', /whole number from 1 to 10000/],
    [['jobs', '--kind', 'publish,email'], '--kind', /generate, notify, publish/],
    [['report', '--format', 'pdf'], '--format', /table, md, json, csv, html/],
    [['report', '--from', '2026-11-31'], '--from', /YYYY-MM-DD/],
    [['export', '--format', 'xlsx'], '--format', /csv, json/],
    [['lint', '-', '--text-lang', 'de'], '--text-lang', /fr, en, auto/],
    [['lint', '-', '--style', 'casual'], '--style', /professional, storytelling, question/],
    [['daemon', '--log-level', 'loud'], '--log-level', /debug, info, warn, error/],
    [['daemon', 'install', '--account', 'Root!'], '--account', /lowercase letters/],
    [['init', '--yes', '--timezone', 'Mars/Olympus'], '--timezone', /America\/Toronto/],
    [['init', '--yes', '--posting-days', 'tue,someday'], '--posting-days', /sun, mon, tue/],
    [['init', '--yes', '--window', '16:00-13:00'], '--window', /start before the end/],
    [['init', '--yes', '--threshold', '150'], '--threshold', /from 0 to 100/],
    [['init', '--yes', '--text-provider', 'gpt'], '--text-provider', /anthropic, kie, openai/],
    [['brand', 'add', 'x-brand', '--timezone', 'Nowhere'], '--timezone', /IANA|America\/Toronto/],
    [['publish', 'abc', '--reschedule', 'soon'], '--reschedule', /YYYY-MM-DD HH:MM/],
    [['costs', '--all', '--week'], '--week', /Give only one of --week, --month, --all/],
    [['sync', '--push', '--pull'], '--push', /Give only one of --push, --pull/],
    [['image', 'abc', '--file', 'x.png', '--regenerate'], '--file', /Give only one of --file, --regenerate/],
    [['--now', 'yesterday', 'list'], '--now', /2026-11-24T15:00:00Z/],
    [['--lang', 'de', 'list'], '--lang', /fr, en/],
  ];

  it('exit 2 with one line naming the flag and the fix, and nothing written in a fresh home', async () => {
    for (const [args, flag, fix] of cases) {
      const r = await runInProcess(args, { home: home.dir });
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      const lines = r.stderr.trimEnd().split('\n');
      expect({ args, lines: lines.length }).toEqual({ args, lines: 1 });
      expect(lines[0]).toContain(flag);
      expect(lines[0]).toMatch(/^Error: .* Fix: /);
      expect(lines[0]).toMatch(fix);
    }
    expect(readdirSync(home.dir)).toEqual([]);
  });

  it('in French too, and as JSON with the flag in the details', async () => {
    const fr = await runInProcess(['--lang', 'fr', 'list', '--limit', '-3'], { home: home.dir });
    expect(fr.stderr).toBe(
      'Erreur\u00a0: --limit «\u00a0-3\u00a0» n’est pas un nombre entier (0 ou plus). Solution\u00a0: Exemple\u00a0: --limit 20 (0 pour tous).\n',
    );
    const json = await runInProcess(['approve', 'abc', '--variant', 'two', '--json'], { home: home.dir });
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'bad_option',
        kind: 'usage',
        exitCode: 2,
        message: '--variant "two" is not a whole number from 1 to 3.',
        fix: 'Use 1, 2 or 3 (see `autoscale show <id>`).',
        details: { flag: '--variant', value: 'two' },
      },
    });
    const unknown = await runInProcess(['--lang', 'fr', 'list', '--stat', 'x'], { home: home.dir });
    expect(unknown.stderr).toMatch(/^Erreur\s: Option inconnue --stat \(vouliez-vous dire --state\s\?\)\./);
    expect(readdirSync(home.dir)).toEqual([]);
  });
});
