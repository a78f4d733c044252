import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startGraphFake } from '../fakes/graph-fake.js';
import { BIN, json, runCli, runCliCollect, tempHome, type CliResult } from '../helpers/cli.js';
import { confirmedInitArgs } from '../helpers/profile.js';

// What a new user hits first: bare `autoscale`, an unusable or corrupt home, where config.json
// lives, and the sample facts and client stories of the default profile.

const NOW = '2026-12-01T12:00:00Z';
const homes: { cleanup: () => void }[] = [];
const home = () => {
  const h = tempHome();
  homes.push(h);
  return h.dir;
};
afterAll(() => homes.forEach((h) => h.cleanup()));

/** The built CLI with only HOME (and XDG_* when given): no AUTOSCALE_HOME. */
const runAsUser = (args: string[], env: Record<string, string>): CliResult => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', NO_COLOR: '1', TZ: 'UTC', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe('first contact', () => {
  it('bare `autoscale` prints the commands and the first step', () => {
    const h = home();
    const r = runCli([], { home: h });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: autoscale/);
    expect(r.stdout).toMatch(/generate/);
    expect(r.stdout).toMatch(/Start with: autoscale init/);
    runCli(['init', '--yes'], { home: h });
    expect(runCli([], { home: h }).stdout).toMatch(/Next: autoscale status/);
  });

  it('an unusable home fails at once with the home error (no spin under /proc)', () => {
    const started = Date.now();
    const r = runCli(['--home', '/proc/nope', 'list'], { home: home() });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/home \/proc\/nope is not writable/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a corrupt database: list fails (exit 6) and nothing is written beside it', () => {
    const h = home();
    writeFileSync(join(h, 'autoscale.db'), 'not a database at all, just some text');
    const r = runCli(['list'], { home: h });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/not an autoscale database/);
    expect(readdirSync(h)).toEqual(['autoscale.db']);
  });

  it('init --yes leaves a home ready: the database is created and migrated, and named', () => {
    const h = home();
    const r = runCli(['init', '--yes', '--json'], { home: h });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).database).toBe(join(h, 'autoscale.db'));
    const db = new BetterSqlite3(join(h, 'autoscale.db'), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['posts', 'variants', 'publications']));
    } finally {
      db.close();
    }
    expect(runCli(['init', '--yes', '--force'], { home: h }).stdout).toMatch(/Database ready: .*autoscale\.db/);
  });

  it('init beside a file that is not an autoscale database fails (exit 6) and writes no config', () => {
    const h = home();
    writeFileSync(join(h, 'autoscale.db'), 'not a database at all, just some text');
    const r = runCli(['init', '--yes'], { home: h });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/not an autoscale database/);
    expect(readdirSync(h)).toEqual(['autoscale.db']);
  });
});

describe('config.json lives under XDG_CONFIG_HOME', () => {
  it('the default home keeps data in XDG_DATA_HOME and config in XDG_CONFIG_HOME', () => {
    const user = home();
    const r = runAsUser(['init', '--yes', '--json'], { HOME: user });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).configPath).toBe(join(user, '.config', 'autoscale', 'config.json'));
    expect(existsSync(join(user, '.config', 'autoscale', 'config.json'))).toBe(true);
    expect(existsSync(join(user, '.local', 'share', 'autoscale', 'config.json'))).toBe(false);
    const g = runAsUser(['generate', '--type', 'tip', '--json'], { HOME: user });
    expect(g.code, g.stderr).toBe(0);
    expect(existsSync(join(user, '.local', 'share', 'autoscale', 'autoscale.db'))).toBe(true);
    const paths = json(runAsUser(['config', 'path', '--json'], { HOME: user }));
    expect(paths).toMatchObject({
      config: join(user, '.config', 'autoscale', 'config.json'),
      database: join(user, '.local', 'share', 'autoscale', 'autoscale.db'),
    });
  });

  it('a config.json left in the data folder by an older autoscale is moved once, with a note', () => {
    const user = home();
    const xdg = { HOME: user, XDG_DATA_HOME: join(user, 'data'), XDG_CONFIG_HOME: join(user, 'conf') };
    const h = home();
    expect(runCli(['init', '--yes', '--company', 'Ancienne Config'], { home: h }).code).toBe(0);
    mkdirSync(join(user, 'data', 'autoscale'), { recursive: true });
    writeFileSync(join(user, 'data', 'autoscale', 'config.json'), readFileSync(join(h, 'config.json')));
    const r = runAsUser(['config', 'get', 'brand.profile.company', '--json'], xdg);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r).value).toBe('Ancienne Config');
    expect(r.stderr).toMatch(
      /Moved the configuration from .*data\/autoscale\/config\.json to .*conf\/autoscale\/config\.json/,
    );
    expect(existsSync(join(user, 'data', 'autoscale', 'config.json'))).toBe(false);
    expect(existsSync(join(user, 'conf', 'autoscale', 'config.json'))).toBe(true);
    const again = runAsUser(['config', 'get', 'brand.profile.company', '--json'], xdg);
    expect(again.stderr).not.toMatch(/Moved/);
  });

  it('an explicit home (--home, AUTOSCALE_HOME) keeps config.json inside it', () => {
    const h = home();
    expect(runCli(['init', '--yes'], { home: h }).code).toBe(0);
    expect(existsSync(join(h, 'config.json'))).toBe(true);
  });
});

describe('sample facts and client stories', () => {
  it('are marked, flagged by doctor, and a post citing a sample case is not approved until confirmed', () => {
    const h = home();
    const cli = (...a: string[]) => runCli(['--now', NOW, ...a], { home: h });
    expect(cli('init', '--yes').code).toBe(0);
    const config = JSON.parse(readFileSync(join(h, 'config.json'), 'utf8'));
    const profile = config.brands['autoscale-ai'].profile;
    expect(profile.caseStudies.every((c: { sample?: boolean }) => c.sample === true)).toBe(true);
    expect(profile.facts.every((f: { sample?: boolean }) => f.sample === true)).toBe(true);

    const doctor = json(cli('doctor', '--json'));
    const samples = doctor.checks.find((c: { id: string }) => c.id === 'samples');
    expect(samples).toMatchObject({ status: 'warn' });
    expect(samples.message).toMatch(/9\sfacts and 3\scase studies are samples/);

    const gen = cli('generate', '--type', 'case_study', '--json');
    expect(gen.stderr).toMatch(/Variant \d cites “.*”, a sample case study shipped with autoscale/);
    const g = json(gen);
    const post = json(cli('show', g.shortId, '--json'));
    const refused = cli('approve', g.shortId, '--variant', '1', '--at', '2026-12-02 14:00');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/cites “.*”.*a sample case study shipped with autoscale, not a real client/);
    const index = Number(/caseStudies\.(\d)\.sample false/.exec(refused.stderr)?.[1]);
    expect(json(cli('show', g.shortId, '--json')).state).toBe('in_review');
    expect(post.variants[0].text).toContain(profile.caseStudies[index].result.slice(0, 12));

    // The owner confirms that story is real: the post can be approved.
    expect(cli('config', 'set', `brand.profile.caseStudies.${index}.sample`, 'false').code).toBe(0);
    const ok = cli('approve', g.shortId, '--variant', '1', '--at', '2026-12-02 14:00');
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a story replaced in the profile is still caught in an older draft, and publishing refuses it too', async () => {
    const h = home();
    const fake = await startGraphFake();
    const fbEnv = { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url };
    const cli = (...a: string[]) => runCli(['--now', NOW, ...a], { home: h });
    expect(cli('init', '--yes', ...confirmedInitArgs()).code).toBe(0);
    expect(json(cli('doctor', '--json')).checks.some((c: { id: string }) => c.id === 'samples')).toBe(false);
    const g = json(cli('generate', '--type', 'case_study', '--json'));
    expect(cli('approve', g.shortId, '--variant', '1', '--mode', 'queue', '--at', '2026-12-02 14:00').code).toBe(0);
    // The owner now replaces the stories with their own: the approved draft still cites the old one.
    const cases = join(h, 'cases.json');
    writeFileSync(
      cases,
      JSON.stringify([
        {
          title: 'Toiture à Gatineau',
          industry: 'couvreur',
          city: 'Gatineau',
          summary: 'Les appels de soumission arrivaient pendant les travaux sur les toits.',
          result: '15 soumissions de plus en juin.',
        },
      ]),
    );
    expect(cli('init', '--yes', '--force', '--case-studies', cases).code).toBe(0);
    const p = await runCliCollect(['--now', NOW, 'publish', g.shortId, '--now', '--json'], h, fbEnv);
    await fake.close();
    expect(p.code).toBe(3);
    expect(p.stderr).toMatch(/sample case study/);
    expect(fake.posts).toHaveLength(0);
    expect(json(cli('show', g.shortId, '--json')).state).toBe('approved');
  });

  it('init --case-studies checks the file and names the problem', () => {
    const h = home();
    const bad = join(h, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ title: 'Sans résultat', industry: 'x', summary: 'y' }]));
    const r = runCli(['init', '--yes', '--case-studies', bad], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--case-studies .*bad\.json: 0\.result/);
    expect(existsSync(join(h, 'config.json'))).toBe(false);
  });
});
