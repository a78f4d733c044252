import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/i18n/commands.js';
import { json, runCli, tempHome } from '../helpers/cli.js';
import { describeFindings, frenchFindings, frenchInEnglish } from '../helpers/french-check.js';

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
/** Posts in review the mutating commands (edit, approve, reject) take one each, per language. */
let spare: string[] = [];

// A measured history, so insights and the report have beliefs and reasons to show.
const HISTORY = `content_type,text,style,published_at,fb_post_id,unique_viewers_24h,reactions_24h,comments_24h,shares_24h,unique_viewers_7d,reactions_7d,comments_7d,shares_7d
case_study,"Un client de Laval a récupéré 30 % de ses appels manqués en un mois. Et vous, combien d'appels perdez-vous?",storytelling,2026-12-01T14:05:00-05:00,111_1,1400,30,6,4,1600,45,9,6
tip,"Trois conseils pour ne plus rater d'appels pendant la période des fêtes.",professional,2026-12-02T13:30:00-05:00,111_2,300,3,0,0,,,,
`;
const file = (name: string, text: string) => {
  const path = join(home.dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  expect(run(['init', '--yes']).code).toBe(0);
  expect(run(['import', file('history.csv', HISTORY)]).code).toBe(0);
  for (const type of [
    'case_study',
    'tip',
    'faq',
    'myth_busting',
    'tip',
    'faq',
    'myth_busting',
    'tip',
    'faq',
    'myth_busting',
  ])
    expect(run(['generate', '--type', type]).code).toBe(0);
  const posts = json<{ posts: { shortId: string; state: string; contentType: string }[] }>(
    run(['list', '--json']),
  ).posts;
  ids = posts.map((p) => p.shortId);
  // A case study may cite the shipped sample stories, which approve refuses (its own entry below).
  spare = posts.filter((p) => p.state === 'in_review' && p.contentType !== 'case_study').map((p) => p.shortId);
  // One approved post for show, status and schedule: the first variant that passes the gate.
  const first = spare.shift()!;
  expect(['1', '2', '3'].some((v) => run(['approve', first, '--variant', v]).code === 0)).toBe(true);
}, 180_000);

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

/**
 * Commands whose output a French user reads; each is also run in English. `args` gets the
 * language, so a command that changes something takes its own post in each. `code` is the exit
 * code expected (an error's message is output too); `posts` marks output that quotes post text
 * (French in both languages), left out of the English-side check.
 */
const OUTPUTS: {
  name: string;
  args: (lang: 'fr' | 'en') => string[];
  code?: number;
  posts?: boolean;
  quotes?: boolean;
}[] = [
  { name: 'list', args: () => ['list'], posts: true },
  { name: 'show', args: () => ['show', ids[0]!], posts: true },
  { name: 'status', args: () => ['status'] },
  { name: 'schedule', args: () => ['schedule'] },
  { name: 'costs', args: () => ['costs'] },
  { name: 'report', args: () => ['report', '--week'], posts: true },
  { name: 'publish (dry run)', args: () => ['publish', '--due', '--dry-run'] },
  { name: 'doctor', args: () => ['doctor'] },
  { name: 'insights', args: () => ['insights'] },
  { name: 'insights guidance', args: () => ['insights', 'guidance'] },
  { name: 'jobs', args: () => ['jobs'] },
  { name: 'config get', args: () => ['config', 'get', 'quality.threshold'] },
  { name: 'config set', args: () => ['config', 'set', 'quality.threshold', '75'] },
  { name: 'config path', args: () => ['config', 'path'] },
  { name: 'brand list', args: () => ['brand', 'list'] },
  { name: 'brand platforms', args: () => ['brand', 'platforms', 'facebook'] },
  {
    name: 'lint',
    args: () => ['lint', file('lint.txt', 'Votre réceptionniste ne répond pas le soir? Nous oui. Appelez-nous!')],
    posts: true,
    quotes: true,
  },
  { name: 'export', args: (lang) => ['export', '--format', 'csv', '--out', join(home.dir, `export-${lang}.csv`)] },
  {
    name: 'import',
    args: (lang) => [
      'import',
      file(
        `import-${lang}.csv`,
        `content_type,text,style\ntip,"Un conseil ${lang} : répondez à chaque appel, même le samedi.",professional\n`,
      ),
    ],
  },
  { name: 'sync status', args: () => ['sync', 'status'] },
  { name: 'sync (no hub)', args: () => ['sync'], code: 3 },
  { name: 'retry (nothing failed)', args: () => ['retry', ids[0]!], code: 5 },
  { name: 'image', args: () => ['image', ids[1]!], posts: true },
  {
    name: 'edit',
    args: () => ['edit', spare.shift()!, '--variant', '1', '--file', file('edit.txt', 'Trop court? Oui!')],
    posts: true,
    quotes: true,
  },
  { name: 'approve', args: () => ['approve', spare.shift()!, '--variant', '2', '--force'], posts: true },
  {
    // A variant that cites a shipped sample story: approve refuses it (exit 3) with the way out.
    name: 'approve (a sample story)',
    args: () => {
      const id = spare.shift()!;
      const text =
        'À la Clinique dentaire à Québec, les rendez-vous manqués ont baissé de 22 % en deux mois. La réception a récupéré du temps pour les patients au comptoir, et plus personne ne rappelle le lendemain. Et chez vous, combien d’appels restent sans réponse?';
      expect(run(['edit', id, '--variant', '1', '--file', file('sample.txt', text)]).code).toBe(0);
      return ['approve', id, '--variant', '1', '--force'];
    },
    code: 3,
    posts: true,
  },
  { name: 'reject', args: () => ['reject', spare.shift()!, '--reason', 'hors sujet'] },
  { name: 'plan', args: () => ['plan'], posts: true },
  { name: 'plan moments', args: () => ['plan', 'moments', '--year', '2027'], posts: true },
  { name: 'calendar', args: () => ['calendar', '--weeks', '2'], posts: true },
  { name: 'daemon --once', args: () => ['daemon', '--once'], posts: true },
  { name: 'generate --type', args: () => ['generate', '--type', 'faq', '--no-image'], posts: true },
  // Without --type the optimizer chooses, and says why.
  { name: 'generate (optimizer)', args: () => ['generate', '--no-image'], posts: true },
];

/** What a person reads: stdout, and stderr without the JSON log lines (`daemon`'s pino logs). */
const userText = (stdout: string, stderr: string) =>
  `${stdout}\n${stderr
    .split('\n')
    .filter((line) => !line.startsWith('{'))
    .join('\n')}`;

describe('representative output of each command', () => {
  for (const c of OUTPUTS) {
    it(`${c.name}: French without English words, raw values or typography errors; English too`, () => {
      const fr = run(['--lang', 'fr', ...c.args('fr')], { COLUMNS: '100' });
      expect(fr.code, `${fr.stdout}\n${fr.stderr}`).toBe(c.code ?? 0);
      // lint and edit quote the checked text (« r? »): the owner's words, not the interface's.
      const shown = userText(fr.stdout, fr.stderr);
      const findings = frenchFindings(
        c.quotes ? shown.replace(/(?<=[a-z-]+ {2})«\u00a0[^»\n]*\u00a0»/g, '«\u00a0…\u00a0»') : shown,
      );
      expect(findings, `${c.name}\n${fr.stdout}\n${fr.stderr}\n${describeFindings(findings)}`).toEqual([]);
      const en = run(['--lang', 'en', ...c.args('en')], { COLUMNS: '100' });
      expect(en.code, `${en.stdout}\n${en.stderr}`).toBe(c.code ?? 0);
      if (!c.posts) {
        expect(en.stdout).not.toMatch(/[àâçéèêëîïôûùüÿœ]{1}\p{L}*\s(?:des|les|une|pour)\s/u);
        const french = frenchInEnglish(userText(en.stdout, en.stderr));
        expect(french, `${c.name}\n${en.stdout}\n${en.stderr}`).toEqual([]);
      }
    });
  }
});
