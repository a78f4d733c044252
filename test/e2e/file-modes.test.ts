import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, json, runCli, tempHome } from '../helpers/cli.js';

/**
 * Everything in the home is private whatever the umask (issue 21): the database and its WAL
 * files, media, config, dry-run records. An existing home open to others is tightened, and a
 * .env others can read is pointed out by every command.
 */
const NOW = '2026-12-01T15:00:00Z';

/** The built CLI under a given umask (the shell sets it, as a careless login or unit would). */
const underUmask = (umask: string, home: string, args: string[]) =>
  spawnSync('sh', ['-c', `umask ${umask}; exec "$@"`, 'sh', process.execPath, BIN, '--now', NOW, ...args], {
    env: cleanEnv(home),
    encoding: 'utf8',
  });

const modes = (root: string): { path: string; mode: number; dir: boolean }[] => {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const s = statSync(path);
      out.push({ path, mode: s.mode & 0o777, dir: s.isDirectory() });
      if (s.isDirectory()) walk(path);
    }
  };
  out.push({ path: root, mode: statSync(root).mode & 0o777, dir: true });
  walk(root);
  return out;
};

describe('file modes', () => {
  const homes: ReturnType<typeof tempHome>[] = [];
  const fresh = () => {
    const h = tempHome();
    homes.push(h);
    return h.dir;
  };
  afterAll(() => homes.forEach((h) => h.cleanup()));

  it('every file the tool writes in the home is 0600, every folder 0700, even under umask 000', () => {
    const parent = fresh();
    const home = join(parent, 'home'); // created by autoscale itself
    for (const args of [
      ['init', '--yes'],
      ['generate', '--type', 'tip', '--json'],
      ['generate', '--type', 'faq'],
    ]) {
      const r = underUmask('000', home, args);
      expect(r.status, r.stderr).toBe(0);
    }
    const id = json(runCli(['list', '--json'], { home })).posts[0].shortId as string;
    expect(underUmask('000', home, ['approve', id, '--variant', '1', '--at', '2026-12-01 14:30']).status).toBe(0);
    expect(underUmask('000', home, ['publish', id, '--immediately']).status).toBe(0); // dry run: a record in the home
    const all = modes(home);
    expect(all.some((e) => e.path.endsWith('.png') || e.path.endsWith('.jpg'))).toBe(true);
    expect(all.some((e) => e.path.includes('dry-run') && !e.dir)).toBe(true);
    for (const e of all) expect([e.path, e.mode.toString(8)]).toEqual([e.path, e.dir ? '700' : '600']);
    // SQLite gives its WAL and shared-memory files the database's own mode.
    const db = new BetterSqlite3(join(home, 'autoscale.db'));
    db.pragma('user_version');
    db.prepare(`INSERT INTO meta (key, value) VALUES ('mode-test', 'x')`).run();
    for (const suffix of ['-wal', '-shm'])
      expect((statSync(join(home, `autoscale.db${suffix}`)).mode & 0o777).toString(8)).toBe('600');
    db.close();
  });

  it('an existing home open to others is made private, and says so', () => {
    const home = fresh();
    expect(runCli(['init', '--yes'], { home }).code).toBe(0);
    expect(runCli(['generate', '--type', 'tip'], { home }).code).toBe(0);
    chmodSync(home, 0o755);
    chmodSync(join(home, 'config.json'), 0o644);
    chmodSync(join(home, 'autoscale.db'), 0o664);
    const r = runCli(['list'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${home} was open to other users \\(755\\); made private`));
    expect(r.stderr).toMatch(/config\.json was open to other users \(644\); made private/);
    expect(r.stderr).toMatch(/autoscale\.db was open to other users \(664\); made private/);
    expect((statSync(home).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(join(home, 'config.json')).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(join(home, 'autoscale.db')).mode & 0o777).toString(8)).toBe('600');
    expect(runCli(['list'], { home }).stderr).not.toMatch(/made private/);
  });

  it('every command warns about a .env that others can read, with the fix', () => {
    const home = fresh();
    expect(runCli(['init', '--yes'], { home }).code).toBe(0);
    writeFileSync(join(home, '.env'), 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T000/B000/secretsecret\n');
    chmodSync(join(home, '.env'), 0o644);
    for (const args of [['list'], ['status'], ['config', 'get', 'lang'], ['schedule'], ['costs']]) {
      const r = runCli(args, { home });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toMatch(/\.env holds keys and other users can read it \(mode 644\)\. Fix: chmod 600 .*\.env/);
    }
    chmodSync(join(home, '.env'), 0o600);
    expect(runCli(['list'], { home }).stderr).not.toMatch(/\.env holds keys/);
  });
});
