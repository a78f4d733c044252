import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, json, runCli, tempHome } from '../helpers/cli.js';
import { homeSnapshot } from '../helpers/home-snapshot.js';

/**
 * The bad-input suite of issue 21: every case exits with its documented code, prints one line
 * naming the problem and the fix, and leaves the store (every row of every table) and the
 * home's files exactly as they were.
 */
const NOW = '2026-12-01T15:00:00Z';

const readdir = (d: string) => readdirSync(d);
/** The built CLI run from `cwd`, with no AUTOSCALE_HOME: where would an empty --home write? */
const spawnIn = (cwd: string, args: string[]) => {
  const env = cleanEnv(cwd);
  delete env.AUTOSCALE_HOME;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
};

describe('bad input is refused with one line, a fix, an exit code, and no change', () => {
  const home = tempHome('autoscale-bad-');
  const dir = home.dir;
  const files = tempHome('autoscale-bad-files-');
  const f = (name: string, content: string | Buffer) => {
    const path = join(files.dir, name);
    writeFileSync(path, content);
    return path;
  };
  let shortId = '';
  let poisoned = '';

  beforeAll(() => {
    expect(runCli(['init', '--yes'], { home: dir }).code).toBe(0);
    shortId = json(runCli(['--now', NOW, 'generate', '--type', 'tip', '--json'], { home: dir })).shortId;
    poisoned = json(runCli(['--now', NOW, 'generate', '--type', 'faq', '--json'], { home: dir })).shortId;
    // A text that reached the store before validation existed (an old row, another replica):
    // approval must still refuse it.
    const db = new BetterSqlite3(join(dir, 'autoscale.db'));
    db.prepare(
      `UPDATE variant_versions SET text = 'Bonjour' || char(0) || ' le monde' || char(8238) || ' caché'
       WHERE variant_id IN (SELECT id FROM variants WHERE post_id LIKE ? AND idx = 1)`,
    ).run(`%${poisoned}`);
    db.close();
  });
  afterAll(() => {
    home.cleanup();
    files.cleanup();
  });

  const random = (n: number) => {
    // Deterministic "binary garbage": a linear congruential sequence of bytes.
    const out = Buffer.alloc(n);
    let x = 12345;
    for (let i = 0; i < n; i += 1) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      out[i] = x >> 16;
    }
    return out;
  };

  const cases: [string, () => string[], number, RegExp, string?][] = [
    [
      'edit: a control character (BEL)',
      () => ['edit', shortId, '--variant', '1', '--text', 'Bonjour\u0007 tout le monde'],
      2,
      /contains the control character U\+0007 at line 1, column 8\. Fix: Remove it/,
    ],
    [
      'edit --file: NUL bytes',
      () => ['edit', shortId, '--variant', '1', '--file', f('nul.txt', 'Bonjour\u0000\u0000 monde')],
      2,
      /contains the control character U\+0000 NUL at line 1, column 8 \(and 1 more problem\)\. Fix:/,
    ],
    [
      'edit: longer than Facebook allows',
      () => ['edit', shortId, '--variant', '1', '--text', 'é'.repeat(63_207)],
      2,
      /is 63,207 characters long; Facebook allows at most 63,206\. Fix: Shorten it/,
    ],
    [
      'edit: a bidirectional override',
      () => ['edit', shortId, '--variant', '1', '--text', 'Payez \u202E0001$ seulement'],
      2,
      /U\+202E RIGHT-TO-LEFT OVERRIDE at line 1, column 7 \(it reorders what readers see\)\. Fix: Remove it/,
    ],
    [
      'edit: an invisible zero-width space',
      () => ['edit', shortId, '--variant', '1', '--text', 'mot\u200Bcaché dans le texte'],
      2,
      /invisible character U\+200B ZERO WIDTH SPACE.*Fix: .*quality\.allowedInvisible '\["U\+200B"\]'/,
    ],
    [
      'edit --file: not UTF-8 (Windows-1252)',
      () => ['edit', shortId, '--variant', '1', '--file', f('latin1.txt', Buffer.from('Caf\xe9 du coin\n', 'latin1'))],
      2,
      /is not valid UTF-8: byte 0xE9 at line 1, column 4 \(byte offset 3\)\. Fix: Save it as UTF-8/,
    ],
    [
      'edit --file: binary garbage',
      () => ['edit', shortId, '--variant', '1', '--file', f('garbage.bin', random(94_905))],
      2,
      /not valid UTF-8: byte 0x[0-9A-F]{2} at line \d+.*Fix:/,
    ],
    [
      'edit --file -: NUL on standard input',
      () => ['edit', shortId, '--variant', '1', '--file', '-'],
      2,
      /control character U\+0000 NUL/,
      'texte\u0000 caché',
    ],
    [
      'import: an unterminated quote swallowing the next rows',
      () => [
        'import',
        f(
          'unterminated.csv',
          'content_type,text\r\ntip,"Premier conseil, bien fermé."\r\ntip,"Deuxième conseil sans fin\r\ntip,Troisième conseil\r\n',
        ),
      ],
      2,
      /unterminated\.csv, line 3: a quoted field is never closed\. Fix: Close the quote that opens on line 3/,
    ],
    [
      'import: a quote inside an unquoted field',
      () => ['import', f('stray-quote.csv', 'content_type,text\ntip,Il a dit "bonjour" à tous\n')],
      2,
      /stray-quote\.csv, line 2: a quote inside a field that is not quoted.*Fix: Put that field between quotes/,
    ],
    [
      'import: a control character in a row',
      () => ['import', f('control.csv', 'content_type,text\ntip,Bon texte\ntip,Mauvais\u0001texte\n')],
      2,
      /control\.csv, line 3, text: contains the control character U\+0001 in the text, column 8; nothing was imported\. Fix: Fix that row/,
    ],
    [
      'import: a text longer than Facebook allows',
      () => ['import', f('long.json', JSON.stringify([{ content_type: 'tip', text: 'a'.repeat(70_000) }]))],
      2,
      /long\.json, line 1, text: is 70,000 characters long; Facebook allows at most 63,206; nothing was imported/,
    ],
    [
      'import: not UTF-8',
      () => ['import', f('latin1.csv', Buffer.from('content_type,text\ntip,R\xe9sum\xe9\n', 'latin1'))],
      2,
      /latin1\.csv is not valid UTF-8: byte 0xE9 at line 2, column 6/,
    ],
    [
      'approve: a stored text with NUL and a bidi override',
      () => ['approve', poisoned, '--variant', '1'],
      2,
      /Variant 1 of post [0-9a-f]{8} contains the control character U\+0000 NUL.*\(and 1 more problem\)\. Fix: Remove it.*autoscale edit/,
    ],
    [
      'config set: a prototype key',
      () => ['config', 'set', '__proto__.polluted', 'true'],
      2,
      /"__proto__\.polluted": __proto__ is not a configuration key\. Fix: Nothing was changed/,
    ],
    [
      'config set: constructor.prototype',
      () => ['config', 'set', 'constructor.prototype.x', '1'],
      2,
      /constructor is not a configuration key/,
    ],
    [
      'config set: an unknown key',
      () => ['config', 'set', 'quality.treshold', '80'],
      4,
      /No configuration key "quality\.treshold" \(did you mean threshold\?\)\. Fix: Nothing was changed/,
    ],
    ['config set: a bad value', () => ['config', 'set', 'quality.threshold', '150'], 2, /quality\.threshold = 150/],
    ['--home ""', () => ['--home', '', 'list'], 2, /--home is empty\. Fix: Give a folder/],
    [
      'export --out into a missing folder',
      () => ['export', '--out', join(files.dir, 'no-such-folder', 'posts.csv')],
      10,
      /--out .*posts\.csv: the folder .*no-such-folder does not exist\. Fix: Create it first/,
    ],
    [
      'report --out into a missing folder',
      () => ['report', '--week', '--out', join(files.dir, 'missing', 'report.html')],
      10,
      /the folder .*missing does not exist/,
    ],
    [
      'export --out onto a folder',
      () => ['export', '--out', files.dir],
      10,
      /--out .* is a folder\. Fix: Give a file name/,
    ],
  ];

  it.each(cases)('%s', (_name, args, code, pattern, input) => {
    const before = homeSnapshot(dir);
    const config = readFileSync(join(dir, 'config.json'));
    const r = runCli(['--now', NOW, ...args()], { home: dir, ...(input === undefined ? {} : { input }) });
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).toMatch(/Fix: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Nothing changed: not a row, not a file, not a byte of the config.
    expect(homeSnapshot(dir)).toEqual(before);
    expect(readFileSync(join(dir, 'config.json')).equals(config)).toBe(true);
  });

  it('--json errors carry the limit for a text that is too long', () => {
    const r = runCli(['--json', 'edit', shortId, '--variant', '1', '--text', 'x'.repeat(63_300)], { home: dir });
    expect(r.code).toBe(2);
    expect(json(r).error).toMatchObject({
      code: 'text_too_long',
      exitCode: 2,
      details: { limit: 63_206, length: 63_300, platform: 'facebook' },
    });
  });

  it('lint flags invalid UTF-8, NUL and bidi overrides instead of scoring them 98–100', () => {
    const bytes = Buffer.concat([
      Buffer.from('Une phrase correcte pour commencer. Puis un NUL \u0000 ici, un '),
      Buffer.from('\u202E', 'utf8'),
      Buffer.from(' retournement, et des octets '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' cassés.\n'),
    ]);
    const r = runCli(['lint', f('dirty.txt', bytes), '--json'], { home: dir });
    const out = json(r);
    const rules = new Set(out.findings.map((x: { rule: string }) => x.rule));
    for (const rule of ['control-char', 'bidi-control', 'invalid-utf8']) expect(rules).toContain(rule);
    expect(out.score).toBeLessThan(50);
    const human = runCli(['lint', f('dirty2.txt', bytes)], { home: dir });
    expect(human.stdout).toMatch(/control-char .*U\+0000 NUL/);
    expect(human.stdout).not.toMatch(/[\u0000\u202E]/);
  });
});

describe('broken homes are refused and left as they are', () => {
  it('a 0-byte autoscale.db is refused like any file that is not a database', () => {
    const h = tempHome();
    expect(runCli(['init', '--yes'], { home: h.dir }).code).toBe(0);
    writeFileSync(join(h.dir, 'autoscale.db'), '');
    const r = runCli(['list'], { home: h.dir });
    expect(r.code).toBe(6);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Error'))).toHaveLength(1);
    expect(r.stderr).toMatch(
      /autoscale\.db is empty \(0 bytes\): not an autoscale database\. Fix: If you created it by mistake, remove it/,
    );
    expect(statSync(join(h.dir, 'autoscale.db')).size).toBe(0);
    h.cleanup();
  });

  it('a database path that is a folder is refused', () => {
    const h = tempHome();
    expect(runCli(['init', '--yes'], { home: h.dir }).code).toBe(0);
    // init created the store; a folder takes its place.
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(h.dir, `autoscale.db${suffix}`), { force: true });
    mkdirSync(join(h.dir, 'autoscale.db'));
    const r = runCli(['generate', '--type', 'tip'], { home: h.dir });
    expect(r.code).toBe(6);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Error'))).toHaveLength(1);
    expect(r.stderr).toMatch(/The database path .*autoscale\.db is a folder, not a file\. Fix: Move that folder aside/);
    expect(statSync(join(h.dir, 'autoscale.db')).isDirectory()).toBe(true);
    h.cleanup();
  });

  it('--home "" writes nothing into the current folder', () => {
    const cwd = tempHome('autoscale-cwd-');
    const r = spawnIn(cwd.dir, ['--home', '', 'generate', '--type', 'tip']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--home is empty/);
    expect(readdir(cwd.dir)).toEqual([]);
    cwd.cleanup();
  });
});

describe('config.json keys autoscale does not know', () => {
  it('are reported with a "did you mean", and survive the next `config set`', () => {
    const h = tempHome();
    expect(runCli(['init', '--yes'], { home: h.dir }).code).toBe(0);
    const file = join(h.dir, 'config.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.quality.treshold = 80;
    raw.brands['autoscale-ai'].posting.windowStrat = '12:00';
    writeFileSync(file, JSON.stringify(raw, null, 2));
    const r = runCli(['list'], { home: h.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /unknown key\(s\) .*posting\.windowStrat \(did you mean windowStart\?\).*quality\.treshold \(did you mean threshold\?\); kept in the file but without effect/,
    );
    expect(runCli(['config', 'set', 'quality.threshold', '70'], { home: h.dir }).code).toBe(0);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.quality).toMatchObject({ threshold: 70, treshold: 80 });
    expect(after.brands['autoscale-ai'].posting.windowStrat).toBe('12:00');
    h.cleanup();
  });
});
