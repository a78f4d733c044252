import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/i18n/commands.js';
import { json, runCli, tempHome } from '../helpers/cli.js';
import { describeFindings, frenchFindings } from '../helpers/french-check.js';

// The built CLI as a French (and an English) user meets it: every command's --help and a
// representative output of each command, checked for English words, raw enumeration values
// and French typography errors (test/helpers/french-check.ts). `npm run build` first.

const home = tempHome('autoscale-i18n-');
const NOW = ['--now', '2026-12-08T15:00:00Z'];
const run = (args: string[], env: Record<string, string> = {}) =>
  runCli([...NOW, ...args], { home: home.dir, env: { LANG: 'C.UTF-8', ...env } });

/** The sub-commands a help screen lists (`Commandes :` / `Commands:`). */
const subcommands = (help: string): string[] => {
  const section =
    help
      .split('\n\n')
      .find((block) => /^(?:Commandes\u00a0:|Commands:)\n/.test(block))
      ?.split('\n')
      .slice(1)
      .join('\n') ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}([a-z][a-z-]*)/.exec(line)?.[1])
    .filter((x): x is string => Boolean(x) && x !== 'help');
};

let ids: string[] = [];

beforeAll(() => {
  expect(run(['init', '--yes']).code).toBe(0);
  for (const type of ['case_study', 'tip']) expect(run(['generate', '--type', type]).code).toBe(0);
  ids = json<{ posts: { shortId: string }[] }>(run(['list', '--json'])).posts.map((p) => p.shortId);
  expect(run(['approve', ids[0]!, '--variant', '1']).code).toBe(0);
}, 120_000);

afterAll(() => home.cleanup());

describe('every --help, in French and in English', () => {
  it('the program and each command, recursively: no English in French, French typography', () => {
    const seen: string[] = [];
    const problems: string[] = [];
    const visit = (path: string[]) => {
      const fr = run(['--lang', 'fr', ...path, '--help']);
      const en = run(['--lang', 'en', ...path, '--help']);
      expect(fr.code, `${path.join(' ')}: ${fr.stderr}`).toBe(0);
      expect(en.code).toBe(0);
      expect(fr.stdout).toMatch(/^Utilisation\u00a0: autoscale/);
      expect(en.stdout).toMatch(/^Usage: autoscale/);
      expect(fr.stdout).toContain('afficher cette aide');
      expect(en.stdout).toContain('show this help');
      const findings = frenchFindings(fr.stdout, { allowEnums: true });
      if (findings.length) problems.push(`autoscale ${path.join(' ')} --help\n${describeFindings(findings)}`);
      seen.push(path.join(' '));
      for (const sub of subcommands(fr.stdout)) visit([...path, sub]);
    };
    visit([]);
    expect(problems.join('\n\n')).toBe('');
    for (const name of COMMAND_NAMES) expect(seen).toContain(name);
  }, 240_000);

  it('library messages: unknown command and option with a suggestion, in French', () => {
    const cmd = run(['--lang', 'fr', 'lisst']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/Commande inconnue lisst \(vouliez-vous dire list\u202f\?\)/);
    const opt = run(['--lang', 'fr', 'list', '--stat', 'x']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toMatch(/Option inconnue --stat \(vouliez-vous dire --state\u202f\?\)/);
    for (const r of [cmd, opt]) expect(frenchFindings(r.stderr)).toEqual([]);
    expect(run(['--lang', 'en', 'lisst']).stderr).toMatch(/unknown command lisst \(did you mean list\?\)/i);
  });
});

/** Commands whose output a French user reads; each is also run in English. */
const OUTPUTS: { name: string; args: () => string[] }[] = [
  { name: 'list', args: () => ['list'] },
  { name: 'show', args: () => ['show', ids[0]!] },
  { name: 'status', args: () => ['status'] },
  { name: 'schedule', args: () => ['schedule'] },
  { name: 'costs', args: () => ['costs'] },
  { name: 'report', args: () => ['report', '--week'] },
  { name: 'publish (dry run)', args: () => ['publish', '--due', '--dry-run'] },
];

describe('representative output of each command', () => {
  for (const c of OUTPUTS) {
    it(`${c.name}: French without English words, raw values or typography errors; English too`, () => {
      const fr = run(['--lang', 'fr', ...c.args()], { COLUMNS: '100' });
      expect(fr.code, fr.stderr).toBe(0);
      const findings = frenchFindings(`${fr.stdout}\n${fr.stderr}`);
      expect(findings, `${c.name}\n${fr.stdout}\n${describeFindings(findings)}`).toEqual([]);
      const en = run(['--lang', 'en', ...c.args()], { COLUMNS: '100' });
      expect(en.code, en.stderr).toBe(0);
      expect(en.stdout).not.toMatch(/[àâçéèêëîïôûùüÿœ]{1}\p{L}*\s(?:des|les|une|pour)\s/u);
    });
  }
});
